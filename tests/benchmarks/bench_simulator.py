"""Simulator latency: a retrieve and a customer search over 10,000 customers.

Baseline, measured in the same run over the same keep-alive HTTP session: the simulator's
control health check (``GET /_sim/health``), which costs the HTTP round trip and JSON but
none of the API machinery (auth, validation, idempotency, expansion, the state lock).

    python tests/benchmarks/bench_simulator.py [--customers 10000] [--rounds 200] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import requests
import stripe

from moto_desk.simulator import Simulator
from moto_desk.simulator.resources.customers import _new_customer

FIRST = ["Ada", "Alan", "Grace", "Zoë", "Jean", "Marie", "Hedy", "Linus", "Émile", "Noor"]
LAST = ["Lovelace", "Turing", "Hopper", "Ærnström", "Dupont", "Curie", "Lamarr", "Okafor"]


def _populate(sim: Simulator, count: int) -> str:
    """Insert customers straight into the state (creating 10,000 over HTTP measures nothing)."""
    now = int(time.time())
    with sim.state.lock:
        last = ""
        for index in range(count):
            customer = _new_customer(sim.state, now)
            first, family = FIRST[index % len(FIRST)], LAST[(index // 7) % len(LAST)]
            customer["name"] = f"{first} {family} {index}"
            customer["email"] = f"{first.lower()}.{index}@example.com"
            customer["phone"] = f"+1415555{index:04d}"
            sim.state.add(customer)
            last = customer["id"]
        sim.state.commit()
    return last


def _median_ms(call: Callable[[], object], rounds: int) -> float:
    for _ in range(5):
        call()  # warm the connection and caches
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with Simulator() as sim:
        customer_id = _populate(sim, args.customers)
        client = stripe.StripeClient(
            "sk_test_benchmark", base_addresses={"api": sim.url}, max_network_retries=0
        )
        session = requests.Session()
        baseline = _median_ms(lambda: session.get(sim.url + "/_sim/health").json(), args.rounds)
        retrieve = _median_ms(lambda: client.v1.customers.retrieve(customer_id), args.rounds)
        search_name = _median_ms(
            lambda: client.v1.customers.search({"query": "name~'Lovelace 99'", "limit": 20}),
            max(20, args.rounds // 4),
        )
        search_or = _median_ms(
            lambda: client.v1.customers.search(
                {"query": "name~'hopper' OR email~'hopper' OR phone~'5550'", "limit": 20}
            ),
            max(20, args.rounds // 4),
        )
    rows = {
        "baseline_health_ms": baseline,
        "retrieve_ms": retrieve,
        "search_substring_ms": search_name,
        "search_or_3_clauses_ms": search_or,
    }
    if args.json:
        print(json.dumps({"customers": args.customers, **rows}, indent=2))
        return 0
    print(f"simulator with {args.customers:,} customers, medians of {args.rounds} rounds")
    print(f"{'what':<28}{'median ms':>10}{'x baseline':>12}")
    for name, value in rows.items():
        print(f"{name:<28}{value:>10.2f}{value / baseline:>12.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
