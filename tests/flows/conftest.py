"""A desk wired to an in-process simulator: the real gateway, flows and records."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from moto_desk.backend import DEMO_KEY
from moto_desk.domain.consent import load_terms
from moto_desk.domain.models import AllowRedisplay, Channel, Customer, Reader
from moto_desk.flows.context import DeskIdentity, FlowContext, open_records
from moto_desk.flows.customers import NewCustomer, create_customer
from moto_desk.flows.readers import list_readers
from moto_desk.flows.save_card import SaveRequest
from moto_desk.gateway.client import Gateway
from moto_desk.records.store import RecordsAddress
from moto_desk.simulator import Simulator

NEXT_YEAR = time.gmtime().tm_year + 2
_PHONES = itertools.count(1)


def card(number: str, delay_s: float = 0.05, cvc: str = "123") -> dict[str, Any]:
    """An auto_present setting: the simulated reader keys in ``number`` by itself."""
    return {
        "number": number,
        "exp_month": 12,
        "exp_year": NEXT_YEAR,
        "cvc": cvc,
        "delay_s": delay_s,
    }


@dataclass
class Desk:
    sim: Simulator
    ctx: FlowContext
    data_dir: Path

    @property
    def gateway(self) -> Gateway:
        return self.ctx.gateway

    def records(self) -> Any:
        return open_records(self.ctx.records_at)

    @property
    def file(self) -> Path:
        """The desk's own SQLite file (its records, unless it uses the shop's)."""
        at = self.ctx.records_at
        return at.desk_file if isinstance(at, RecordsAddress) else at

    def reader(self, label: str = "Front desk") -> Reader:
        return next(r for r in list_readers(self.ctx) if r.label == label)

    def customer(self, name: str = "Ada Lovelace", email: str | None = None) -> Customer:
        email = email or f"{name.split(maxsplit=1)[0].lower()}.{time.monotonic_ns()}@example.com"
        # A phone of their own: two customers sharing one are asked about (SameContact).
        phone = f"+44 20 7946 {next(_PHONES):04d}"
        return create_customer(self.ctx, NewCustomer(name, email, phone))

    def save_request(
        self, customer: Customer, reader: Reader, *, consent: bool = True, deadline_s: float = 20
    ) -> SaveRequest:
        return SaveRequest(
            customer_id=customer.id,
            customer_name=customer.name or "",
            reader_id=reader.id,
            reader_label=reader.label,
            channel=Channel.PHONE,
            allow_redisplay=AllowRedisplay.LIMITED,
            terms=load_terms("en"),
            consent_given=consent,
            deadline_s=deadline_s,
        )

    def context(self, clerk: str = "alice", desk: str = "desk-1") -> FlowContext:
        return FlowContext(self.gateway, self.ctx.records_at, DeskIdentity(clerk, desk))


def make_desk(
    sim: Simulator, data_dir: Path, retries: int = 2, shop_url: str | None = None
) -> Desk:
    gateway = Gateway(DEMO_KEY, sim.url, simulated=True, max_network_retries=retries)
    where = RecordsAddress(data_dir / "moto-desk.sqlite3", shop_url)
    ctx = FlowContext(gateway, where, DeskIdentity("alice", "desk-1"))
    return Desk(sim, ctx, data_dir)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> str | None:
    """The flows run against both stores: the desk's own file, then the shop's records."""
    return None if request.param == "sqlite" else str(request.getfixturevalue("shop_url"))


@pytest.fixture
def desk(sim: Simulator, tmp_path: Path, store: str | None) -> Iterator[Desk]:
    sim.seed_demo()
    yield make_desk(sim, tmp_path / "data", shop_url=store)


@pytest.fixture
def file_desk(sim: Simulator, tmp_path: Path) -> Desk:
    """A desk keeping its own records, for what is about its SQLite file."""
    sim.seed_demo()
    return make_desk(sim, tmp_path / "data")
