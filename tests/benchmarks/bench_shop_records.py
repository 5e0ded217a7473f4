"""What the shop's records (PostgreSQL on loopback) add to a save and a charge, against the
desk's own SQLite file in the same run; and how the ledger's lock holds up under many desks.

Records time: the time a save or a charge spends in its records (opening the store and every
statement), measured inside the real flows against the in-process simulator — the reader's
wait and Stripe's answers are left out, since they are the same for both stores. Budget
(issue "One shop, several desks"): the shared store adds at most 20 ms to each.

Lock: ``--desks`` threads, each on its own connection, append consent records to one chain
as fast as they can, serialising on the advisory lock moto-desk uses, then on a row lock of
the chain's head (``SELECT … FOR UPDATE``) for comparison; reported: appends per second and
the longest wait for the lock.

Needs PostgreSQL's server programs (``initdb``, ``pg_ctl``; Debian's ``postgresql``).

    python tests/benchmarks/bench_shop_records.py [--runs 15] [--desks 8] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import moto_desk.flows.context as flow_context
from moto_desk.backend import DEMO_KEY
from moto_desk.domain.consent import load_terms
from moto_desk.domain.models import AllowRedisplay, Channel
from moto_desk.domain.money import Money
from moto_desk.flows.charge import ChargeRequest, charge_saved_card
from moto_desk.flows.context import DeskIdentity, FlowContext
from moto_desk.flows.customers import NewCustomer, create_customer
from moto_desk.flows.readers import list_readers
from moto_desk.flows.save_card import SaveRequest, save_card
from moto_desk.gateway.client import Gateway
from moto_desk.records import connection
from moto_desk.records.connection import ShopConnection
from moto_desk.records.store import RecordsAddress, open_store
from moto_desk.simulator import Simulator
from tests.helpers.postgres import find_bin, running_server

BUDGET_MS = 20.0


class Clock:
    """Time spent in the records during one operation."""

    spent = 0.0


class TimedSqlite:
    """The desk's SQLite connection, timing every statement (not a ShopConnection, so the
    records code treats it as the file it is)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        start = time.perf_counter()
        try:
            return self._conn.execute(sql, parameters)
        finally:
            Clock.spent += time.perf_counter() - start

    def executemany(self, sql: str, rows: Any, /) -> Any:
        start = time.perf_counter()
        try:
            return self._conn.executemany(sql, rows)
        finally:
            Clock.spent += time.perf_counter() - start

    @property
    def in_transaction(self) -> bool:
        return bool(self._conn.in_transaction)

    def close(self) -> None:
        self._conn.close()


@contextmanager
def timed_records() -> Iterator[None]:
    """Time opening the store and every statement, for both stores."""
    original_open = flow_context.open_store
    original_execute = ShopConnection.execute
    original_many = ShopConnection.executemany

    def open_timed(where: Any) -> Any:
        start = time.perf_counter()
        conn = original_open(where)
        Clock.spent += time.perf_counter() - start
        return conn if isinstance(conn, ShopConnection) else TimedSqlite(conn)

    def execute(self: ShopConnection, sql: str, parameters: Any = (), /) -> Any:
        start = time.perf_counter()
        try:
            return original_execute(self, sql, parameters)
        finally:
            Clock.spent += time.perf_counter() - start

    def executemany(self: ShopConnection, sql: str, rows: Any, /) -> Any:
        start = time.perf_counter()
        try:
            return original_many(self, sql, rows)
        finally:
            Clock.spent += time.perf_counter() - start

    flow_context.open_store = open_timed  # type: ignore[assignment]
    ShopConnection.execute = execute  # type: ignore[method-assign]
    ShopConnection.executemany = executemany  # type: ignore[method-assign]
    try:
        yield
    finally:
        flow_context.open_store = original_open
        ShopConnection.execute = original_execute  # type: ignore[method-assign]
        ShopConnection.executemany = original_many  # type: ignore[method-assign]


def measure(sim: Simulator, where: RecordsAddress, runs: int) -> dict[str, list[float]]:
    gateway = Gateway(DEMO_KEY, sim.url, simulated=True)
    ctx = FlowContext(gateway, where, DeskIdentity("bench", "bench-desk"))
    reader = next(r for r in list_readers(ctx) if r.label == "Front desk")
    sim.set_reader(
        reader.id,
        auto_present={"number": "4242424242424242", "exp_month": 12, "exp_year": 2040,
                      "cvc": "123", "delay_s": 0.0},
    )  # fmt: skip
    found: dict[str, list[float]] = {"save": [], "charge": []}
    for run in range(runs + 1):  # the first run warms both stores up and is dropped
        customer = create_customer(
            ctx, NewCustomer(f"Bench {run}", f"bench.{run}.{time.time_ns()}@example.com")
        )
        request = SaveRequest(
            customer.id, customer.name or "", reader.id, reader.label, Channel.PHONE,
            AllowRedisplay.LIMITED, load_terms("en"), consent_given=True, deadline_s=30,
        )  # fmt: skip
        Clock.spent = 0.0
        saved = save_card(ctx, request)
        save_ms = Clock.spent * 1000
        Clock.spent = 0.0
        charge_saved_card(ctx, ChargeRequest(customer.id, saved.card, Money(1000 + run, "usd")))
        charge_ms = Clock.spent * 1000
        if run:
            found["save"].append(save_ms)
            found["charge"].append(charge_ms)
    return found


