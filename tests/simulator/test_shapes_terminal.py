"""Every key of Stripe's published example objects, with the same JSON type (or null), in what
the simulator serves: setup_intent, setup_attempt, terminal.reader, terminal.location."""

from __future__ import annotations

from typing import Any

import pytest
import stripe

from moto_desk.simulator import Simulator
from tests.helpers.shapes import assert_shape, fixture


@pytest.fixture
def demo(sim: Simulator) -> dict[str, Any]:
    return sim.seed_demo()


def _moto(client: stripe.StripeClient, reader: str, intent: str) -> None:
    client.v1.terminal.readers.process_setup_intent(
        reader,
        {
            "setup_intent": intent,
            "allow_redisplay": "always",
            "process_config": {"moto": True, "enable_customer_cancellation": True},  # type: ignore[typeddict-unknown-key]
        },
    )


def _present(client: stripe.StripeClient, reader: str, number: str) -> stripe.terminal.Reader:
    return client.v1.test_helpers.terminal.readers.present_payment_method(
        reader,
        {
            "type": "card",
            "card": {"number": number, "exp_month": 12, "exp_year": 2040, "cvc": "123"},
        },
    )


def test_setup_intent_and_setup_attempt(client: stripe.StripeClient, demo: dict[str, Any]) -> None:
    customer = next(iter(demo["customers"].values()))
    reader = demo["readers"]["Phone desk"]
    fresh = client.v1.setup_intents.create(
        {"customer": customer, "allowed_payment_method_types": ["card"]}
    )
    assert_shape(fresh.to_dict(), fixture("setup_intent"))
    for key in (
        "allowed_payment_method_types",
        "attach_to_self",
        "customer_account",
        "managed_payments",
    ):
        assert key in fresh.to_dict()

    _moto(client, reader, fresh.id)
    _present(client, reader, "4000000000000002")
    declined = client.v1.setup_intents.retrieve(fresh.id, {"expand": ["latest_attempt"]})
    assert_shape(declined.to_dict(), fixture("setup_intent"))
    assert isinstance(declined.latest_attempt, stripe.SetupAttempt)
    assert_shape(declined.latest_attempt.to_dict(), fixture("setup_attempt"))

    _moto(client, reader, fresh.id)
    _present(client, reader, "4242424242424242")
    saved = client.v1.setup_intents.retrieve(fresh.id, {"expand": ["latest_attempt"]})
    assert_shape(saved.to_dict(), fixture("setup_intent"))
    assert isinstance(saved.latest_attempt, stripe.SetupAttempt)
    assert_shape(saved.latest_attempt.to_dict(), fixture("setup_attempt"))
    attempts = client.v1.setup_attempts.list({"setup_intent": fresh.id}).data
    assert [a.status for a in attempts] == ["succeeded", "failed"]


def test_terminal_reader_in_every_state(
    client: stripe.StripeClient, sim: Simulator, demo: dict[str, Any]
) -> None:
    reader = demo["readers"]["Front desk"]
    expected = fixture("terminal.reader")
    assert_shape(client.v1.terminal.readers.retrieve(reader).to_dict(), expected)
    intent = client.v1.setup_intents.create({"allowed_payment_method_types": ["card"]}).id
    _moto(client, reader, intent)
    assert_shape(client.v1.terminal.readers.retrieve(reader).to_dict(), expected)
    failed = _present(client, reader, "4000000000009995")
    assert failed.action is not None and failed.action.api_error is not None
    assert_shape(failed.to_dict(), expected)
    _moto(client, reader, intent)
    sim.set_reader(reader, customer_cancel=True)
    assert_shape(client.v1.terminal.readers.retrieve(reader).to_dict(), expected)
    deleted = client.v1.terminal.readers.delete(
        client.v1.terminal.readers.create({"registration_code": "simulated-s710"}).id
    )
    assert deleted.to_dict().keys() == {"id", "object", "deleted"}


def test_terminal_location(client: stripe.StripeClient, demo: dict[str, Any]) -> None:
    location = client.v1.terminal.locations.retrieve(demo["location"])
    assert_shape(location.to_dict(), fixture("terminal.location"))
    listed = client.v1.terminal.locations.list().data
    for item in listed:
        assert_shape(item.to_dict(), fixture("terminal.location"))
