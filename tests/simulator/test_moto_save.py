"""Saving a card by MOTO on a simulated reader, end to end through the official SDK.

Customer → SetupIntent (card allowed) → ``process_setup_intent`` with ``process_config[moto]``
→ the card keyed in (``present_payment_method`` with ``type=card``) → the reader's action, the
SetupIntent, its latest attempt and the customer's saved card.
"""

from __future__ import annotations

import time
from typing import Any, NamedTuple

import pytest
import stripe

from moto_desk.simulator import Simulator

NEXT_YEAR = time.gmtime().tm_year + 1


@pytest.fixture
def demo(sim: Simulator) -> dict[str, Any]:
    return sim.seed_demo()


@pytest.fixture
def reader(demo: dict[str, Any]) -> str:
    return str(demo["readers"]["Phone desk"])


@pytest.fixture
def customer(client: stripe.StripeClient) -> str:
    return client.v1.customers.create({"name": "Hélène Lefèvre"}).id


def _intent(client: stripe.StripeClient, customer: str | None) -> str:
    params: stripe.params.SetupIntentCreateParams = {"allowed_payment_method_types": ["card"]}
    if customer is not None:
        params["customer"] = customer
    return client.v1.setup_intents.create(params).id


def _process(
    client: stripe.StripeClient, reader: str, intent: str, allow_redisplay: str = "always"
) -> stripe.terminal.Reader:
    return client.v1.terminal.readers.process_setup_intent(
        reader,
        {
            "setup_intent": intent,
            "allow_redisplay": allow_redisplay,
            "process_config": {"moto": True},  # type: ignore[typeddict-unknown-key]
        },
    )


def _key_in(
    client: stripe.StripeClient,
    reader: str,
    number: str,
    *,
    exp_month: int = 12,
    exp_year: int = NEXT_YEAR,
    cvc: str | None = "123",
) -> stripe.terminal.Reader:
    card: stripe.params.test_helpers.terminal.ReaderPresentPaymentMethodParamsCard = {
        "number": number,
        "exp_month": exp_month,
        "exp_year": exp_year,
    }
    if cvc is not None:
        card["cvc"] = cvc
    return client.v1.test_helpers.terminal.readers.present_payment_method(
        reader, {"type": "card", "card": card}
    )


class Saved(NamedTuple):
    number: str
    cvc: str
    brand: str
    funding: str
    country: str


@pytest.mark.parametrize(
    "card",
    [
        Saved("4242424242424242", "123", "visa", "credit", "US"),
        Saved("5200828282828210", "123", "mastercard", "debit", "US"),
        Saved("378282246310005", "1234", "amex", "credit", "US"),
        Saved("3566002020360505", "123", "jcb", "credit", "JP"),
    ],
    ids=lambda card: card.brand,
)
def test_moto_save_succeeds(
    client: stripe.StripeClient, reader: str, customer: str, card: Saved
) -> None:
    number, cvc, brand, funding, country = card
    intent = _intent(client, customer)
    started = _process(client, reader, intent, allow_redisplay="limited")
    assert started.action is not None
    assert started.action.status == "in_progress"
    assert client.v1.setup_intents.retrieve(intent).status == "requires_payment_method"

    done = _key_in(client, reader, number, exp_month=7, exp_year=NEXT_YEAR + 2, cvc=cvc)
    assert done.action is not None
    assert done.action.status == "succeeded"
    assert done.action.failure_code is None and done.action.api_error is None
    assert done.action.process_setup_intent is not None
    assert done.action.process_setup_intent.generated_card is None  # keyed: no card_present PM

    si = client.v1.setup_intents.retrieve(intent, {"expand": ["latest_attempt", "payment_method"]})
    assert si.status == "succeeded"
    assert si.last_setup_error is None
    attempt = si.latest_attempt
    assert isinstance(attempt, stripe.SetupAttempt)
    assert attempt.id.startswith("setatt_")
    assert attempt.status == "succeeded"
    assert attempt.setup_intent == intent
    assert attempt.customer == customer
    details = attempt.payment_method_details
    assert details.type == "card"
    assert details.card is not None
    assert details.card.moto is True
    assert details.card.brand == brand
    assert details.card.last4 == number[-4:]
    assert (details.card.exp_month, details.card.exp_year) == (7, NEXT_YEAR + 2)
    assert details.card.funding == funding
    assert details.card.country == country
    assert details.card.checks is not None and details.card.checks.cvc_check == "pass"

    pm = si.payment_method
    assert isinstance(pm, stripe.PaymentMethod)
    assert attempt.payment_method == pm.id
    assert pm.type == "card"
    assert pm.customer == customer
    assert pm.allow_redisplay == "limited"
    assert pm.card is not None
    assert pm.card.fingerprint == details.card.fingerprint
    assert (pm.card.brand, pm.card.last4, pm.card.funding) == (brand, number[-4:], funding)
    saved = client.v1.customers.payment_methods.list(customer)
    assert [m.id for m in saved.data] == [pm.id]


