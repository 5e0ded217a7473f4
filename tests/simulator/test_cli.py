"""``moto-desk-sim`` as a separate process: serve with ``--seed-demo``, then switch faults,
reader state and settings with its subcommands while the SDK talks to it."""

from __future__ import annotations

import json
import select
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import stripe

from tests.conftest import API_VERSION, TEST_KEY

CLI = [sys.executable, "-m", "moto_desk.simulator.cli"]


@pytest.fixture
def served() -> Iterator[str]:
    with subprocess.Popen(
        [*CLI, "--port", "0", "--seed-demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 20)
        first = process.stdout.readline() if ready else ""
        try:
            assert first.startswith("listening on http://127.0.0.1:"), first
            yield first.strip().removeprefix("listening on ")
        finally:
            process.terminate()
            _, errors = process.communicate(timeout=10)
        assert process.returncode == 0, errors


def _cli(*args: str) -> Any:
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=30, check=True)
    return json.loads(done.stdout)


def _client(url: str) -> stripe.StripeClient:
    return stripe.StripeClient(
        TEST_KEY, base_addresses={"api": url}, stripe_version=API_VERSION, max_network_retries=0
    )


def test_serve_seeded_and_drive_it_from_the_command_line(served: str) -> None:
    client = _client(served)
    readers = client.v1.terminal.readers.list().data
    assert sorted(r.label for r in readers) == ["Front desk", "Phone desk"]
    front = next(r.id for r in readers if r.label == "Front desk")

    rules = _cli("fault", "--url", served, "--kind", "status", "--status", "503", "--times", "1",
                 "--path", "^/v1/terminal/readers")  # fmt: skip
    assert rules["added"]["status"] == 503
    with pytest.raises(stripe.APIError) as caught:
        client.v1.terminal.readers.list()
    assert caught.value.http_status == 503
    assert len(client.v1.terminal.readers.list().data) == 2
    assert _cli("fault", "--url", served, "--clear") == {"rules": []}

    result = _cli("reader", "--url", served, front, "--status", "offline", "--busy", "true")
    assert result["reader"]["status"] == "offline"
    assert result["flags"]["busy"] is True
    assert client.v1.terminal.readers.retrieve(front).status == "offline"

    settings = _cli("settings", "--url", served, "--moto-enabled", "false")
    assert settings["moto_enabled"] is False
    phone = next(r.id for r in readers if r.label == "Phone desk")
    intent = client.v1.setup_intents.create({"allowed_payment_method_types": ["card"]}).id
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.terminal.readers.process_setup_intent(
            phone,
            {
                "setup_intent": intent,
                "allow_redisplay": "always",
                "process_config": {"moto": True},  # type: ignore[typeddict-unknown-key]
            },
        )
    assert refused.value.code == "parameter_unknown"
