"""PaymentMethods: retrieve, list, update (expiry rules), detach (permanent)."""

from __future__ import annotations

import time

import pytest
import stripe

from moto_desk.simulator import Simulator
from tests.helpers.saved_cards import save_card


@pytest.fixture
def customer_id(client: stripe.StripeClient) -> str:
    return client.v1.customers.create({"email": "pm@example.com"}).id


def test_retrieve_shows_the_card_but_never_the_number(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id, "378282246310005")
    pm = client.v1.payment_methods.retrieve(pm_id)
    assert pm.id.startswith("pm_") and pm.type == "card" and pm.customer == customer_id
    assert pm.card is not None
    assert (pm.card.brand, pm.card.last4, pm.card.exp_year) == ("amex", "0005", 2030)
    assert "378282246310005" not in str(pm.to_dict())


def test_retrieve_unknown_is_404(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_methods.retrieve("pm_nope")
    assert caught.value.http_status == 404
    assert caught.value.user_message == "No such PaymentMethod: 'pm_nope'"


def test_list_filters_by_customer_and_type(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    mine = save_card(sim, customer_id)
    save_card(sim, None)
    listed = client.v1.payment_methods.list({"customer": customer_id, "type": "card"})
    assert [pm.id for pm in listed.data] == [mine]
    assert listed.url == "/v1/payment_methods"
    assert (
        client.v1.payment_methods.list({"customer": customer_id, "type": "sepa_debit"}).data == []
    )


def test_list_refuses_an_unknown_type(client: stripe.StripeClient, customer_id: str) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_methods.list({"customer": customer_id, "type": "carrier_pigeon"})
    assert caught.value.param == "type"


def test_update_metadata_billing_details_and_expiry(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id)
    next_year = time.gmtime().tm_year + 1
    updated = client.v1.payment_methods.update(
        pm_id,
        {
            "metadata": {"label": "work card"},
            "billing_details": {"name": "Jenny Rosen", "address": {"postal_code": "69001"}},
            "card": {"exp_month": 3, "exp_year": next_year},
            "allow_redisplay": "always",
        },
    )
    assert updated.metadata["label"] == "work card"
    assert updated.billing_details.name == "Jenny Rosen"
    assert updated.billing_details.address is not None
    assert updated.billing_details.address.postal_code == "69001"
    assert updated.card is not None
    assert (updated.card.exp_month, updated.card.exp_year) == (3, next_year)
    assert updated.allow_redisplay == "always"


BAD_EXPIRIES = [
    ({"exp_month": 13}, "invalid_expiry_month", "card[exp_month]"),
    ({"exp_month": 0}, "invalid_expiry_month", "card[exp_month]"),
    ({"exp_year": 2001}, "invalid_expiry_year", "card[exp_year]"),
]


@pytest.mark.parametrize("case", BAD_EXPIRIES)
def test_update_refuses_bad_expiry_dates(
    sim: Simulator,
    client: stripe.StripeClient,
    customer_id: str,
    case: tuple[dict[str, int], str, str],
) -> None:
    card, code, param = case
    pm_id = save_card(sim, customer_id)
    with pytest.raises(stripe.CardError) as caught:
        client.v1.payment_methods.update(pm_id, {"card": card})  # type: ignore[typeddict-item]
    assert caught.value.code == code
    assert caught.value.param == param


def test_update_refuses_a_non_integer_month(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_methods.update(pm_id, {"card": {"exp_month": "soon"}})  # type: ignore[typeddict-item]
    assert caught.value.code == "parameter_invalid_integer"
    assert caught.value.param == "card[exp_month]"


def test_update_needs_an_attached_payment_method(
    sim: Simulator, client: stripe.StripeClient
) -> None:
    pm_id = save_card(sim, None)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_methods.update(pm_id, {"metadata": {"a": "b"}})
    assert "save this PaymentMethod to a customer" in str(caught.value.user_message)


def test_detach_is_permanent(sim: Simulator, client: stripe.StripeClient, customer_id: str) -> None:
    pm_id = save_card(sim, customer_id)
    client.v1.customers.update(customer_id, {"invoice_settings": {"default_payment_method": pm_id}})
    detached = client.v1.payment_methods.detach(pm_id)
    assert detached.id == pm_id and detached.customer is None
    assert client.v1.payment_methods.retrieve(pm_id).customer is None
    customer = client.v1.customers.retrieve(customer_id)
    assert customer.invoice_settings.default_payment_method is None
    with pytest.raises(stripe.InvalidRequestError) as again:
        client.v1.payment_methods.detach(pm_id)
    assert again.value.user_message == (
        "The payment method you provided is not attached to a customer so detachment is impossible."
    )
    assert client.v1.customers.payment_methods.list(customer_id).data == []


def test_a_detached_card_cannot_be_charged(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id)
    client.v1.payment_methods.detach(pm_id)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.create(
            {
                "amount": 1000,
                "currency": "eur",
                "customer": customer_id,
                "payment_method": pm_id,
                "off_session": True,
                "confirm": True,
            }
        )
    assert caught.value.param == "payment_method"
    assert "may not be used again" in str(caught.value.user_message)
    assert client.v1.payment_intents.list({"customer": customer_id}).data == []
