"""Simulated reader faults and the reader's clock: busy, offline, a command that timed out
although it arrived, a hung action, a customer who cancels, the reader timeout, auto-present.

Time-driven tests shorten the simulator's waits to fractions of a second and poll the reader
in a bounded loop, as the app does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
import stripe

from moto_desk.simulator import Simulator


@pytest.fixture
def reader(sim: Simulator) -> str:
    return str(sim.seed_demo()["readers"]["Phone desk"])


@pytest.fixture
def intent(client: stripe.StripeClient) -> str:
    customer = client.v1.customers.create({"name": "Priya Raman"}).id
    return client.v1.setup_intents.create(
        {"customer": customer, "allowed_payment_method_types": ["card"]}
    ).id


def _moto(
    client: stripe.StripeClient, reader: str, intent: str, **config: Any
) -> stripe.terminal.Reader:
    return client.v1.terminal.readers.process_setup_intent(
        reader,
        {
            "setup_intent": intent,
            "allow_redisplay": "always",
            "process_config": {"moto": True, **config},  # type: ignore[typeddict-item]
        },
    )


def _wait_for(
    client: stripe.StripeClient,
    reader: str,
    done: Callable[[stripe.terminal.Reader], bool],
    timeout_s: float = 3.0,
) -> stripe.terminal.Reader:
    deadline = time.monotonic() + timeout_s
    while True:
        current = client.v1.terminal.readers.retrieve(reader)
        if done(current):
            return current
        assert time.monotonic() < deadline, f"reader never got there: {current.action}"
        time.sleep(0.05)


def _action_status(reader: stripe.terminal.Reader) -> str | None:
    return reader.action.status if reader.action is not None else None


def test_second_command_while_in_progress_is_busy(
    client: stripe.StripeClient, reader: str, intent: str
) -> None:
    _moto(client, reader, intent)
    other = client.v1.setup_intents.create({"allowed_payment_method_types": ["card"]}).id
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _moto(client, reader, other)
    error = caught.value
    assert error.http_status == 400
    assert error.code == "terminal_reader_busy"
    assert error.user_message == (
        "Reader is currently busy processing another request, please retry after the current "
        "request has completed."
    )
    action = client.v1.terminal.readers.retrieve(reader).action
    assert action is not None and action.process_setup_intent is not None
    assert action.process_setup_intent.setup_intent == intent


def test_busy_flag_refuses_commands_without_a_visible_action(
    client: stripe.StripeClient, sim: Simulator, reader: str, intent: str
) -> None:
    sim.set_reader(reader, busy=True)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _moto(client, reader, intent)
    assert caught.value.code == "terminal_reader_busy"
    assert client.v1.terminal.readers.retrieve(reader).action is None
    sim.set_reader(reader, busy=False)
    assert _action_status(_moto(client, reader, intent)) == "in_progress"


def test_offline_reader(
    client: stripe.StripeClient, sim: Simulator, reader: str, intent: str
) -> None:
    result = sim.set_reader(reader, status="offline")
    assert result["reader"]["status"] == "offline"
    assert client.v1.terminal.readers.retrieve(reader).status == "offline"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _moto(client, reader, intent)
    assert caught.value.code == "terminal_reader_offline"
    assert caught.value.user_message == (
        "Reader is currently offline, please ensure the reader is powered on and connected to "
        "the internet before retrying your request."
    )
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.cancel_action(reader)
    assert caught.value.code == "terminal_reader_offline"


def test_timeout_although_the_command_arrived(
    client: stripe.StripeClient, sim: Simulator, reader: str, intent: str
) -> None:
    sim.set_reader(reader, timeout_delivered=1)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _moto(client, reader, intent)
    assert caught.value.code == "terminal_reader_timeout"
    assert caught.value.user_message == (
        "There was a timeout when sending this command to the reader. Please retry your request."
    )
    # The false negative: the reader did get it.
    arrived = client.v1.terminal.readers.retrieve(reader)
    assert _action_status(arrived) == "in_progress"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _moto(client, reader, intent)
    assert caught.value.code == "terminal_reader_busy"
    client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    assert client.v1.setup_intents.retrieve(intent).status == "succeeded"


def test_timeout_delivered_counts_down(
    client: stripe.StripeClient, sim: Simulator, reader: str, intent: str
) -> None:
    sim.set_reader(reader, timeout_delivered=2)
    for _ in range(2):
        with pytest.raises(stripe.InvalidRequestError) as caught:
            _moto(client, reader, intent)
        assert caught.value.code == "terminal_reader_timeout"
        client.v1.terminal.readers.cancel_action(reader)
    assert _action_status(_moto(client, reader, intent)) == "in_progress"


def test_hang_never_times_out_until_canceled(
    client: stripe.StripeClient, sim: Simulator, reader: str, intent: str
) -> None:
    sim.configure(reader_timeout_s=0.1)
    sim.set_reader(reader, hang=True, auto_present={"number": "4242424242424242", "delay_s": 0})
    _moto(client, reader, intent)
    time.sleep(0.3)
    assert _action_status(client.v1.terminal.readers.retrieve(reader)) == "in_progress"
    ignored = client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    assert _action_status(ignored) == "in_progress"
    assert client.v1.terminal.readers.cancel_action(reader).action is None
    assert client.v1.setup_intents.retrieve(intent).status == "requires_payment_method"


def test_clearing_hang_restarts_the_wait(
    client: stripe.StripeClient, sim: Simulator, reader: str, intent: str
) -> None:
    sim.configure(reader_timeout_s=0.5)
    sim.set_reader(reader, hang=True)
    _moto(client, reader, intent)
    time.sleep(0.6)
    sim.set_reader(reader, hang=False)
    assert _action_status(client.v1.terminal.readers.retrieve(reader)) == "in_progress"
    failed = _wait_for(client, reader, lambda r: _action_status(r) == "failed")
    assert failed.action is not None and failed.action.failure_code == "reader_timeout"


def test_customer_cancel(
    client: stripe.StripeClient, sim: Simulator, reader: str, intent: str
) -> None:
    _moto(client, reader, intent, enable_customer_cancellation=True)
    sim.set_reader(reader, customer_cancel=True)
    action = client.v1.terminal.readers.retrieve(reader).action
    assert action is not None
    assert action.status == "failed"
    assert action.failure_code == "customer_canceled"
    assert action.failure_message == (
        "This action could not be completed due to an error on the card reader."
    )
    assert action.api_error is None
    assert client.v1.setup_intents.retrieve(intent).status == "requires_payment_method"


def test_customer_cancel_needs_the_cancel_button(
    client: stripe.StripeClient, sim: Simulator, reader: str, intent: str
) -> None:
    with pytest.raises(ValueError, match="no process action"):
        sim.set_reader(reader, customer_cancel=True)
    _moto(client, reader, intent)
    with pytest.raises(ValueError, match="enable_customer_cancellation"):
        sim.set_reader(reader, customer_cancel=True)
    assert _action_status(client.v1.terminal.readers.retrieve(reader)) == "in_progress"


def test_reader_times_out_waiting_for_the_card(
    client: stripe.StripeClient, sim: Simulator, reader: str, intent: str
) -> None:
    sim.configure(reader_timeout_s=0.2, timeout_failure_code="reader_timeout_test")
    _moto(client, reader, intent)
    failed = _wait_for(client, reader, lambda r: _action_status(r) != "in_progress")
    assert failed.action is not None
    assert failed.action.status == "failed"
    assert failed.action.failure_code == "reader_timeout_test"
    assert failed.action.failure_message == "The reader timed out waiting for the card details."
    assert failed.action.api_error is None
    assert client.v1.setup_intents.retrieve(intent).status == "requires_payment_method"


def test_an_offline_reader_reports_its_timeout_when_back(
    client: stripe.StripeClient, sim: Simulator, reader: str, intent: str
) -> None:
    sim.configure(reader_timeout_s=0.4)
    _moto(client, reader, intent)
    sim.set_reader(reader, status="offline")
    time.sleep(0.5)
    assert _action_status(client.v1.terminal.readers.retrieve(reader)) == "in_progress"
    sim.set_reader(reader, status="online")
    assert _action_status(client.v1.terminal.readers.retrieve(reader)) == "failed"


def test_auto_present_saves_hands_free(
    client: stripe.StripeClient, sim: Simulator, reader: str, intent: str
) -> None:
    flags = sim.set_reader(
        reader,
        auto_present={
            "number": "5555555555554444",
            "exp_month": 3,
            "exp_year": time.gmtime().tm_year + 3,
            "cvc": "321",
            "delay_s": 0.1,
        },
    )["flags"]
    assert flags["auto_present"]["number"] == "5555555555554444"
    assert _action_status(_moto(client, reader, intent)) == "in_progress"
    done = _wait_for(client, reader, lambda r: _action_status(r) != "in_progress")
    assert _action_status(done) == "succeeded"
    si = client.v1.setup_intents.retrieve(intent, {"expand": ["payment_method"]})
    assert si.status == "succeeded"
    assert isinstance(si.payment_method, stripe.PaymentMethod)
    assert si.payment_method.card is not None
    assert (si.payment_method.card.last4, si.payment_method.card.exp_month) == ("4444", 3)


def test_auto_present_of_a_declined_card(
    client: stripe.StripeClient, sim: Simulator, reader: str, intent: str
) -> None:
    sim.set_reader(reader, auto_present={"number": "4000000000009995", "delay_s": 0})
    _moto(client, reader, intent)
    failed = client.v1.terminal.readers.retrieve(reader)
    assert failed.action is not None
    assert failed.action.failure_code == "card_declined"
    assert failed.action.api_error is not None
    assert failed.action.api_error.decline_code == "insufficient_funds"


def test_bad_flags_change_nothing(sim: Simulator, reader: str) -> None:
    with pytest.raises(ValueError, match="unknown reader flag"):
        sim.set_reader(reader, status="offline", sleepy=True)
    with pytest.raises(ValueError, match="status"):
        sim.set_reader(reader, status="asleep")
    with pytest.raises(ValueError, match="timeout_delivered"):
        sim.set_reader(reader, timeout_delivered=-1)
    with pytest.raises(ValueError, match="auto_present"):
        sim.set_reader(reader, auto_present={"number": "4242", "speed": 3})
    result = sim.set_reader(reader)
    assert result["reader"]["status"] == "online"
    assert result["flags"] == {
        "busy": False,
        "hang": False,
        "timeout_delivered": 0,
        "auto_present": None,
    }


def test_reset_clears_every_flag(sim: Simulator, reader: str) -> None:
    sim.set_reader(
        reader,
        status="offline",
        busy=True,
        hang=True,
        timeout_delivered=3,
        auto_present={"number": "4242424242424242"},
    )
    result = sim.set_reader(reader, reset=True)
    assert result["reader"]["status"] == "online"
    assert result["flags"] == {
        "busy": False,
        "hang": False,
        "timeout_delivered": 0,
        "auto_present": None,
    }
