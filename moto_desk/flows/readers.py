"""The lists a clerk chooses from: readers (with location and status) and saved cards."""

from __future__ import annotations

from moto_desk.domain.errors import ErrorKind, InvalidInput, MotoDeskError, OutcomeUnknown
from moto_desk.domain.models import Reader, ReaderAction, SavedCard
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.flows.context import FlowContext, open_records
from moto_desk.flows.writes import send
from moto_desk.records.journal import JournalKind, JournalState


def list_readers(ctx: FlowContext) -> list[Reader]:
    """Online readers first, then by label, so the likely choice is at the top."""
    readers = ctx.gateway.list_readers()
    return sorted(readers, key=lambda r: (r.status != "online", r.label.casefold()))


def list_saved_cards(ctx: FlowContext, customer_id: str) -> list[SavedCard]:
    """The customer's saved cards (``card`` PaymentMethods), soonest expiry last."""
    cards = ctx.gateway.saved_cards(customer_id)
    return sorted(cards, key=lambda c: (c.exp_year, c.exp_month), reverse=True)


class ReaderChanged(MotoDeskError):
    """The reader is no longer doing what the clerk saw and agreed to clear."""

    def __init__(self) -> None:
        super().__init__(
            ErrorKind.READER_BUSY,
            QT_TRANSLATE_NOOP(
                "clerk",
                "The reader is no longer doing what you saw, so nothing was cleared. Look at "
                "what it is doing now before you decide again.",
            ),
        )


def _same(a: ReaderAction, b: ReaderAction) -> bool:
    return (a.type, a.setup_intent_id, a.payment_intent_id) == (
        b.type,
        b.setup_intent_id,
        b.payment_intent_id,
    )


def clear_reader(ctx: FlowContext, reader_id: str, seen: ReaderAction) -> Reader:
    """Force-clear another desk's action from a reader, after the clerk confirmed it.

    Another desk's save may be in progress on a shared reader; clearing it stops that desk's
    customer mid-entry. So this is never automatic: the window shows what the reader is doing
    (``seen``), the clerk confirms, and here the reader is read again first — if its action
    changed meanwhile (finished, or another desk started something else), nothing is cleared
    and :class:`ReaderChanged` says so. Journaled like every Stripe write.
    """
    current = ctx.gateway.get_reader(reader_id)
    action = current.action
    if action is None or action.status != "in_progress":
        return current  # nothing to clear any more
    if not _same(action, seen):
        raise ReaderChanged
    with open_records(ctx.records_at) as records:
        from moto_desk.domain.roles import Action
        from moto_desk.flows.clerks import check_action

        approved_by = check_action(records, ctx.identity, Action.CLEAR_READER)
        journal = records.journal
        entry = journal.begin(
            JournalKind.CLEAR_READER,
            clerk=ctx.identity.clerk,
            desk=ctx.identity.desk,
            clerk_id=ctx.identity.clerk_id,
            approved_by=approved_by,
            details={
                "reader_id": reader_id,
                "action_type": action.type,
                "intent": action.setup_intent_id or action.payment_intent_id or "",
            },
        )
        try:
            cleared = send(
                journal,
                entry.id,
                "cancel_action",
                lambda key: ctx.gateway.cancel_reader_action(reader_id, idempotency_key=key),
            )
        except OutcomeUnknown:
            raise
        except MotoDeskError as error:
            journal.mark(entry.id, JournalState.FAILED, error.kind.value, error.clerk_message)
            raise
        journal.mark(entry.id, JournalState.SUCCEEDED)
        return cleared


def find_reader(ctx: FlowContext, wanted: str) -> Reader:
    """The reader named by its id (``tmr_…``) or its label (case ignored), as a clerk or a
    script names it; :class:`InvalidInput` listing the readers there are otherwise."""
    wanted = wanted.strip()
    readers = list_readers(ctx)
    for reader in readers:
        if reader.id == wanted or reader.label.casefold() == wanted.casefold():
            return reader
    raise InvalidInput(
        QT_TRANSLATE_NOOP("clerk", "No reader is called “{reader}”. The readers are: {known}."),
        args={
            "reader": wanted[:60],
            "known": ", ".join(f"{r.label} ({r.id})" for r in readers) or "—",
        },
        field="reader",
    )


def find_saved_card(ctx: FlowContext, customer_id: str, payment_method_id: str) -> SavedCard:
    """One of the customer's saved cards by its id; :class:`InvalidInput` when the customer
    has no such card (never charge a card that is not the customer's own)."""
    for card in list_saved_cards(ctx, customer_id):
        if card.payment_method_id == payment_method_id:
            return card
    raise InvalidInput(
        QT_TRANSLATE_NOOP(
            "clerk",
            "The customer {customer} has no saved card {card}: it may have been removed. "
            "Check the customer's saved cards.",
        ),
        args={"customer": customer_id, "card": payment_method_id},
        field="card",
    )
