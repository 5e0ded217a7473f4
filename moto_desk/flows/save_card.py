"""Save a card by MOTO on a Terminal reader — the five steps of Stripe's guide.

1. the customer exists (chosen by the clerk);
2. the consent record is written first — no consent, no save;
3. a SetupIntent (customer, ``allowed_payment_method_types=[card]``, ``usage=off_session``,
   metadata linking the journal entry, the consent record, clerk and desk);
4. ``process_setup_intent`` with ``process_config[moto]=true`` and the clerk's
   ``allow_redisplay``; the reader asks for number, expiry, CVC and postal code;
5. verify the reader state (poll its action), then retrieve the SetupIntent — the
   SetupIntent, not the reader, is the truth about whether a card was saved.

Every failure ends in a domain error with words for the clerk, and the journal entry in a
final state (or ``unknown``/``sent`` when only Stripe can tell, for reconciliation).
"""

from __future__ import annotations

from dataclasses import dataclass

from moto_desk.domain.consent import ConsentTerms
from moto_desk.domain.errors import (
    Declined,
    ErrorKind,
    InvalidInput,
    MotoDeskError,
    OutcomeUnknown,
    ReaderBusy,
)
from moto_desk.domain.intents import SetupIntentState
from moto_desk.domain.models import AllowRedisplay, Channel, Reader, ReaderAction, SaveResult
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.flows.context import FlowContext, Records, open_records
from moto_desk.flows.progress import Progress, Step
from moto_desk.flows.reader_watch import DEFAULT_DEADLINE_S, WatchEnd, watch_action
from moto_desk.flows.writes import records_lost_midway, send
from moto_desk.records.journal import JournalKind, JournalState
from moto_desk.records.shop_settings import check_terms

#: failure_code values a reader reports when the customer or reader gave up, not the bank.
_CUSTOMER_CANCEL = "customer_canceled"


@dataclass(frozen=True)
class SaveRequest:
    customer_id: str
    customer_name: str
    reader_id: str
    reader_label: str
    channel: Channel
    allow_redisplay: AllowRedisplay
    terms: ConsentTerms
    consent_given: bool
    deadline_s: float = DEFAULT_DEADLINE_S


class ReaderStalled(MotoDeskError):
    """The reader's action has not ended by the deadline; the clerk may cancel it.

    The journal entry stays open (``sent``); ``reconcile.stop_and_settle_save`` (the clerk
    gives up) or start-up reconciliation closes it.
    """

    def __init__(self, entry_id: str, reader_label: str, waited_s: float) -> None:
        minutes = max(1, round(waited_s / 60))
        super().__init__(
            ErrorKind.READER_TIMEOUT,
            QT_TRANSLATE_NOOP(
                "clerk",
                "The reader “{reader}” has shown no result for {minutes} minute(s). "
                "If the customer is still giving the card details, wait; otherwise cancel the "
                "reader's action.",
            ),
            args={"reader": reader_label, "minutes": str(minutes)},
        )
        self.entry_id = entry_id


def check_consent_given(consent_given: bool) -> None:
    """No consent, no save: refused before anything is recorded or sent."""
    if not consent_given:
        raise InvalidInput(
            QT_TRANSLATE_NOOP(
                "clerk",
                "The customer's consent is required before saving a card. Read the terms to "
                "the customer and tick the consent box.",
            ),
            field="consent",
        )


def save_card(ctx: FlowContext, request: SaveRequest) -> SaveResult:
    """Run the whole save; see the module docstring."""
    check_consent_given(request.consent_given)
    with open_records(ctx.records_at) as records:
        run = _SaveRun(ctx, records, request)
        with records_lost_midway(lambda: run.entry_id):
            try:
                return run.run()
            except (OutcomeUnknown, ReaderStalled):
                raise  # open on purpose: only Stripe (reconciliation) can settle these
            except MotoDeskError as error:
                if error.kind is not ErrorKind.STORAGE:
                    run.close_after(error)
                raise