def contention(url: str, desks: int, per_desk: int, lock: str) -> dict[str, float]:
    """``desks`` threads appending ``per_desk`` consents each to one chain."""
    from moto_desk.records.ledger import ConsentLedger

    original = connection.serialise
    waits: list[float] = []
    waits_lock = threading.Lock()

    def serialise(conn: Any, name: str) -> None:
        start = time.perf_counter()
        if lock == "row" and name == "ledger":
            conn.execute("SELECT seq FROM ledger_head WHERE id = 1 FOR UPDATE")
        else:
            original(conn, name)
        with waits_lock:
            waits.append(time.perf_counter() - start)

    import moto_desk.records.ledger as ledger_module

    ledger_module.serialise = serialise  # type: ignore[assignment]
    terms = load_terms("en")
    where = RecordsAddress(Path("/nonexistent"), url)
    seed = open_store(where)
    ConsentLedger(seed).record_consent(
        "cus_seed",
        clerk="b",
        desk="seed",
        channel=Channel.PHONE,
        terms=terms,
        allow_redisplay=AllowRedisplay.LIMITED,
    )  # fmt: skip  (a head row for the row lock to hold)
    seed.close()
    start_line = threading.Barrier(desks)

    def desk(number: int) -> None:
        conn = open_store(where)
        ledger = ConsentLedger(conn)
        start_line.wait()
        for _ in range(per_desk):
            ledger.record_consent(
                f"cus_{number}", clerk="b", desk=f"desk-{number}", channel=Channel.PHONE,
                terms=terms, allow_redisplay=AllowRedisplay.LIMITED,
            )  # fmt: skip
        conn.close()

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(desks)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    ledger_module.serialise = original
    check = open_store(where)
    ok = ConsentLedger(check).verify().ok
    check.close()
    return {
        "appends_per_s": desks * per_desk / elapsed,
        "max_wait_ms": max(waits) * 1000,
        "p95_wait_ms": statistics.quantiles(waits, n=20)[-1] * 1000,
        "verified": float(ok),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--desks", type=int, default=8)
    parser.add_argument("--appends", type=int, default=50, help="per desk, for the lock")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    bin_dir = find_bin()
    if bin_dir is None:
        print("PostgreSQL's server programs are not installed", file=sys.stderr)
        return 2
    with running_server(bin_dir) as server:
        report: dict[str, Any] = {"runs": args.runs, "budget_ms": BUDGET_MS}
        with (
            tempfile.TemporaryDirectory() as tmp,
            Simulator(seed_demo=True) as sim,
            timed_records(),
        ):
            sqlite = measure(sim, RecordsAddress(Path(tmp) / "desk.sqlite3"), args.runs)
            shop = measure(
                sim, RecordsAddress(Path(tmp) / "b.sqlite3", server.new_database()), args.runs
            )
        for what in ("save", "charge"):
            base = statistics.median(sqlite[what])
            shared = statistics.median(shop[what])
            report[what] = {
                "sqlite_ms": round(base, 2),
                "postgresql_ms": round(shared, 2),
                "added_ms": round(shared - base, 2),
                "ratio": round(shared / base, 2) if base else None,
                "within_budget": shared - base <= BUDGET_MS,
            }
        report["lock"] = {
            kind: {
                k: round(v, 2)
                for k, v in contention(
                    server.new_database(), args.desks, args.appends, kind
                ).items()
            }
            for kind in ("advisory", "row")
        }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for what in ("save", "charge"):
        item = report[what]
        print(
            f"{what:6}: records work {item['sqlite_ms']:.1f} ms on SQLite, "
            f"{item['postgresql_ms']:.1f} ms on PostgreSQL (+{item['added_ms']:.1f} ms, "
            f"{item['ratio']}x; budget +{BUDGET_MS:.0f} ms: "
            f"{'met' if item['within_budget'] else 'MISSED'})"
        )
    for kind, item in report["lock"].items():
        print(
            f"ledger lock ({kind}): {item['appends_per_s']:.0f} appends/s from {args.desks} "
            f"desks, wait p95 {item['p95_wait_ms']:.1f} ms, max {item['max_wait_ms']:.1f} ms, "
            f"chain {'verifies' if item['verified'] else 'BROKEN'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
