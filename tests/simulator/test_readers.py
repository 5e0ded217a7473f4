"""Terminal Readers through the official SDK: register, list with filters, update, delete."""

from __future__ import annotations

import time

import pytest
import stripe

from moto_desk.simulator import Simulator


@pytest.fixture
def location(client: stripe.StripeClient) -> str:
    return client.v1.terminal.locations.create(
        {
            "display_name": "Main street shop",
            "address": {"line1": "1 Main St", "city": "Burlington", "country": "US"},
        }
    ).id


@pytest.mark.parametrize(
    ("code", "device_type"),
    [
        ("simulated-wpe", "simulated_wisepos_e"),
        ("simulated-s700", "simulated_stripe_s700"),
        ("simulated-s710", "simulated_stripe_s710"),
    ],
)
def test_register_simulated_readers(
    client: stripe.StripeClient, location: str, code: str, device_type: str
) -> None:
    before_ms = int(time.time() * 1000)
    reader = client.v1.terminal.readers.create({"registration_code": code, "location": location})
    assert reader.id.startswith("tmr_")
    assert reader.object == "terminal.reader"
    assert reader.device_type == device_type
    assert reader.serial_number.startswith(code + "-")
    assert reader.label == reader.serial_number
    assert reader.status == "online"
    assert reader.action is None
    assert reader.location == location
    assert reader.device_sw_version == "2.37.2.0"
    assert reader.ip_address == "0.0.0.0"  # noqa: S104  a value, not a bind
    assert reader.livemode is False
    assert reader.last_seen_at is not None
    assert before_ms - 1000 <= reader.last_seen_at <= int(time.time() * 1000) + 1000  # ms


def test_label_metadata_and_no_location(client: stripe.StripeClient) -> None:
    reader = client.v1.terminal.readers.create(
        {"registration_code": "simulated-wpe", "label": "Front desk", "metadata": {"till": "1"}}
    )
    assert reader.label == "Front desk"
    assert reader.location is None
    assert reader.metadata.to_dict() == {"till": "1"}


def test_unknown_registration_code(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.create({"registration_code": "puppies-plug-could"})
    assert caught.value.param == "registration_code"
    assert "is invalid" in str(caught.value.user_message)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.create({})  # type: ignore[typeddict-item]
    assert caught.value.code == "parameter_missing"


def test_unknown_location_is_404(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.create(
            {"registration_code": "simulated-wpe", "location": "tml_missing"}
        )
    assert caught.value.http_status == 404
    assert caught.value.param == "location"


def test_list_filters(client: stripe.StripeClient, sim: Simulator, location: str) -> None:
    wpe = client.v1.terminal.readers.create(
        {"registration_code": "simulated-wpe", "location": location}
    )
    s700 = client.v1.terminal.readers.create({"registration_code": "simulated-s700"})
    sim.set_reader(s700.id, status="offline")
    listed = client.v1.terminal.readers.list()
    assert [r.id for r in listed.data] == [s700.id, wpe.id]
    assert listed.url == "/v1/terminal/readers"

    def ids(params: stripe.params.terminal.ReaderListParams) -> list[str]:
        return [r.id for r in client.v1.terminal.readers.list(params).data]

    assert ids({"device_type": "simulated_wisepos_e"}) == [wpe.id]
    assert ids({"location": location}) == [wpe.id]
    assert ids({"status": "offline"}) == [s700.id]
    assert ids({"status": "online"}) == [wpe.id]
    assert ids({"serial_number": s700.serial_number}) == [s700.id]
    assert ids({"location": "tml_elsewhere"}) == []
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.list({"device_type": "toaster"})
    assert caught.value.param == "device_type"


def test_list_paginates(client: stripe.StripeClient) -> None:
    made = [
        client.v1.terminal.readers.create({"registration_code": "simulated-wpe"}).id
        for _ in range(3)
    ]
    page = client.v1.terminal.readers.list({"limit": 1})
    assert page.has_more is True
    assert [r.id for r in page.auto_paging_iter()] == list(reversed(made))


def test_retrieve_update_delete(client: stripe.StripeClient) -> None:
    reader = client.v1.terminal.readers.create({"registration_code": "simulated-s700"})
    assert client.v1.terminal.readers.retrieve(reader.id).serial_number == reader.serial_number
    updated = client.v1.terminal.readers.update(
        reader.id, {"label": "Phone desk", "metadata": {"room": "back"}}
    )
    assert updated.label == "Phone desk"
    assert updated.metadata.to_dict() == {"room": "back"}
    reset = client.v1.terminal.readers.update(reader.id, {"label": "", "metadata": ""})
    assert reset.label == reader.serial_number
    assert reset.metadata.to_dict() == {}
    deleted = client.v1.terminal.readers.delete(reader.id)
    assert deleted.to_dict() == {"id": reader.id, "object": "terminal.reader", "deleted": True}
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.retrieve(reader.id)
    assert caught.value.http_status == 404
    assert f"No such terminal.reader: '{reader.id}'" in str(caught.value.user_message)


def test_offline_reader_keeps_its_last_seen_time(
    client: stripe.StripeClient, sim: Simulator
) -> None:
    reader = client.v1.terminal.readers.create({"registration_code": "simulated-wpe"})
    sim.set_reader(reader.id, status="offline")
    first = client.v1.terminal.readers.retrieve(reader.id)
    time.sleep(0.02)
    second = client.v1.terminal.readers.retrieve(reader.id)
    assert first.status == "offline"
    assert first.last_seen_at == second.last_seen_at
    sim.set_reader(reader.id, status="online")
    time.sleep(0.02)
    back = client.v1.terminal.readers.retrieve(reader.id)
    assert back.last_seen_at is not None and first.last_seen_at is not None
    assert back.last_seen_at > first.last_seen_at
