"""Card-on-file health against the simulator: cards saved by MOTO through the real flow, one
expiring this month, one whose expiry has passed, and one card number on two customers."""

from __future__ import annotations

from datetime import date

import pytest

from moto_desk.domain.consent import load_terms
from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.models import AllowRedisplay, Channel, Customer, SavedCard
from moto_desk.flows.card_health import (
    CardProblem,
    customer_card_health,
    known_customers,
    shop_card_health,
)
from moto_desk.flows.save_card import save_card
from tests.conftest import make_client

from .conftest import Desk, card


def save(desk: Desk, customer: Customer, number: str, month: int = 12, year: int = 0) -> SavedCard:
    reader = desk.reader()
    present = card(number, cvc="1234" if number.startswith("3") else "123")  # Amex: 4 digits
    if year:
        present.update(exp_month=month, exp_year=year)
    desk.sim.set_reader(reader.id, auto_present=present)
    return save_card(desk.ctx, desk.save_request(customer, reader)).card


def expire(desk: Desk, card: SavedCard, month: int, year: int) -> None:
    """Age a saved card: Stripe refuses a past expiry both at the reader and through
    ``payment_methods.update``, so the simulator's stored object is changed directly."""
    with desk.sim.state.lock:
        pm = desk.sim.state.get(card.payment_method_id)
        assert pm is not None
        pm["card"].update(exp_month=month, exp_year=year)
        desk.sim.state.touch(card.payment_method_id)
        desk.sim.state.commit()


def rows(found: list) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [
        (h.customer.name or h.customer.id, h.card.last4, h.problem.value,
         tuple(o.name or o.id for o in h.shared_with))
        for h in found
    ]  # fmt: skip


@pytest.fixture
def shop(desk: Desk) -> dict[str, object]:
    """Ada: a healthy Visa; Grace: the same Visa (shared) and a Mastercard expiring this
    month; Alan: an Amex whose expiry has passed."""
    today = date.today()
    ada = desk.customer("Ada Lovelace")
    grace = desk.customer("Grace Hopper")
    alan = desk.customer("Alan Turing")
    ada_visa = save(desk, ada, "4242424242424242")
    grace_visa = save(desk, grace, "4242424242424242")
    soon = save(desk, grace, "5555555555554444", today.month, today.year)
    old = save(desk, alan, "378282246310005")
    expire(desk, old, 1, today.year - 1)
    return {
        "today": today, "ada": ada, "grace": grace, "alan": alan,
        "ada_visa": ada_visa, "grace_visa": grace_visa, "soon": soon, "old": old,
    }  # fmt: skip


def test_the_shop_list_finds_expired_expiring_and_shared_cards(
    desk: Desk, shop: dict[str, object]
) -> None:
    ada_visa, grace_visa = shop["ada_visa"], shop["grace_visa"]
    assert isinstance(ada_visa, SavedCard) and isinstance(grace_visa, SavedCard)
    assert ada_visa.fingerprint and ada_visa.fingerprint == grace_visa.fingerprint
    customers = [c.id for c in known_customers(desk.ctx.records_at)]
    found = shop_card_health(desk.ctx, shop["today"], customers)  # type: ignore[arg-type]
    assert rows(found) == [
        ("Alan Turing", "0005", "expired", ()),
        ("Grace Hopper", "4444", "expiring", ()),
        ("Ada Lovelace", "4242", "shared", ("Grace Hopper",)),
        ("Grace Hopper", "4242", "shared", ("Ada Lovelace",)),
    ]
    assert found[0].card.exp_year == date.today().year - 1


def test_one_customer_sees_only_their_own_cards_and_who_shares_them(
    desk: Desk, shop: dict[str, object]
) -> None:
    grace = shop["grace"]
    assert isinstance(grace, Customer)
    found = customer_card_health(desk.ctx, grace.id, shop["today"])  # type: ignore[arg-type]
    assert rows(found) == [
        ("Grace Hopper", "4444", "expiring", ()),
        ("Grace Hopper", "4242", "shared", ("Ada Lovelace",)),
    ]
    # Compared with no one else, the same card is not "shared".
    alone = customer_card_health(desk.ctx, grace.id, shop["today"], others=[])  # type: ignore[arg-type]
    assert [h.problem for h in alone] == [CardProblem.EXPIRING]


def test_expiry_problems_move_with_the_day(desk: Desk) -> None:
    ada = desk.customer("Ada Lovelace")
    saved = save(desk, ada, "4242424242424242", 12, date.today().year + 2)
    year = saved.exp_year
    assert customer_card_health(desk.ctx, ada.id, date(year, 10, 1)) == []  # 91 days left
    soon = customer_card_health(desk.ctx, ada.id, date(year, 11, 2))  # 59 days left
    assert [h.problem for h in soon] == [CardProblem.EXPIRING]
    assert customer_card_health(desk.ctx, ada.id, date(year, 12, 31))[0].problem == (
        CardProblem.EXPIRING
    )  # the last valid day
    late = customer_card_health(desk.ctx, ada.id, date(year + 1, 1, 1))
    assert [h.problem for h in late] == [CardProblem.EXPIRED]


def test_known_customers_come_from_the_index_and_the_ledger(desk: Desk) -> None:
    ada = desk.customer("Ada Lovelace")
    with desk.records() as records:
        records.ledger.record_consent(
            "cus_only_in_the_ledger",
            clerk="alice",
            desk="desk-1",
            channel=Channel.PHONE,
            terms=load_terms("en"),
            allow_redisplay=AllowRedisplay.LIMITED,
        )
    known = {c.id: c for c in known_customers(desk.ctx.records_at)}
    assert known[ada.id].name == "Ada Lovelace"
    assert known["cus_only_in_the_ledger"].name is None


def test_a_customer_deleted_in_stripe_has_no_cards_and_stops_nothing(desk: Desk) -> None:
    ada = desk.customer("Ada Lovelace")
    gone = desk.customer("Gone Away")
    save(desk, ada, "4242424242424242", date.today().month, date.today().year)
    save(desk, gone, "4242424242424242")
    make_client(desk.sim).v1.customers.delete(gone.id)
    found = shop_card_health(desk.ctx, date.today(), [gone.id, ada.id])
    # Deleting the customer detached its card: Ada's card is no longer shared.
    assert rows(found) == [("Ada Lovelace", "4242", "expiring", ())]


def test_a_cancelled_check_stops_between_customers(desk: Desk) -> None:
    ada = desk.customer("Ada Lovelace")
    desk.ctx.cancel.cancel()
    with pytest.raises(MotoDeskError) as stopped:
        shop_card_health(desk.ctx, date.today(), [ada.id])
    assert stopped.value.kind is ErrorKind.CANCELED
