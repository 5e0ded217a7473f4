"""Reader outcome: from the simulated reader finishing its action to the save flow knowing.

The simulated reader keys a card in by itself ``--delay`` seconds after the command, plus an
offset spread evenly over one poll interval from run to run (a fixed delay that is a whole
number of intervals would always land just before a poll and flatter the figure); the moment
it is due is read from the simulator's reader record. The
save flow's result arrives after its next poll plus the SetupIntent read. Baseline, in the
same run: one reader retrieve round trip — what a poller that knew the exact moment would
still pay. Also counts the flow's reader polls per second (budget: at most 5).
Budget (issue 8): median under 300 ms from the reader finishing to the status panel.

    python tests/benchmarks/bench_reader_outcome.py [--runs 15] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from moto_desk.backend import DEMO_KEY
from moto_desk.domain.consent import load_terms
from moto_desk.domain.models import AllowRedisplay, Channel
from moto_desk.flows.context import DeskIdentity, FlowContext
from moto_desk.flows.customers import NewCustomer, create_customer
from moto_desk.flows.reader_watch import FAST_INTERVAL_S
from moto_desk.flows.readers import list_readers
from moto_desk.flows.save_card import SaveRequest, save_card
from moto_desk.gateway.client import Gateway
from moto_desk.simulator import Simulator
from moto_desk.simulator.resources.reader_outcomes import run_of


class CountingGateway(Gateway):
    """Counts reader polls (the flow's only reader reads while it waits)."""

    polls = 0

    def get_reader(self, reader_id: str) -> Any:
        CountingGateway.polls += 1
        return super().get_reader(reader_id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--delay", type=float, default=1.5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    lags: list[float] = []
    rates: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, Simulator(seed_demo=True) as sim:
        gateway = CountingGateway(DEMO_KEY, sim.url, simulated=True)
        ctx = FlowContext(gateway, Path(tmp) / "desk.sqlite3", DeskIdentity("bench", "bench"))
        reader = next(r for r in list_readers(ctx) if r.label == "Front desk")
        baseline = []
        for _ in range(args.runs):
            started = time.perf_counter()
            gateway.get_reader(reader.id)
            baseline.append((time.perf_counter() - started) * 1000)
        customer = create_customer(ctx, NewCustomer("Bench Customer", "bench@example.com"))
        terms = load_terms("en")
        for run_index in range(args.runs):
            offset = FAST_INTERVAL_S * run_index / args.runs
            sim.set_reader(
                reader.id,
                auto_present={
                    "number": "4242424242424242",
                    "exp_month": 12,
                    "exp_year": 2040,
                    "cvc": "123",
                    "delay_s": args.delay + offset,
                },
            )
            due: list[float] = []

            def on_progress(progress: Any, due: list[float] = due) -> None:
                if not due and progress.step.value == "waiting_for_card":
                    with sim.state.lock:
                        run = run_of(sim.state, reader.id)
                        due.append(float(run["auto_present_at"]) if run else 0.0)

            ctx.progress = on_progress
            CountingGateway.polls = 0
            waiting_from = time.time()
            save_card(
                ctx,
                SaveRequest(
                    customer.id,
                    "Bench Customer",
                    reader.id,
                    reader.label,
                    Channel.PHONE,
                    AllowRedisplay.LIMITED,
                    terms,
                    True,
                    30,
                ),
            )
            done = time.time()
            lags.append((done - due[0]) * 1000)
            rates.append(CountingGateway.polls / max(done - waiting_from, 1e-6))
    result = {
        "baseline_retrieve_ms": statistics.median(baseline),
        "outcome_lag_median_ms": statistics.median(lags),
        "outcome_lag_max_ms": max(lags),
        "polls_per_second_max": max(rates),
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(
        f"reader outcome, {args.runs} saves, card keyed {args.delay}-"
        f"{args.delay + FAST_INTERVAL_S:.2f} s after the command"
    )
    for name, value in result.items():
        print(f"{name:<26}{value:>10.1f}")
    ratio = result["outcome_lag_median_ms"] / result["baseline_retrieve_ms"]
    print(f"{'lag / one retrieve':<26}{ratio:>9.1f}x   (budget: median < 300 ms, <= 5 polls/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
