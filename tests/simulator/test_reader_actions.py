"""Reader commands and the present_payment_method test helper, through the official SDK."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import stripe

from moto_desk.simulator import Simulator

CART: stripe.params.terminal.ReaderSetReaderDisplayParams = {
    "type": "cart",
    "cart": {
        "currency": "usd",
        "line_items": [{"amount": 1250, "description": "Bouquet", "quantity": 2}],
        "tax": 200,
        "total": 2700,
    },
}


@pytest.fixture
def reader(sim: Simulator) -> str:
    return str(sim.seed_demo()["readers"]["Front desk"])


@pytest.fixture
def customer(client: stripe.StripeClient) -> str:
    return client.v1.customers.create({"name": "David Chen"}).id


def _intent(client: stripe.StripeClient, customer: str, types: list[str] | None = None) -> str:
    return client.v1.setup_intents.create(
        {"customer": customer, "allowed_payment_method_types": types or ["card"]}
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


def test_process_setup_intent_starts_an_action(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    intent = _intent(client, customer)
    started = _moto(client, reader, intent, enable_customer_cancellation=True)
    assert started.id == reader
    assert started.action is not None
    assert started.action.to_dict() == {
        "api_error": None,
        "failure_code": None,
        "failure_message": None,
        "process_setup_intent": {
            "generated_card": None,
            "process_config": {"enable_customer_cancellation": True},
            "setup_intent": intent,
        },
        "status": "in_progress",
        "type": "process_setup_intent",
    }
    assert client.v1.setup_intents.retrieve(intent).status == "requires_payment_method"
    again = client.v1.terminal.readers.retrieve(
        reader, {"expand": ["action.process_setup_intent.setup_intent"]}
    )
    assert again.action is not None and again.action.process_setup_intent is not None
    expanded = again.action.process_setup_intent.setup_intent
    assert isinstance(expanded, stripe.SetupIntent) and expanded.id == intent


def test_required_parameters(client: stripe.StripeClient, reader: str, customer: str) -> None:
    intent = _intent(client, customer)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.process_setup_intent(reader, {"setup_intent": intent})  # type: ignore[typeddict-item]
    assert caught.value.code == "parameter_missing"
    assert caught.value.param == "allow_redisplay"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _moto(client, reader, intent, tipping=True)
    assert caught.value.code == "parameter_unknown"
    assert caught.value.param == "process_config[tipping]"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _moto(client, reader, "seti_missing")
    assert caught.value.http_status == 404
    assert caught.value.param == "setup_intent"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _moto(client, "tmr_missing", intent)
    assert caught.value.http_status == 404
    assert client.v1.terminal.readers.retrieve(reader).action is None


@pytest.mark.parametrize("final", ["succeeded", "canceled"])
def test_intent_must_wait_for_a_payment_method(
    client: stripe.StripeClient, reader: str, customer: str, final: str
) -> None:
    intent = _intent(client, customer)
    if final == "canceled":
        client.v1.setup_intents.cancel(intent)
    else:
        _moto(client, reader, intent)
        client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _moto(client, reader, intent)
    error = caught.value
    assert error.code == "intent_invalid_state"
    assert error.error is not None and error.error.setup_intent is not None
    assert error.error.setup_intent.status == final


def test_present_needs_an_action_in_progress(client: stripe.StripeClient, reader: str) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    assert "no process_setup_intent or process_payment_intent action" in str(
        caught.value.user_message
    )
    client.v1.terminal.readers.set_reader_display(reader, CART)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    assert "set_reader_display" in str(caught.value.user_message)


def test_present_must_match_the_action(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    _moto(client, reader, _intent(client, customer))
    mismatched: list[stripe.params.test_helpers.terminal.ReaderPresentPaymentMethodParams] = [
        {"type": "card_present"},
        {"type": "card_present", "card_present": {"number": "4242424242424242"}},
        {"type": "interac_present"},
        {"amount_tip": 100},
    ]
    for params in mismatched:
        with pytest.raises(stripe.InvalidRequestError):
            client.v1.test_helpers.terminal.readers.present_payment_method(reader, params)
    action = client.v1.terminal.readers.retrieve(reader).action
    assert action is not None and action.status == "in_progress"


def test_set_reader_display_occupies_the_reader_until_cancel_action(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    shown = client.v1.terminal.readers.set_reader_display(reader, CART)
    assert shown.action is not None
    assert shown.action.type == "set_reader_display"
    assert shown.action.status == "in_progress"
    assert shown.action.set_reader_display is not None
    cart = shown.action.set_reader_display.cart
    assert cart is not None and cart.total == 2700 and cart.line_items[0].quantity == 2
    bigger = copy.deepcopy(CART)
    bigger["cart"]["total"] = 2900
    updated = client.v1.terminal.readers.set_reader_display(reader, bigger)
    assert updated.action is not None and updated.action.set_reader_display is not None
    assert updated.action.set_reader_display.cart is not None
    assert updated.action.set_reader_display.cart.total == 2900

    intent = _intent(client, customer)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _moto(client, reader, intent)
    assert caught.value.code == "terminal_reader_busy"
    assert client.v1.terminal.readers.cancel_action(reader).action is None
    assert _moto(client, reader, intent).action is not None


def test_display_refused_while_processing(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    _moto(client, reader, _intent(client, customer))
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.set_reader_display(reader, CART)
    assert caught.value.code == "terminal_reader_busy"


def test_cancel_action_clears_it_and_the_intent_can_be_processed_again(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    intent = _intent(client, customer)
    _moto(client, reader, intent)
    canceled = client.v1.terminal.readers.cancel_action(reader)
    assert canceled.action is None
    assert client.v1.setup_intents.retrieve(intent).status == "requires_payment_method"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    assert caught.value.http_status == 400
    _moto(client, reader, intent)
    client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    assert client.v1.setup_intents.retrieve(intent).status == "succeeded"


def test_cancel_action_without_an_action(client: stripe.StripeClient, reader: str) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.cancel_action(reader)
    assert caught.value.http_status == 400
    assert "no action" in str(caught.value.user_message)


def test_intent_canceled_while_the_reader_waits(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    intent = _intent(client, customer)
    _moto(client, reader, intent)
    client.v1.setup_intents.cancel(intent)
    failed = client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    assert failed.action is not None
    assert failed.action.status == "failed"
    assert failed.action.failure_code == "setup_intent_unexpected_state"
    assert client.v1.customers.payment_methods.list(customer).data == []


def _dipped(client: stripe.StripeClient, reader: str, intent: str) -> stripe.terminal.Reader:
    return client.v1.terminal.readers.process_setup_intent(
        reader, {"setup_intent": intent, "allow_redisplay": "always"}
    )


def test_card_present_setup_generates_a_reusable_card(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    intent = _intent(client, customer, ["card_present"])
    _dipped(client, reader, intent)
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.test_helpers.terminal.readers.present_payment_method(
            reader,
            {
                "type": "card",
                "card": {"number": "4242424242424242", "exp_month": 1, "exp_year": 2040},
            },
        )
    done = client.v1.test_helpers.terminal.readers.present_payment_method(
        reader, {"card_present": {"number": "5555555555554444"}}
    )
    assert done.action is not None and done.action.process_setup_intent is not None
    generated_id = done.action.process_setup_intent.generated_card
    assert generated_id is not None
    si = client.v1.setup_intents.retrieve(intent, {"expand": ["payment_method", "latest_attempt"]})
    assert si.status == "succeeded"
    assert isinstance(si.payment_method, stripe.PaymentMethod)
    assert si.payment_method.type == "card_present"
    assert si.payment_method.customer is None
    assert isinstance(si.latest_attempt, stripe.SetupAttempt)
    assert si.latest_attempt.payment_method_details.type == "card_present"
    generated = client.v1.payment_methods.retrieve(generated_id)
    assert generated.type == "card"
    assert generated.customer == customer
    assert generated.card is not None and generated.card.last4 == "4444"
    assert generated.card.generated_from is not None
    assert generated.card.generated_from.setup_attempt == si.latest_attempt.id


def test_card_present_decline_card_fails_authentication(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    intent = _intent(client, customer, ["card_present"])
    _dipped(client, reader, intent)
    failed = client.v1.test_helpers.terminal.readers.present_payment_method(
        reader, {"type": "card_present", "card_present": {"number": "4000000000000002"}}
    )
    assert failed.action is not None
    assert failed.action.failure_code == "setup_intent_authentication_failure"
    assert client.v1.setup_intents.retrieve(intent).status == "requires_payment_method"


def test_ordinary_setup_needs_card_present_among_the_types(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _dipped(client, reader, _intent(client, customer, ["card"]))
    assert caught.value.param == "setup_intent"


def test_restricted_key_needs_terminal_reader_write(sim: Simulator, reader: str) -> None:
    from tests.conftest import make_client

    key = "rk_test_reader_reader"
    sim.keys.restrict(key, ["rak_terminal_reader_read"])
    restricted = make_client(sim, key)
    assert restricted.v1.terminal.readers.retrieve(reader).id == reader
    with pytest.raises(stripe.PermissionError):
        restricted.v1.terminal.readers.set_reader_display(reader, CART)


def _payment(client: stripe.StripeClient, capture_method: str = "automatic") -> str:
    return client.v1.payment_intents.create(
        {
            "amount": 1500,
            "currency": "usd",
            "allowed_payment_method_types": ["card_present"],
            "capture_method": capture_method,
        }
    ).id


def test_process_payment_intent_charges_a_dipped_card(
    client: stripe.StripeClient, reader: str
) -> None:
    intent = _payment(client)
    started = client.v1.terminal.readers.process_payment_intent(
        reader,
        {"payment_intent": intent, "process_config": {"enable_customer_cancellation": True}},
    )
    assert started.action is not None and started.action.status == "in_progress"
    assert started.action.process_payment_intent is not None
    assert started.action.process_payment_intent.payment_intent == intent
    done = client.v1.test_helpers.terminal.readers.present_payment_method(
        reader, {"amount_tip": 200}
    )
    assert done.action is not None and done.action.status == "succeeded"
    paid = client.v1.payment_intents.retrieve(intent, {"expand": ["latest_charge"]})
    assert paid.status == "succeeded"
    assert paid.amount == 1700
    assert paid.amount_received == 1700
    charge = paid.latest_charge
    assert isinstance(charge, stripe.Charge)
    assert charge.payment_method_details is not None
    assert charge.payment_method_details.type == "card_present"
    assert charge.payment_method_details.card_present is not None
    assert charge.payment_method_details.card_present.last4 == "4242"


def test_process_payment_intent_with_manual_capture(
    client: stripe.StripeClient, reader: str
) -> None:
    intent = _payment(client, "manual")
    client.v1.terminal.readers.process_payment_intent(reader, {"payment_intent": intent})
    client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    held = client.v1.payment_intents.retrieve(intent)
    assert held.status == "requires_capture"
    assert held.amount_capturable == 1500


def test_process_payment_intent_declined(client: stripe.StripeClient, reader: str) -> None:
    intent = _payment(client)
    client.v1.terminal.readers.process_payment_intent(reader, {"payment_intent": intent})
    failed = client.v1.test_helpers.terminal.readers.present_payment_method(
        reader, {"card_present": {"number": "4000000000009995"}}
    )
    assert failed.action is not None
    assert failed.action.status == "failed"
    assert failed.action.failure_code == "card_declined"
    error = failed.action.api_error
    assert error is not None and error.decline_code == "insufficient_funds"
    assert error.payment_intent is not None and error.payment_intent.id == intent
    after = client.v1.payment_intents.retrieve(intent)
    assert after.status == "requires_payment_method"
    assert after.last_payment_error is not None
    assert after.last_payment_error.code == "card_declined"


def test_process_payment_intent_refusals(
    client: stripe.StripeClient, sim: Simulator, reader: str
) -> None:
    online_only = client.v1.payment_intents.create(
        {"amount": 1500, "currency": "usd", "allowed_payment_method_types": ["card"]}
    ).id
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.process_payment_intent(reader, {"payment_intent": online_only})
    assert caught.value.param == "payment_intent"
    moto: Any = {"payment_intent": _payment(client), "process_config": {"moto": True}}
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.process_payment_intent(reader, moto)
    assert caught.value.param == "process_config[moto]"
    assert "not simulated" in str(caught.value.user_message)
    sim.configure(moto_enabled=False)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.process_payment_intent(reader, moto)
    assert caught.value.code == "parameter_unknown"
    intent = _payment(client)
    client.v1.payment_intents.cancel(intent)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.process_payment_intent(reader, {"payment_intent": intent})
    assert caught.value.code == "intent_invalid_state"
    assert client.v1.terminal.readers.retrieve(reader).action is None


def test_the_setup_intent_privately_records_its_reader(
    client: stripe.StripeClient, sim: Simulator, reader: str, customer: str
) -> None:
    from moto_desk.simulator.resources.setup_intents import processing_reader

    intent = _intent(client, customer)
    _moto(client, reader, intent)
    with sim.state.lock:
        assert processing_reader(sim.state, intent) == reader
    client.v1.terminal.readers.cancel_action(reader)
    with sim.state.lock:
        assert processing_reader(sim.state, intent) is None
    _moto(client, reader, intent)
    client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    with sim.state.lock:
        assert processing_reader(sim.state, intent) is None
