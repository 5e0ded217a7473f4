"""Approvals enforced in the flows themselves (issue 16): whichever front end asks, a clerk
cannot clear another desk's reader, charge above the limit or refund alone."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from moto_desk.domain.money import Money
from moto_desk.domain.roles import Actor, NotAllowed, Role
from moto_desk.flows.charge import ChargeRequest, charge_saved_card
from moto_desk.flows.readers import clear_reader
from moto_desk.flows.refund import RefundRequest, refund_charge
from moto_desk.flows.save_card import save_card
from moto_desk.records.journal import JournalKind
from moto_desk.simulator import Simulator

from .conftest import card, make_desk

CLERK = Actor("c1", "Chloé", Role.CLERK)
SUPERVISOR = Actor("s1", "Sam", Role.SUPERVISOR)


def test_clearing_a_reader_refused_then_approved(sim: Simulator, tmp_path: Path) -> None:
    sim.seed_demo()
    front, phone = make_desk(sim, tmp_path / "a"), make_desk(sim, tmp_path / "b")
    reader = front.reader()
    sim.set_reader(reader.id, hang=True)
    foreign = front.gateway.create_setup_intent(front.customer().id, {}, idempotency_key="f-si")
    front.gateway.process_setup_intent(reader.id, foreign.id, "limited", idempotency_key="f-p")
    seen = phone.gateway.get_reader(reader.id).action
    assert seen is not None
    phone.ctx.identity = replace(phone.ctx.identity, clerk="Chloé", actor=CLERK)
    with pytest.raises(NotAllowed, match="Clearing a reader another desk holds"):
        clear_reader(phone.ctx, reader.id, seen)
    assert phone.gateway.get_reader(reader.id).action is not None  # nothing was cleared
    phone.ctx.identity = replace(phone.ctx.identity, approver=SUPERVISOR)
    assert clear_reader(phone.ctx, reader.id, seen).action is None
    with phone.records() as records:
        (entry,) = records.journal.list(kind=JournalKind.CLEAR_READER)
    assert (entry.clerk_id, entry.approved_by) == ("c1", "s1")


def test_charge_and_refund_refused_then_approved_and_recorded(
    sim: Simulator, tmp_path: Path
) -> None:
    sim.seed_demo()
    desk = make_desk(sim, tmp_path / "a")
    reader = desk.reader()
    customer = desk.customer()
    sim.set_reader(reader.id, auto_present=card("4242424242424242"))
    desk.ctx.identity = replace(desk.ctx.identity, clerk="Chloé", actor=CLERK)
    saved = save_card(desk.ctx, desk.save_request(customer, reader))
    big = ChargeRequest(customer.id, saved.card, Money(75000, "usd"))
    with pytest.raises(NotAllowed, match=r"above \$500\.00"):
        charge_saved_card(desk.ctx, big)
    approved = replace(desk.ctx.identity, approver=SUPERVISOR)
    desk.ctx.identity = approved
    charged = charge_saved_card(desk.ctx, big)
    intent = desk.gateway.get_payment_intent(charged.payment_intent_id)
    assert intent.status == "succeeded"
    desk.ctx.identity = replace(approved, approver=None)
    refund = RefundRequest(charged.payment_intent_id, customer.id, Money(100, "usd"))
    with pytest.raises(NotAllowed, match="A refund needs"):
        refund_charge(desk.ctx, refund)
    desk.ctx.identity = approved
    refund_charge(desk.ctx, refund)
    with desk.records() as records:
        entries = {e.kind: e for e in records.journal.list()}
        consents = records.ledger.records(customer.id)
    assert (entries[JournalKind.CHARGE].clerk_id, entries[JournalKind.CHARGE].approved_by) == (
        "c1",
        "s1",
    )
    assert entries[JournalKind.REFUND].approved_by == "s1"
    assert entries[JournalKind.SAVE_CARD].clerk_id == "c1"
    assert {r.clerk_id for r in consents} == {"c1"}  # consent and card_saved, hashed
    with desk.records() as records:
        assert records.ledger.verify().ok


def test_nobody_signed_in_writes_nothing_once_the_shop_has_accounts(
    sim: Simulator, tmp_path: Path
) -> None:
    """A window that could not read the accounts at start (its records were away) cannot
    save, charge or refund unchecked once they are back."""
    from moto_desk.records.clerks import ClerkStore

    sim.seed_demo()
    desk = make_desk(sim, tmp_path / "a")
    reader, customer = desk.reader(), desk.customer()
    with desk.records() as records:
        ClerkStore(records.conn).add("Olga", Role.OWNER, "1111")
    with pytest.raises(NotAllowed, match="sign in first"):
        save_card(desk.ctx, desk.save_request(customer, reader))
    with desk.records() as records:
        assert records.journal.list(kind=JournalKind.SAVE_CARD) == []
