"""Two desks of one shop on one PostgreSQL: what must hold across desks (issue "One shop,
several desks", points 1–6), through the real flows, gateway and simulator."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from moto_desk.domain.errors import InvalidInput, MotoDeskError
from moto_desk.domain.models import SavedCard
from moto_desk.domain.money import Money
from moto_desk.flows.charge import ChargeRequest, PossibleDuplicate, charge_saved_card
from moto_desk.flows.consent_evidence import build_evidence
from moto_desk.flows.context import DeskIdentity
from moto_desk.flows.customers import NewCustomer, SameContact, create_customer, find_customers
from moto_desk.flows.detach import RemoveCardRequest, remove_card
from moto_desk.flows.history import HistoryFilters, load_history
from moto_desk.flows.reconcile import reconcile
from moto_desk.flows.refund import RefundRequest, refund_charge
from moto_desk.flows.save_card import save_card
from moto_desk.records.journal import JournalKind, JournalState
from moto_desk.simulator import Simulator

from .conftest import Desk, card, make_desk


@pytest.fixture
def shop(sim: Simulator, tmp_path: Path, shop_url: str) -> tuple[Desk, Desk]:
    """Desk A (Alice at the front) and desk B (Bob on the phones), one shop's records."""
    sim.seed_demo()
    front = make_desk(sim, tmp_path / "a", shop_url=shop_url)
    phone = make_desk(sim, tmp_path / "b", shop_url=shop_url)
    front.ctx.identity = DeskIdentity("alice", "front")
    phone.ctx.identity = DeskIdentity("bob", "phone")
    return front, phone


def _saved_at(desk: Desk) -> tuple[str, SavedCard]:
    customer = desk.customer()
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card("4242424242424242"))
    result = save_card(desk.ctx, desk.save_request(customer, reader))
    return customer.id, result.card


def test_consent_is_the_shops(shop: tuple[Desk, Desk]) -> None:
    front, phone = shop
    customer_id, saved = _saved_at(front)
    # B reads back the consent A recorded, and its evidence shows it.
    with phone.records() as records:
        consent = records.ledger.active_consent_for_card(saved.payment_method_id)
    assert consent is not None and consent.desk == "front" and consent.clerk == "alice"
    evidence = build_evidence(phone.ctx.records_at, customer_id)
    assert len(evidence.consents) == 1 and evidence.verify.ok
    charge_saved_card(phone.ctx, ChargeRequest(customer_id, saved, Money(1000, "usd")))
    # A withdrawal recorded at A stops B.
    remove_card(front.ctx, RemoveCardRequest(customer_id, saved, "customer asked"))
    with pytest.raises(MotoDeskError, match="withdrew their consent"):
        charge_saved_card(phone.ctx, ChargeRequest(customer_id, saved, Money(2000, "usd")))


def test_the_duplicate_guard_sees_every_desk(shop: tuple[Desk, Desk]) -> None:
    front, phone = shop
    customer_id, saved = _saved_at(front)
    charge_saved_card(front.ctx, ChargeRequest(customer_id, saved, Money(1000, "usd")))
    with pytest.raises(PossibleDuplicate) as caught:
        charge_saved_card(phone.ctx, ChargeRequest(customer_id, saved, Money(1000, "usd")))
    assert caught.value.previous[0].desk == "front"


