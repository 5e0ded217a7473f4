"""Records after five years: a busy phone-order shop's store against an empty one, same run.

The big store is ``generate_store.py``'s (200,000 customers in the index, 1,000,000 closed
journal entries, 400,000 consent-ledger records; ``--scale`` shrinks it), on the desk's SQLite
file and on the shop's PostgreSQL (a private server, as the tests start). Every measurement
runs on the big store and on an empty one (the same schema, nothing in it) in the same run,
and prints the ratio:

* start-up: the window constructed → painted, connected, readers listed and start-up
  reconciliation done (offscreen, demo simulator); budget ≤ 1.1x the empty store;
* reconciliation at start: ``flows.reconcile.reconcile`` with nothing open; < 50 ms;
* history: ``flows.history.load_history`` with the dialog's default filter (90 days, 500
  rows); < 150 ms;
* type-ahead: last key → result list in the window, debounce included (``bench_search``'s
  stopwatch); p90 < 350 ms;
* consent evidence: ``flows.consent_evidence.build_evidence`` for the customer with the most
  ledger records; < 100 ms;
* charge read-back: the charge's consent lookup and the duplicate guard's read (in its
  transaction, nothing inserted); < 20 ms;
* ledger verify: ``ConsentLedger.verify()`` in full, < 5 s; and from the desk's last
  checkpoint, < 100 ms;
* store size: bytes per journal entry, and how much the store and the desk's folder (its log,
  settings, caches) grew during the run: reported.

``--proposed-index`` also measures the read-back and the evidence with the index this work
proposes for the desk's SQLite file (created in the benchmark's copy, dropped after; the shop's
schema has it already) — marked "with the proposed index".

    python tests/benchmarks/bench_records_scale.py [--store sqlite|postgresql|both] [--scale 1.0]
        [--runs 5] [--keep DIR] [--proposed-index] [--json]

``--keep DIR`` keeps the generated SQLite store there and reuses it next time (same scale and
seed); generating the full store takes about three minutes on each store.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_gui_stall import (
    application,
    close_window,
    exit_now,
    isolate,
    pause,
    percentile,
    wait_ready_window,
    wait_until,
)
from bench_search import Stopwatch, queries, type_query
from bench_simulator import _populate
from generate_store import pg_size, write_postgresql, write_sqlite
from PySide6.QtTest import QTest

from moto_desk.backend import DEMO_KEY
from moto_desk.domain.models import SavedCard
from moto_desk.domain.money import Money
from moto_desk.flows.charge import DUPLICATE_WINDOW, ChargeRequest, _check_consent
from moto_desk.flows.consent_evidence import build_evidence
from moto_desk.flows.context import DeskIdentity, FlowContext, open_records
from moto_desk.flows.history import HistoryFilters, load_history
from moto_desk.flows.reconcile import reconcile
from moto_desk.gateway.client import Gateway
from moto_desk.paths import database_path
from moto_desk.records.connection import serialise
from moto_desk.records.database import open_database, transaction
from moto_desk.records.store import RecordsAddress
from moto_desk.settings import SettingsStore
from moto_desk.simulator import Simulator
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.shell.session import StartOptions

BUDGETS = {
    "startup_ratio": 1.1,
    "reconcile_ms": 50.0,
    "history_ms": 150.0,
    "typeahead_p90_ms": 350.0,
    "evidence_ms": 100.0,
    "readback_ms": 20.0,
    "verify_full_s": 5.0,
    "verify_incremental_ms": 100.0,
}
PROPOSED_SQLITE_INDEX = "CREATE INDEX ledger_payment_method ON ledger (payment_method_id)"


def median_ms(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


class Store:
    """One store under test: where it is, and what the measurements look up in it."""

    def __init__(self, name: str, where: RecordsAddress, data_dir: Path) -> None:
        self.name = name
        self.where = where
        self.data_dir = data_dir
        self.customer = "cus_nobody"
        self.card = SavedCard("pm_nobody", "cus_nobody", "visa", "4242", 12, 2040)
        self.amount = Money(1000, "usd")

    def find_subjects(self) -> None:
        """The customer with the most ledger records, and their most charged card."""
        with open_records(self.where) as records:
            row = records.conn.execute(
                "SELECT customer_id, count(*) FROM ledger GROUP BY customer_id"
                " ORDER BY count(*) DESC, customer_id LIMIT 1"
            ).fetchone()
            if row is None:
                return
            self.customer = str(row[0])
            card = records.conn.execute(
                "SELECT l.payment_method_id, l.card_brand, l.card_last4, l.card_exp_month,"
                " l.card_exp_year, count(j.id) FROM ledger l LEFT JOIN journal j"
                " ON j.payment_method_id = l.payment_method_id AND j.kind = 'charge'"
                " WHERE l.customer_id = ? AND l.kind = 'card_saved'"
                " GROUP BY 1, 2, 3, 4, 5 ORDER BY count(j.id) DESC, 1 LIMIT 1",
                (self.customer,),
            ).fetchone()
            self.card = SavedCard(
                str(card[0]), self.customer, str(card[1]), str(card[2]), int(card[3]),
                int(card[4]),
            )  # fmt: skip

    def size(self) -> int:
        if self.where.shop_url:
            return pg_size(self.where.shop_url)
        path = self.where.desk_file
        return sum(f.stat().st_size for f in path.parent.glob(path.name + "*") if f.is_file())

    def folder_size(self) -> int:
        """The desk's data folder (its file, logs, settings, simulator state)."""
        return sum(f.stat().st_size for f in self.data_dir.rglob("*") if f.is_file())


