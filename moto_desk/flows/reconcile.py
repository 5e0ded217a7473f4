"""Settle every open journal entry against Stripe (at start-up, or on demand).

After a crash or a lost response, an entry may be ``pending`` (nothing sent), ``sent`` (a
request may have reached Stripe) or ``unknown`` (a response was lost). Stripe is asked what
really happened — by the object id when the journal has it, otherwise by listing the
customer's intents and matching the ``journal_id`` metadata (list endpoints are consistent
at once; search can lag, and "not found" must be trustworthy). Nothing is ever charged by
reconciliation: a charge that never reached Stripe is closed as not sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field

from moto_desk.domain.errors import MotoDeskError, ReaderBusy
from moto_desk.domain.intents import SetupIntentState
from moto_desk.domain.money import Money, format_money
from moto_desk.domain.words import QT_TRANSLATE_NOOP, Translate, render_template
from moto_desk.flows.context import FlowContext, Records, open_records
from moto_desk.flows.writes import send
from moto_desk.records.journal import JournalEntry, JournalKind, JournalState
from moto_desk.records.store import address

_PI_FINAL = {
    "succeeded": JournalState.SUCCEEDED,
    "requires_capture": JournalState.SUCCEEDED,
    "requires_payment_method": JournalState.FAILED,
    "canceled": JournalState.CANCELED,
}


@dataclass(frozen=True)
class Settled:
    """What reconciliation concluded for one entry.

    The note is a clerk's sentence kept as an English template and its values (like a
    :class:`~moto_desk.domain.errors.MotoDeskError`): :attr:`note` is the English text for the
    journal, the log and the CLI; the GUI shows :meth:`render_note` in the clerk's language.
    """

    entry_id: str
    kind: JournalKind
    state: JournalState | None  # None: still open
    note_template: str
    note_args: Mapping[str, str] = field(default_factory=dict)
    needs_attention: bool = False
    #: The entry's customer, for an entry left open (the window keeps that customer's next
    #: save waiting until Stripe has answered).
    customer_id: str | None = None
    #: The note's ``{amount}``, formatted only when the note is written, in its language
    #: (``$12.50`` in English, ``12,50 $ US`` in a French window).
    amount: Money | None = None

    def _args(self, locale: str) -> dict[str, str]:
        if self.amount is None:
            return dict(self.note_args)
        return {**self.note_args, "amount": format_money(self.amount, locale)}

    @property
    def note(self) -> str:
        """The note in English."""
        return self.note_template.format(**self._args("en"))

    def render_note(self, translate: Translate, locale: str = "en") -> str:
        """The note translated by ``translate`` (``QCoreApplication.translate`` in the GUI),
        its amount written as ``locale`` writes money."""
        return render_template(self.note_template, self._args(locale), translate)


def reconcile(ctx: FlowContext, desk: str | None = None) -> list[Settled]:
    """Reconcile the desk's open entries; one entry's failure does not stop the others.

    With the desk's own file, every open entry is this desk's (whatever name it had then).
    With the shop's records, each desk settles its own — another desk's open entry may be a
    save in progress there — unless ``desk`` names one that died and will not come back
    (``moto-desk reconcile --desk NAME``).
    """
    results: list[Settled] = []
    if desk is None and address(ctx.records_at).is_shop:
        desk = ctx.identity.desk
    with open_records(ctx.records_at) as records:
        for entry in records.journal.open_entries(desk):
            try:
                results.append(_settle(ctx, records, entry))
            except MotoDeskError as error:
                results.append(
                    Settled(
                        entry.id,
                        entry.kind,
                        None,
                        error.template,
                        error.template_args,
                        needs_attention=True,
                        customer_id=entry.customer_id,
                    )
                )
    return results


def _close(
    records: Records,
    entry: JournalEntry,
    state: JournalState,
    template: str,
    args: Mapping[str, str] | None = None,
    *,
    attention: bool = False,
    amount: Money | None = None,
) -> Settled:
    """Close ``entry`` as ``state``; the journal keeps the note in English."""
    settled = Settled(
        entry.id, entry.kind, state, template, dict(args or {}), attention, amount=amount
    )
    records.journal.mark(entry.id, state, "reconciled", settled.note, reconciled=True)
    return settled


def _charge_not_sent(records: Records, entry: JournalEntry) -> Settled:
    """A charge that never reached Stripe: nobody was charged, but the clerk last saw
    "Charging…" and must hear it, with the amount, to charge again if the order stands."""
    if entry.amount is None:
        template = QT_TRANSLATE_NOOP(
            "clerk",
            "A charge was interrupted before it reached Stripe: the customer was not charged. "
            "Charge again if the order still stands.",
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "clerk",
            "A charge of {amount} was interrupted before it reached Stripe: the customer was "
            "not charged. Charge again if the order still stands.",
        )
    return _close(
        records, entry, JournalState.FAILED, template, attention=True, amount=entry.amount
    )


def _settle(ctx: FlowContext, records: Records, entry: JournalEntry) -> Settled:
    if entry.state is JournalState.PENDING:
        if entry.kind is JournalKind.CHARGE:
            return _charge_not_sent(records, entry)
        return _close(
            records,
            entry,
            JournalState.FAILED,
            QT_TRANSLATE_NOOP("clerk", "Stopped before anything was sent."),
        )
    if entry.kind is JournalKind.CHARGE:
        return _settle_charge(ctx, records, entry)
    if entry.kind is JournalKind.SAVE_CARD:
        return _settle_save(ctx, records, entry)
    if entry.kind is JournalKind.REFUND:
        return _settle_refund(ctx, records, entry)
    if entry.kind is JournalKind.DETACH:
        return _settle_detach(ctx, records, entry)
    if entry.kind is JournalKind.CLEAR_READER:
        # Clearing a reader moves no money; whatever it did, the reader now shows the truth.
        return _close(
            records,
            entry,
            JournalState.CANCELED,
            QT_TRANSLATE_NOOP(
                "clerk", "A reader clear was interrupted. Look at the reader before using it."
            ),
            attention=True,
        )
    return _settle_customer(ctx, records, entry)


def _settle_charge(ctx: FlowContext, records: Records, entry: JournalEntry) -> Settled:
    gateway = ctx.gateway
    if entry.stripe_object_id:
        found = [gateway.get_payment_intent(entry.stripe_object_id)]
    elif entry.customer_id:
        found = gateway.payment_intents_for(entry.customer_id, entry.id)
    else:
        found = []
    if not found:
        return _charge_not_sent(records, entry)
    if len(found) > 1:  # impossible with one key per entry; shout if it ever happens
        return Settled(
            entry.id,
            entry.kind,
            None,
            QT_TRANSLATE_NOOP(
                "clerk", "{count} payments carry this journal entry — check them in Stripe."
            ),
            {"count": str(len(found))},
            needs_attention=True,
        )
    intent = found[0]
    if not entry.stripe_object_id:
        records.journal.record_object(entry.id, intent.payment_intent_id)
    state = _PI_FINAL.get(intent.status)
    if state is None:
        return Settled(
            entry.id,
            entry.kind,
            None,
            QT_TRANSLATE_NOOP("clerk", "Payment still {status}."),
            {"status": intent.status},
            needs_attention=True,
        )
    words = {
        JournalState.SUCCEEDED: QT_TRANSLATE_NOOP("clerk", "The charge went through."),
        JournalState.FAILED: QT_TRANSLATE_NOOP("clerk", "The charge was declined."),
        JournalState.CANCELED: QT_TRANSLATE_NOOP("clerk", "The charge was canceled."),
    }[state]
    return _close(records, entry, state, words, attention=state is JournalState.SUCCEEDED)


def _final_save(records: Records, entry: JournalEntry, intent: SetupIntentState) -> Settled | None:
    """Close the entry if the SetupIntent has reached a final state; None if not yet."""
    if intent.succeeded and intent.card is not None:
        consent_id = entry.details.get("consent_id")
        if isinstance(consent_id, str):
            records.ledger.record_card_saved(
                consent_id, intent.id, intent.card.payment_method_id, intent.card
            )
        records.journal.record_payment_method(entry.id, intent.card.payment_method_id)
        card = f"{intent.card.brand} •••• {intent.card.last4}"
        return _close(
            records,
            entry,
            JournalState.SUCCEEDED,
            QT_TRANSLATE_NOOP("clerk", "The card {card} was saved."),
            {"card": card},
            attention=True,
        )
    if intent.status == "canceled":
        return _close(
            records,
            entry,
            JournalState.CANCELED,
            QT_TRANSLATE_NOOP("clerk", "No card was saved."),
        )
    return None


def _settle_save(ctx: FlowContext, records: Records, entry: JournalEntry) -> Settled:
    gateway = ctx.gateway
    if entry.stripe_object_id:
        intents = [gateway.get_setup_intent(entry.stripe_object_id)]
    elif entry.customer_id:
        intents = gateway.setup_intents_for(entry.customer_id, entry.id)
    else:
        intents = []
    if not intents:
        return _close(
            records,
            entry,
            JournalState.FAILED,
            QT_TRANSLATE_NOOP("clerk", "The save never reached Stripe."),
        )
    intent = intents[0]
    if not entry.stripe_object_id:
        records.journal.record_object(entry.id, intent.id)
    final = _final_save(records, entry, intent)
    if final is not None:
        return final
    reader_id = entry.details.get("reader_id")
    if isinstance(reader_id, str):
        reader = gateway.get_reader(reader_id)
        action = reader.action
        if action and action.setup_intent_id == intent.id and action.status == "in_progress":
            return Settled(
                entry.id,
                entry.kind,
                None,
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "The reader “{reader}” is still waiting for this card. Finish or "
                    "cancel it on the reader.",
                ),
                {"reader": reader.label},
                needs_attention=True,
                customer_id=entry.customer_id,
            )
    # The reader may have finished between the two reads: ask the intent again, since a
    # save the reader just approved must be recorded, not canceled.
    final = _final_save(records, entry, gateway.get_setup_intent(intent.id))
    if final is not None:
        return final
    send(
        records.journal,
        entry.id,
        "cancel_setup_intent",
        lambda key: gateway.cancel_setup_intent(intent.id, idempotency_key=key),
    )
    return _close(
        records, entry, JournalState.CANCELED, QT_TRANSLATE_NOOP("clerk", "No card was saved.")
    )


def _settle_refund(ctx: FlowContext, records: Records, entry: JournalEntry) -> Settled:
    payment_intent = entry.details.get("payment_intent")
    found = (
        ctx.gateway.refunds_for(payment_intent, entry.id) if isinstance(payment_intent, str) else []
    )
    if not found:
        return _close(
            records,
            entry,
            JournalState.FAILED,
            QT_TRANSLATE_NOOP("clerk", "The refund never reached Stripe."),
        )
    records.journal.record_object(entry.id, found[0].refund_id)
    return _close(
        records,
        entry,
        JournalState.SUCCEEDED,
        QT_TRANSLATE_NOOP("clerk", "The refund went through."),
        attention=True,
    )


def _settle_detach(ctx: FlowContext, records: Records, entry: JournalEntry) -> Settled:
    pm = entry.payment_method_id
    if not pm:
        return _close(
            records, entry, JournalState.FAILED, QT_TRANSLATE_NOOP("clerk", "Nothing to remove.")
        )
    # Detaching is safe to repeat with the same key: Stripe replays the first answer.
    send(
        records.journal,
        entry.id,
        "detach_payment_method",
        lambda key: ctx.gateway.detach_card(pm, idempotency_key=key),
    )
    consent = records.ledger.active_consent_for_card(pm)
    if consent is not None:
        reason = entry.details.get("reason")
        records.ledger.record_revocation(
            consent.record_id,
            reason=str(reason or "card removed"),
            clerk=entry.clerk or "",
            desk=entry.desk or "",
        )
    return _close(
        records,
        entry,
        JournalState.SUCCEEDED,
        QT_TRANSLATE_NOOP("clerk", "The card was removed."),
    )


def _settle_customer(ctx: FlowContext, records: Records, entry: JournalEntry) -> Settled:
    form = entry.details.get("form")
    if not isinstance(form, dict):
        return _close(
            records, entry, JournalState.FAILED, QT_TRANSLATE_NOOP("clerk", "Nothing to create.")
        )
    # Creating a customer is harmless to complete: repeat with the same key.
    customer = send(
        records.journal,
        entry.id,
        "create_customer",
        lambda key: ctx.gateway.create_customer(
            name=str(form.get("name") or ""),
            email=form.get("email"),
            phone=form.get("phone"),
            # Exactly the first request's metadata: the same key with other parameters is an
            # idempotency error at Stripe.
            metadata={
                "journal_id": entry.id,
                "clerk": entry.clerk or "",
                "desk": entry.desk or "",
            },
            idempotency_key=key,
        ),
    )
    records.journal.record_object(entry.id, customer.id)
    records.customers.remember(customer)
    return _close(
        records,
        entry,
        JournalState.SUCCEEDED,
        QT_TRANSLATE_NOOP("clerk", "Customer {name} created."),
        {"name": customer.name or customer.id},
    )


def stop_and_settle_save(ctx: FlowContext, entry_id: str) -> Settled:
    """The clerk gives up on a stalled save: stop the reader, then settle by Stripe's word.

    The reader is told to cancel only if it still shows this entry's SetupIntent in
    progress; a reader mid-authorisation cannot stop, and its result then decides. The
    SetupIntent is read afterwards, so a card approved at the last moment is recorded.
    """
    with open_records(ctx.records_at) as records:
        entry = records.journal.get(entry_id)
        if entry is None or entry.kind is not JournalKind.SAVE_CARD:
            raise KeyError(f"no save-card journal entry {entry_id}")
        if not entry.is_open:
            return Settled(
                entry.id,
                entry.kind,
                entry.state,
                QT_TRANSLATE_NOOP("clerk", "This save was already settled."),
            )
        reader_id = entry.details.get("reader_id")
        intent_id = entry.stripe_object_id
        if intent_id and isinstance(reader_id, str):
            action = ctx.gateway.get_reader(reader_id).action
            if action and action.setup_intent_id == intent_id and action.status == "in_progress":
                # Mid-authorisation the reader cannot stop (ReaderBusy): its result decides.
                with suppress(ReaderBusy):
                    send(
                        records.journal,
                        entry.id,
                        "cancel_action.stop",
                        lambda key: ctx.gateway.cancel_reader_action(
                            reader_id, idempotency_key=key
                        ),
                    )
        return _settle(ctx, records, records.journal.get(entry_id) or entry)
