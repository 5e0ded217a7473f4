"""PaymentIntents: the off-session charge of a saved card, its failures, its state machine."""

from __future__ import annotations

from typing import Any

import pytest
import stripe

from moto_desk.simulator import Simulator
from tests.helpers.saved_cards import save_card


@pytest.fixture
def customer_id(client: stripe.StripeClient) -> str:
    return client.v1.customers.create({"email": "payer@example.com"}).id


def charge_params(customer_id: str, pm_id: str, **extra: Any) -> dict[str, Any]:
    params: dict[str, Any] = {
        "amount": 1099,
        "currency": "usd",
        "customer": customer_id,
        "payment_method": pm_id,
        "off_session": True,
        "confirm": True,
    }
    params.update(extra)
    return params


def test_off_session_charge_succeeds_with_a_charge(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id)
    intent = client.v1.payment_intents.create(
        charge_params(customer_id, pm_id, receipt_email="payer@example.com")  # type: ignore[arg-type]
    )
    assert intent.id.startswith("pi_") and intent.status == "succeeded"
    assert intent.capture_method == "automatic_async"
    assert intent.amount_received == 1099 and intent.amount_capturable == 0
    assert intent.payment_method == pm_id and intent.last_payment_error is None
    assert intent.client_secret is not None
    assert intent.client_secret.startswith(intent.id + "_secret_")
    charge = client.v1.charges.retrieve(str(intent.latest_charge))
    assert charge.id.startswith("ch_") and charge.status == "succeeded"
    assert charge.paid and charge.captured and charge.amount_captured == 1099
    assert charge.payment_intent == intent.id and charge.payment_method == pm_id
    assert charge.receipt_email == "payer@example.com"
    assert charge.receipt_url is not None and charge.receipt_url.startswith("https://")
    assert charge.outcome is not None
    assert charge.outcome.network_status == "approved_by_network"
    assert charge.outcome.type == "authorized"
    assert charge.outcome.seller_message == "Payment complete."
    details = charge.payment_method_details
    assert details is not None and details.card is not None
    assert details.card.last4 == "4242" and details.card.moto is None
    assert charge.refunds is not None
    assert charge.refunds.to_dict() == {
        "object": "list",
        "data": [],
        "has_more": False,
        "url": f"/v1/charges/{charge.id}/refunds",
    }


def test_latest_charge_and_its_balance_transaction_expand(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id)
    intent = client.v1.payment_intents.create(charge_params(customer_id, pm_id))  # type: ignore[arg-type]
    expanded = client.v1.payment_intents.retrieve(
        intent.id, {"expand": ["latest_charge.balance_transaction"]}
    )
    charge = expanded.latest_charge
    assert isinstance(charge, stripe.Charge)
    txn = charge.balance_transaction
    assert isinstance(txn, stripe.BalanceTransaction)
    assert txn.id.startswith("txn_") and txn.source == charge.id
    assert txn.amount == 1099 and txn.net == txn.amount - txn.fee and txn.fee > 0


def test_declined_card_is_a_402_leaving_the_intent_reusable(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id, "4000000000000341")
    with pytest.raises(stripe.CardError) as caught:
        client.v1.payment_intents.create(charge_params(customer_id, pm_id))  # type: ignore[arg-type]
    error = caught.value
    assert error.http_status == 402
    assert error.code == "card_declined"
    assert error.error is not None
    assert error.error.decline_code == "generic_decline"
    assert error.error.type == "card_error"
    intent = error.error.payment_intent
    assert intent is not None and intent.status == "requires_payment_method"
    assert intent.payment_method is None
    assert intent.last_payment_error is not None
    assert intent.last_payment_error.code == "card_declined"
    assert error.error.payment_method is not None and error.error.payment_method.id == pm_id
    failed = client.v1.charges.retrieve(str(error.error.charge))
    assert failed.status == "failed" and failed.paid is False
    assert failed.failure_code == "card_declined"
    assert failed.outcome is not None and failed.outcome.type == "issuer_declined"
    stored = client.v1.payment_intents.retrieve(intent.id)
    assert stored.status == "requires_payment_method"
    assert stored.latest_charge == failed.id