# ------------------------------------------------------------------------------ flow level


def reconcile_ms(sim: Simulator, store: Store, runs: int) -> float:
    ctx = FlowContext(
        Gateway(DEMO_KEY, sim.url, simulated=True), store.where, DeskIdentity("bench", "front")
    )
    return median_ms(lambda: reconcile(ctx), runs)


def history_ms(store: Store, runs: int) -> tuple[float, int]:
    today = date.today()
    filters = HistoryFilters(since=today - timedelta(days=90), until=today)
    shown = len(load_history(store.where, filters))
    return median_ms(lambda: load_history(store.where, filters), runs), shown


def history_of_customer_ms(store: Store, runs: int) -> tuple[float, int]:
    """The history filtered to the customer with the most records, all dates (reported,
    not budgeted: the issue's row is the default filter)."""
    filters = HistoryFilters(customer=store.customer)
    shown = len(load_history(store.where, filters))
    return median_ms(lambda: load_history(store.where, filters), runs), shown


def evidence_ms(store: Store, runs: int) -> tuple[float, int, bool]:
    built = build_evidence(store.where, store.customer, shop_names=("Corner Books",))
    took = median_ms(
        lambda: build_evidence(store.where, store.customer, shop_names=("Corner Books",)), runs
    )
    return took, len(built.consents), built.verify.ok


def readback_ms(store: Store, runs: int) -> float:
    """The consent lookup and the duplicate guard's check, on an open connection (the charge
    flow opens one for its whole run; opening is ``bench_shop_records``'s business)."""
    request = ChargeRequest(store.customer, store.card, store.amount)
    samples = []
    with open_records(store.where) as records:
        for _ in range(runs + 1):
            started = time.perf_counter()
            _check_consent(records, request)
            with transaction(records.conn):
                serialise(records.conn, f"charge:{store.card.payment_method_id}")
                records.journal.recent_charges(
                    store.customer, store.card.payment_method_id, store.amount, DUPLICATE_WINDOW
                )
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples[1:])


def verify_full_s(store: Store, runs: int) -> tuple[float, int, bool]:
    with open_records(store.where) as records:
        result = records.ledger.verify()
        took = median_ms(records.ledger.verify, runs) / 1000
    return took, result.count, result.ok


def verify_incremental_ms(store: Store, runs: int) -> float | None:
    """From the desk's last checkpoint (``records.ledger_checkpoint``), when there is one."""
    try:
        from moto_desk.records.ledger_checkpoint import verify_from_checkpoint
    except ImportError:
        return None
    verify_from_checkpoint(store.where)  # the first one is full and leaves the checkpoint
    return median_ms(lambda: verify_from_checkpoint(store.where), runs)


@contextmanager
def proposed_index(store: Store) -> Iterator[bool]:
    """The desk file's proposed index, for the duration; False when the store has it."""
    if store.where.shop_url:
        yield False
        return
    conn = open_database(store.where.desk_file)
    try:
        conn.execute(PROPOSED_SQLITE_INDEX)
        yield True
    finally:
        conn.execute("DROP INDEX IF EXISTS ledger_payment_method")
        conn.close()


# ------------------------------------------------------------------------------ the window


def open_desk(sim: Simulator, store: Store) -> tuple[MainWindow, float]:
    """The real window on ``store``: ms from its construction until it is painted, connected,
    its readers listed and start-up reconciliation done."""
    started = time.perf_counter()
    settings = SettingsStore(store.data_dir / "settings.json")
    options = StartOptions(
        store.data_dir, api_base=sim.url, demo=True, lang="en", records=store.where.shop_url
    )
    window = MainWindow(options, settings, settings.load(), "en")
    reconciled: list[float] = []
    window.reconciled.connect(lambda _settled: reconciled.append(time.perf_counter()))
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.start()
    wait_ready_window(window)
    wait_until(lambda: reconciled, 60, "start-up reconciliation")
    return window, (time.perf_counter() - started) * 1000


