"""Every payment-side object has every key of Stripe's published example, with its type."""

from __future__ import annotations

from typing import Any

import pytest
import stripe

from moto_desk.simulator import Simulator
from tests.helpers.saved_cards import save_card
from tests.helpers.shapes import assert_shape, fixture, shape_problems


@pytest.fixture
def objects(sim: Simulator, client: stripe.StripeClient) -> dict[str, dict[str, Any]]:
    """One of each object, as raw JSON from the SDK (``to_dict``)."""
    customer = client.v1.customers.create(
        {"email": "shape@example.com", "name": "Shape", "address": {"city": "Paris"}}
    )
    pm_id = save_card(sim, customer.id)
    intent = client.v1.payment_intents.create(
        {
            "amount": 1099,
            "currency": "usd",
            "customer": customer.id,
            "payment_method": pm_id,
            "off_session": True,
            "confirm": True,
        }
    )
    refund = client.v1.refunds.create({"payment_intent": intent.id, "amount": 100})
    charge = client.v1.charges.retrieve(
        str(intent.latest_charge), {"expand": ["balance_transaction"]}
    )
    balance_transaction = charge.to_dict()["balance_transaction"]
    throwaway = client.v1.customers.create({})
    return {
        "customer": client.v1.customers.retrieve(customer.id).to_dict(),
        "deleted_customer": client.v1.customers.delete(throwaway.id).to_dict(),
        "payment_method": client.v1.payment_methods.retrieve(pm_id).to_dict(),
        "payment_intent": client.v1.payment_intents.retrieve(intent.id).to_dict(),
        "charge": client.v1.charges.retrieve(str(intent.latest_charge)).to_dict(),
        "refund": client.v1.refunds.retrieve(refund.id).to_dict(),
        "balance_transaction": balance_transaction,
    }


PREFIXES = {
    "customer": "cus_",
    "deleted_customer": "cus_",
    "payment_method": "pm_",
    "payment_intent": "pi_",
    "charge": "ch_",
    "refund": "re_",
    "balance_transaction": "txn_",
}


@pytest.mark.parametrize("name", sorted(PREFIXES))
def test_object_matches_its_fixture(objects: dict[str, dict[str, Any]], name: str) -> None:
    obj = objects[name]
    assert_shape(obj, fixture(name))
    assert obj["id"].startswith(PREFIXES[name])
    assert obj["object"] == fixture(name)["object"]
    if "livemode" in fixture(name):
        assert obj["livemode"] is False


def test_customer_has_the_newer_fields(objects: dict[str, dict[str, Any]]) -> None:
    for key in ("business_name", "customer_account", "individual_name"):
        assert key in objects["customer"]


def test_declined_intent_and_failed_charge_keep_their_shape(
    sim: Simulator, client: stripe.StripeClient
) -> None:
    customer_id = client.v1.customers.create({}).id
    pm_id = save_card(sim, customer_id, "4000000000000341")
    with pytest.raises(stripe.CardError) as caught:
        client.v1.payment_intents.create(
            {
                "amount": 1099,
                "currency": "usd",
                "customer": customer_id,
                "payment_method": pm_id,
                "off_session": True,
                "confirm": True,
            }
        )
    body = caught.value.json_body
    assert body is not None
    error = body["error"]
    assert_shape(error["payment_intent"], fixture("payment_intent"))
    assert_shape(error["payment_method"], fixture("payment_method"))
    for key in ("type", "code", "decline_code", "message", "doc_url", "request_log_url"):
        assert isinstance(error[key], str), key
    assert_shape(client.v1.charges.retrieve(error["charge"]).to_dict(), fixture("charge"))


def test_shape_helper_reports_missing_keys_and_wrong_types() -> None:
    expected = {"a": 1, "b": {"c": "x"}, "d": None, "e": True}
    actual = {"a": "1", "b": {}, "d": [1], "e": 1}
    assert shape_problems(actual, expected) == [
        "a: string where the fixture has number",
        "b.c: missing",
        "e: number where the fixture has boolean",
    ]
    with pytest.raises(AssertionError):
        assert_shape(actual, expected)
