"""List pagination as Stripe does it: cursors both ways and the SDK's auto-pagination."""

from __future__ import annotations

import pytest
import stripe

from moto_desk.simulator import Simulator
from tests.helpers.saved_cards import save_card


@pytest.fixture
def seven(client: stripe.StripeClient) -> list[str]:
    """Seven customers' ids, newest first (the order lists return)."""
    ids = [client.v1.customers.create({"name": f"customer {i}"}).id for i in range(7)]
    return list(reversed(ids))


def test_forwards_with_starting_after(client: stripe.StripeClient, seven: list[str]) -> None:
    page = client.v1.customers.list({"limit": 3})
    assert [c.id for c in page.data] == seven[:3] and page.has_more is True
    page = client.v1.customers.list({"limit": 3, "starting_after": page.data[-1].id})
    assert [c.id for c in page.data] == seven[3:6] and page.has_more is True
    page = client.v1.customers.list({"limit": 3, "starting_after": page.data[-1].id})
    assert [c.id for c in page.data] == seven[6:] and page.has_more is False


def test_backwards_with_ending_before(client: stripe.StripeClient, seven: list[str]) -> None:
    page = client.v1.customers.list({"limit": 2, "ending_before": seven[5]})
    assert [c.id for c in page.data] == seven[3:5] and page.has_more is True
    page = client.v1.customers.list({"limit": 2, "ending_before": seven[3]})
    assert [c.id for c in page.data] == seven[1:3] and page.has_more is True
    page = client.v1.customers.list({"limit": 2, "ending_before": seven[1]})
    assert [c.id for c in page.data] == seven[:1] and page.has_more is False


def test_auto_paging_iter_walks_every_page(client: stripe.StripeClient, seven: list[str]) -> None:
    first = client.v1.customers.list({"limit": 2})
    assert [c.id for c in first.auto_paging_iter()] == seven


def test_auto_paging_keeps_the_filters(sim: Simulator, client: stripe.StripeClient) -> None:
    customer_id = client.v1.customers.create({}).id
    other_id = client.v1.customers.create({}).id
    mine = [save_card(sim, customer_id) for _ in range(5)]
    save_card(sim, other_id)
    listed = client.v1.customers.payment_methods.list(customer_id, {"limit": 2, "type": "card"})
    assert [pm.id for pm in listed.auto_paging_iter()] == list(reversed(mine))
    intents = [
        client.v1.payment_intents.create(
            {"amount": 1000, "currency": "usd", "customer": customer_id}
        ).id
        for _ in range(3)
    ]
    client.v1.payment_intents.create({"amount": 1000, "currency": "usd", "customer": other_id})
    pages = client.v1.payment_intents.list({"customer": customer_id, "limit": 1})
    assert [pi.id for pi in pages.auto_paging_iter()] == list(reversed(intents))


@pytest.mark.parametrize("limit", [0, 101])
def test_limit_out_of_range(client: stripe.StripeClient, limit: int) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.list({"limit": limit})
    assert caught.value.param == "limit"


def test_unknown_cursor(client: stripe.StripeClient, seven: list[str]) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.list({"starting_after": "cus_unknown"})
    assert caught.value.param == "starting_after"


def test_expand_inside_a_list(sim: Simulator, client: stripe.StripeClient) -> None:
    customer_id = client.v1.customers.create({"email": "x@example.com"}).id
    client.v1.payment_intents.create({"amount": 1000, "currency": "usd", "customer": customer_id})
    listed = client.v1.payment_intents.list({"expand": ["data.customer"]})
    customer = listed.data[0].customer
    assert isinstance(customer, stripe.Customer) and customer.email == "x@example.com"
