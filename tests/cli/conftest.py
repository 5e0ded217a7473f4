"""Desk commands as a shop's scripts run them: real processes, against a real
``moto-desk-sim`` process, through the official stripe SDK over HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import stripe

from tests.helpers.sim_process import sim_process as started_sim_process

ROOT = Path(__file__).resolve().parents[2]
API_VERSION = "2026-10-28.endive"


@dataclass
class Done:
    code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> Any:
        return json.loads(self.stdout)


@dataclass
class SimProcess:
    url: str
    process: subprocess.Popen[str]

    def control(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "moto_desk.simulator.cli", *args, "--url", self.url],
            check=True,
            capture_output=True,
            timeout=30,
        )

    def client(self) -> stripe.StripeClient:
        return stripe.StripeClient(
            "sk_test_moto_desk_cli", base_addresses={"api": self.url}, stripe_version=API_VERSION
        )


@pytest.fixture
def sim_process() -> Iterator[SimProcess]:
    with started_sim_process() as (url, process):
        yield SimProcess(url, process)


def desk_env() -> dict[str, str]:
    """The environment of a desk process: no key (the simulator's demo key is used), no
    keyring to consult, and a folder of its own for settings."""
    env = {k: v for k, v in os.environ.items() if k not in ("STRIPE_API_KEY", "MOTO_DESK_DATA_DIR")}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    return env


class Desk:
    """``moto-desk`` commands for one data folder, pointed at one simulator."""

    def __init__(self, folder: Path, sim: SimProcess) -> None:
        self.folder = folder
        self.sim = sim

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "moto_desk", *args]

    def run(
        self,
        *args: str,
        timeout: float = 120,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
    ) -> Done:
        """A command with the desk's folder and simulator given after it; ``stdin`` is piped
        in (a PIN), ``env`` added to the desk's environment."""
        done = subprocess.run(
            self.argv(*args, "--data-dir", str(self.folder), "--api-base", self.sim.url, "--demo"),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**desk_env(), **(env or {})},
            input=stdin if stdin is not None else "",
            check=False,
        )
        return Done(done.returncode, done.stdout, done.stderr)

    def json(self, *args: str, env: dict[str, str] | None = None) -> Any:
        done = self.run(*args, "--json", env=env)
        assert done.code == 0, done
        return done.json

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.argv(*args, "--data-dir", str(self.folder), "--api-base", self.sim.url, "--demo"),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=desk_env(),
        )

    def new_customer(self, name: str = "Ann Lee") -> str:
        return str(self.json("customers", "create", "--name", name)["customer"]["id"])

    def saved_card(self, customer: str, number: str = "4242424242424242") -> dict[str, Any]:
        return dict(self.json(*save_args(customer), "--test-card", number))


def save_args(
    customer: str, reader: str = "Front desk", *, channel: str = "phone", consent: bool = True
) -> list[str]:
    """``save-card`` for ``customer`` on ``reader``, consent given unless told otherwise."""
    args = ["save-card", "--customer", customer, "--reader", reader, "--channel", channel]
    args += ["--redisplay", "limited"]
    return [*args, "--consent-given"] if consent else args


@pytest.fixture
def desk(tmp_path: Path, sim_process: SimProcess) -> Desk:
    return Desk(tmp_path / "desk", sim_process)


def charge_args(customer: str, card: str, amount: str, currency: str = "usd") -> list[str]:
    """``charge`` of ``amount`` on the customer's saved ``card``."""
    return [
        "charge",
        "--customer",
        customer,
        "--card",
        card,
        "--amount",
        amount,
        "--currency",
        currency,
    ]
