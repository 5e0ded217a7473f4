"""Injected faults, restricted and revoked keys, as the official SDK experiences them."""

from __future__ import annotations

import time
from typing import Any

import pytest
import stripe
from stripe._http_client import HTTPClient

from moto_desk.simulator import Simulator
from tests.conftest import make_client

PI_PATH = "^/v1/payment_intents$"
PARAMS: Any = {"amount": 1099, "currency": "usd"}


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDK's back-off sleeps at least 0.5 s per retry; the tests need not wait."""
    monkeypatch.setattr(HTTPClient, "INITIAL_DELAY", 0.01)


def intent_count(sim: Simulator) -> int:
    with sim.state.lock:
        return sim.state.count("payment_intent")


def test_latency_delays_the_answer(sim: Simulator, client: stripe.StripeClient) -> None:
    sim.faults.add(kind="latency", method="POST", path="^/v1/customers$", latency_ms=200, times=1)
    started = time.monotonic()
    client.v1.customers.create({})
    assert time.monotonic() - started >= 0.2
    started = time.monotonic()
    client.v1.customers.create({})
    assert time.monotonic() - started < 0.2


@pytest.mark.parametrize("status", [500, 503])
def test_server_error_is_retried_by_the_sdk_when_allowed(sim: Simulator, status: int) -> None:
    sim.faults.add(kind="status", status=status, method="POST", path=PI_PATH, times=1)
    intent = make_client(sim, retries=2).v1.payment_intents.create(PARAMS)
    assert intent.status == "requires_payment_method"
    assert intent_count(sim) == 1


@pytest.mark.parametrize("status", [500, 503])
def test_server_error_without_retries_raises(sim: Simulator, status: int) -> None:
    sim.faults.add(kind="status", status=status, method="POST", path=PI_PATH, times=1)
    with pytest.raises(stripe.APIError) as caught:
        make_client(sim, retries=0).v1.payment_intents.create(PARAMS)
    assert caught.value.http_status == status
    assert intent_count(sim) == 0


def test_rate_limit_is_not_retried_without_should_retry(sim: Simulator) -> None:
    sim.faults.add(kind="status", status=429, method="POST", path=PI_PATH, times=2)
    with pytest.raises(stripe.RateLimitError) as caught:
        make_client(sim, retries=2).v1.payment_intents.create(PARAMS)
    assert caught.value.http_status == 429
    assert len(sim.faults.rules()) == 1  # one attempt only: the second 429 is still armed
    assert intent_count(sim) == 0


def test_rate_limit_with_should_retry_is_retried(sim: Simulator) -> None:
    sim.faults.add(
        kind="status", status=429, should_retry=True, method="POST", path=PI_PATH, times=1
    )
    intent = make_client(sim, retries=2).v1.payment_intents.create(PARAMS)
    assert intent.id.startswith("pi_")
    assert intent_count(sim) == 1


def test_drop_before_handling_creates_nothing(sim: Simulator, client: stripe.StripeClient) -> None:
    sim.faults.add(kind="drop_before", method="POST", path=PI_PATH, times=1)
    with pytest.raises(stripe.APIConnectionError):
        client.v1.payment_intents.create(PARAMS)
    assert intent_count(sim) == 0


def test_drop_after_handling_then_retry_with_the_same_key_gets_the_same_intent(
    sim: Simulator, client: stripe.StripeClient
) -> None:
    """The core scenario: the work is done, the answer is lost, the retry must not redo it."""
    sim.faults.add(kind="drop_after", method="POST", path=PI_PATH, times=1)
    options: Any = {"idempotency_key": "desk-1-charge-0001"}
    with pytest.raises(stripe.APIConnectionError):
        client.v1.payment_intents.create(PARAMS, options)
    assert intent_count(sim) == 1  # done, although the client never heard of it
    retried = client.v1.payment_intents.create(PARAMS, options)
    assert retried.last_response is not None
    assert retried.last_response.headers["Idempotent-Replayed"] == "true"
    with sim.state.lock:
        stored = sim.state.newest_first("payment_intent")
    assert [pi["id"] for pi in stored] == [retried.id]


def test_drop_after_handling_is_recovered_by_sdk_retries(sim: Simulator) -> None:
    sim.faults.add(kind="drop_after", method="POST", path=PI_PATH, times=1)
    intent = make_client(sim, retries=1).v1.payment_intents.create(PARAMS)
    assert intent_count(sim) == 1
    assert intent.last_response is not None
    assert intent.last_response.headers["Idempotent-Replayed"] == "true"


def test_restricted_key_without_permission_is_refused(sim: Simulator) -> None:
    key = "rk_test_front_desk_reader"
    sim.keys.restrict(key, ["rak_customer_write", "rak_payment_intent_read"])
    restricted = make_client(sim, key)
    restricted.v1.customers.create({})
    assert restricted.v1.payment_intents.list().data == []
    with pytest.raises(stripe.PermissionError) as caught:
        restricted.v1.payment_intents.create(PARAMS)
    assert caught.value.http_status == 403
    assert "rak_payment_intent_write" in str(caught.value.user_message)
    with pytest.raises(stripe.PermissionError) as refunds:
        restricted.v1.refunds.list()
    assert "rak_refund_read" in str(refunds.value.user_message)


def test_revoked_key_is_an_authentication_error(sim: Simulator) -> None:
    key = "sk_test_revoked_desk_key"
    revoked = make_client(sim, key)
    revoked.v1.customers.list()
    sim.keys.revoke(key)
    with pytest.raises(stripe.AuthenticationError) as caught:
        revoked.v1.customers.list()
    assert caught.value.http_status == 401