def test_card_needing_authentication_fails_off_session(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id, "4000002760003184")
    with pytest.raises(stripe.CardError) as caught:
        client.v1.payment_intents.create(charge_params(customer_id, pm_id))  # type: ignore[arg-type]
    assert caught.value.code == "authentication_required"
    assert caught.value.error is not None
    assert caught.value.error.decline_code == "authentication_required"
    assert caught.value.error.payment_intent is not None
    assert caught.value.error.payment_intent.status == "requires_payment_method"


def test_card_needing_authentication_requires_action_on_session(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id, "4000002760003184")
    params = charge_params(customer_id, pm_id)
    del params["off_session"]
    intent = client.v1.payment_intents.create(params)  # type: ignore[arg-type]
    assert intent.status == "requires_action"
    assert intent.next_action is not None and intent.next_action.type == "use_stripe_sdk"
    assert intent.latest_charge is None
    canceled = client.v1.payment_intents.cancel(intent.id, {"cancellation_reason": "abandoned"})
    assert canceled.status == "canceled" and canceled.cancellation_reason == "abandoned"
    assert canceled.canceled_at is not None


def test_expired_card_is_declined(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id, exp_month=1, exp_year=2020)
    with pytest.raises(stripe.CardError) as caught:
        client.v1.payment_intents.create(charge_params(customer_id, pm_id))  # type: ignore[arg-type]
    assert caught.value.code == "expired_card"


@pytest.mark.parametrize(
    ("amount", "currency", "code", "message"),
    [
        (0, "usd", "parameter_invalid_integer", "This value must be greater than or equal to 1."),
        (-5, "usd", "parameter_invalid_integer", "This value must be greater than or equal to 1."),
        (49, "usd", "amount_too_small", "Amount must be at least $0.50 usd"),
        (29, "gbp", "amount_too_small", "Amount must be at least £0.30 gbp"),
        (49, "jpy", "amount_too_small", "Amount must be at least ¥50 jpy"),
        (10**12, "usd", "amount_too_large", "Amount must be no more than $9,999,999,999.99 usd"),
        ("12.5", "usd", "parameter_invalid_integer", "Invalid integer: 12.5"),
    ],
)
def test_amount_rules(
    client: stripe.StripeClient, amount: Any, currency: str, code: str, message: str
) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.create({"amount": amount, "currency": currency})
    assert caught.value.code == code
    assert caught.value.param == "amount"
    assert caught.value.user_message == message


def test_zero_decimal_and_three_decimal_currencies(client: stripe.StripeClient) -> None:
    assert client.v1.payment_intents.create({"amount": 50, "currency": "jpy"}).amount == 50
    assert client.v1.payment_intents.create({"amount": 1000, "currency": "KWD"}).currency == "kwd"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.create({"amount": 1005, "currency": "kwd"})
    assert caught.value.param == "amount"


