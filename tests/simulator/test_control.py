"""The control endpoint (``/_sim/…``): reader flags, settings and the demo seed over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest
import stripe

from moto_desk.simulator import Simulator


def _call(
    sim: Simulator, path: str, body: dict[str, Any] | None = None, method: str = "POST"
) -> Any:
    request = urllib.request.Request(  # noqa: S310  the simulator on loopback
        sim.url + path,
        data=json.dumps(body or {}).encode() if method != "GET" else None,
        method=method,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  loopback
        return json.loads(response.read())


def _refused(sim: Simulator, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    with pytest.raises(urllib.error.HTTPError) as caught:
        _call(sim, path, body)
    with caught.value as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def seeded(sim: Simulator) -> dict[str, Any]:
    result: dict[str, Any] = _call(sim, "/_sim/seed-demo")
    return result


def test_seed_demo_is_idempotent(sim: Simulator, seeded: dict[str, Any]) -> None:
    assert set(seeded["readers"]) == {"Front desk", "Phone desk"}
    assert seeded["location"].startswith("tml_")
    assert len(seeded["customers"]) >= 3
    assert _call(sim, "/_sim/seed-demo") == seeded


def test_reader_flags(client: stripe.StripeClient, sim: Simulator, seeded: dict[str, Any]) -> None:
    reader = seeded["readers"]["Front desk"]
    result = _call(sim, f"/_sim/readers/{reader}", {"status": "offline", "busy": True})
    assert result["reader"]["id"] == reader
    assert result["reader"]["status"] == "offline"
    assert result["flags"]["busy"] is True
    assert client.v1.terminal.readers.retrieve(reader).status == "offline"
    assert _call(sim, f"/_sim/readers/{reader}", {"reset": True})["reader"]["status"] == "online"


def test_bad_flags_are_400_and_unknown_readers_404(sim: Simulator, seeded: dict[str, Any]) -> None:
    reader = seeded["readers"]["Front desk"]
    status, body = _refused(sim, f"/_sim/readers/{reader}", {"wobbly": True})
    assert status == 400
    assert "wobbly" in body["error"]["message"]
    status, body = _refused(sim, f"/_sim/readers/{reader}", {"customer_cancel": True})
    assert status == 400
    assert "no process action" in body["error"]["message"]
    status, _ = _refused(sim, "/_sim/readers/tmr_missing", {"busy": True})
    assert status == 404


def test_auto_present_and_settings_over_http(
    client: stripe.StripeClient, sim: Simulator, seeded: dict[str, Any]
) -> None:
    reader = seeded["readers"]["Phone desk"]
    settings = _call(sim, "/_sim/settings", {"processing_delay_s": 0.0, "reader_timeout_s": 30})
    assert settings["reader_timeout_s"] == 30
    _call(
        sim,
        f"/_sim/readers/{reader}",
        {"auto_present": {"number": "4242424242424242", "delay_s": 0}},
    )
    customer = next(iter(seeded["customers"].values()))
    intent = client.v1.setup_intents.create(
        {"customer": customer, "allowed_payment_method_types": ["card"]}
    ).id
    client.v1.terminal.readers.process_setup_intent(
        reader,
        {
            "setup_intent": intent,
            "allow_redisplay": "always",
            "process_config": {"moto": True},  # type: ignore[typeddict-unknown-key]
        },
    )
    assert client.v1.setup_intents.retrieve(intent).status == "succeeded"
    _call(sim, "/_sim/settings", {"moto_enabled": False})
    assert _call(sim, "/_sim/settings", method="GET")["moto_enabled"] is False
