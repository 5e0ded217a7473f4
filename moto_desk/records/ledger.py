"""The consent ledger: append-only, hash-chained, verifiable, exportable.

Each record is a fact about a customer's consent — the consent itself (who, when, by which
channel, which terms by version and SHA-256 of the exact text read), the card saved under it,
and a later revocation. Records are never changed or removed; a revocation is a new record that
refers to the consent.

Chaining: each record stores ``prev_hash`` (the ``hash`` of the record before it; 64 zeros for
the first) and ``hash`` = SHA-256 of the canonical JSON of all its other fields — ``json.dumps``
with sorted keys, no whitespace, ``ensure_ascii=False``, encoded UTF-8. :meth:`ConsentLedger.verify`
recomputes every hash and link, so an edited, deleted, inserted or reordered record shows up.
The newest record's seq and hash are also kept in ``ledger_head``, which catches removal of the
*last* records (a shorter chain is still a valid chain).

What this can and cannot prove: it detects accidents and casual tampering. Someone with write
access to the file who recomputes every hash and the head can rewrite history undetected — a
local hash chain has no secret. Exports (which carry every hash) kept elsewhere are the anchor
that makes that visible.

Appends are the only writes in this module. SQLite triggers (see ``schema.py``) also refuse
``UPDATE`` and ``DELETE`` on the ledger and any ``INSERT`` that does not extend the chain.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from moto_desk.domain.consent import ConsentTerms
from moto_desk.domain.errors import ErrorKind, InvalidInput, MotoDeskError
from moto_desk.domain.models import AllowRedisplay, Channel, SavedCard
from moto_desk.domain.sensitive import find_sensitive
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.records.connection import Db, is_shop, serialise
from moto_desk.records.database import storage_errors, transaction
from moto_desk.records.schema import GENESIS_HASH
from moto_desk.records.timestamps import Clock, from_iso, to_iso, utc_now

#: Every column of a ledger row, in table order; all but ``hash`` are hashed.
COLUMNS = (
    "seq", "record_id", "kind", "time", "customer_id", "clerk", "desk", "channel",
    "terms_version", "terms_sha256", "terms_language", "allow_redisplay", "setup_intent_id",
    "payment_method_id", "card_brand", "card_last4", "card_exp_month", "card_exp_year",
    "reason", "refers_to", "prev_hash", "hash",
    "origin_chain", "origin_seq", "origin_hash", "clerk_id", "approved_by",
)  # fmt: skip
#: Where a record migrated from a desk's own ledger came from (``records migrate``).
ORIGIN_COLUMNS = ("origin_chain", "origin_seq", "origin_hash")
#: The clerk's account id and the approver's (issue 16).
CLERK_COLUMNS = ("clerk_id", "approved_by")
#: Columns added after the first release, in groups added together. A record hashes a group
#: only when one of its columns is set, so every record written before a group existed keeps
#: the hash it was written with.
LATER_GROUPS = (ORIGIN_COLUMNS, CLERK_COLUMNS)
LATER_COLUMNS = ORIGIN_COLUMNS + CLERK_COLUMNS
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM ledger"  # noqa: S608  constant column list

Row = dict[str, object]


class LedgerKind(StrEnum):
    """What a ledger record states."""

    CONSENT = "consent"
    CARD_SAVED = "card_saved"
    REVOCATION = "revocation"


@dataclass(frozen=True)
class ConsentRecord:
    """One record of the consent ledger (of any kind; unused fields are None)."""

    seq: int
    record_id: str
    kind: LedgerKind
    time: datetime
    customer_id: str
    clerk: str | None
    desk: str | None
    channel: Channel | None
    terms_version: str | None
    terms_sha256: str | None
    terms_language: str | None
    allow_redisplay: AllowRedisplay | None
    setup_intent_id: str | None
    payment_method_id: str | None
    card_brand: str | None
    card_last4: str | None
    card_exp_month: int | None
    card_exp_year: int | None
    reason: str | None
    refers_to: str | None
    prev_hash: str
    hash: str
    #: Set on records brought in from a desk's own ledger by ``records migrate``: that chain's
    #: id, and the record's seq and hash there (kept whole in ``ledger_origin``).
    origin_chain: str | None = None
    origin_seq: int | None = None
    origin_hash: str | None = None
    #: The signed-in clerk's account id, and the approver's when one approved (issue 16).
    clerk_id: str | None = None
    approved_by: str | None = None


@dataclass(frozen=True)
class Checkpoint:
    """Where a verify that found no problem ended: records 1 to ``seq`` were verified, the
    ``seq``-th record's hash was ``hash`` and the chain's first record's ``first_hash``.

    A later :meth:`ConsentLedger.verify` from it re-reads only the records after ``seq``. The
    chain's hashes carry the rest: a record at or before ``seq`` rewritten *with* every later
    hash recomputed changes the hash at ``seq`` (caught); one edited without recomputing is
    caught only by a full verify, which stays available (``ledger verify``).
    """

    seq: int
    hash: str
    first_hash: str


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of :meth:`ConsentLedger.verify`; ``problems`` are sentences for a person."""

    ok: bool
    count: int
    problems: list[str] = field(default_factory=list)
    last_hash: str = GENESIS_HASH
    #: Records 1 to ``earlier`` were verified by an earlier verify (a checkpoint) and not
    #: read again; 0 for a full verify.
    earlier: int = 0
    #: Where this verify ended, when it found no problem (None for an empty ledger).
    checkpoint: Checkpoint | None = None


