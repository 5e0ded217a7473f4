"""Customers through the official SDK: create, retrieve, update, delete, list."""

from __future__ import annotations

import pytest
import stripe

from moto_desk.simulator import Simulator
from tests.helpers.saved_cards import save_card


def test_create_returns_a_customer_with_stripe_defaults(client: stripe.StripeClient) -> None:
    customer = client.v1.customers.create(
        {"email": "jenny@example.com", "name": "Jenny Rosen", "phone": "+33612345678"}
    )
    assert customer.id.startswith("cus_") and len(customer.id) == len("cus_") + 14
    assert customer.object == "customer"
    assert customer.email == "jenny@example.com"
    assert customer.livemode is False
    assert customer.balance == 0 and customer.delinquent is False
    assert customer.tax_exempt == "none" and customer.preferred_locales == []
    assert customer.next_invoice_sequence == 1
    prefix = customer.invoice_prefix
    assert prefix is not None and len(prefix) == 8
    assert prefix.isalnum() and prefix == prefix.upper()
    assert customer.invoice_settings.default_payment_method is None
    assert customer.address is None and customer.shipping is None


def test_create_with_address_fills_every_address_key(client: stripe.StripeClient) -> None:
    customer = client.v1.customers.create({"address": {"city": "Lyon", "country": "FR"}})
    assert customer.to_dict()["address"] == {
        "city": "Lyon",
        "country": "FR",
        "line1": None,
        "line2": None,
        "postal_code": None,
        "state": None,
    }


