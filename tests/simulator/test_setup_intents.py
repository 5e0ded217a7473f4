"""SetupIntents through the official SDK: create, retrieve, update, cancel, list."""

from __future__ import annotations

from typing import Any

import pytest
import stripe

from moto_desk.simulator import Simulator


@pytest.fixture
def customer(client: stripe.StripeClient) -> str:
    return client.v1.customers.create({"name": "Ada Lovelace"}).id


def test_create_defaults(client: stripe.StripeClient, customer: str) -> None:
    si = client.v1.setup_intents.create({"customer": customer, "metadata": {"desk": "2"}})
    assert si.id.startswith("seti_")
    assert si.object == "setup_intent"
    assert si.status == "requires_payment_method"
    assert si.usage == "off_session"
    assert si.customer == customer
    assert si.client_secret is not None
    assert si.client_secret.startswith(si.id + "_secret_")
    assert si.livemode is False
    assert si.metadata is not None and si.metadata.to_dict() == {"desk": "2"}
    assert si.latest_attempt is None and si.payment_method is None
    assert "card" in si.payment_method_types
    assert si.allowed_payment_method_types is None
    assert si.automatic_payment_methods is not None and si.automatic_payment_methods.enabled
    assert si.payment_method_configuration_details is not None
    assert si.payment_method_configuration_details.id.startswith("pmc_")


def test_allowed_types_are_stored_and_payment_method_types_computed(
    client: stripe.StripeClient, customer: str
) -> None:
    si = client.v1.setup_intents.create(
        {"customer": customer, "allowed_payment_method_types": ["card", "sepa_debit"]}
    )
    assert si.allowed_payment_method_types == ["card", "sepa_debit"]
    # sepa_debit is not enabled on the simulated account: filtered silently.
    assert si.payment_method_types == ["card"]
    assert si.automatic_payment_methods is None
    assert si.payment_method_configuration_details is None


def test_payment_method_types_is_refused_with_its_own_code(
    client: stripe.StripeClient, customer: str
) -> None:
    refused: Any = {"payment_method_types": ["card"]}  # not in the SDK's typed params
    intent = client.v1.setup_intents.create({"customer": customer}).id
    for attempt in ("create", "update"):
        with pytest.raises(stripe.InvalidRequestError) as caught:
            if attempt == "create":
                client.v1.setup_intents.create(refused)
            else:
                client.v1.setup_intents.update(intent, refused)
        assert caught.value.code == "payment_method_types_no_longer_supported"
        assert caught.value.param == "payment_method_types"
        assert "allowed_payment_method_types" in str(caught.value.user_message)


