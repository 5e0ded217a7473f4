"""Shared fixtures: a simulator per test, and the official stripe SDK pointed at it."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

# Before any QApplication can exist (pytest-qt creates one lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import stripe

from moto_desk.simulator import Simulator
from tests.helpers.postgres import PostgresServer, find_bin, running_server

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


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A private PostgreSQL server for the whole session (see ``tests/helpers/postgres.py``)."""
    bin_dir = find_bin()
    if bin_dir is None:
        if os.environ.get("CI") and sys.platform == "linux":
            pytest.fail("PostgreSQL is not installed: .ci/run installs Debian's postgresql")
        pytest.skip("PostgreSQL is not installed on this machine (apt-get install postgresql)")
    with running_server(bin_dir) as server:
        yield server


@pytest.fixture
def shop_url(pg_server: PostgresServer) -> str:
    """A fresh shop database (``records init`` done) on the session's server."""
    return pg_server.new_database()