def test_two_desks_charging_at_the_same_instant_charge_once(
    shop: tuple[Desk, Desk],
) -> None:
    front, phone = shop
    customer_id, saved = _saved_at(front)
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def press_charge(desk: Desk) -> None:
        start.wait(30)
        try:
            outcomes[desk.ctx.identity.desk] = charge_saved_card(
                desk.ctx, ChargeRequest(customer_id, saved, Money(4200, "usd"))
            )
        except Exception as exc:  # compared below
            outcomes[desk.ctx.identity.desk] = exc

    threads = [threading.Thread(target=press_charge, args=(d,)) for d in (front, phone)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    asked = [o for o in outcomes.values() if isinstance(o, PossibleDuplicate)]
    charged = [o for o in outcomes.values() if not isinstance(o, Exception)]
    assert (len(charged), len(asked)) == (1, 1), outcomes
    with front.records() as records:
        charges = records.journal.list(kind=JournalKind.CHARGE)
    assert len(charges) == 1


def test_history_refunds_and_filters_cover_the_shop(shop: tuple[Desk, Desk]) -> None:
    front, phone = shop
    customer_id, saved = _saved_at(front)
    charged = charge_saved_card(front.ctx, ChargeRequest(customer_id, saved, Money(3000, "usd")))
    # B sees A's charge in its history, and can filter by desk and by clerk.
    rows = load_history(phone.ctx.records_at, HistoryFilters())
    assert any(r.payment_intent_id == charged.payment_intent_id for r in rows)
    only_phone = load_history(phone.ctx.records_at, HistoryFilters(desk="phone"))
    assert not any(r.payment_intent_id == charged.payment_intent_id for r in only_phone)
    by_alice = load_history(phone.ctx.records_at, HistoryFilters(clerk="alice"))
    assert by_alice and all(r.clerk == "alice" for r in by_alice)
    # B refunds part of A's charge: one journal entry; more than what is left is refused.
    refund_charge(
        phone.ctx, RefundRequest(charged.payment_intent_id, customer_id, Money(1000, "usd"))
    )
    with pytest.raises(InvalidInput, match="left to refund"):
        refund_charge(
            phone.ctx, RefundRequest(charged.payment_intent_id, customer_id, Money(2500, "usd"))
        )
    with front.records() as records:
        refunds = records.journal.list(kind=JournalKind.REFUND)
    assert [(r.desk, r.state) for r in refunds] == [("phone", JournalState.SUCCEEDED)]


def test_a_customer_created_at_one_desk_is_found_at_the_other(shop: tuple[Desk, Desk]) -> None:
    front, phone = shop
    created = front.customer("Zoë Kravitz-Unique")
    # Stripe's search lags behind a create; the shop's index does not.
    found = find_customers(phone.ctx, "zoe kravitz")
    assert [c.id for c in found][:1] == [created.id]


def test_each_desk_reconciles_only_its_own(shop: tuple[Desk, Desk]) -> None:
    front, phone = shop
    with front.records() as records:
        open_at_front = records.journal.begin(
            JournalKind.CHARGE, clerk="alice", desk="front", customer_id="cus_x"
        )
    assert reconcile(phone.ctx) == []
    with phone.records() as records:
        assert records.journal.get(open_at_front.id).state is JournalState.PENDING  # type: ignore[union-attr]
    settled = reconcile(front.ctx)
    assert [s.entry_id for s in settled] == [open_at_front.id]


def test_the_same_email_or_phone_twice_offers_the_existing_customer(
    shop: tuple[Desk, Desk],
) -> None:
    front, phone = shop
    first = create_customer(front.ctx, NewCustomer("Ines Garcia", "ines@example.com", None))
    # Another desk, the same email in other letters: the existing customer is offered.
    with pytest.raises(SameContact) as caught:
        create_customer(phone.ctx, NewCustomer("Inès García", "INES@example.com", None))
    assert [c.id for c in caught.value.existing] == [first.id]
    assert "Ines Garcia" in caught.value.clerk_message
    # The same phone number, typed another way, at the same desk.
    with_phone = create_customer(front.ctx, NewCustomer("Tom Hale", None, "+1 555 010 2030"))
    with pytest.raises(SameContact) as by_phone:
        create_customer(front.ctx, NewCustomer("T. Hale", None, "(555) 010-2030"))
    assert [c.id for c in by_phone.value.existing] == [with_phone.id]
    # Another person after all: the clerk says so and the customer is created.
    other = create_customer(
        phone.ctx,
        NewCustomer("Ines Garcia", "ines@example.com", None),
        allow_same_contact=True,
    )
    assert other.id != first.id