def startup_and_typeahead(
    sim: Simulator, pair: tuple[Store, Store], runs: int, customers: int
) -> dict[str, dict[str, Any]]:
    """Start-up, alternating the empty and the big store (the first pair warms up and is
    dropped); then the type-ahead in the last window of each."""
    found: dict[str, dict[str, Any]] = {s.name: {"startup": []} for s in pair}
    asked = queries(customers)
    for run in range(runs + 1):
        for store in pair:
            window, took = open_desk(sim, store)
            if run:
                found[store.name]["startup"].append(took)
            if run == runs:
                watch = Stopwatch(window)
                samples = []
                for _ in range(2):
                    for _kind, text, expect in asked:
                        samples.append(type_query(window, watch, text, expect)[1])
                found[store.name]["typeahead"] = samples
            close_window(window)
            pause(100)
    return found


# ------------------------------------------------------------------------------ one pair


def measure(sim: Simulator, pair: tuple[Store, Store], args: argparse.Namespace) -> dict[str, Any]:
    runs = args.runs
    report: dict[str, Any] = {}
    before = {s.name: (s.size(), s.folder_size()) for s in pair}
    gui = startup_and_typeahead(sim, pair, max(2, runs), args.sim_customers)
    for store in pair:
        store.find_subjects()
    subject = pair[1]
    pair[0].customer, pair[0].card = subject.customer, subject.card  # the same question
    for store in pair:
        row: dict[str, Any] = {}
        row["startup_ms"] = statistics.median(gui[store.name]["startup"])
        typed = gui[store.name]["typeahead"]
        row["typeahead_p90_ms"] = percentile(typed, 0.9)
        row["typeahead_median_ms"] = statistics.median(typed)
        row["reconcile_ms"] = reconcile_ms(sim, store, runs)
        row["history_ms"], row["history_rows"] = history_ms(store, runs)
        row["history_customer_ms"], row["history_customer_rows"] = history_of_customer_ms(
            store, max(1, runs // 2)
        )
        row["evidence_ms"], row["evidence_consents"], row["evidence_ok"] = evidence_ms(
            store, max(1, runs // 2)
        )
        row["readback_ms"] = readback_ms(store, runs * 3)
        row["verify_full_s"], row["verify_records"], row["verify_ok"] = verify_full_s(
            store, max(1, runs // 2)
        )
        row["verify_incremental_ms"] = verify_incremental_ms(store, runs)
        size, folder = before[store.name]
        row["bytes"] = store.size()
        with open_records(store.where) as records:
            entries = int(records.conn.execute("SELECT count(*) FROM journal").fetchone()[0])
        row["journal_entries"] = entries
        row["bytes_per_operation"] = round(row["bytes"] / entries) if entries else None
        row["store_growth_bytes"] = row["bytes"] - size
        row["desk_folder_growth_bytes"] = store.folder_size() - folder
        if args.proposed_index:  # last: building the index writes its pages to the WAL
            with proposed_index(store) as created:
                if created:
                    row["readback_ms_with_proposed_index"] = readback_ms(store, runs * 3)
                    again = evidence_ms(store, max(1, runs // 2))
                    row["evidence_ms_with_proposed_index"] = again[0]
        report[store.name] = row
    empty, big = report[pair[0].name], report[pair[1].name]
    report["ratio"] = {
        key: round(big[key] / empty[key], 2) if empty.get(key) else None
        for key in big
        if key.endswith(("_ms", "_s")) and isinstance(big[key], float)
    }
    report["customer"] = subject.customer
    return report


def sqlite_pair(root: Path, args: argparse.Namespace) -> tuple[tuple[Store, Store], Any]:
    empty_dir, big_dir = root / "empty-desk", root / "big-desk"
    empty_dir.mkdir(parents=True, exist_ok=True)
    open_database(database_path(empty_dir)).close()
    generated = None
    kept = args.keep / f"big-{args.scale}-{args.seed}" if args.keep else None
    if kept is not None and database_path(kept).exists():
        big_dir = kept
    else:
        if kept is not None:
            big_dir = kept
        big_dir.mkdir(parents=True, exist_ok=True)
        generated = write_sqlite(database_path(big_dir), args.scale, args.seed)
    pair = (
        Store("sqlite empty", RecordsAddress(database_path(empty_dir)), empty_dir),
        Store("sqlite big", RecordsAddress(database_path(big_dir)), big_dir),
    )
    return pair, generated


def postgresql_pair(
    server: Any, root: Path, args: argparse.Namespace
) -> tuple[tuple[Store, Store], Any]:
    empty_url, big_url = server.new_database(), server.new_database()
    generated = write_postgresql(big_url, args.scale, args.seed)
    dirs = (root / "pg-empty-desk", root / "pg-big-desk")
    for folder in dirs:
        folder.mkdir(parents=True, exist_ok=True)
    pair = (
        Store("postgresql empty", RecordsAddress(database_path(dirs[0]), empty_url), dirs[0]),
        Store("postgresql big", RecordsAddress(database_path(dirs[1]), big_url), dirs[1]),
    )
    return pair, generated


def verdicts(report: dict[str, Any], big: str) -> dict[str, bool | None]:
    row, ratio = report[big], report["ratio"]
    found: dict[str, bool | None] = {
        "startup_ratio": ratio.get("startup_ms", 99) <= BUDGETS["startup_ratio"],
    }
    for key, budget in BUDGETS.items():
        if key in row and row[key] is not None:
            found[key] = row[key] < budget
    if "verify_incremental_ms" not in found:
        found["verify_incremental_ms"] = None
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sim-customers", type=int, default=10_000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--proposed-index", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    isolate()
    application()
    results: dict[str, Any] = {"scale": args.scale, "budgets": BUDGETS}
    with tempfile.TemporaryDirectory() as tmp, Simulator() as sim:
        sim.seed_demo()
        _populate(sim, args.sim_customers)
        if args.store in ("sqlite", "both"):
            pair, made = sqlite_pair(Path(tmp), args)
            results["sqlite"] = measure(sim, pair, args)
            results["sqlite"]["generated"] = made.__dict__ if made else "kept"
            results["sqlite"]["budget_met"] = verdicts(results["sqlite"], "sqlite big")
        if args.store in ("postgresql", "both"):
            from tests.helpers.postgres import find_bin, running_server

            bin_dir = find_bin()
            if bin_dir is None:
                print("PostgreSQL's server programs are not installed", file=sys.stderr)
                return 2
            with running_server(bin_dir) as server:
                pair, made = postgresql_pair(server, Path(tmp), args)
                results["postgresql"] = measure(sim, pair, args)
                results["postgresql"]["generated"] = made.__dict__
                results["postgresql"]["budget_met"] = verdicts(
                    results["postgresql"], "postgresql big"
                )
    if args.json:
        print(json.dumps(results, indent=2, default=str))
        return 0
    for store in ("sqlite", "postgresql"):
        if store in results:
            _print(store, results[store])
    return 0


def _print(store: str, report: dict[str, Any]) -> None:
    empty, big, ratio = report[f"{store} empty"], report[f"{store} big"], report["ratio"]
    made = report["generated"]
    if isinstance(made, dict):
        print(
            f"{store}: generated {made['customers']:,} customers, {made['journal']:,} entries, "
            f"{made['ledger']:,} ledger records in {made['seconds']:.0f} s"
        )
    print(f"{'what':<36}{'empty':>10}{'big':>10}{'ratio':>11}  budget")
    lines = (
        ("start-up (ms)", "startup_ms", f"≤ {BUDGETS['startup_ratio']}x", "startup_ratio"),
        ("reconciliation at start (ms)", "reconcile_ms", "< 50 ms", "reconcile_ms"),
        ("history, first page (ms)", "history_ms", "< 150 ms", "history_ms"),
        ("  one customer, all dates (ms)", "history_customer_ms", "", ""),
        ("type-ahead p90 (ms)", "typeahead_p90_ms", "< 350 ms", "typeahead_p90_ms"),
        ("consent evidence (ms)", "evidence_ms", "< 100 ms", "evidence_ms"),
        ("  with the proposed index", "evidence_ms_with_proposed_index", "", ""),
        ("charge read-back (ms)", "readback_ms", "< 20 ms", "readback_ms"),
        ("  with the proposed index", "readback_ms_with_proposed_index", "", ""),
        ("ledger verify, full (s)", "verify_full_s", "< 5 s", "verify_full_s"),
        ("ledger verify, from checkpoint (ms)", "verify_incremental_ms", "< 100 ms",
         "verify_incremental_ms"),
    )  # fmt: skip
    for label, key, budget, verdict_key in lines:
        if big.get(key) is None:
            continue
        met = report["budget_met"].get(verdict_key)
        word = "" if met is None else ("met" if met else "MISSED")
        r = ratio.get(key)
        print(
            f"{label:<36}{empty.get(key) or 0:>10.1f}{big[key]:>10.1f}"
            f"{(f'{r:.1f}x' if r else ''):>11}  {budget} {word}"
        )
    print(
        f"store: {big['bytes'] / 1e6:.0f} MB, {big['bytes_per_operation']} bytes per operation "
        f"({big['journal_entries']:,} entries); grew {big['store_growth_bytes']:,} bytes in this "
        f"run, the desk folder {big['desk_folder_growth_bytes']:,} bytes"
    )
    print(
        f"evidence: {big['evidence_consents']} consents of {report['customer']}, ledger "
        f"{'verified' if big['evidence_ok'] else 'NOT verified'}; history showed "
        f"{big['history_rows']} rows"
    )


if __name__ == "__main__":
    exit_now(main())