def test_unknown_currency_is_refused(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.create({"amount": 1000, "currency": "xyz"})
    assert caught.value.param == "currency"
    assert caught.value.http_status == 400


def test_payment_method_types_is_refused_with_its_own_code(
    client: stripe.StripeClient,
) -> None:
    params: Any = {"amount": 1000, "currency": "usd", "payment_method_types": ["card"]}
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.create(params)
    assert caught.value.code == "payment_method_types_no_longer_supported"
    assert caught.value.param == "payment_method_types"
    intent = client.v1.payment_intents.create({"amount": 1000, "currency": "usd"})
    with pytest.raises(stripe.InvalidRequestError) as on_update:
        client.v1.payment_intents.update(intent.id, {"payment_method_types": ["card"]})  # type: ignore[typeddict-unknown-key]
    assert on_update.value.code == "payment_method_types_no_longer_supported"


def test_allowed_payment_method_types_replaces_automatic_payment_methods(
    client: stripe.StripeClient,
) -> None:
    default = client.v1.payment_intents.create({"amount": 1000, "currency": "usd"})
    assert default.automatic_payment_methods is not None
    assert default.automatic_payment_methods.enabled is True
    allowed = client.v1.payment_intents.create(
        {"amount": 1000, "currency": "usd", "allowed_payment_method_types": ["card"]}
    )
    assert allowed.automatic_payment_methods is None
    assert allowed.payment_method_types == ["card"]
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.create(
            {
                "amount": 1000,
                "currency": "usd",
                "allowed_payment_method_types": ["card"],
                "automatic_payment_methods": {"enabled": True},
            }
        )
    assert caught.value.code == "parameters_exclusive"


def test_card_of_another_customer_is_refused(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    other = client.v1.customers.create({}).id
    pm_id = save_card(sim, other)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.create(charge_params(customer_id, pm_id))  # type: ignore[arg-type]
    assert caught.value.param == "payment_method"
    assert "must be attached to the customer" in str(caught.value.user_message)


def test_saved_card_without_its_customer_is_refused(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.create(
            {"amount": 1000, "currency": "usd", "payment_method": pm_id, "confirm": True}
        )
    assert caught.value.param == "payment_method"


def test_off_session_needs_confirm(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id)
    params = charge_params(customer_id, pm_id)
    del params["confirm"]
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.create(params)  # type: ignore[arg-type]
    assert caught.value.param == "off_session"


def test_create_then_confirm(sim: Simulator, client: stripe.StripeClient, customer_id: str) -> None:
    pm_id = save_card(sim, customer_id)
    intent = client.v1.payment_intents.create(
        {"amount": 2000, "currency": "eur", "customer": customer_id}
    )
    assert intent.status == "requires_payment_method"
    with_pm = client.v1.payment_intents.update(intent.id, {"payment_method": pm_id})
    assert with_pm.status == "requires_confirmation"
    confirmed = client.v1.payment_intents.confirm(intent.id, {"off_session": True})
    assert confirmed.status == "succeeded"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.confirm(intent.id)
    assert caught.value.code == "payment_intent_unexpected_state"


def test_confirm_without_payment_method_is_refused(client: stripe.StripeClient) -> None:
    intent = client.v1.payment_intents.create({"amount": 2000, "currency": "eur"})
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.confirm(intent.id)
    assert caught.value.code == "payment_intent_unexpected_state"
    assert "missing a payment method" in str(caught.value.user_message)


def test_manual_capture_partial(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id)
    intent = client.v1.payment_intents.create(
        charge_params(customer_id, pm_id, capture_method="manual")  # type: ignore[arg-type]
    )
    assert intent.status == "requires_capture" and intent.amount_capturable == 1099
    with pytest.raises(stripe.InvalidRequestError) as too_much:
        client.v1.payment_intents.capture(intent.id, {"amount_to_capture": 2000})
    assert too_much.value.param == "amount_to_capture"
    captured = client.v1.payment_intents.capture(intent.id, {"amount_to_capture": 1000})
    assert captured.status == "succeeded" and captured.amount_received == 1000
    charge = client.v1.charges.retrieve(str(captured.latest_charge))
    assert charge.captured and charge.amount_captured == 1000 and charge.amount_refunded == 99


def test_cancel_releases_an_uncaptured_charge(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id)
    intent = client.v1.payment_intents.create(
        charge_params(customer_id, pm_id, capture_method="manual")  # type: ignore[arg-type]
    )
    canceled = client.v1.payment_intents.cancel(intent.id)
    assert canceled.status == "canceled" and canceled.amount_capturable == 0
    charge = client.v1.charges.retrieve(str(canceled.latest_charge))
    assert charge.refunded is True and charge.amount_refunded == 1099


def test_cancel_of_a_succeeded_intent_embeds_it(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id)
    intent = client.v1.payment_intents.create(charge_params(customer_id, pm_id))  # type: ignore[arg-type]
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.cancel(intent.id)
    assert caught.value.code == "payment_intent_unexpected_state"
    assert caught.value.error is not None
    assert caught.value.error.payment_intent is not None
    assert caught.value.error.payment_intent.status == "succeeded"
    assert "status of succeeded" in str(caught.value.user_message)


def test_update_rules_by_status(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id)
    open_intent = client.v1.payment_intents.create({"amount": 1000, "currency": "usd"})
    updated = client.v1.payment_intents.update(
        open_intent.id,
        {"amount": 1500, "description": "Order 42", "metadata": {"order": "42"}},
    )
    assert (updated.amount, updated.description) == (1500, "Order 42")
    done = client.v1.payment_intents.create(charge_params(customer_id, pm_id))  # type: ignore[arg-type]
    annotated = client.v1.payment_intents.update(
        done.id, {"metadata": {"note": "paid"}, "receipt_email": "r@example.com"}
    )
    assert annotated.metadata["note"] == "paid"
    assert client.v1.charges.retrieve(str(done.latest_charge)).receipt_email == "r@example.com"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.update(done.id, {"amount": 5000})
    assert caught.value.code == "payment_intent_unexpected_state"
    assert caught.value.param == "amount"


def test_customer_cannot_change_once_set(client: stripe.StripeClient, customer_id: str) -> None:
    other = client.v1.customers.create({}).id
    intent = client.v1.payment_intents.create(
        {"amount": 1000, "currency": "usd", "customer": customer_id}
    )
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.update(intent.id, {"customer": other})
    assert caught.value.param == "customer"


def test_unknown_ids_are_404(client: stripe.StripeClient) -> None:
    for call in (
        lambda: client.v1.payment_intents.retrieve("pi_nope"),
        lambda: client.v1.charges.retrieve("ch_nope"),
        lambda: client.v1.payment_intents.create(
            {"amount": 1000, "currency": "usd", "customer": "cus_nope"}
        ),
    ):
        with pytest.raises(stripe.InvalidRequestError) as caught:
            call()
        assert caught.value.http_status == 404
        assert caught.value.code == "resource_missing"


def test_list_by_customer_and_created(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    mine = [
        client.v1.payment_intents.create(
            {"amount": 1000 + i, "currency": "usd", "customer": customer_id}
        ).id
        for i in range(3)
    ]
    client.v1.payment_intents.create({"amount": 1000, "currency": "usd"})
    listed = client.v1.payment_intents.list({"customer": customer_id})
    assert [pi.id for pi in listed.data] == list(reversed(mine))
    assert listed.url == "/v1/payment_intents"
    with sim.state.lock:
        oldest = sim.state.get(mine[0])
        assert oldest is not None
        oldest["created"] = 1_600_000_000
    recent = client.v1.payment_intents.list(
        {"customer": customer_id, "created": {"gt": 1_600_000_000}}
    )
    assert [pi.id for pi in recent.data] == [mine[2], mine[1]]


def test_search_by_metadata_status_and_amount(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id)
    paid = client.v1.payment_intents.create(
        charge_params(customer_id, pm_id, metadata={"order": "A-1"})  # type: ignore[arg-type]
    )
    pending = client.v1.payment_intents.create(
        {"amount": 5000, "currency": "usd", "metadata": {"order": "A-2"}}
    )

    def search(query: str) -> list[str]:
        return [pi.id for pi in client.v1.payment_intents.search({"query": query}).data]

    assert search("metadata['order']:'A-1'") == [paid.id]
    assert search("status:'succeeded'") == [paid.id]
    assert search("amount>2000") == [pending.id]
    assert search(f"customer:'{customer_id}' AND currency:'usd'") == [paid.id]
    result = client.v1.payment_intents.search({"query": "amount>0"})
    assert result.url == "/v1/payment_intents/search"


def test_moto_option_depends_on_the_account_switch(
    sim: Simulator, client: stripe.StripeClient, customer_id: str
) -> None:
    pm_id = save_card(sim, customer_id)
    params = charge_params(customer_id, pm_id, payment_method_options={"card": {"moto": True}})
    intent = client.v1.payment_intents.create(params)  # type: ignore[arg-type]
    charge = client.v1.charges.retrieve(str(intent.latest_charge))
    assert charge.payment_method_details is not None
    assert charge.payment_method_details.card is not None
    assert charge.payment_method_details.card.moto is True
    sim.configure(moto_enabled=False)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.payment_intents.create(params)  # type: ignore[arg-type]
    assert caught.value.code == "parameter_unknown"
    assert caught.value.param == "payment_method_options[card][moto]"
