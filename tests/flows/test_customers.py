"""Finding and creating customers through the real gateway and the simulator."""

from __future__ import annotations

import pytest

from moto_desk.domain.errors import InvalidInput
from moto_desk.flows.customers import NewCustomer, create_customer, find_customers

from .conftest import Desk


def test_a_new_customer_is_found_at_once(desk: Desk) -> None:
    created = create_customer(desk.ctx, NewCustomer("Zoë Ærnström", "zoe@example.com", ""))
    assert created.id.startswith("cus_")
    # The local index knows it before Stripe search would.
    assert [c.id for c in find_customers(desk.ctx, "Ærnström")] == [created.id]
    assert created.id in [c.id for c in find_customers(desk.ctx, "zoe@example.com")]


def test_two_clicks_create_one_customer(desk: Desk) -> None:
    form = NewCustomer("Grace Hopper", "grace@example.com", "(415) 555-0199")
    first = create_customer(desk.ctx, form)
    second = create_customer(desk.ctx, form)
    assert first.id == second.id
    assert [c.id for c in desk.gateway.customers_by_email("grace@example.com")] == [first.id]
    assert first.phone == "+14155550199"


def test_stripe_search_finds_customers_this_desk_never_saw(desk: Desk) -> None:
    other = make_other_desk_customer(desk)
    found = find_customers(desk.ctx, "Turing")
    assert other in [c.id for c in found]


def make_other_desk_customer(desk: Desk) -> str:
    customer = desk.gateway.create_customer(
        name="Alan Turing",
        email="alan@example.com",
        phone=None,
        metadata={},
        idempotency_key="other-desk-create-turing",
    )
    return customer.id


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (NewCustomer("  "), "name"),
        (NewCustomer("Ok", "not-an-email"), "email"),
        (NewCustomer("Ok", None, "call me maybe"), "phone"),
        (NewCustomer("x" * 300), "name"),
    ],
)
def test_bad_input_names_the_field_and_creates_nothing(
    desk: Desk, form: NewCustomer, field: str
) -> None:
    before = len(desk.gateway.search_customers("example.com"))
    with pytest.raises(InvalidInput) as caught:
        create_customer(desk.ctx, form)
    assert caught.value.field == field
    assert caught.value.clerk_message
    assert len(desk.gateway.search_customers("example.com")) == before
