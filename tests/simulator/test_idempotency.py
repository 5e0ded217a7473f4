"""Idempotent requests as Stripe implements them (stripe-notes §5.3), through the SDK."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
import stripe

from moto_desk.simulator import Simulator
from tests.helpers.saved_cards import save_card

PARAMS: Any = {"amount": 1099, "currency": "usd", "metadata": {"order": "42"}}


def intents_count(client: stripe.StripeClient) -> int:
    return len(client.v1.payment_intents.list({"limit": 100}).data)


def test_same_key_same_params_replays_the_first_answer(client: stripe.StripeClient) -> None:
    first = client.v1.payment_intents.create(PARAMS, {"idempotency_key": "order-42"})
    second = client.v1.payment_intents.create(PARAMS, {"idempotency_key": "order-42"})
    assert second.id == first.id
    assert first.last_response is not None and second.last_response is not None
    assert "Idempotent-Replayed" not in first.last_response.headers
    assert second.last_response.headers["Idempotent-Replayed"] == "true"
    assert intents_count(client) == 1


def test_same_key_other_params_is_an_idempotency_error(client: stripe.StripeClient) -> None:
    client.v1.payment_intents.create(PARAMS, {"idempotency_key": "order-43"})
    with pytest.raises(stripe.IdempotencyError) as caught:
        client.v1.payment_intents.create(
            {"amount": 2000, "currency": "usd"}, {"idempotency_key": "order-43"}
        )
    assert caught.value.http_status == 400
    assert "order-43" in str(caught.value.user_message)
    assert intents_count(client) == 1


def test_same_key_while_the_first_runs_is_409(sim: Simulator, client: stripe.StripeClient) -> None:
    sim.faults.add(
        kind="latency", method="POST", path="^/v1/payment_intents$", latency_ms=600, times=1
    )
    results: dict[str, Any] = {}

    def first() -> None:
        results["first"] = client.v1.payment_intents.create(PARAMS, {"idempotency_key": "slow"})

    thread = threading.Thread(target=first)
    thread.start()
    deadline = time.monotonic() + 5
    while sim.faults.rules() and time.monotonic() < deadline:  # the first holds the key
        time.sleep(0.005)
    with pytest.raises(stripe.APIError) as caught:
        client.v1.payment_intents.create(PARAMS, {"idempotency_key": "slow"})
    thread.join()
    assert caught.value.http_status == 409
    assert caught.value.error is not None
    assert caught.value.error.code == "idempotency_key_in_use"
    replay = client.v1.payment_intents.create(PARAMS, {"idempotency_key": "slow"})
    assert replay.id == results["first"].id
    assert intents_count(client) == 1


def test_a_declined_charge_replays_the_same_402(
    sim: Simulator, client: stripe.StripeClient
) -> None:
    customer_id = client.v1.customers.create({}).id
    pm_id = save_card(sim, customer_id, "4000000000000341")
    params: Any = {
        "amount": 1099,
        "currency": "usd",
        "customer": customer_id,
        "payment_method": pm_id,
        "off_session": True,
        "confirm": True,
    }
    errors = []
    for _ in range(2):
        with pytest.raises(stripe.CardError) as caught:
            client.v1.payment_intents.create(params, {"idempotency_key": "declined"})
        errors.append(caught.value)
    assert errors[0].error is not None and errors[1].error is not None
    assert errors[1].error.charge == errors[0].error.charge
    assert errors[1].headers is not None
    assert errors[1].headers.get("Idempotent-Replayed") == "true"
    assert len(client.v1.payment_intents.list({"customer": customer_id}).data) == 1


def test_validation_errors_are_not_stored(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as too_small:
        client.v1.payment_intents.create(
            {"amount": 10, "currency": "usd"}, {"idempotency_key": "fix-me"}
        )
    assert too_small.value.code == "amount_too_small"
    with pytest.raises(stripe.InvalidRequestError) as unknown:
        client.v1.payment_intents.create(
            {"amount": 1000, "currency": "usd", "colour": "red"},  # type: ignore[typeddict-unknown-key]
            {"idempotency_key": "fix-me"},
        )
    assert unknown.value.code == "parameter_unknown"
    fixed = client.v1.payment_intents.create(
        {"amount": 1000, "currency": "usd"}, {"idempotency_key": "fix-me"}
    )
    assert fixed.amount == 1000
    assert fixed.last_response is not None
    assert "Idempotent-Replayed" not in fixed.last_response.headers


def test_a_404_after_execution_began_is_stored(client: stripe.StripeClient) -> None:
    params: Any = {"amount": 1000, "currency": "usd", "customer": "cus_missing"}
    for _ in range(2):
        with pytest.raises(stripe.InvalidRequestError) as caught:
            client.v1.payment_intents.create(params, {"idempotency_key": "no-such-customer"})
        assert caught.value.http_status == 404
    assert caught.value.headers is not None
    assert caught.value.headers.get("Idempotent-Replayed") == "true"