def record_hash(row: Mapping[str, object]) -> str:
    """SHA-256 (hex) of the canonical JSON of every field of ``row`` except ``hash`` (and
    except each group of :data:`LATER_GROUPS` of which no column is set)."""
    unset = {
        name
        for group in LATER_GROUPS
        if all(row.get(name) is None for name in group)
        for name in group
    }
    fields = {name: row.get(name) for name in COLUMNS if name != "hash" and name not in unset}
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _int(value: object) -> int | None:
    return None if value is None else int(str(value))


def _record(row: Row) -> ConsentRecord:
    channel = _text(row["channel"])
    redisplay = _text(row["allow_redisplay"])
    return ConsentRecord(
        seq=int(str(row["seq"])),
        record_id=str(row["record_id"]),
        kind=LedgerKind(str(row["kind"])),
        time=from_iso(str(row["time"])),
        customer_id=str(row["customer_id"]),
        clerk=_text(row["clerk"]),
        desk=_text(row["desk"]),
        channel=Channel(channel) if channel else None,
        terms_version=_text(row["terms_version"]),
        terms_sha256=_text(row["terms_sha256"]),
        terms_language=_text(row["terms_language"]),
        allow_redisplay=AllowRedisplay(redisplay) if redisplay else None,
        setup_intent_id=_text(row["setup_intent_id"]),
        payment_method_id=_text(row["payment_method_id"]),
        card_brand=_text(row["card_brand"]),
        card_last4=_text(row["card_last4"]),
        card_exp_month=_int(row["card_exp_month"]),
        card_exp_year=_int(row["card_exp_year"]),
        reason=_text(row["reason"]),
        refers_to=_text(row["refers_to"]),
        prev_hash=str(row["prev_hash"]),
        hash=str(row["hash"]),
        origin_chain=_text(row.get("origin_chain")),
        origin_seq=_int(row.get("origin_seq")),
        origin_hash=_text(row.get("origin_hash")),
        clerk_id=_text(row.get("clerk_id")),
        approved_by=_text(row.get("approved_by")),
    )


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> object:
    """Quote a text cell a spreadsheet would run as a formula (OWASP's CSV-injection advice);
    the JSON export keeps every value byte-for-byte."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class ConsentLedger:
    """The consent ledger stored in an open database (see the module docstring).

    Every method commits before it returns. Use it on the thread that opened its connection
    (each flow run opens its own, on the job's worker thread: ``flows.context.open_records``).
    """

    def __init__(self, conn: Db, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    # -- appending ----------------------------------------------------------------------------

    def record_consent(
        self,
        customer_id: str,
        *,
        clerk: str,
        desk: str,
        channel: Channel,
        terms: ConsentTerms,
        allow_redisplay: AllowRedisplay,
        clerk_id: str | None = None,
        approved_by: str | None = None,
    ) -> ConsentRecord:
        """Record that the customer agreed to ``terms`` (as read, placeholders filled in)."""
        return self._append(
            {
                "clerk_id": clerk_id,
                "approved_by": approved_by,
                "kind": LedgerKind.CONSENT.value,
                "customer_id": customer_id,
                "clerk": clerk,
                "desk": desk,
                "channel": Channel(channel).value,
                "terms_version": terms.version,
                "terms_sha256": terms.sha256,
                "terms_language": terms.language,
                "allow_redisplay": AllowRedisplay(allow_redisplay).value,
            }
        )

    def record_card_saved(
        self,
        consent_id: str,
        setup_intent_id: str,
        payment_method_id: str,
        card: SavedCard,
    ) -> ConsentRecord:
        """Record the card saved under consent ``consent_id``.

        Idempotent, because reconciliation after a crash may learn the same save again: the
        same SetupIntent and PaymentMethod return the existing record. A different card under
        the same consent is refused — one consent covers one save.
        """
        with storage_errors(), transaction(self._conn):
            serialise(self._conn, "ledger")
            consent = self._consent(consent_id)
            earlier = self._referring(consent_id, LedgerKind.CARD_SAVED)
            if earlier:
                first = earlier[0]
                if (first.setup_intent_id, first.payment_method_id) == (
                    setup_intent_id,
                    payment_method_id,
                ):
                    return first
                raise ValueError(f"consent {consent_id} already has card {first.payment_method_id}")
            if card.customer_id is not None and card.customer_id != consent.customer_id:
                raise ValueError("the card belongs to another customer than the consent")
            return self._append_locked(
                {
                    "kind": LedgerKind.CARD_SAVED.value,
                    "customer_id": consent.customer_id,
                    "clerk": consent.clerk,
                    "desk": consent.desk,
                    "clerk_id": consent.clerk_id,
                    "approved_by": consent.approved_by,
                    "allow_redisplay": card.allow_redisplay.value
                    if card.allow_redisplay
                    else consent.allow_redisplay,
                    "setup_intent_id": setup_intent_id,
                    "payment_method_id": payment_method_id,
                    "card_brand": card.brand,
                    "card_last4": card.last4,
                    "card_exp_month": card.exp_month,
                    "card_exp_year": card.exp_year,
                    "refers_to": consent_id,
                }
            )

    def record_revocation(
        self,
        consent_id: str,
        *,
        reason: str,
        clerk: str,
        desk: str,
        clerk_id: str | None = None,
        approved_by: str | None = None,
    ) -> ConsentRecord:
        """Record that the customer withdrew consent ``consent_id``.

        Idempotent: a second revocation of the same consent returns the first. The clerk's
        ``reason`` is refused if it looks like it contains a card number.
        """
        found = find_sensitive(reason, "reason")
        if found:
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "The reason looks like it contains a card number or a key. "
                    "Do not type card details here: describe the reason in words.",
                ),
                field="reason",
            )
        with storage_errors(), transaction(self._conn):
            serialise(self._conn, "ledger")
            consent = self._consent(consent_id)
            earlier = self._referring(consent_id, LedgerKind.REVOCATION)
            if earlier:
                return earlier[0]
            saved = self._referring(consent_id, LedgerKind.CARD_SAVED)
            return self._append_locked(
                {
                    "kind": LedgerKind.REVOCATION.value,
                    "customer_id": consent.customer_id,
                    "clerk": clerk,
                    "desk": desk,
                    "clerk_id": clerk_id,
                    "approved_by": approved_by,
                    "payment_method_id": saved[0].payment_method_id if saved else None,
                    "reason": reason,
                    "refers_to": consent_id,
                }
            )

    def _append(self, fields: Row) -> ConsentRecord:
        with storage_errors(), transaction(self._conn):
            serialise(self._conn, "ledger")
            return self._append_locked(fields)

    def _append_locked(self, fields: Row) -> ConsentRecord:
        """Append inside the caller's write transaction, which serialises on ``"ledger"``
        (so seq and prev_hash cannot race, between connections or between desks)."""
        last = self._conn.execute(
            "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        row: Row = dict.fromkeys(COLUMNS)
        row.update(fields)
        row["seq"] = int(last[0]) + 1 if last else 1
        row["prev_hash"] = str(last[1]) if last else GENESIS_HASH
        # A record migrated from a desk's own ledger keeps its id and time; a new one gets both.
        row["record_id"] = fields.get("record_id") or uuid.uuid4().hex
        row["time"] = fields.get("time") or to_iso(self._clock())
        row["hash"] = record_hash(row)
        placeholders = ", ".join("?" * len(COLUMNS))
        self._conn.execute(
            f"INSERT INTO ledger ({', '.join(COLUMNS)}) VALUES ({placeholders})",  # noqa: S608  constant columns
            tuple(row[name] for name in COLUMNS),
        )
        # Move the head only if it agreed with the chain; a head that disagrees is evidence of
        # tampering, and overwriting it would erase that evidence.
        if last is None:
            self._conn.execute(
                "INSERT INTO ledger_head (id, seq, hash) VALUES (1, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                (row["seq"], row["hash"]),
            )
        else:
            self._conn.execute(
                "UPDATE ledger_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ? AND hash = ?",
                (row["seq"], row["hash"], last[0], last[1]),
            )
        return _record(row)

    # -- reading ------------------------------------------------------------------------------

    def _rows(self, where: str = "", params: tuple[object, ...] = ()) -> list[Row]:
        with storage_errors():
            cursor = self._conn.execute(f"{_SELECT} {where} ORDER BY seq", params)
            return [dict(zip(COLUMNS, values, strict=True)) for values in cursor.fetchall()]

    def _consent(self, consent_id: str) -> ConsentRecord:
        rows = self._rows("WHERE record_id = ? AND kind = 'consent'", (consent_id,))
        if not rows:
            raise KeyError(f"no consent record {consent_id}")
        return _record(rows[0])

    def _referring(self, consent_id: str, kind: LedgerKind) -> list[ConsentRecord]:
        rows = self._rows("WHERE refers_to = ? AND kind = ?", (consent_id, kind.value))
        return [_record(row) for row in rows]

    def get(self, record_id: str) -> ConsentRecord | None:
        """The record with this id, or None."""
        rows = self._rows("WHERE record_id = ?", (record_id,))
        return _record(rows[0]) if rows else None

    def records(self, customer_id: str | None = None) -> list[ConsentRecord]:
        """All records in ledger order, or only those of ``customer_id``."""
        if customer_id is None:
            return [_record(row) for row in self._rows()]
        return [_record(row) for row in self._rows("WHERE customer_id = ?", (customer_id,))]

    def active_consent_for_card(self, payment_method_id: str) -> ConsentRecord | None:
        """The consent under which this card was saved, unless it has been revoked.

        The charge flow asks this before charging: no unrevoked consent, no charge.
        """
        for saved in self._rows(
            "WHERE kind = 'card_saved' AND payment_method_id = ?", (payment_method_id,)
        ):
            consent_id = str(saved["refers_to"])
            if not self._referring(consent_id, LedgerKind.REVOCATION):
                return self.get(consent_id)
        return None

    def counts(self) -> dict[str, int]:
        """How many records of each kind (consent, card_saved, revocation) the ledger holds."""
        with storage_errors():
            rows = self._conn.execute(
                "SELECT kind, COUNT(*) FROM ledger GROUP BY kind ORDER BY kind"
            ).fetchall()
        return {str(kind): int(count) for kind, count in rows}

    # -- verifying and exporting -------------------------------------------------------------

    def verify(self, since: Checkpoint | None = None) -> VerifyResult:
        """Recompute every hash and link; report each problem in words.

        ``since``: an earlier verify's :attr:`VerifyResult.checkpoint`; only the records after
        it are read, after checking the chain still holds the checkpoint's records. A chain
        that does not is reported, and then verified in full.
        """
        if since is not None:
            with storage_errors(), transaction(self._conn, immediate=False):
                anchors = dict(
                    self._conn.execute(
                        "SELECT seq, hash FROM ledger WHERE seq IN (1, ?)", (since.seq,)
                    ).fetchall()
                )
                head = self._head()
                if anchors == {1: since.first_hash, since.seq: since.hash}:
                    if is_shop(self._conn):
                        return self._verify_in_shop(head, after=since)
                    rows = self._checked("WHERE seq > ?", (since.seq,))
                    consents = self._consents_before(rows, since.seq)
                    return self._verify_checked(rows, head, after=since, consents=consents)
            full = self.verify()
            problem = (
                f"Record {since.seq} is not the record verified earlier (its hash then: "
                f"{since.hash[:16]}…): the ledger was rewritten or replaced since."
            )
            return replace(full, ok=False, problems=[problem, *full.problems], checkpoint=None)
        with storage_errors(), transaction(self._conn, immediate=False):
            if is_shop(self._conn):
                return self._verify_in_shop(self._head())
            rows = self._checked()
            head = self._head()
        return self._verify_checked(rows, head)

    def _verify_in_shop(
        self, head: tuple[int, str] | None, *, after: Checkpoint | None = None
    ) -> VerifyResult:
        """The verify on the shop's PostgreSQL, inside the caller's read transaction: the
        server checks every record (its hash, its seq and link to the record before it, its
        fields, the consent it refers to) and sends only those it does not confirm, which
        Python then words as :func:`_verify_values` would. A full verify of a shop's
        400,000 records no longer ships each of them to Python to be walked (4.4-6.2 s)."""
        start_seq, start_hash = (after.seq, after.hash) if after else (0, GENESIS_HASH)
        flagged = self._flagged(start_seq, start_hash)
        count, last_seq, last_hash, first_hash = self._conn.execute(
            "SELECT count(*), max(seq),"
            " (SELECT hash FROM ledger WHERE seq > ? ORDER BY seq DESC LIMIT 1),"
            " (SELECT hash FROM ledger WHERE seq > ? ORDER BY seq LIMIT 1)"
            " FROM ledger WHERE seq > ?",
            (start_seq, start_seq, start_seq),
        ).fetchone()
        at, column = _Positions.of(_FLAGGED), _FLAGGED.index
        at_hash_ok = column("hash_ok")
        at_before_seq, at_before_hash = column("before_seq"), column("before_hash")
        at_owner, at_found = column("owner"), column("owner_found")
        problems: list[str] = []
        for row in flagged:
            before_seq = row[at_before_seq]
            before_hash = row[at_before_hash]
            owner = str(row[at_owner]) if row[at_found] else None
            problems += _record_problems(
                row,
                at=at,
                expected_seq=(start_seq if before_seq is None else int(before_seq)) + 1,
                prev_hash=start_hash if before_hash is None else str(before_hash),
                hash_good=row[at_hash_ok] is True or self._python_hash_ok(row[at.seq]),
                owner=owner,
            )
        return _verify_end(
            problems,
            head,
            last=(int(last_seq), str(last_hash)) if count else (start_seq, start_hash),
            count=int(count),
            first_hash=str(first_hash) if first_hash is not None else None,
            after=after,
        )

    def _flagged(self, start_seq: int, start_hash: str) -> list[Any]:
        """The records after ``start_seq`` the shop's server does not confirm, as
        :data:`_FLAGGED` (see :meth:`_verify_in_shop`); ``start_hash``: the hash the first
        of them must follow."""
        checked = ", ".join(f"chain.{name}" for name in _CHECKED)
        missing = " OR ".join(
            f"(chain.kind = '{kind}' AND ("
            + " OR ".join(f"coalesce(chain.{name}, '') = ''" for name in names)
            + "))"
            for kind, names in _REQUIRED.items()
        )
        # The hashes apart from the walk: a plain scan of the ledger the server may split
        # among its workers (hashing is most of the verify's work: ~3 µs a record for one
        # process), where the window function's walk in seq order holds one process.
        sql = f"""
            WITH changed AS MATERIALIZED (
                SELECT seq FROM ledger WHERE seq > ? AND ({_canonical_sql(shop=True)}) IS NOT TRUE
            ), chain AS (
                SELECT {", ".join(_CHECKED)},
                       lag(seq) OVER (ORDER BY seq) AS before_seq,
                       lag(hash) OVER (ORDER BY seq) AS before_hash
                FROM ledger WHERE seq > ?
            )
            SELECT {checked}, changed.seq IS NULL, chain.before_seq, chain.before_hash,
                   consent.customer_id, consent.seq IS NOT NULL
            FROM chain
            LEFT JOIN changed ON changed.seq = chain.seq
            LEFT JOIN ledger AS consent
                ON chain.kind <> 'consent' AND consent.record_id = chain.refers_to
                AND consent.kind = 'consent' AND consent.seq < chain.seq
            WHERE chain.seq <> coalesce(chain.before_seq, ?) + 1
                OR chain.prev_hash <> coalesce(chain.before_hash, ?)
                OR changed.seq IS NOT NULL
                OR {missing}
                OR (chain.kind <> 'consent' AND chain.refers_to IS NOT NULL
                    AND (consent.seq IS NULL OR consent.customer_id <> chain.customer_id))
            ORDER BY chain.seq
        """  # noqa: S608  built from the constant column names
        # JIT compiling this plan takes the server ~0.9 s, more than it saves.
        self._conn.execute("SET LOCAL jit = off")
        params = (start_seq, start_seq, start_seq, start_hash)
        return list(self._conn.execute(sql, params).fetchall())

    def _python_hash_ok(self, seq: object) -> bool:
        """Whether record ``seq``'s hash is that of its content by :func:`record_hash`: the
        judge of a record the store's own canonical JSON did not confirm."""
        whole = self._rows("WHERE seq = ?", (seq,))
        return bool(whole) and record_hash(whole[0]) == whole[0]["hash"]

    def _checked(self, where: str = "", params: tuple[object, ...] = ()) -> list[Any]:
        """The rows to verify, as :data:`_CHECKED` and a last value that checks the hash: the
        record's canonical JSON made by the store (SQLite), or whether its SHA-256 is the
        stored hash (PostgreSQL). Made in the store, in C, it spares the verify of a shop's
        hundreds of thousands of records reading and encoding every field in Python; a
        record it does not confirm is judged by :func:`record_hash` (:meth:`_verify_checked`)."""
        canonical = _canonical_sql(is_shop(self._conn))
        sql = f"SELECT {', '.join(_CHECKED)}, {canonical} FROM ledger {where} ORDER BY seq"  # noqa: S608  built from the constant column names
        return list(self._conn.execute(sql, params).fetchall())

    def _verify_checked(
        self,
        rows: list[Any],
        head: tuple[int, str] | None,
        *,
        after: Checkpoint | None = None,
        consents: dict[str, str] | None = None,
    ) -> VerifyResult:
        """The verify of the desk's own file: ``rows`` as :meth:`_checked` reads them there,
        each with its canonical JSON, hashed here (SQLite has no SHA-256)."""
        at_hash, last = _CHECKED.index("hash"), len(_CHECKED)
        sha256 = hashlib.sha256

        def hash_ok(row: Sequence[object]) -> bool:
            check = row[last]
            if sha256(str(check).encode()).hexdigest() == row[at_hash]:
                return True
            # Not confirmed by the store's JSON: the Python canonical form decides.
            return self._python_hash_ok(row[0])

        return _verify_values(
            rows, head, names=_CHECKED, hash_ok=hash_ok, after=after, consents=consents
        )

    def verify_records(self, customer_id: str) -> list[str]:
        """Recompute the hash of each of ``customer_id``'s records and check each follows the
        record before it: what evidence for one customer checks of its own records, however
        the chain was verified (from a checkpoint, or in full)."""
        with storage_errors(), transaction(self._conn, immediate=False):
            rows = self._rows("WHERE customer_id = ?", (customer_id,))
            before = sorted({int(str(r["seq"])) - 1 for r in rows} - {0})
            hashes: dict[int, str] = {0: GENESIS_HASH}
            for start in range(0, len(before), 500):
                chunk = before[start : start + 500]
                marks = ", ".join("?" * len(chunk))
                hashes.update(
                    (int(seq), str(found))
                    for seq, found in self._conn.execute(
                        f"SELECT seq, hash FROM ledger WHERE seq IN ({marks})",  # noqa: S608  placeholders only
                        chunk,
                    ).fetchall()
                )
        problems = []
        for row in rows:
            seq = int(str(row["seq"]))
            if hashes.get(seq - 1) != row["prev_hash"]:
                problems.append(
                    f"Record {seq} does not follow the record before it: records were "
                    "removed, inserted or moved."
                )
            if record_hash(row) != row["hash"]:
                problems.append(f"Record {seq} was changed after it was written.")
        return problems

    def _head(self) -> tuple[int, str] | None:
        head = self._conn.execute("SELECT seq, hash FROM ledger_head WHERE id = 1").fetchone()
        return (int(head[0]), str(head[1])) if head is not None else None

    def _consents_before(self, rows: list[Any], seq: int) -> dict[str, str]:
        """record id → customer id of the consents at or before ``seq`` that ``rows`` (as
        :meth:`_checked` reads them) refer to (what :func:`_verify` learnt from the earlier
        records in a full verify)."""
        at = _CHECKED.index("refers_to")
        wanted = sorted({str(r[at]) for r in rows if r[at] is not None})
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for record_id, customer_id in self._conn.execute(
                "SELECT record_id, customer_id FROM ledger"  # noqa: S608  placeholders only
                f" WHERE kind = 'consent' AND seq <= ? AND record_id IN ({marks})",
                (seq, *chunk),
            ).fetchall():
                found[str(record_id)] = str(customer_id)
        return found

    def snapshot(self) -> tuple[list[Row], tuple[int, str] | None]:
        """All rows and the head marker, read in one transaction so that an append by another
        connection in between cannot look like tampering."""
        with storage_errors(), transaction(self._conn, immediate=False):
            rows = self._rows()
            head = self._head()
        return rows, head

    def export(self, fmt: Literal["csv", "json"], out: Path) -> int:
        """Write every record to ``out`` (owner-only, replaced atomically); return the count.

        JSON keeps every stored value exactly, with the verification result, so the export can
        be re-verified later and serves as an anchor; CSV is for reading in a spreadsheet.
        """
        if fmt not in ("csv", "json"):
            raise ValueError(f"unknown export format {fmt!r}: use csv or json")
        rows, head = self.snapshot()
        if fmt == "json":
            document = {
                "ledger": "moto-desk consent ledger",
                "exported_at": to_iso(self._clock()),
                "verify": _verify_summary(_verify(rows, head)),
                "records": rows,
            }
            content = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        else:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(COLUMNS)
            for row in rows:
                writer.writerow([_csv_cell(row[name]) for name in COLUMNS])
            content = buffer.getvalue()
        write_private_text(out, content)
        return len(rows)


def _verify(
    rows: Sequence[Row],
    head: tuple[int, str] | None,
    *,
    after: Checkpoint | None = None,
    consents: dict[str, str] | None = None,
) -> VerifyResult:
    """Check the chain of ``rows`` (in seq order) against itself and the ``head`` marker;
    ``rows`` follow the checkpoint ``after`` when given (``consents``: the earlier consents
    they refer to, record id → customer id)."""
    values = [tuple(row.get(name) for name in COLUMNS) for row in rows]
    at_hash = COLUMNS.index("hash")

    def hash_ok(row: Sequence[object]) -> bool:
        return record_hash(dict(zip(COLUMNS, row, strict=True))) == row[at_hash]

    return _verify_values(
        values, head, names=COLUMNS, hash_ok=hash_ok, after=after, consents=consents
    )


#: Fields each kind of record must have (besides those every record has).
_REQUIRED = {
    "consent": ("channel", "terms_version", "terms_sha256", "terms_language", "allow_redisplay"),
    "card_saved": ("refers_to", "setup_intent_id", "payment_method_id"),
    "revocation": ("refers_to",),
}
#: What the verify reads of each record besides its hash check (``seq`` first).
_CHECKED = (
    "seq", "prev_hash", "hash", "kind", "record_id", "customer_id", "refers_to",
    "channel", "terms_version", "terms_sha256", "terms_language", "allow_redisplay",
    "setup_intent_id", "payment_method_id",
)  # fmt: skip
#: What the shop's server sends of each record it does not confirm (:meth:`ConsentLedger._flagged`):
#: :data:`_CHECKED`, whether its SHA-256 is its hash, the seq and hash of the record before it
#: (None for the first read) and the customer of the earlier consent it refers to.
_FLAGGED = (*_CHECKED, "hash_ok", "before_seq", "before_hash", "owner", "owner_found")


def _canonical_sql(shop: bool) -> str:
    """SQL for what :func:`record_hash` hashes, made by the store: SQLite's ``json_object``
    (the record's canonical JSON); on PostgreSQL the JSON built from ``to_json`` of each
    column and whether its SHA-256 is the stored ``hash`` (the server hashes too). The keys
    in sorted order, :data:`LATER_COLUMNS` only when one is set, as ``record_hash`` does."""

    def canonical(names: list[str]) -> str:
        keys = sorted(names)
        if not shop:
            return "json_object(" + ", ".join(f"'{key}', {key}" for key in keys) + ")"
        parts = " || ',' || ".join(
            f"'\"{key}\":' || coalesce(to_json({key})::text, 'null')" for key in keys
        )
        return f"'{{' || {parts} || '}}'"

    hashed = [name for name in COLUMNS if name != "hash"]
    # One branch per combination of later groups set or not (each group is hashed only when
    # one of its columns is set), exactly as record_hash leaves them out.
    branches = []
    for combination in itertools.product((False, True), repeat=len(LATER_GROUPS)):
        tests: list[str] = []
        left_out: set[str] = set()
        for group, is_set in zip(LATER_GROUPS, combination, strict=True):
            any_set = " OR ".join(f"{name} IS NOT NULL" for name in group)
            tests.append(f"({any_set})" if is_set else f"NOT ({any_set})")
            if not is_set:
                left_out.update(group)
        names = [name for name in hashed if name not in left_out]
        branches.append(f"WHEN {' AND '.join(tests)} THEN {canonical(names)}")
    text = f"CASE {' '.join(branches)} END"
    if shop:
        return f"encode(sha256(convert_to({text}, 'UTF8')), 'hex') = hash"
    return text


def _verify_values(
    rows: Sequence[Sequence[object]],
    head: tuple[int, str] | None,
    *,
    names: Sequence[str],
    hash_ok: Callable[[Sequence[object]], bool],
    after: Checkpoint | None = None,
    consents: dict[str, str] | None = None,
) -> VerifyResult:
    """:func:`_verify` of rows given as their values of ``names``; ``hash_ok`` says whether a
    row's hash is that of its content."""
    at = _Positions.of(names)
    at_hash, at_id = names.index("hash"), names.index("record_id")
    problems: list[str] = []
    expected_seq, prev_hash = (after.seq + 1, after.hash) if after else (1, GENESIS_HASH)
    consents = dict(consents or {})  # record_id → customer_id, of consents seen so far
    for row in rows:
        seq = int(str(row[at.seq]))
        owner = None
        if row[at.kind] == "consent":
            consents[str(row[at_id])] = str(row[at.customer_id])
        elif row[at.refers_to] is not None:
            owner = consents.get(str(row[at.refers_to]))
        problems += _record_problems(
            row,
            at=at,
            expected_seq=expected_seq,
            prev_hash=prev_hash,
            hash_good=hash_ok(row),
            owner=owner,
        )
        expected_seq, prev_hash = seq + 1, str(row[at_hash])
    return _verify_end(
        problems,
        head,
        last=(expected_seq - 1, prev_hash),
        count=len(rows),
        first_hash=str(rows[0][at_hash]) if rows else None,
        after=after,
    )


@dataclass(frozen=True)
class _Positions:
    """Where :func:`_record_problems` finds each value in a row of given column names:
    looked up once per verify, not for each of its hundreds of thousands of rows."""

    seq: int
    prev_hash: int
    kind: int
    customer_id: int
    refers_to: int
    required: dict[str, list[tuple[str, int]]]

    @classmethod
    def of(cls, names: Sequence[str]) -> _Positions:
        column = names.index
        return cls(
            column("seq"), column("prev_hash"), column("kind"), column("customer_id"),
            column("refers_to"),
            {kind: [(name, column(name)) for name in need] for kind, need in _REQUIRED.items()},
        )  # fmt: skip


def _record_problems(
    row: Sequence[object],
    *,
    at: _Positions,
    expected_seq: int,
    prev_hash: str,
    hash_good: bool,
    owner: str | None,
) -> list[str]:
    """What is wrong with one record, in words: ``expected_seq`` and ``prev_hash`` are what
    the record before it leads to expect, ``owner`` the customer of the earlier consent it
    refers to (None: no such consent)."""
    seq = int(str(row[at.seq]))
    problems: list[str] = []
    if seq != expected_seq:
        problems.append(
            f"Records {expected_seq}–{seq - 1} are missing: they were deleted."
            if seq > expected_seq + 1
            else f"Record {expected_seq} is missing: it was deleted."
        )
    if row[at.prev_hash] != prev_hash:
        problems.append(
            f"Record {seq} does not follow the record before it: records were "
            "removed, inserted or moved."
        )
    if not hash_good:
        problems.append(f"Record {seq} was changed after it was written.")
    # Beyond the hashes: each kind has its fields, and references point backwards to a
    # consent of the same customer.
    kind = row[at.kind]
    missing = [name for name, place in at.required.get(str(kind), ()) if row[place] in (None, "")]
    if missing:
        problems.append(f"Record {seq} ({kind}) lacks {', '.join(missing)}.")
    if kind != "consent" and row[at.refers_to] is not None:
        if owner is None:
            problems.append(f"Record {seq} refers to a consent that does not come before it.")
        elif owner != row[at.customer_id]:
            problems.append(f"Record {seq} refers to another customer's consent.")
    return problems


def _verify_end(
    problems: list[str],
    head: tuple[int, str] | None,
    *,
    last: tuple[int, str],
    count: int,
    first_hash: str | None,
    after: Checkpoint | None,
) -> VerifyResult:
    """The result of a verify whose records showed ``problems``: ``last`` is the seq and
    hash the chain read ends with, checked against the ``head`` marker; ``count`` records
    were read after ``after`` (or from the start), the first of them with ``first_hash``."""
    last_seq, last_hash = last
    problems = list(problems)
    if head is None:
        if count:
            problems.append("The ledger's head marker is missing: it was deleted.")
    elif head != (last_seq, last_hash):
        problems.append(
            f"The ledger should end with record {head[0]} but ends with record {last_seq}: "
            "records at the end were removed or added outside moto-desk."
        )
    earlier = after.seq if after else 0
    first = after.first_hash if after else first_hash
    checkpoint = (
        Checkpoint(last_seq, last_hash, first) if not problems and first is not None else None
    )
    return VerifyResult(not problems, earlier + count, problems, last_hash, earlier, checkpoint)


def _verify_summary(result: VerifyResult) -> dict[str, object]:
    return {
        "ok": result.ok,
        "count": result.count,
        "problems": result.problems,
        "last_hash": result.last_hash,
    }


def write_private_text(out: Path, content: str) -> None:
    """Write ``content`` to ``out`` via a 0600 temporary file in the same folder, fsync, rename:
    a crash never leaves a half-written export under the real name."""
    from moto_desk.private_files import write_private

    try:
        write_private(out, content)
    except OSError as exc:
        raise export_failed(out, exc) from exc


def export_failed(out: Path, exc: OSError) -> MotoDeskError:
    """The clerk's words for an export (CSV, JSON, PDF) that could not be written."""
    return MotoDeskError(
        ErrorKind.STORAGE,
        QT_TRANSLATE_NOOP(
            "clerk",
            "moto-desk could not write the export to “{path}”. Check the folder exists, "
            "that you may write to it, and that the disk is not full.",
        ),
        args={"path": str(out)},
        detail=str(exc),
    )
