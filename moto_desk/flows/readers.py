"""The lists a clerk chooses from: readers (with location and status) and saved cards."""

from __future__ import annotations

from moto_desk.domain.errors import ErrorKind, MotoDeskError, OutcomeUnknown
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
    with open_records(ctx.database_path) as records:
        journal = records.journal
        entry = journal.begin(
            JournalKind.CLEAR_READER,
            clerk=ctx.identity.clerk,
            desk=ctx.identity.desk,
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
