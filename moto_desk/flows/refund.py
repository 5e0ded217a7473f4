"""Refund all or part of a charge; journaled and idempotent like every write."""

from __future__ import annotations

from dataclasses import dataclass

from moto_desk.domain.errors import MotoDeskError, OutcomeUnknown
from moto_desk.domain.models import RefundResult
from moto_desk.domain.money import Money
from moto_desk.domain.roles import Action
from moto_desk.flows.clerks import check_action
from moto_desk.flows.context import FlowContext, open_records
from moto_desk.flows.progress import Progress, Step
from moto_desk.flows.writes import records_lost_midway, send
from moto_desk.records.connection import serialise
from moto_desk.records.database import storage_errors, transaction
from moto_desk.records.journal import JournalKind, JournalState, OperationJournal

REASONS = ("requested_by_customer", "duplicate", "fraudulent")


@dataclass(frozen=True)
class RefundRequest:
    payment_intent_id: str
    customer_id: str | None
    amount: Money | None  # None: whatever remains
    reason: str | None = "requested_by_customer"


def refund_charge(ctx: FlowContext, request: RefundRequest) -> RefundResult:
    with open_records(ctx.records_at) as records:
        journal = records.journal
        approved_by = check_action(records, ctx.identity, Action.REFUND, request.amount)
        with storage_errors(), transaction(records.conn):
            # What is left and the new entry in one transaction every desk refunding this
            # payment serialises on: two desks cannot both refund the last $10.
            serialise(records.conn, f"refund:{request.payment_intent_id}")
            left = _left_to_refund(journal, request.payment_intent_id)
            if left is not None:
                check_refund_amount(request.amount or left, left)
            entry = journal.begin(
                JournalKind.REFUND,
                clerk=ctx.identity.clerk,
                desk=ctx.identity.desk,
                clerk_id=ctx.identity.clerk_id,
                approved_by=approved_by,
                customer_id=request.customer_id,
                amount=request.amount,
                details={"payment_intent": request.payment_intent_id, "reason": request.reason},
            )
        with records_lost_midway(lambda: entry.id):
            ctx.report(Progress(Step.REFUNDING, entry_id=entry.id))
            try:
                result = send(
                    journal,
                    entry.id,
                    "create_refund",
                    lambda key: ctx.gateway.refund(
                        payment_intent_id=request.payment_intent_id,
                        amount=request.amount,
                        reason=request.reason,
                        metadata=ctx.metadata(entry.id, approved_by=approved_by or ""),
                        idempotency_key=key,
                    ),
                    object_id=lambda r: r.refund_id,
                )
            except OutcomeUnknown:
                raise
            except MotoDeskError as error:
                journal.mark(entry.id, JournalState.FAILED, error.kind.value, error.clerk_message)
                raise
            journal.record_object(entry.id, result.refund_id)
            journal.mark(entry.id, JournalState.SUCCEEDED, result.status)
            return result


def _left_to_refund(journal: OperationJournal, payment_intent_id: str) -> Money | None:
    """What the journal says is left of the charge that made ``payment_intent_id`` (refunds
    succeeded or in doubt count as given back); None when no desk of ours made the charge
    (Stripe then decides)."""
    charges = [
        e
        for e in journal.by_object(payment_intent_id)
        if e.kind is JournalKind.CHARGE and e.state is JournalState.SUCCEEDED and e.amount
    ]
    if not charges or charges[0].amount is None:
        return None
    charged = charges[0].amount
    given = Money(0, charged.currency)
    # Every desk's refunds of this PaymentIntent, by the index on it (not the customer's
    # last 10,000 refunds, as before: a busy account could have hidden older ones).
    for refund in journal.refunds_of([payment_intent_id]).get(payment_intent_id, []):
        if refund.state in (JournalState.FAILED, JournalState.CANCELED):
            continue
        if refund.amount is None:  # "whatever remains": nothing is left after it
            return Money(0, charged.currency)
        if refund.amount.currency == charged.currency:
            given = given + refund.amount
    return charged - given


def check_refund_amount(amount: Money, left: Money) -> None:
    """Refuse a refund larger than what is left of the charge, or finer than the currency's
    card step, in the clerk's words — before anything is sent."""
    from moto_desk.domain.errors import InvalidInput
    from moto_desk.domain.money import currency_rule, format_money
    from moto_desk.domain.words import QT_TRANSLATE_NOOP

    if left.amount <= 0:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("clerk", "Nothing is left to refund on this payment."),
            field="amount",
        )
    if amount.currency != left.currency or amount > left:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("clerk", "Only {left} is left to refund: type {left} or less."),
            args={"left": format_money(left)},
            field="amount",
        )
    step = currency_rule(amount.currency).card_step
    if amount.amount % step:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("clerk", "Amounts in {currency} end in 0 (for example {example})."),
            args={
                "currency": amount.currency.upper(),
                "example": format_money(
                    Money(amount.amount - amount.amount % step, amount.currency)
                ),
            },
            field="amount",
        )
