"""Shared fixtures: a simulator per test, and the official stripe SDK pointed at it."""

from __future__ import annotations

import os
from collections.abc import Iterator

# Before any QApplication can exist (pytest-qt creates one lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import stripe

from moto_desk.simulator import Simulator

API_VERSION = "2026-10-28.endive"
TEST_KEY = "sk_test_moto_desk_tests"


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator() as simulator:
        yield simulator


def make_client(sim: Simulator, key: str = TEST_KEY, retries: int = 0) -> stripe.StripeClient:
    return stripe.StripeClient(
        key,
        base_addresses={"api": sim.url},
        stripe_version=API_VERSION,
        max_network_retries=retries,
    )


@pytest.fixture
def client(sim: Simulator) -> stripe.StripeClient:
    return make_client(sim)
