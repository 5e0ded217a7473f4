"""A busy phone-order shop's records after five years, for the records-at-scale benchmarks.

200,000 customers in the index, 1,000,000 journal entries (each with its one Stripe step),
400,000 consent-ledger records (``--scale`` shrinks all three), written to the desk's SQLite
file or to the shop's PostgreSQL, deterministic for a given ``--seed`` and ``--end`` day.

Distributions, roughly a phone-order shop's:

* customers arrive over the five years at a growing pace (the shop is busier each year);
  about two in three ever save a card. Of those, 75% save one card, 18% two, 6% three to
  five and 1% six to fifteen;
* every card: a ``consent`` record, then ``card_saved`` a minute later; one card in ten is
  withdrawn later (a ``revocation`` record and a ``detach`` journal entry);
* the journal: one ``create_customer`` per customer, one ``save_card`` per card plus failed
  and canceled attempts, charges spread over the card holders by a heavy-tailed weight (a
  few regulars have thousands of operations, most have a handful; 92% succeed), refunds of
  about 8% of the succeeded charges, a few ``clear_reader``. Nothing is open: every entry is
  final, as in a shop whose desks reconcile at every start;
* the ledger is a real chain: every hash is :func:`~moto_desk.records.ledger.record_hash`,
  and ``ledger_head`` names its last record, so ``ledger verify`` passes.

Written fast: ``executemany`` in one transaction on SQLite, ``COPY`` on PostgreSQL (as the
database's owner or a superuser: the tables' row triggers — the append-only check and the
change announcements — are skipped with ``session_replication_role = replica``; the chain
is verified after, not trusted).

    python tests/benchmarks/generate_store.py --sqlite PATH [--scale 1.0] [--seed 17]
    python tests/benchmarks/generate_store.py --postgresql URL [--scale 1.0] [--seed 17]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import math
import random
import string
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from moto_desk.domain.consent import load_terms
from moto_desk.domain.models import Customer
from moto_desk.records.customer_index import _REMEMBER, _row
from moto_desk.records.journal import idempotency_key
from moto_desk.records.ledger import COLUMNS, record_hash
from moto_desk.records.schema import GENESIS_HASH
from moto_desk.records.timestamps import to_iso

FULL_CUSTOMERS = 200_000
FULL_JOURNAL = 1_000_000
FULL_LEDGER = 400_000
YEARS = 5
FIRST = ["Ada", "Alan", "Grace", "Zoë", "Jean", "Marie", "Hedy", "Linus", "Émile", "Noor",
         "Kwame", "Sofia", "Hiroshi", "Fatima", "Olga", "Pedro", "Aiyana", "Chen", "Ingrid",
         "Tariq"]  # fmt: skip
LAST = ["Lovelace", "Turing", "Hopper", "Ærnström", "Dupont", "Curie", "Lamarr", "Okafor",
        "Nakamura", "Haddad", "Kowalski", "García", "Müller", "O'Brien", "Silva", "Nguyen",
        "Rossi", "Andersen", "Mensah", "Ivanova"]  # fmt: skip
BRANDS = (("visa", 0.55), ("mastercard", 0.3), ("amex", 0.1), ("discover", 0.05))
CLERKS = ("amira", "ben", "chloe", "dev", "eun")
DESKS = ("front", "phones-1", "phones-2")
_ALNUM = string.ascii_letters + string.digits

JOURNAL_INSERT = (
    "INSERT INTO journal (id, kind, state, created_at, updated_at, reconciled_at, clerk, desk,"
    " customer_id, amount, currency, payment_method_id, stripe_object_id, outcome_code,"
    " outcome_message, order_reference, details)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
JOURNAL_COLUMNS = JOURNAL_INSERT.split("(")[1].split(")", maxsplit=1)[0]
STEP_INSERT = (
    "INSERT INTO journal_steps (entry_id, step, idempotency_key, request_summary, created_at,"
    " response_object_id, http_outcome, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
STEP_COLUMNS = STEP_INSERT.split("(")[1].split(")", maxsplit=1)[0]
CUSTOMER_COLUMNS = _REMEMBER.split("(")[1].split(")", maxsplit=1)[0]


@dataclass(frozen=True)
class Card:
    customer: int  # index into the customers
    pm: str
    setup_intent: str
    consent_id: str
    saved_at: float  # epoch seconds
    revoked_at: float | None
    brand: str
    last4: str
    exp_month: int
    exp_year: int


@dataclass
class Plan:
    """What the store holds, before it is written."""

    customers: list[Customer]
    cards: list[Card]
    #: (epoch seconds, kind, customer index, card index or -1, amount or 0, refund of: index
    #: of the charge in this list or -1), sorted by time.
    entries: list[tuple[float, str, int, int, int, int]]
    end: datetime


class Ids:
    """Stripe-like ids and hex record ids from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def stripe(self, prefix: str, length: int = 24) -> str:
        return prefix + "".join(self.rng.choices(_ALNUM, k=length))

    def hex(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"


def _moment(rng: random.Random, start: float, span: float) -> float:
    """A time in [start, start + span), denser towards the end (a shop that grows)."""
    return start + span * math.sqrt(rng.random())


def plan(scale: float = 1.0, seed: int = 17, end: date | None = None) -> Plan:
    """The shop's five years at ``scale`` (1.0: the full 200k/1M/400k)."""
    rng = random.Random(seed)
    ids = Ids(rng)
    end_day = end or datetime.now(UTC).date()
    end_at = datetime(end_day.year, end_day.month, end_day.day, tzinfo=UTC)
    span = YEARS * 365.25 * 86400
    start = end_at.timestamp() - span
    n_customers = max(10, round(FULL_CUSTOMERS * scale))
    n_ledger = max(6, round(FULL_LEDGER * scale))
    n_journal = max(20, round(FULL_JOURNAL * scale))

    created = sorted(_moment(rng, start, span - 86400) for _ in range(n_customers))
    customers = []
    for i, at in enumerate(created):
        first, family = rng.choice(FIRST), rng.choice(LAST)
        phone = f"+1555{rng.randrange(10**7):07d}"
        email = f"{first.lower()}.{family.lower().replace(chr(39), '')}.{i}@example.com"
        customers.append(
            Customer(
                ids.stripe("cus_", 14),
                f"{first} {family}",
                email,
                phone,
                datetime.fromtimestamp(at, UTC),
            )
        )

    # Cards until the ledger is full: two records each, three when withdrawn.
    cards: list[Card] = []
    records = 0
    order = list(range(n_customers))
    rng.shuffle(order)
    for customer in itertools.cycle(order):
        if records >= n_ledger - 1:
            break
        if rng.random() < 0.33:
            continue  # never saves a card (this round)
        roll = rng.random()
        count = 1 if roll < 0.75 else 2 if roll < 0.93 else rng.randint(3, 5)
        count = rng.randint(6, 15) if roll > 0.99 else count
        at = created[customer] + rng.uniform(60, 600)
        for _ in range(count):
            if records >= n_ledger - 1:
                break
            revoked = None
            if rng.random() < 0.1 and records + 3 <= n_ledger:
                revoked = at + rng.uniform(86400, span / 3)
                revoked = revoked if revoked < end_at.timestamp() - 3600 else None
            brand = rng.choices([b for b, _ in BRANDS], [w for _, w in BRANDS])[0]
            cards.append(
                Card(
                    customer, ids.stripe("pm_"), ids.stripe("seti_"), ids.hex(), at, revoked,
                    brand, f"{rng.randrange(10_000):04d}", rng.randint(1, 12),
                    rng.randint(end_day.year, end_day.year + 5),
                )
            )  # fmt: skip
            records += 2 + (revoked is not None)
            at += rng.uniform(86400, span / 4)
            if at > end_at.timestamp() - 7200:
                at = end_at.timestamp() - rng.uniform(3600, 7200)

    entries: list[tuple[float, str, int, int, int, int]] = []
    for index, at in enumerate(created):
        entries.append((at - 5, "create_customer", index, -1, 0, -1))
    for index, card in enumerate(cards):
        entries.append((card.saved_at - 50, "save_card", card.customer, index, 0, -1))
        if card.revoked_at is not None:
            entries.append((card.revoked_at, "detach", card.customer, index, 0, -1))
    for _ in range(max(0, (n_journal - len(entries)) // 40)):
        card = rng.randrange(len(cards))  # a failed or canceled save
        entries.append((cards[card].saved_at - 400, "save_card", cards[card].customer, -1, 0, -1))
        entries.append((_moment(rng, start, span), "clear_reader", -1, -1, 0, -1))
    # Charges and refunds: the rest. Heavy-tailed weights make a few regulars.
    left = n_journal - len(entries)
    charges = int(left / 1.08)
    weights = list(itertools.accumulate(rng.paretovariate(1.1) for _ in cards))
    charged: list[int] = []
    for _ in range(charges):
        index = min(bisect.bisect(weights, rng.random() * weights[-1]), len(cards) - 1)
        card = cards[index]
        until = card.revoked_at or end_at.timestamp() - 60
        at = card.saved_at + 60 + (until - card.saved_at - 60) * rng.random()
        amount = int(rng.lognormvariate(8.0, 0.9))  # ~$30 median, in cents
        charged.append(len(entries))
        entries.append((at, "charge", card.customer, index, amount, -1))
    for _ in range(n_journal - len(entries)):
        charge = rng.choice(charged)
        at, _, customer, card_index, amount, _ = entries[charge]
        part = amount if rng.random() < 0.7 else max(1, amount // 2)
        entries.append(
            (at + rng.uniform(3600, 30 * 86400), "refund", customer, card_index, part, charge)
        )
    # Sorted by time, keeping each refund's link to its charge.
    order_by_time = sorted(range(len(entries)), key=lambda i: entries[i][0])
    moved = {old: new for new, old in enumerate(order_by_time)}
    entries = [
        (*entries[i][:5], moved[entries[i][5]] if entries[i][5] >= 0 else -1) for i in order_by_time
    ]
    end_ts = end_at.timestamp() - 1
    entries = [(min(e[0], end_ts), *e[1:]) for e in entries]
    return Plan(customers, cards, entries, end_at)


def _iso(at: float) -> str:
    return to_iso(datetime.fromtimestamp(at, UTC))


def ledger_rows(p: Plan, seed: int) -> Iterator[tuple[object, ...]]:
    """Every ledger row in chain order, hashed with the real :func:`record_hash`."""
    terms = load_terms("en").for_shop("Corner Books")
    rng = random.Random(seed + 1)
    events: list[tuple[float, int, int]] = []  # (time, 0 consent / 1 saved / 2 revoked, card)
    for index, card in enumerate(p.cards):
        events.append((card.saved_at - 45, 0, index))
        events.append((card.saved_at, 1, index))
        if card.revoked_at is not None:
            events.append((card.revoked_at, 2, index))
    events.sort()
    prev = GENESIS_HASH
    for seq, (at, what, index) in enumerate(events, start=1):
        card = p.cards[index]
        customer = p.customers[card.customer].id
        row: dict[str, object] = dict.fromkeys(COLUMNS)
        clerk, desk = CLERKS[index % len(CLERKS)], DESKS[index % len(DESKS)]
        row.update(seq=seq, time=_iso(at), customer_id=customer, prev_hash=prev)
        if what == 0:
            row.update(
                record_id=card.consent_id, kind="consent", clerk=clerk, desk=desk,
                channel="phone", terms_version=terms.version, terms_sha256=terms.sha256,
                terms_language=terms.language, allow_redisplay="limited",
            )  # fmt: skip
        elif what == 1:
            row.update(
                record_id=f"{rng.getrandbits(128):032x}", kind="card_saved", clerk=clerk,
                desk=desk, allow_redisplay="limited", setup_intent_id=card.setup_intent,
                payment_method_id=card.pm, card_brand=card.brand, card_last4=card.last4,
                card_exp_month=card.exp_month, card_exp_year=card.exp_year,
                refers_to=card.consent_id,
            )  # fmt: skip
        else:
            row.update(
                record_id=f"{rng.getrandbits(128):032x}", kind="revocation",
                clerk=CLERKS[(index + 1) % len(CLERKS)], desk=desk, payment_method_id=card.pm,
                reason="The customer asked us by phone to forget the card.",
                refers_to=card.consent_id,
            )  # fmt: skip
        row["hash"] = prev = record_hash(row)
        yield tuple(row[name] for name in COLUMNS)


_STEP = {
    "create_customer": "create_customer",
    "save_card": "create_setup_intent",
    "charge": "create_payment_intent",
    "refund": "create_refund",
    "detach": "detach_payment_method",
    "clear_reader": "cancel_action",
}


def journal_rows(p: Plan, seed: int) -> Iterator[tuple[tuple[object, ...], tuple[object, ...]]]:
    """(journal row, its step row) in time order."""
    rng = random.Random(seed + 2)
    ids = Ids(rng)
    objects: dict[int, str] = {}  # charge's index → its PaymentIntent
    for index, (at, kind, customer_index, card_index, amount, refund_of) in enumerate(p.entries):
        entry_id = ids.hex()
        created = _iso(at)
        finished = _iso(at + rng.uniform(1, 40))
        clerk, desk = rng.choice(CLERKS), rng.choice(DESKS)
        customer = p.customers[customer_index] if customer_index >= 0 else None
        card = p.cards[card_index] if card_index >= 0 else None
        state, code, message = "succeeded", None, None
        money: tuple[int | None, str | None] = (None, None)
        pm = obj = order = None
        details: dict[str, object] = {}
        summary: dict[str, object] = {}
        if kind == "create_customer":
            assert customer is not None
            obj = customer.id
            form = {"name": customer.name, "email": customer.email, "phone": customer.phone}
            details = {"fingerprint": ids.hex(), "form": form}
            customer = None  # the journal names a new customer by the object it created
        elif kind == "save_card":
            details = {"reader_id": "tmr_front", "channel": "phone"}
            if card is None:
                state = rng.choice(("failed", "canceled"))
                obj = ids.stripe("seti_")
                if state == "failed":
                    code, message = "card_declined", "Your card was declined."
            else:
                obj, pm = card.setup_intent, card.pm
                details["consent_id"] = card.consent_id
        elif kind == "charge":
            assert card is not None
            money, pm = (amount, "usd"), card.pm
            obj = objects[index] = ids.stripe("pi_")
            order = f"ORD-{index:07d}" if rng.random() < 0.6 else None
            details = {"card": f"{card.brand} {card.last4}"}
            summary = {"amount": amount, "currency": "usd", "payment_method": pm}
            if rng.random() < 0.08:
                state, code = "failed", rng.choice(("card_declined", "insufficient_funds"))
                message = "Your card was declined."
        elif kind == "refund":
            money = (amount, "usd")
            obj = ids.stripe("re_")
            details = {"payment_intent": objects.get(refund_of), "reason": "requested_by_customer"}
        elif kind == "detach":
            assert card is not None
            obj = card.pm
            details = {"reason": "The customer withdrew consent."}
        else:
            details = {"reader_id": "tmr_front"}
        row = (
            entry_id, kind, state, created, finished, None, clerk, desk,
            customer.id if customer else None, money[0], money[1], pm, obj, code, message,
            order, json.dumps(details, ensure_ascii=False, sort_keys=True),
        )  # fmt: skip
        step = _STEP[kind]
        http = "200" if state == "succeeded" else "402 card_declined"
        steps = (
            entry_id, step, idempotency_key(entry_id, step),
            json.dumps(summary, sort_keys=True), created, obj, http, finished,
        )  # fmt: skip
        yield row, steps


def customer_rows(p: Plan) -> Iterator[tuple[object, ...]]:
    for index, customer in enumerate(p.customers):
        created = customer.created or p.end
        seen = created + timedelta(seconds=1 + index % 997)
        yield _row(customer, seen)


def _chunks(rows: Iterator[Any], size: int = 20_000) -> Iterator[list[Any]]:
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


@dataclass(frozen=True)
class Written:
    customers: int
    journal: int
    ledger: int
    seconds: float
    bytes: int
    #: The store's size per journal entry (an operation; the ledger is counted with it).
    bytes_per_operation: float


def write_sqlite(
    path: Path, scale: float = 1.0, seed: int = 17, end: date | None = None
) -> Written:
    """The shop's five years in a new desk file at ``path``."""
    from moto_desk.records.database import open_database

    started = time.perf_counter()
    p = plan(scale, seed, end)
    conn = open_database(path)
    try:
        conn.execute("PRAGMA synchronous = OFF")  # one big load; FULL again at the next open
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(_REMEMBER, customer_rows(p))
        ledger = 0
        last: tuple[object, ...] = ()
        marks = ", ".join("?" * len(COLUMNS))
        insert = f"INSERT INTO ledger ({', '.join(COLUMNS)}) VALUES ({marks})"  # noqa: S608
        for chunk in _chunks(ledger_rows(p, seed)):
            conn.executemany(insert, chunk)
            ledger += len(chunk)
            last = chunk[-1]
        conn.execute(
            "INSERT INTO ledger_head (id, seq, hash) VALUES (1, ?, ?)",
            (last[COLUMNS.index("seq")], last[COLUMNS.index("hash")]),
        )
        journal = 0
        for chunk in _chunks(journal_rows(p, seed)):
            conn.executemany(JOURNAL_INSERT, [row for row, _ in chunk])
            conn.executemany(STEP_INSERT, [step for _, step in chunk])
            journal += len(chunk)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    size = sum(f.stat().st_size for f in path.parent.glob(path.name + "*") if f.is_file())
    return Written(len(p.customers), journal, ledger, time.perf_counter() - started, size,
                   size / journal)  # fmt: skip


def _copy(cur: Any, table: str, columns: str, rows: Iterator[tuple[object, ...]]) -> int:
    count = 0
    with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def pg_size(url: str) -> int:
    """The bytes of the shop's tables and indexes (schema ``moto_desk``)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'moto_desk' AND c.relkind = 'r'"
        ).fetchone()
    return int(row[0]) if row else 0


def write_postgresql(
    url: str, scale: float = 1.0, seed: int = 17, end: date | None = None
) -> Written:
    """The shop's five years in the (initialised, empty) shop's records at ``url``."""
    import psycopg

    started = time.perf_counter()
    p = plan(scale, seed, end)
    with psycopg.connect(url) as conn:
        cur = conn.cursor()
        cur.execute("SET search_path = moto_desk")
        cur.execute("SET session_replication_role = replica")  # skip the row triggers
        _copy(cur, "customer_index", CUSTOMER_COLUMNS, customer_rows(p))
        last: list[tuple[object, ...]] = []

        def chain() -> Iterator[tuple[object, ...]]:
            for row in ledger_rows(p, seed):
                last[:] = [row]
                yield row

        ledger = _copy(cur, "ledger", ", ".join(COLUMNS), chain())
        cur.execute(
            "INSERT INTO ledger_head (id, seq, hash) VALUES (1, %s, %s)",
            (last[0][COLUMNS.index("seq")], last[0][COLUMNS.index("hash")]),
        )
        steps: list[tuple[object, ...]] = []

        def entries() -> Iterator[tuple[object, ...]]:
            for row, step in journal_rows(p, seed):
                steps.append(step)
                yield row

        journal = _copy(cur, "journal", JOURNAL_COLUMNS, entries())
        _copy(cur, "journal_steps", STEP_COLUMNS, iter(steps))
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        # What autovacuum does over five years, done at once: statistics for the planner.
        conn.execute("VACUUM ANALYZE")
    size = pg_size(url)
    return Written(len(p.customers), journal, ledger, time.perf_counter() - started, size,
                   size / journal)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--sqlite", type=Path, help="a new desk file")
    where.add_argument("--postgresql", help="an initialised, empty shop's records URL")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--end", type=date.fromisoformat, help="the last day (default: today)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.sqlite:
        if args.sqlite.exists():
            print(f"{args.sqlite} exists: give a new file", file=sys.stderr)
            return 2
        done = write_sqlite(args.sqlite, args.scale, args.seed, args.end)
    else:
        done = write_postgresql(args.postgresql, args.scale, args.seed, args.end)
    if args.json:
        print(json.dumps(done.__dict__, indent=2))
    else:
        print(
            f"{done.customers:,} customers, {done.journal:,} journal entries, {done.ledger:,} "
            f"ledger records in {done.seconds:.1f} s; {done.bytes / 1e6:.0f} MB, "
            f"{done.bytes_per_operation:.0f} bytes per operation"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
