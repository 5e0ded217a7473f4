"""``moto-desk charge``, ``refund`` and ``remove-card``: the window's flows, headless.

What was typed is checked first (ids of the right kind, the amount in the currency's own
rules) and refused with the window's words before anything reaches Stripe; the flows then
journal each write with its idempotency key stored first, exactly as from the window.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from moto_desk.cli import shapes
from moto_desk.cli.desk import opened
from moto_desk.cli.exit_codes import ExitCode
from moto_desk.cli.options import GlobalOptions
from moto_desk.cli.output import Output
from moto_desk.domain.ids import IdKind, check_id
from moto_desk.domain.money import format_money, parse_amount
from moto_desk.domain.words import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from moto_desk.records.store import Where
from moto_desk.flows.progress import Progress


class _EntrySeen:
    """Remembers the journal entry a flow reports, for the result and for errors."""

    def __init__(self) -> None:
        self.entry_id: str | None = None

    def __call__(self, report: Progress) -> None:
        if report.entry_id:
            self.entry_id = report.entry_id


def charge(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.domain.money import check_chargeable
    from moto_desk.flows.charge import ChargeRequest, PossibleDuplicate, charge_saved_card
    from moto_desk.flows.readers import find_saved_card

    customer = check_id(args.customer, IdKind.CUSTOMER, field="customer")
    card_id = check_id(args.card, IdKind.CARD, field="card")
    amount = parse_amount(args.amount, args.currency.strip().lower(), "en")
    check_chargeable(amount)
    seen = _EntrySeen()
    with opened(options, out) as desk:
        ctx = desk.context(seen)
        card = find_saved_card(ctx, customer, card_id)
        request = ChargeRequest(
            customer,
            card,
            amount,
            description=args.description,
            receipt_email=args.receipt_email,
            order_reference=args.order,
            confirmed_duplicate=args.confirm_duplicate,
        )
        try:
            result = charge_saved_card(ctx, request)
        except PossibleDuplicate as duplicate:
            out.failure(
                duplicate,
                {
                    "previous": [
                        {"journal_entry": e.id, "payment": e.stripe_object_id}
                        for e in duplicate.previous
                    ],
                    "kind": "possible_duplicate",
                    "hint": "repeat with --confirm-duplicate",
                },
            )
            if not out.as_json:
                out.note(
                    out.words(
                        QT_TRANSLATE_NOOP(
                            "clerk",
                            "If the customer asked for a second payment, repeat the command "
                            "with --confirm-duplicate.",
                        )
                    )
                )
            return ExitCode.NEEDS_CONFIRMATION
        except Exception as error:
            return _failed(out, error, seen)
    data: dict[str, Any] = {
        "payment": result.payment_intent_id,
        "charge": result.charge_id,
        "status": result.status,
        "amount": shapes.money(result.amount, out.locale),
        "customer": customer,
        "card": shapes.card(card),
        "order": args.order,
        "journal_entry": seen.entry_id,
    }
    words = out.words(
        QT_TRANSLATE_NOOP("clerk", "✓ Charged {amount} to {card}"),
        amount=format_money(result.amount, out.locale),
        card=shapes.card_words(card),
    )
    return out.result(data, [words, f"payment: {result.payment_intent_id}"])


def _failed(out: Output, error: Exception, seen: _EntrySeen) -> ExitCode:
    """A flow's failure, naming the journal entry it left (closed, or open to reconcile)."""
    extra = {"journal_entry": seen.entry_id} if seen.entry_id else None
    object_id = getattr(error, "object_id", None)
    if object_id:
        extra = {**(extra or {}), "object": object_id}
    return out.failure(error, extra)


def refund(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.flows.refund import RefundRequest, check_refund_amount, refund_charge

    payment = check_id(args.payment, IdKind.PAYMENT, field="payment")
    seen = _EntrySeen()
    with opened(options, out) as desk:
        ctx = desk.context(seen)
        charged = ctx.gateway.get_payment_intent(payment)
        left = ctx.gateway.refundable_amount(payment)
        amount = left
        if args.amount is not None:
            amount = parse_amount(args.amount, charged.amount.currency, "en")
        check_refund_amount(amount, left)
        customer = _customer_of(desk.records_at, payment)
        try:
            result = refund_charge(
                ctx, RefundRequest(payment, customer, amount, reason=args.reason)
            )
        except Exception as error:
            return _failed(out, error, seen)
    data = {
        "refund": result.refund_id,
        "payment": payment,
        "status": result.status,
        "amount": shapes.money(result.amount, out.locale),
        "reason": args.reason,
        "journal_entry": seen.entry_id,
    }
    words = out.words(
        QT_TRANSLATE_NOOP("clerk", "✓ Refunded {amount} ({status})"),
        amount=format_money(result.amount, out.locale),
        status=result.status,
    )
    return out.result(data, [words, f"refund: {result.refund_id}"])


def _customer_of(database: Where, payment: str) -> str | None:
    """The customer this desk charged with ``payment``, for the refund's journal entry."""
    from moto_desk.flows.context import open_records
    from moto_desk.records.journal import JournalKind

    with open_records(database) as records:
        for entry in records.journal.by_object(payment):
            if entry.kind is JournalKind.CHARGE:
                return entry.customer_id
    return None


def remove_card(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.flows.consent_evidence import check_withdrawal_reason
    from moto_desk.flows.detach import RemoveCardRequest
    from moto_desk.flows.detach import remove_card as remove
    from moto_desk.flows.readers import find_saved_card

    customer = check_id(args.customer, IdKind.CUSTOMER, field="customer")
    card_id = check_id(args.card, IdKind.CARD, field="card")
    reason = check_withdrawal_reason(args.reason)
    seen = _EntrySeen()
    with opened(options, out) as desk:
        ctx = desk.context(seen)
        card = find_saved_card(ctx, customer, card_id)
        try:
            remove(ctx, RemoveCardRequest(customer, card, reason))
        except Exception as error:
            return _failed(out, error, seen)
    words = out.words(
        QT_TRANSLATE_NOOP("clerk", "✓ Card removed: {card}. Its consent is recorded as withdrawn."),
        card=shapes.card_words(card),
    )
    return out.result(
        {
            "customer": customer,
            "card": shapes.card(card),
            "removed": True,
            "journal_entry": seen.entry_id,
        },
        [words],
    )