def test_same_number_same_fingerprint(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    fingerprints = []
    for number in ("4242424242424242", "4242424242424242", "5555555555554444"):
        intent = _intent(client, customer)
        _process(client, reader, intent)
        _key_in(client, reader, number)
        si = client.v1.setup_intents.retrieve(intent, {"expand": ["payment_method"]})
        assert isinstance(si.payment_method, stripe.PaymentMethod)
        assert si.payment_method.card is not None
        fingerprints.append(si.payment_method.card.fingerprint)
    assert fingerprints[0] == fingerprints[1] != fingerprints[2]


@pytest.mark.parametrize(
    "case",
    [
        ("4000000000000002", "card_declined", "generic_decline"),
        ("4000000000009995", "card_declined", "insufficient_funds"),
        ("4000000000009987", "card_declined", "lost_card"),
        ("4000000000009979", "card_declined", "stolen_card"),
        ("4000000000000069", "expired_card", "expired_card"),
        ("4000000000000127", "incorrect_cvc", "incorrect_cvc"),
        ("4000000000000119", "processing_error", "processing_error"),
        ("4242424242424241", "incorrect_number", None),
    ],
)
def test_cards_declined_at_save(
    client: stripe.StripeClient, reader: str, customer: str, case: tuple[str, str, str | None]
) -> None:
    number, code, decline_code = case
    intent = _intent(client, customer)
    _process(client, reader, intent)
    failed = _key_in(client, reader, number)
    action = failed.action
    assert action is not None
    assert action.status == "failed"
    assert action.failure_code == code
    error = action.api_error
    assert error is not None
    assert error.type == "card_error"
    assert error.code == code
    assert error.decline_code == decline_code
    assert action.failure_message == error.message
    assert error.payment_method_type == "card"
    assert error.setup_intent is not None
    assert error.setup_intent.id == intent
    assert error.setup_intent.status == "requires_payment_method"

    si = client.v1.setup_intents.retrieve(intent, {"expand": ["latest_attempt"]})
    assert si.status == "requires_payment_method"
    assert si.payment_method is None
    assert si.last_setup_error is not None
    assert si.last_setup_error.code == code
    if code == "incorrect_number":
        # Refused on the keypad: no PaymentMethod, no attempt.
        assert si.latest_attempt is None
        assert error.payment_method is None
    else:
        attempt = si.latest_attempt
        assert isinstance(attempt, stripe.SetupAttempt)
        assert attempt.status == "failed"
        assert attempt.setup_error is not None and attempt.setup_error.code == code
        assert error.payment_method is not None
        assert error.payment_method.customer is None  # declined cards are never attached
    assert client.v1.customers.payment_methods.list(customer).data == []


def test_declined_then_retried_with_a_good_card(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    intent = _intent(client, customer)
    _process(client, reader, intent)
    _key_in(client, reader, "4000000000000002")
    _process(client, reader, intent)
    _key_in(client, reader, "4242424242424242")
    si = client.v1.setup_intents.retrieve(intent)
    assert si.status == "succeeded"
    assert si.last_setup_error is None
    assert len(client.v1.setup_attempts.list({"setup_intent": intent}).data) == 2


@pytest.mark.parametrize("number", ["4000000000000341", "4000002760003184"])
def test_cards_that_fail_only_when_charged_save_fine(
    client: stripe.StripeClient, reader: str, customer: str, number: str
) -> None:
    intent = _intent(client, customer)
    _process(client, reader, intent)
    assert _key_in(client, reader, number).action.status == "succeeded"  # type: ignore[union-attr]
    assert client.v1.setup_intents.retrieve(intent).status == "succeeded"
    assert len(client.v1.customers.payment_methods.list(customer).data) == 1


@pytest.mark.parametrize(
    "case",
    [
        (12, time.gmtime().tm_year - 1, "123", "invalid_expiry_year"),
        (13, NEXT_YEAR, "123", "invalid_expiry_month"),
        (12, NEXT_YEAR, "12", "invalid_cvc"),
    ],
)
def test_invalid_keyed_details(
    client: stripe.StripeClient, reader: str, customer: str, case: tuple[int, int, str, str]
) -> None:
    exp_month, exp_year, cvc, code = case
    intent = _intent(client, customer)
    _process(client, reader, intent)
    failed = _key_in(
        client, reader, "4242424242424242", exp_month=exp_month, exp_year=exp_year, cvc=cvc
    )
    assert failed.action is not None
    assert failed.action.failure_code == code
    assert client.v1.setup_intents.retrieve(intent).status == "requires_payment_method"


def test_card_without_cvc_saves_with_no_cvc_check(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    intent = _intent(client, customer)
    _process(client, reader, intent)
    _key_in(client, reader, "4242424242424242", cvc=None)
    si = client.v1.setup_intents.retrieve(intent, {"expand": ["latest_attempt"]})
    assert isinstance(si.latest_attempt, stripe.SetupAttempt)
    card = si.latest_attempt.payment_method_details.card
    assert card is not None and card.checks is not None
    assert card.checks.cvc_check is None


def test_presenting_nothing_keys_in_the_default_visa(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    intent = _intent(client, customer)
    _process(client, reader, intent)
    done = client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    assert done.action is not None and done.action.status == "succeeded"
    si = client.v1.setup_intents.retrieve(intent, {"expand": ["payment_method"]})
    assert isinstance(si.payment_method, stripe.PaymentMethod)
    assert si.payment_method.card is not None
    assert si.payment_method.card.last4 == "4242"
    assert si.payment_method.card.exp_year == NEXT_YEAR


def test_a_setup_intent_without_customer_saves_an_unattached_card(
    client: stripe.StripeClient, reader: str
) -> None:
    intent = _intent(client, None)
    _process(client, reader, intent)
    _key_in(client, reader, "4242424242424242")
    si = client.v1.setup_intents.retrieve(intent, {"expand": ["payment_method"]})
    assert si.status == "succeeded"
    assert isinstance(si.payment_method, stripe.PaymentMethod)
    assert si.payment_method.customer is None


def test_moto_disabled_is_an_unknown_parameter(
    client: stripe.StripeClient, sim: Simulator, reader: str, customer: str
) -> None:
    sim.configure(moto_enabled=False)
    intent = _intent(client, customer)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _process(client, reader, intent)
    assert caught.value.http_status == 400
    assert caught.value.code == "parameter_unknown"
    assert caught.value.param == "process_config[moto]"
    assert "Received unknown parameter: process_config[moto]" in str(caught.value.user_message)
    assert client.v1.terminal.readers.retrieve(reader).action is None
    sim.configure(moto_enabled=True)
    assert _process(client, reader, intent).action is not None


def test_moto_needs_allow_redisplay_always_or_limited(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    intent = _intent(client, customer)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _process(client, reader, intent, allow_redisplay="unspecified")
    assert caught.value.param == "allow_redisplay"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _process(client, reader, intent, allow_redisplay="sometimes")
    assert caught.value.param == "allow_redisplay"
    assert client.v1.terminal.readers.retrieve(reader).action is None


def test_moto_needs_card_among_the_setup_intent_types(
    client: stripe.StripeClient, reader: str, customer: str
) -> None:
    intent = client.v1.setup_intents.create(
        {"customer": customer, "allowed_payment_method_types": ["card_present"]}
    ).id
    with pytest.raises(stripe.InvalidRequestError) as caught:
        _process(client, reader, intent)
    assert caught.value.param == "setup_intent"
    assert "card" in str(caught.value.user_message)
