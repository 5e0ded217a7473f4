"""``records migrate``: a desk's own records (SQLite) into the shop's (PostgreSQL).

The journal and the customer index move as they are (their ids are random, so two desks never
collide, and a row already there is left alone). The consent ledger cannot: the shop has one
chain, and a desk's records get new places (``seq``) and links (``prev_hash``) in it. So that
the desk's chain stays verifiable as the evidence it was:

* every record of the desk's chain is kept whole, as it was, in ``ledger_origin`` under the
  chain's id (``sqlite:`` + the hash of its first record, which no other chain can share);
* each is appended to the shop's chain with the same ``record_id``, ``time`` and content, plus
  ``origin_chain``/``origin_seq``/``origin_hash`` naming where it came from — fields the shop
  record's own hash covers;
* :func:`verify_origins` re-verifies each kept chain (hashes and links, as the desk verified
  it) and checks that the shop's copy of every record says what the original said.

Running it again adds nothing: a record whose ``record_id`` is already in the shop's ledger,
an entry or a customer already there, is skipped. The desk's chain is verified first; a broken
chain is not migrated (it would enter the shop's book as if it were sound).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.records.connection import Db, serialise
from moto_desk.records.database import open_database, storage_errors, transaction
from moto_desk.records.ledger import COLUMNS, ORIGIN_COLUMNS, ConsentLedger, Row, _verify
from moto_desk.records.schema import GENESIS_HASH

#: The fields a record keeps when it moves into the shop's chain.
_CONTENT = tuple(
    name for name in COLUMNS if name not in ("seq", "prev_hash", "hash", *ORIGIN_COLUMNS)
)
_JOURNAL_COLUMNS = (
    "id, kind, state, created_at, updated_at, reconciled_at, clerk, desk, customer_id, amount,"
    " currency, payment_method_id, stripe_object_id, outcome_code, outcome_message,"
    " order_reference, details"
)
_STEP_COLUMNS = (
    "entry_id, step, idempotency_key, request_summary, created_at, response_object_id,"
    " http_outcome, finished_at"
)
_CUSTOMER_COLUMNS = "id, name, email, phone, phone_digits, search_text, created, last_seen"


@dataclass
class MigrateReport:
    """What ``records migrate`` brought in (and what was already there)."""

    chain_id: str | None = None
    ledger_added: int = 0
    ledger_present: int = 0
    journal_added: int = 0
    journal_present: int = 0
    steps_added: int = 0
    customers_added: int = 0
    lines: list[str] = field(default_factory=list)


def chain_id(first: Row) -> str:
    """The id of the chain whose first record is ``first``."""
    return f"sqlite:{str(first['hash'])[:32]}"


def _rows(conn: Db, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in conn.execute(sql).fetchall()]


def migrate_desk(desk_file: Path, shop: Db) -> MigrateReport:
    """Bring the desk's records in ``desk_file`` into the shop's records on ``shop``."""
    source = open_database(desk_file)
    try:
        ledger = ConsentLedger(source)
        rows, head = ledger.snapshot()
        verified = _verify(rows, head)
        if not verified.ok:
            raise MotoDeskError(
                ErrorKind.STORAGE,
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "This desk's consent ledger does not verify, so it was not brought into "
                    "the shop's records. Run “moto-desk ledger verify” and ask your "
                    "administrator to restore the desk's data from a backup.",
                ),
                detail="; ".join(verified.problems),
            )
        report = MigrateReport()
        with storage_errors():
            _migrate_ledger(rows, shop, report)
            _migrate_journal(source, shop, report)
            _migrate_customers(source, shop, report)
        return report
    finally:
        source.close()


def _migrate_ledger(rows: list[Row], shop: Db, report: MigrateReport) -> None:
    if not rows:
        return
    chain = chain_id(rows[0])
    report.chain_id = chain
    with transaction(shop):
        serialise(shop, "ledger")
        shop_ledger = ConsentLedger(shop)
        for row in rows:
            shop.execute(
                "INSERT INTO ledger_origin (chain_id, seq, hash, record) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (chain_id, seq) DO NOTHING",
                (chain, row["seq"], row["hash"], _canonical(row)),
            )
            present = shop.execute(
                "SELECT 1 FROM ledger WHERE record_id = ?", (row["record_id"],)
            ).fetchone()
            if present is not None:
                report.ledger_present += 1
                continue
            fields: Row = {name: row[name] for name in _CONTENT}
            fields.update(origin_chain=chain, origin_seq=row["seq"], origin_hash=row["hash"])
            shop_ledger._append_locked(fields)
            report.ledger_added += 1


def _migrate_journal(source: Db, shop: Db, report: MigrateReport) -> None:
    entries = _rows(source, f"SELECT {_JOURNAL_COLUMNS} FROM journal ORDER BY created_at, id")  # noqa: S608
    steps = _rows(source, f"SELECT {_STEP_COLUMNS} FROM journal_steps ORDER BY created_at, rowid")  # noqa: S608
    marks = ", ".join("?" * 17)
    with transaction(shop):
        for entry in entries:
            cursor = shop.execute(
                f"INSERT INTO journal ({_JOURNAL_COLUMNS}) VALUES ({marks})"  # noqa: S608
                " ON CONFLICT (id) DO NOTHING",
                entry,
            )
            if cursor.rowcount == 1:
                report.journal_added += 1
            else:
                report.journal_present += 1
        for step in steps:
            cursor = shop.execute(
                f"INSERT INTO journal_steps ({_STEP_COLUMNS}) VALUES ({', '.join('?' * 8)})"  # noqa: S608
                " ON CONFLICT (entry_id, step) DO NOTHING",
                step,
            )
            report.steps_added += cursor.rowcount


def _migrate_customers(source: Db, shop: Db, report: MigrateReport) -> None:
    customers = _rows(source, f"SELECT {_CUSTOMER_COLUMNS} FROM customer_index ORDER BY rowid")  # noqa: S608
    with transaction(shop):
        for customer in customers:
            cursor = shop.execute(
                f"INSERT INTO customer_index ({_CUSTOMER_COLUMNS})"  # noqa: S608
                f" VALUES ({', '.join('?' * 8)}) ON CONFLICT (id) DO UPDATE SET"
                " name = excluded.name, email = excluded.email, phone = excluded.phone,"
                " phone_digits = excluded.phone_digits, search_text = excluded.search_text,"
                " last_seen = excluded.last_seen"
                " WHERE excluded.last_seen > customer_index.last_seen",
                customer,
            )
            report.customers_added += max(cursor.rowcount, 0)


def _canonical(row: Row) -> str:
    return json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# ------------------------------------------------------------------------------ verifying


def verify_origins(conn: Db) -> list[str]:
    """Problems with the chains migrated into these records, as sentences (none: all good).

    Each kept chain must verify as it did at the desk, and the shop's copy of each of its
    records must say what the original said.
    """
    from moto_desk.records.ledger import record_hash

    problems: list[str] = []
    with storage_errors(), transaction(conn, immediate=False):
        kept = conn.execute(
            "SELECT chain_id, seq, hash, record FROM ledger_origin ORDER BY chain_id, seq"
        ).fetchall()
        copies = {
            (str(r[0]), int(r[1])): dict(zip(COLUMNS, r[2:], strict=True))
            for r in conn.execute(
                f"SELECT origin_chain, origin_seq, {', '.join(COLUMNS)} FROM ledger"  # noqa: S608
                " WHERE origin_chain IS NOT NULL"
            ).fetchall()
        }
    chains: dict[str, list[tuple[int, str, Row]]] = {}
    for chain, seq, stored_hash, record in kept:
        chains.setdefault(str(chain), []).append((int(seq), str(stored_hash), json.loads(record)))
    for chain, records in chains.items():
        expected, prev = 1, GENESIS_HASH
        for seq, stored_hash, original in records:
            where = f"Migrated chain {chain}: record {seq}"
            if seq != expected or original.get("prev_hash") != prev:
                problems.append(f"{where} does not follow the one before.")
            if stored_hash != original.get("hash") or record_hash(original) != stored_hash:
                problems.append(f"{where} was changed after it was written.")
            copy = copies.get((chain, seq))
            if copy is None:
                problems.append(f"{where} has no copy in the shop's ledger.")
            elif copy["origin_hash"] != stored_hash or any(
                copy[name] != original.get(name) for name in _CONTENT
            ):
                problems.append(
                    f"{where}: the shop's record {copy['seq']} does not say what it said."
                )
            expected, prev = seq + 1, str(original.get("hash"))
    return problems
