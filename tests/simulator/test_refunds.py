"""Refunds: full, partial, too much, again; the charge keeps count; pending cards."""

from __future__ import annotations

import time

import pytest
import stripe

from moto_desk.simulator import Simulator
from moto_desk.simulator.resources import refunds
from tests.helpers.saved_cards import save_card


def paid_intent(
    sim: Simulator, client: stripe.StripeClient, number: str = "4242424242424242"
) -> stripe.PaymentIntent:
    customer_id = client.v1.customers.create({}).id
    pm_id = save_card(sim, customer_id, number)
    return client.v1.payment_intents.create(
        {
            "amount": 1099,
            "currency": "usd",
            "customer": customer_id,
            "payment_method": pm_id,
            "off_session": True,
            "confirm": True,
        }
    )


def test_full_refund_by_payment_intent(sim: Simulator, client: stripe.StripeClient) -> None:
    intent = paid_intent(sim, client)
    refund = client.v1.refunds.create({"payment_intent": intent.id, "reason": "duplicate"})
    assert refund.id.startswith("re_") and refund.status == "succeeded"
    assert refund.amount == 1099 and refund.reason == "duplicate"
    assert refund.charge == intent.latest_charge and refund.payment_intent == intent.id
    assert refund.destination_details is not None
    card = refund.destination_details.to_dict()["card"]
    assert card["reference_status"] == "available" and card["type"] == "refund"
    assert card["reference_type"] == "acquirer_reference_number" and card["reference"]
    charge = client.v1.charges.retrieve(str(intent.latest_charge))
    assert charge.refunded is True and charge.amount_refunded == 1099
    assert charge.refunds is not None
    assert [r.id for r in charge.refunds.data] == [refund.id]
    assert client.v1.refunds.retrieve(refund.id).amount == 1099


def test_partial_refunds_then_too_much_then_rest(
    sim: Simulator, client: stripe.StripeClient
) -> None:
    intent = paid_intent(sim, client)
    first = client.v1.refunds.create({"charge": str(intent.latest_charge), "amount": 500})
    assert first.amount == 500
    charge = client.v1.charges.retrieve(str(intent.latest_charge))
    assert charge.refunded is False and charge.amount_refunded == 500
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.refunds.create({"payment_intent": intent.id, "amount": 600})
    assert caught.value.code == "amount_too_large"
    assert caught.value.user_message == (
        "Refund amount ($6.00) is greater than unrefunded amount on charge ($5.99)"
    )
    rest = client.v1.refunds.create({"payment_intent": intent.id})
    assert rest.amount == 599
    with pytest.raises(stripe.InvalidRequestError) as again:
        client.v1.refunds.create({"payment_intent": intent.id})
    assert again.value.code == "charge_already_refunded"
    assert again.value.user_message == f"Charge {intent.latest_charge} has already been refunded."
    charge = client.v1.charges.retrieve(str(intent.latest_charge))
    assert charge.refunded is True and charge.refunds is not None
    assert [r.id for r in charge.refunds.data] == [rest.id, first.id]


def test_refund_needs_a_target(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.refunds.create({"amount": 100})
    assert caught.value.http_status == 400
    assert "payment_intent or charge" in str(caught.value.user_message)


def test_refund_of_an_unpaid_intent_is_refused(client: stripe.StripeClient) -> None:
    intent = client.v1.payment_intents.create({"amount": 1000, "currency": "usd"})
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.refunds.create({"payment_intent": intent.id})
    assert caught.value.param == "payment_intent"
    assert "does not have a successful charge to refund" in str(caught.value.user_message)


def test_refund_value_errors(sim: Simulator, client: stripe.StripeClient) -> None:
    intent = paid_intent(sim, client)
    with pytest.raises(stripe.InvalidRequestError) as zero:
        client.v1.refunds.create({"payment_intent": intent.id, "amount": 0})
    assert zero.value.param == "amount"
    with pytest.raises(stripe.InvalidRequestError) as reason:
        client.v1.refunds.create({"payment_intent": intent.id, "reason": "bored"})
    assert reason.value.param == "reason"
    with pytest.raises(stripe.InvalidRequestError) as missing:
        client.v1.refunds.create({"payment_intent": "pi_nope"})
    assert missing.value.http_status == 404


def test_list_by_payment_intent_and_charge(sim: Simulator, client: stripe.StripeClient) -> None:
    one = paid_intent(sim, client)
    two = paid_intent(sim, client)
    r1 = client.v1.refunds.create({"payment_intent": one.id, "amount": 100})
    r2 = client.v1.refunds.create({"payment_intent": one.id, "amount": 100})
    r3 = client.v1.refunds.create({"payment_intent": two.id, "amount": 100})
    assert [r.id for r in client.v1.refunds.list().data] == [r3.id, r2.id, r1.id]
    by_intent = client.v1.refunds.list({"payment_intent": one.id})
    assert [r.id for r in by_intent.data] == [r2.id, r1.id]
    assert by_intent.url == "/v1/refunds"
    by_charge = client.v1.refunds.list({"charge": str(two.latest_charge)})
    assert [r.id for r in by_charge.data] == [r3.id]


def test_pending_refund_card_succeeds_later(
    sim: Simulator, client: stripe.StripeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(refunds, "PENDING_REFUND_SECONDS", 0.05)
    intent = paid_intent(sim, client, "4000000000007726")
    refund = client.v1.refunds.create({"payment_intent": intent.id})
    assert refund.status == "pending"
    assert refund.destination_details is not None
    assert refund.destination_details.to_dict()["card"]["reference_status"] == "pending"
    time.sleep(0.06)
    later = client.v1.refunds.retrieve(refund.id)
    assert later.status == "succeeded"
    charge = client.v1.charges.retrieve(str(intent.latest_charge))
    assert charge.refunds is not None and charge.refunds.data[0].status == "succeeded"