def test_retrieve_unknown_is_404_naming_the_id(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.retrieve("cus_nope")
    assert caught.value.http_status == 404
    assert caught.value.code == "resource_missing"
    assert caught.value.user_message == "No such customer: 'cus_nope'"


def test_update_merges_metadata_and_unsets_with_empty_strings(
    client: stripe.StripeClient,
) -> None:
    customer = client.v1.customers.create(
        {"name": "Jenny", "email": "j@example.com", "metadata": {"a": "1", "b": "2"}}
    )
    updated = client.v1.customers.update(
        customer.id, {"metadata": {"b": "", "c": "3"}, "email": ""}
    )
    assert updated.to_dict()["metadata"] == {"a": "1", "c": "3"}
    assert updated.email is None
    assert updated.name == "Jenny"
    cleared = client.v1.customers.update(customer.id, {"metadata": ""})
    assert cleared.to_dict()["metadata"] == {}


def test_invalid_enum_value_is_refused_like_stripe(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.create({"tax_exempt": "sometimes"})
    assert caught.value.param == "tax_exempt"
    assert "must be one of none, exempt, or reverse" in str(caught.value.user_message)


def test_too_long_metadata_value_is_refused(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.create({"metadata": {"note": "x" * 501}})
    assert caught.value.param == "metadata[note]"


def test_unknown_nested_parameter_is_named_with_brackets(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.create({"foo": {"bar": "x"}})  # type: ignore[typeddict-unknown-key]
    assert caught.value.code == "parameter_unknown"
    assert caught.value.param == "foo"
    metadata_is_free_form = client.v1.customers.create({"metadata": {"foo": "bar"}})
    assert metadata_is_free_form.metadata["foo"] == "bar"
    with pytest.raises(stripe.InvalidRequestError) as nested:
        client.v1.customers.create({"address": {"planet": "Mars"}})  # type: ignore[typeddict-unknown-key]
    assert nested.value.param == "address[planet]"


def test_missing_required_parameter(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.search({})  # type: ignore[typeddict-item]
    assert caught.value.code == "parameter_missing"
    assert caught.value.param == "query"


def test_delete_then_retrieve_shows_deleted(client: stripe.StripeClient) -> None:
    customer = client.v1.customers.create({"email": "gone@example.com"})
    deleted = client.v1.customers.delete(customer.id)
    assert deleted.to_dict() == {"id": customer.id, "object": "customer", "deleted": True}
    again = client.v1.customers.retrieve(customer.id)
    assert again.to_dict() == {"id": customer.id, "object": "customer", "deleted": True}
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.update(customer.id, {"name": "x"})
    assert caught.value.http_status == 404
    listed = client.v1.customers.list({"email": "gone@example.com"})
    assert listed.data == []


def test_delete_detaches_the_customers_cards(sim: Simulator, client: stripe.StripeClient) -> None:
    customer = client.v1.customers.create({})
    pm_id = save_card(sim, customer.id)
    client.v1.customers.delete(customer.id)
    assert client.v1.payment_methods.retrieve(pm_id).customer is None


def test_list_by_exact_email_right_after_create(client: stripe.StripeClient) -> None:
    client.v1.customers.create({"email": "other@example.com"})
    created = client.v1.customers.create({"email": "Exact@Example.com"})
    found = client.v1.customers.list({"email": "Exact@Example.com"})
    assert [c.id for c in found.data] == [created.id]
    assert client.v1.customers.list({"email": "exact@example.com"}).data == []


def test_list_is_newest_first_and_filters_created(
    sim: Simulator, client: stripe.StripeClient
) -> None:
    ids = [client.v1.customers.create({"name": f"c{i}"}).id for i in range(3)]
    with sim.state.lock:
        for offset, customer_id in enumerate(ids):
            customer = sim.state.get(customer_id)
            assert customer is not None
            customer["created"] = 1_700_000_000 + offset
    listed = client.v1.customers.list()
    assert [c.id for c in listed.data] == list(reversed(ids))
    assert listed.url == "/v1/customers"
    ranged = client.v1.customers.list({"created": {"gte": 1_700_000_001}})
    assert [c.id for c in ranged.data] == [ids[2], ids[1]]
    exact = client.v1.customers.list({"created": 1_700_000_000})
    assert [c.id for c in exact.data] == [ids[0]]


def test_created_filter_refuses_a_non_integer(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.list({"created": {"gt": "yesterday"}})  # type: ignore[typeddict-item]
    assert caught.value.code == "parameter_invalid_integer"
    assert caught.value.param == "created[gt]"


def test_create_with_payment_method_attaches_it_and_sets_default(
    sim: Simulator, client: stripe.StripeClient
) -> None:
    pm_id = save_card(sim, None)
    customer = client.v1.customers.create(
        {"payment_method": pm_id, "invoice_settings": {"default_payment_method": pm_id}}
    )
    assert customer.invoice_settings.default_payment_method == pm_id
    assert client.v1.payment_methods.retrieve(pm_id).customer == customer.id


def test_default_payment_method_must_belong_to_the_customer(
    sim: Simulator, client: stripe.StripeClient
) -> None:
    mine = client.v1.customers.create({})
    theirs = client.v1.customers.create({})
    pm_id = save_card(sim, theirs.id)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.update(mine.id, {"invoice_settings": {"default_payment_method": pm_id}})
    assert caught.value.param == "invoice_settings[default_payment_method]"
    assert "must be attached to the customer" in str(caught.value.user_message)


def test_customer_payment_methods_list_and_retrieve(
    sim: Simulator, client: stripe.StripeClient
) -> None:
    customer = client.v1.customers.create({})
    other = client.v1.customers.create({})
    first = save_card(sim, customer.id, allow_redisplay="always")
    second = save_card(sim, customer.id, "5555555555554444")
    save_card(sim, other.id)
    listed = client.v1.customers.payment_methods.list(customer.id, {"type": "card"})
    assert [pm.id for pm in listed.data] == [second, first]
    assert listed.url == f"/v1/customers/{customer.id}/payment_methods"
    always = client.v1.customers.payment_methods.list(customer.id, {"allow_redisplay": "always"})
    assert [pm.id for pm in always.data] == [first]
    got = client.v1.customers.payment_methods.retrieve(customer.id, second)
    assert got.card is not None and got.card.brand == "mastercard"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.payment_methods.retrieve(other.id, first)
    assert caught.value.http_status == 404


def test_customer_payment_methods_of_unknown_customer_is_404(
    client: stripe.StripeClient,
) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.payment_methods.list("cus_missing")
    assert caught.value.http_status == 404
    assert caught.value.param == "customer"
