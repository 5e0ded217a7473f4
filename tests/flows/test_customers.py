"""Finding and creating customers through the real gateway and the simulator."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from moto_desk.domain.errors import InvalidInput
from moto_desk.domain.models import Customer
from moto_desk.flows.customers import (
    NewCustomer,
    create_customer,
    find_customers,
    new_customer_problems,
)

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


def count_searches(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts Stripe search is asked for from now on (the real search still answers)."""
    asked: list[str] = []
    search: Callable[[str, int], list[Customer]] = desk.gateway.search_customers

    def counted(text: str, limit: int = 20) -> list[Customer]:
        asked.append(text)
        return search(text, limit)

    monkeypatch.setattr(desk.gateway, "search_customers", counted)
    return asked


def test_local_matches_are_given_first_and_stay_in_place(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    known = create_customer(desk.ctx, NewCustomer("Ada Quimby", "ada.q@example.com"))
    other = desk.gateway.create_customer(
        name="Bob Quimby", email=None, phone=None, metadata={}, idempotency_key="other-quimby"
    )
    asked = count_searches(desk, monkeypatch)
    seen: list[object] = []

    def on_local(local: list[Customer]) -> None:
        seen.append([c.id for c in local])
        assert asked == []  # before Stripe is asked

    found = find_customers(desk.ctx, "quimby", on_local=on_local)
    assert seen == [[known.id]]
    assert asked == ["quimby"]
    assert [c.id for c in found] == [known.id, other.id]  # the local part first, in place

    # Stripe's answer was remembered: the local index now knows the other desk's customer.
    local: list[Customer] = []
    find_customers(desk.ctx, "quimby", on_local=local.extend)
    assert {c.id for c in local} == {known.id, other.id}


def test_local_part_may_be_empty(desk: Desk) -> None:
    seen: list[list[Customer]] = []
    found = find_customers(desk.ctx, "Turing", on_local=seen.append)
    assert seen == [[]]
    assert found == []


def test_an_exact_email_the_list_finds_is_not_searched_again(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    customer = desk.gateway.create_customer(
        name="Cy Exact",
        email="cy.exact@example.com",
        phone=None,
        metadata={},
        idempotency_key="other-desk-cy",
    )
    asked = count_searches(desk, monkeypatch)
    assert [c.id for c in find_customers(desk.ctx, "cy.exact@example.com")] == [customer.id]
    assert asked == []  # one request, not two
    # The list's email match is case-sensitive; when it finds nobody, search still runs.
    assert customer.id in [c.id for c in find_customers(desk.ctx, "CY.Exact@Example.com")]
    assert asked == ["CY.Exact@Example.com"]


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


def test_every_wrong_field_is_listed_in_the_form_order() -> None:
    problems = new_customer_problems(NewCustomer(" ", "zoe@", "12"), "US")
    assert [problem.field for problem in problems] == ["name", "email", "phone"]
    assert new_customer_problems(NewCustomer("Zoé", "zoe@example.com", "+33612345678")) == []
