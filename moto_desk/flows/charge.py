"""Charge a saved card off-session, exactly once per clerk intention.

The PaymentIntent carries ``customer``, ``payment_method``, ``off_session=true`` and
``confirm=true``: the customer is not present, so a card that needs authentication fails
cleanly (``authentication_required``) instead of waiting for a 3-D Secure challenge
nobody can answer. A second charge of the same amount to the same card within
``DUPLICATE_WINDOW`` needs the clerk's explicit confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from moto_desk.domain.errors import ErrorKind, MotoDeskError, OutcomeUnknown
from moto_desk.domain.models import ChargeResult, SavedCard
from moto_desk.domain.money import Money, check_chargeable
from moto_desk.domain.roles import Action
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.flows.clerks import check_action
from moto_desk.flows.context import FlowContext, Records, open_records
from moto_desk.flows.progress import Progress, Step
from moto_desk.flows.writes import records_lost_midway, send
from moto_desk.records.journal import JournalEntry, JournalKind, JournalState, RecentCharges
from moto_desk.records.ledger import LedgerKind

DUPLICATE_WINDOW = timedelta(minutes=5)


@dataclass(frozen=True)
class ChargeRequest:
    customer_id: str
    card: SavedCard
    amount: Money
    description: str | None = None
    receipt_email: str | None = None
    order_reference: str | None = None
    #: The clerk confirmed a charge that looks like a repeat of a recent one.
    confirmed_duplicate: bool = False


class PossibleDuplicate(MotoDeskError):
    """The same amount went to the same card minutes ago; the clerk must confirm."""

    def __init__(self, previous: list[JournalEntry]) -> None:
        minutes = int(DUPLICATE_WINDOW.total_seconds() // 60)
        super().__init__(
            ErrorKind.INVALID_INPUT,
            QT_TRANSLATE_NOOP(
                "clerk",
                "This card was charged the same amount less than {minutes} minutes ago. "
                "Charge it again only if the customer asked for a second, separate payment.",
            ),
            args={"minutes": str(minutes)},
        )
        self.previous = previous


def _check_consent(records: Records, request: ChargeRequest) -> None:
    """Refuse a card whose consent was recorded and later withdrawn (at any desk of the
    shop, when the desk uses the shop's records).

    A card saved elsewhere (before the shop shared its records, or in the Dashboard) has no
    record; the confirmation step shows that, and the charge is the clerk's call. A withdrawn
    consent is not: the card must not be used.
    """
    pm = request.card.payment_method_id
    saved_here = [
        r
        for r in records.ledger.records(request.customer_id)
        if r.kind is LedgerKind.CARD_SAVED and r.payment_method_id == pm
    ]
    if saved_here and records.ledger.active_consent_for_card(pm) is None:
        raise MotoDeskError(
            ErrorKind.INVALID_INPUT,
            QT_TRANSLATE_NOOP(
                "clerk",
                "The customer withdrew their consent for this card, so it must not be "
                "charged. Ask the customer for a new consent and save the card again.",
            ),
        )


def charge_saved_card(ctx: FlowContext, request: ChargeRequest) -> ChargeResult:
    check_chargeable(request.amount)
    identity = ctx.identity
    with open_records(ctx.records_at) as records:
        journal = records.journal
        _check_consent(records, request)
        approved_by = check_action(records, identity, Action.CHARGE, request.amount)
        if request.confirmed_duplicate and journal.recent_charges(
            request.customer_id,
            request.card.payment_method_id,
            request.amount,
            DUPLICATE_WINDOW,
        ):
            approved_by = check_action(records, identity, Action.CHARGE_DUPLICATE) or approved_by
        try:
            # The duplicate guard and the new entry are one transaction that every desk
            # charging this card serialises on: of two desks pressing Charge at the same
            # instant, one charges and the other is asked.
            entry = journal.begin(
                JournalKind.CHARGE,
                clerk=identity.clerk,
                desk=identity.desk,
                clerk_id=identity.clerk_id,
                approved_by=approved_by,
                customer_id=request.customer_id,
                amount=request.amount,
                payment_method_id=request.card.payment_method_id,
                order_reference=request.order_reference,
                details={"card": f"{request.card.brand} {request.card.last4}"},
                refuse_if_recent=None if request.confirmed_duplicate else DUPLICATE_WINDOW,
            )
        except RecentCharges as recent:
            raise PossibleDuplicate(recent.entries) from None
        with records_lost_midway(lambda: entry.id):
            ctx.report(Progress(Step.CHARGING, entry_id=entry.id))
            metadata = ctx.metadata(
                entry.id,
                order_reference=request.order_reference or "",
                approved_by=approved_by or "",
            )
            try:
                result = send(
                    journal,
                    entry.id,
                    "create_payment_intent",
                    lambda key: ctx.gateway.charge_off_session(
                        customer_id=request.customer_id,
                        payment_method_id=request.card.payment_method_id,
                        amount=request.amount,
                        metadata=metadata,
                        description=request.description,
                        receipt_email=request.receipt_email,
                        idempotency_key=key,
                    ),
                    summary={"amount": request.amount.amount, "currency": request.amount.currency},
                    object_id=lambda r: r.payment_intent_id,
                )
            except OutcomeUnknown:
                raise
            except MotoDeskError as error:
                if error.object_id:
                    journal.record_object(entry.id, error.object_id)
                code = getattr(error, "decline_code", None) or error.kind.value
                journal.mark(entry.id, JournalState.FAILED, code, error.clerk_message)
                raise
            journal.record_object(entry.id, result.payment_intent_id)
            final = JournalState.SUCCEEDED if result.status == "succeeded" else JournalState.FAILED
            journal.mark(entry.id, final, result.status)
            if final is JournalState.FAILED:
                raise MotoDeskError(
                    ErrorKind.DECLINED,
                    QT_TRANSLATE_NOOP(
                        "clerk",
                        "The payment did not complete (status: {status}). Nothing was charged.",
                    ),
                    args={"status": result.status},
                )
        ctx.report(Progress(Step.DONE, entry_id=entry.id))
        return result
