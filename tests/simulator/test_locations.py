"""Terminal Locations through the official SDK: create, retrieve, update, delete, list."""

from __future__ import annotations

from typing import Any

import pytest
import stripe

ADDRESS: stripe.params.terminal.LocationCreateParamsAddress = {
    "line1": "1 Rue de la Paix",
    "city": "Paris",
    "postal_code": "75002",
    "country": "FR",
}


def _create(client: stripe.StripeClient, name: str = "Boutique") -> stripe.terminal.Location:
    return client.v1.terminal.locations.create({"display_name": name, "address": ADDRESS})


def test_create_and_retrieve(client: stripe.StripeClient) -> None:
    location = client.v1.terminal.locations.create(
        {
            "display_name": "Boutique de l'Opéra",
            "address": ADDRESS,
            "phone": "+33140000000",
            "metadata": {"floor": "1"},
        }
    )
    assert location.id.startswith("tml_")
    assert location.object == "terminal.location"
    assert location.display_name == "Boutique de l'Opéra"
    assert location.address.to_dict() == {**ADDRESS, "line2": None, "state": None}
    assert location.phone == "+33140000000"
    assert location.livemode is False
    assert client.v1.terminal.locations.retrieve(location.id).to_dict() == location.to_dict()


def test_name_and_address_are_required(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.locations.create({"address": ADDRESS})
    assert caught.value.code == "parameter_missing"
    assert caught.value.param == "display_name"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.locations.create({"display_name": "No address"})
    assert caught.value.param == "address"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        no_country: Any = {"display_name": "No country", "address": {"line1": "x"}}
        client.v1.terminal.locations.create(no_country)
    assert caught.value.param == "address[country]"


def test_update_merges_address_and_refuses_a_new_country(client: stripe.StripeClient) -> None:
    location = _create(client)
    updated = client.v1.terminal.locations.update(
        location.id,
        {"display_name": "Boutique Opéra", "address": {"line2": "2e étage"}, "phone": ""},
    )
    assert updated.display_name == "Boutique Opéra"
    assert updated.address.line1 == ADDRESS["line1"]
    assert updated.address.line2 == "2e étage"
    assert updated.phone is None
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.locations.update(location.id, {"address": {"country": "DE"}})
    assert caught.value.param == "address[country]"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.locations.update(location.id, {"display_name": ""})
    assert caught.value.code == "parameter_invalid_empty"


def test_delete(client: stripe.StripeClient) -> None:
    location = _create(client)
    deleted = client.v1.terminal.locations.delete(location.id)
    assert deleted.deleted is True
    assert deleted.id == location.id
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.locations.retrieve(location.id)
    assert caught.value.http_status == 404
    assert "No such terminal.location" in str(caught.value.user_message)


def test_delete_refused_while_readers_are_registered_there(client: stripe.StripeClient) -> None:
    location = _create(client)
    reader = client.v1.terminal.readers.create(
        {"registration_code": "simulated-wpe", "location": location.id}
    )
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.terminal.locations.delete(location.id)
    client.v1.terminal.readers.delete(reader.id)
    assert client.v1.terminal.locations.delete(location.id).deleted is True


def test_list_newest_first_and_paginates(client: stripe.StripeClient) -> None:
    ids = [_create(client, f"Shop {n}").id for n in range(5)]
    page = client.v1.terminal.locations.list({"limit": 2})
    assert [loc.id for loc in page.data] == [ids[4], ids[3]]
    assert page.has_more is True
    assert page.url == "/v1/terminal/locations"
    assert [loc.id for loc in page.auto_paging_iter()] == list(reversed(ids))
    before = client.v1.terminal.locations.list({"ending_before": ids[2], "limit": 5})
    assert [loc.id for loc in before.data] == [ids[4], ids[3]]