def test_allowed_types_exclude_automatic_payment_methods(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.create(
            {
                "allowed_payment_method_types": ["card"],
                "automatic_payment_methods": {"enabled": True},
            }
        )
    assert caught.value.code == "parameters_exclusive"


def test_unknown_payment_method_type_is_refused(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.create({"allowed_payment_method_types": ["cheque"]})
    assert caught.value.param == "allowed_payment_method_types[0]"


def test_unknown_customer_is_404(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.create({"customer": "cus_missing"})
    assert caught.value.http_status == 404
    assert caught.value.code == "resource_missing"
    assert caught.value.param == "customer"
    assert "No such customer: 'cus_missing'" in str(caught.value.user_message)


def test_bad_usage_value(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.create({"usage": "sometimes"})
    assert caught.value.param == "usage"


def test_moto_option_outside_confirmation_is_an_unknown_parameter(
    client: stripe.StripeClient,
) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.create({"payment_method_options": {"card": {"moto": True}}})
    assert caught.value.code == "parameter_unknown"
    assert caught.value.param == "payment_method_options[card][moto]"


def test_api_side_confirmation_is_refused_clearly(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.create({"confirm": True})
    assert caught.value.param == "confirm"
    assert "simulator" in str(caught.value.user_message)
    # confirm=false is the default and harmless.
    assert client.v1.setup_intents.create({"confirm": False}).status == "requires_payment_method"


def test_retrieve_and_missing(client: stripe.StripeClient, customer: str) -> None:
    si = client.v1.setup_intents.create({"customer": customer})
    assert client.v1.setup_intents.retrieve(si.id).id == si.id
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.retrieve("seti_missing")
    assert caught.value.http_status == 404
    assert "No such setup_intent: 'seti_missing'" in str(caught.value.user_message)


def test_retrieve_with_wrong_client_secret(client: stripe.StripeClient) -> None:
    si = client.v1.setup_intents.create()
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.retrieve(si.id, {"client_secret": "seti_x_secret_y"})
    assert caught.value.param == "client_secret"


def test_update_metadata_description_customer(client: stripe.StripeClient, customer: str) -> None:
    other = client.v1.customers.create({"name": "Grace Hopper"}).id
    si = client.v1.setup_intents.create({"customer": customer, "metadata": {"a": "1", "b": "2"}})
    updated = client.v1.setup_intents.update(
        si.id,
        {"metadata": {"a": "", "c": "3"}, "description": "Phone order", "customer": other},
    )
    assert updated.metadata is not None
    assert updated.metadata.to_dict() == {"b": "2", "c": "3"}
    assert updated.description == "Phone order"
    assert updated.customer == other
    assert client.v1.setup_intents.retrieve(si.id).customer == other


def test_update_allowed_types_recomputes_payment_method_types(
    client: stripe.StripeClient,
) -> None:
    si = client.v1.setup_intents.create()
    updated = client.v1.setup_intents.update(
        si.id, {"allowed_payment_method_types": ["card_present"]}
    )
    assert updated.payment_method_types == ["card_present"]
    assert updated.automatic_payment_methods is None


def test_cancel_then_cancel_again(client: stripe.StripeClient, customer: str) -> None:
    si = client.v1.setup_intents.create({"customer": customer})
    canceled = client.v1.setup_intents.cancel(si.id, {"cancellation_reason": "abandoned"})
    assert canceled.status == "canceled"
    assert canceled.cancellation_reason == "abandoned"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.cancel(si.id)
    error = caught.value
    assert error.code == "setup_intent_unexpected_state"
    assert "has a status of canceled" in str(error.user_message)
    assert error.error is not None and error.error.setup_intent is not None
    assert error.error.setup_intent.id == si.id
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.update(si.id, {"description": "late"})
    assert caught.value.code == "setup_intent_unexpected_state"


def test_cancel_reason_must_be_known(client: stripe.StripeClient) -> None:
    si = client.v1.setup_intents.create()
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_intents.cancel(si.id, {"cancellation_reason": "bored"})
    assert caught.value.param == "cancellation_reason"
    assert client.v1.setup_intents.retrieve(si.id).status == "requires_payment_method"


def test_list_newest_first_with_filters_and_auto_pagination(
    client: stripe.StripeClient, customer: str
) -> None:
    other = client.v1.customers.create({"name": "Grace Hopper"}).id
    mine = [client.v1.setup_intents.create({"customer": customer}).id for _ in range(3)]
    client.v1.setup_intents.create({"customer": other})
    page = client.v1.setup_intents.list({"customer": customer, "limit": 2})
    assert [si.id for si in page.data] == [mine[2], mine[1]]
    assert page.has_more is True
    assert [si.id for si in page.auto_paging_iter()] == list(reversed(mine))
    assert len(client.v1.setup_intents.list().data) == 4
    created = client.v1.setup_intents.retrieve(mine[0]).created
    assert len(client.v1.setup_intents.list({"created": {"gte": created}}).data) == 4
    assert client.v1.setup_intents.list({"created": {"lt": created}}).data == []


def test_setup_attempts_list_requires_a_known_setup_intent(
    client: stripe.StripeClient, sim: Simulator
) -> None:
    si = client.v1.setup_intents.create()
    assert client.v1.setup_attempts.list({"setup_intent": si.id}).data == []
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.setup_attempts.list({"setup_intent": "seti_missing"})
    assert caught.value.http_status == 404


def test_restricted_key_needs_setup_intent_permission(sim: Simulator) -> None:
    from tests.conftest import make_client

    key = "rk_test_desk_without_setup"
    sim.keys.restrict(key, ["rak_customer_write"])
    with pytest.raises(stripe.PermissionError):
        make_client(sim, key).v1.setup_intents.create()
    sim.keys.restrict(key, ["rak_setup_intent_read"])
    with pytest.raises(stripe.PermissionError):
        make_client(sim, key).v1.setup_intents.create()
    assert make_client(sim, key).v1.setup_intents.list().data == []
