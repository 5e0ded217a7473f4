"""Remove a saved card (detach it from the customer) and record the revocation."""

from __future__ import annotations

from dataclasses import dataclass

from moto_desk.domain.errors import MotoDeskError, OutcomeUnknown
from moto_desk.domain.models import SavedCard
from moto_desk.flows.context import FlowContext, open_records
from moto_desk.flows.progress import Progress, Step
from moto_desk.flows.writes import send
from moto_desk.records.journal import JournalKind, JournalState


@dataclass(frozen=True)
class RemoveCardRequest:
    customer_id: str
    card: SavedCard
    reason: str


def remove_card(ctx: FlowContext, request: RemoveCardRequest) -> None:
    """Detach permanently (Stripe can never re-attach it) and revoke its consent record.

    The reason is checked first, in words: after the detach nothing can be undone.
    """
    from moto_desk.flows.consent_evidence import check_withdrawal_reason

    request = RemoveCardRequest(
        request.customer_id, request.card, check_withdrawal_reason(request.reason)
    )
    with open_records(ctx.records_at) as records:
        from moto_desk.domain.roles import Action
        from moto_desk.flows.clerks import check_action

        check_action(records, ctx.identity, Action.REMOVE_CARD)
        journal = records.journal
        entry = journal.begin(
            JournalKind.DETACH,
            clerk=ctx.identity.clerk,
            desk=ctx.identity.desk,
            clerk_id=ctx.identity.clerk_id,
            customer_id=request.customer_id,
            payment_method_id=request.card.payment_method_id,
            details={"reason": request.reason},
        )
        ctx.report(Progress(Step.REMOVING_CARD, entry_id=entry.id))
        try:
            send(
                journal,
                entry.id,
                "detach_payment_method",
                lambda key: ctx.gateway.detach_card(
                    request.card.payment_method_id, idempotency_key=key
                ),
            )
        except OutcomeUnknown:
            raise
        except MotoDeskError as error:
            journal.mark(entry.id, JournalState.FAILED, error.kind.value, error.clerk_message)
            raise
        journal.record_object(entry.id, request.card.payment_method_id)
        consent = records.ledger.active_consent_for_card(request.card.payment_method_id)
        if consent is not None:
            records.ledger.record_revocation(
                consent.record_id,
                reason=request.reason,
                clerk=ctx.identity.clerk,
                desk=ctx.identity.desk,
                clerk_id=ctx.identity.clerk_id,
            )
        journal.mark(entry.id, JournalState.SUCCEEDED)
