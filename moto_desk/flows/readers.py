"""The lists a clerk chooses from: readers (with location and status) and saved cards."""

from __future__ import annotations

from moto_desk.domain.models import Reader, SavedCard
from moto_desk.flows.context import FlowContext


def list_readers(ctx: FlowContext) -> list[Reader]:
    """Online readers first, then by label, so the likely choice is at the top."""
    readers = ctx.gateway.list_readers()
    return sorted(readers, key=lambda r: (r.status != "online", r.label.casefold()))


def list_saved_cards(ctx: FlowContext, customer_id: str) -> list[SavedCard]:
    """The customer's saved cards (``card`` PaymentMethods), soonest expiry last."""
    cards = ctx.gateway.saved_cards(customer_id)
    return sorted(cards, key=lambda c: (c.exp_year, c.exp_month), reverse=True)