class _SaveRun:
    def __init__(self, ctx: FlowContext, records: Records, request: SaveRequest) -> None:
        self.ctx = ctx
        self.records = records
        self.journal = records.journal
        self.request = request
        self.gateway = ctx.gateway
        self.entry_id = ""
        self.setup_intent_id = ""

    def _report(self, step: Step, waited_s: float = 0.0) -> None:
        self.ctx.report(Progress(step, self.request.reader_label, waited_s, self.entry_id or None))

    def run(self) -> SaveResult:
        request = self.request
        identity = self.ctx.identity
        check_terms(self.records.conn, request.terms)
        from moto_desk.domain.roles import Action
        from moto_desk.flows.clerks import check_action

        check_action(self.records, identity, Action.SAVE_CARD)
        entry = self.journal.begin(
            JournalKind.SAVE_CARD,
            clerk=identity.clerk,
            desk=identity.desk,
            clerk_id=identity.clerk_id,
            customer_id=request.customer_id,
            details={"reader_id": request.reader_id, "channel": request.channel.value},
        )
        self.entry_id = entry.id
        self._report(Step.RECORDING_CONSENT)
        consent = self.records.ledger.record_consent(
            customer_id=request.customer_id,
            clerk=identity.clerk,
            desk=identity.desk,
            clerk_id=identity.clerk_id,
            channel=request.channel,
            terms=request.terms,
            allow_redisplay=request.allow_redisplay,
        )
        self.journal.add_details(entry.id, {"consent_id": consent.record_id})
        if self.ctx.cancel.cancelled:
            return self._canceled_before_stripe()

        self._report(Step.CREATING_INTENT)
        intent = send(
            self.journal,
            entry.id,
            "create_setup_intent",
            lambda key: self.gateway.create_setup_intent(
                request.customer_id,
                # The consent record's hash goes to Stripe too: a witness outside the
                # database (``ledger verify --against-stripe``).
                self.ctx.metadata(
                    entry.id, consent_id=consent.record_id, consent_hash=consent.hash
                ),
                idempotency_key=key,
            ),
            summary={"customer": request.customer_id},
            object_id=lambda si: si.id,
        )
        self.setup_intent_id = intent.id
        self.journal.record_object(entry.id, intent.id)
        if self.ctx.cancel.cancelled:
            self._cancel_intent()
            return self._canceled()

        self._report(Step.SENDING_TO_READER)
        self._send_to_reader()

        self._report(Step.WAITING_FOR_CARD)
        try:
            outcome = watch_action(
                lambda: self.gateway.get_reader(request.reader_id),
                self._is_ours,
                self.ctx.cancel,
                deadline_s=request.deadline_s,
                on_wait=lambda waited: self._report(Step.WAITING_FOR_CARD, waited),
            )
            if outcome.end is WatchEnd.CANCEL_REQUESTED:
                self._report(Step.CANCELING)
                self._cancel_reader_action()
            elif outcome.end is WatchEnd.DEADLINE:
                raise ReaderStalled(entry.id, request.reader_label, outcome.waited_s)

            self._report(Step.VERIFYING)
            final = self.gateway.get_setup_intent(intent.id)
        except MotoDeskError as error:
            if error.kind not in (ErrorKind.NETWORK, ErrorKind.RATE_LIMITED):
                raise
            # The reader has the card request; only Stripe can now say whether a card was
            # saved. Leave the entry for reconciliation rather than guess.
            self.journal.mark(entry.id, JournalState.UNKNOWN, "outcome_unknown", error.detail)
            raise OutcomeUnknown(
                entry.id, detail=error.detail, request_id=error.request_id
            ) from None
        return self._conclude(final, outcome.action, consent.record_id, outcome.end)

    # ------------------------------------------------------------------ reader
    def _is_ours(self, action: ReaderAction) -> bool:
        return action.setup_intent_id == self.setup_intent_id

    def _send_to_reader(self) -> None:
        request = self.request
        attempt = 1
        while True:
            step = "process_setup_intent" if attempt == 1 else f"process_setup_intent.{attempt}"
            try:
                send(
                    self.journal,
                    self.entry_id,
                    step,
                    lambda key: self.gateway.process_setup_intent(
                        request.reader_id,
                        self.setup_intent_id,
                        request.allow_redisplay.value,
                        idempotency_key=key,
                    ),
                    summary={"reader": request.reader_id, "setup_intent": self.setup_intent_id},
                )
                return
            except ReaderBusy:
                self._fail_and_cleanup(self._busy_error())
            except MotoDeskError as error:
                if error.kind is ErrorKind.READER_TIMEOUT:
                    # A false negative is possible: the command may have reached the reader.
                    reader = self.gateway.get_reader(request.reader_id)
                    if reader.action is not None and self._is_ours(reader.action):
                        return
                    if attempt < 2:
                        attempt += 1
                        continue
                if error.kind in (
                    ErrorKind.READER_OFFLINE,
                    ErrorKind.READER_TIMEOUT,
                    ErrorKind.MOTO_NOT_ENABLED,
                    ErrorKind.NOT_FOUND,
                    ErrorKind.PERMISSION,
                    ErrorKind.AUTHENTICATION,
                ):
                    self._fail_and_cleanup(error)
                raise

    def _busy_error(self) -> ReaderBusy:
        """Say who holds the reader: one of this desk's open saves, or someone else."""
        reader: Reader | None
        try:
            reader = self.gateway.get_reader(self.request.reader_id)
        except MotoDeskError:
            reader = None
        action = reader.action if reader is not None else None
        holder_intent = action.setup_intent_id or action.payment_intent_id if action else None
        if holder_intent is None:
            return ReaderBusy(None)
        ours = any(
            e.stripe_object_id == holder_intent
            for e in self.journal.open_entries()
            if e.id != self.entry_id
        )
        if ours:
            return ReaderBusy(True)
        return ReaderBusy(False)

    def _cancel_reader_action(self) -> None:
        """Ask the reader to stop; if it is mid-authorisation, wait for it to finish."""
        for attempt in range(1, 4):
            try:
                send(
                    self.journal,
                    self.entry_id,
                    "cancel_action" if attempt == 1 else f"cancel_action.{attempt}",
                    lambda key: self.gateway.cancel_reader_action(
                        self.request.reader_id, idempotency_key=key
                    ),
                )
                return
            except ReaderBusy:
                # Mid-authorisation: the reader cannot stop now; its result will decide.
                from moto_desk.flows.cancel import CancelToken

                watch_action(
                    lambda: self.gateway.get_reader(self.request.reader_id),
                    self._is_ours,
                    CancelToken(),
                    deadline_s=30.0,
                )
        # Could not cancel: the SetupIntent read that follows says what really happened.

    # ------------------------------------------------------------------ outcomes
    def _conclude(
        self,
        final: SetupIntentState,
        action: ReaderAction | None,
        consent_id: str,
        end: WatchEnd,
    ) -> SaveResult:
        if final.succeeded and final.card is not None:
            # Approved — even if the clerk pressed cancel: the cancel lost the race.
            self.records.ledger.record_card_saved(
                consent_id,
                setup_intent_id=final.id,
                payment_method_id=final.card.payment_method_id,
                card=final.card,
            )
            self.journal.record_payment_method(self.entry_id, final.card.payment_method_id)
            self.journal.mark(self.entry_id, JournalState.SUCCEEDED)
            self._report(Step.DONE)
            return SaveResult(final.id, final.card, self.request.customer_id)
        if end is WatchEnd.CANCEL_REQUESTED:
            self._cancel_intent()
            return self._canceled()
        if action is not None and action.status == "failed":
            if action.failure_code == _CUSTOMER_CANCEL:
                self._cancel_intent()
                raise self._closed(
                    JournalState.CANCELED,
                    MotoDeskError(
                        ErrorKind.CANCELED,
                        QT_TRANSLATE_NOOP(
                            "clerk",
                            "The customer's entry was canceled on the reader. No card was saved. "
                            "You can start again when the customer is ready.",
                        ),
                    ),
                    action.failure_code,
                )
            if (
                final.error_code
                or final.decline_code
                or action.failure_code
                in (
                    "card_declined",
                    "expired_card",
                    "incorrect_cvc",
                    "incorrect_number",
                    "processing_error",
                )
            ):
                self._cancel_intent()
                raise self._closed(
                    JournalState.FAILED,
                    Declined(final.decline_code, final.error_code or action.failure_code),
                    final.decline_code or final.error_code or action.failure_code,
                )
            self._cancel_intent()
            raise self._closed(
                JournalState.FAILED,
                MotoDeskError(
                    ErrorKind.READER_TIMEOUT,
                    QT_TRANSLATE_NOOP(
                        "clerk",
                        "The reader stopped before a card was entered ({reason}). "
                        "No card was saved; try again when the customer is ready.",
                    ),
                    # Stripe's own words (English) or its code: quoted as given.
                    args={"reason": action.failure_message or action.failure_code or "?"},
                ),
                action.failure_code,
            )
        # The reader no longer shows our action and the SetupIntent did not succeed:
        # cancelled from elsewhere, or another desk's command replaced ours.
        self._cancel_intent()
        raise self._closed(
            JournalState.CANCELED,
            MotoDeskError(
                ErrorKind.CANCELED,
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "The reader stopped this save before a card was entered — it was canceled "
                    "or taken over by another desk. No card was saved.",
                ),
            ),
            "reader_cleared",
        )

    def close_after(self, error: MotoDeskError) -> None:
        """A step failed with a known cause: never leave the entry looking in flight.

        The entry is closed as failed only once our SetupIntent is canceled (or was never
        created): a SetupIntent still open may yet be completed by a reader that got the
        command after all, so then the entry stays open and :class:`OutcomeUnknown` is
        raised instead — reconciliation asks Stripe.
        """
        entry = self.journal.get(self.entry_id) if self.entry_id else None
        if entry is None or not entry.is_open or entry.state is JournalState.UNKNOWN:
            return
        if not self._cancel_intent():
            self.journal.mark(self.entry_id, JournalState.UNKNOWN, "outcome_unknown", error.detail)
            raise OutcomeUnknown(
                self.entry_id, detail=error.detail, request_id=error.request_id
            ) from error
        self.journal.mark(self.entry_id, JournalState.FAILED, error.kind.value, error.clerk_message)

    def _cancel_intent(self) -> bool:
        """Cancel our SetupIntent so it can never be completed later by a stray reader;
        False when it exists and could not be canceled."""
        if not self.setup_intent_id:
            return True
        try:
            send(
                self.journal,
                self.entry_id,
                "cancel_setup_intent",
                lambda key: self.gateway.cancel_setup_intent(
                    self.setup_intent_id, idempotency_key=key
                ),
            )
        except MotoDeskError:
            # Where the reader never got the command, a SetupIntent left in
            # requires_payment_method saves nothing; close_after() treats the other case.
            return False
        return True

    def _closed(self, state: JournalState, error: MotoDeskError, code: str | None) -> MotoDeskError:
        self.journal.mark(self.entry_id, state, code, error.clerk_message)
        return error

    def _fail_and_cleanup(self, error: MotoDeskError) -> None:
        self._cancel_intent()
        raise self._closed(JournalState.FAILED, error, error.kind.value)

    def _canceled(self) -> SaveResult:
        raise self._closed(
            JournalState.CANCELED,
            # The window's headline already says "Canceled — no card saved": the detail
            # adds what the clerk may wonder next, rather than saying it again.
            MotoDeskError(
                ErrorKind.CANCELED,
                QT_TRANSLATE_NOOP("clerk", "You canceled the save. The reader is free again."),
            ),
            "canceled_by_clerk",
        )

    def _canceled_before_stripe(self) -> SaveResult:
        return self._canceled()
