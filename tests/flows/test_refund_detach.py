"""Refunds and card removal, journaled and audited."""

from __future__ import annotations

import pytest

from moto_desk.domain.errors import InvalidInput, MotoDeskError
from moto_desk.domain.money import Money
from moto_desk.flows.charge import ChargeRequest, charge_saved_card
from moto_desk.flows.detach import RemoveCardRequest, remove_card
from moto_desk.flows.refund import RefundRequest, refund_charge
from moto_desk.flows.save_card import save_card
from moto_desk.records.journal import JournalKind, JournalState

from .conftest import Desk, card


def test_partial_then_full_refund_then_nothing_left(desk: Desk) -> None:
    customer = desk.customer()
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card("4242424242424242"))
    saved = save_card(desk.ctx, desk.save_request(customer, reader)).card
    charge = charge_saved_card(desk.ctx, ChargeRequest(customer.id, saved, Money(5000, "usd")))
    part = refund_charge(
        desk.ctx, RefundRequest(charge.payment_intent_id, customer.id, Money(1500, "usd"))
    )
    assert part.amount == Money(1500, "usd")
    rest = refund_charge(desk.ctx, RefundRequest(charge.payment_intent_id, customer.id, None))
    assert rest.amount == Money(3500, "usd")
    # Nothing left: refused from the journal (every desk's refunds), before Stripe.
    with pytest.raises(InvalidInput, match="Nothing is left to refund"):
        refund_charge(desk.ctx, RefundRequest(charge.payment_intent_id, customer.id, None))
    with desk.records() as records:
        states = [e.state for e in records.journal.list(kind=JournalKind.REFUND)]
    assert states == [JournalState.SUCCEEDED, JournalState.SUCCEEDED]


def test_removing_a_card_detaches_it_and_revokes_consent(desk: Desk) -> None:
    customer = desk.customer()
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card("4242424242424242"))
    saved = save_card(desk.ctx, desk.save_request(customer, reader)).card
    remove_card(desk.ctx, RemoveCardRequest(customer.id, saved, "customer asked by phone"))
    assert desk.gateway.saved_cards(customer.id) == []
    with desk.records() as records:
        kinds = [r.kind.value for r in records.ledger.records(customer.id)]
        assert kinds == ["consent", "card_saved", "revocation"]
        assert records.ledger.active_consent_for_card(saved.payment_method_id) is None
        assert records.ledger.verify().ok


def test_a_card_whose_consent_was_withdrawn_is_not_charged(desk: Desk) -> None:
    customer = desk.customer()
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card("4242424242424242"))
    saved = save_card(desk.ctx, desk.save_request(customer, reader)).card
    with desk.records() as records:
        consent = records.ledger.active_consent_for_card(saved.payment_method_id)
        assert consent is not None
        records.ledger.record_revocation(
            consent.record_id, reason="customer called", clerk="alice", desk="desk-1"
        )
    with pytest.raises(MotoDeskError) as caught:
        charge_saved_card(desk.ctx, ChargeRequest(customer.id, saved, Money(1000, "usd")))
    assert "withdrew" in caught.value.clerk_message
    with desk.records() as records:
        assert records.journal.list(kind=JournalKind.CHARGE) == []
