"""The consent ledger: chaining, append-only enforcement, tamper detection, export."""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import os
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from moto_desk.domain.consent import ConsentTerms
from moto_desk.domain.errors import ErrorKind, InvalidInput, MotoDeskError
from moto_desk.domain.models import AllowRedisplay, Channel, SavedCard
from moto_desk.records.connection import Db, is_shop
from moto_desk.records.ledger import (
    _CHECKED,
    COLUMNS,
    LATER_COLUMNS,
    Checkpoint,
    ConsentLedger,
    ConsentRecord,
    LedgerKind,
    _verify,
    record_hash,
)
from moto_desk.records.schema import GENESIS_HASH

from .conftest import FakeClock

TERMS = ConsentTerms("2026-11-01", "fr", "{shop_name} conservera votre carte.").for_shop("Café")


def card(pm: str = "pm_1", customer: str = "cus_1") -> SavedCard:
    return SavedCard(pm, customer, "visa", "4242", 11, 2030, allow_redisplay=AllowRedisplay.LIMITED)


@pytest.fixture
def ledger(conn: sqlite3.Connection, clock: FakeClock) -> ConsentLedger:
    return ConsentLedger(conn, clock)


def consent(ledger: ConsentLedger, customer: str = "cus_1") -> ConsentRecord:
    return ledger.record_consent(
        customer,
        clerk="Élodie",
        desk="desk-1",
        channel=Channel.PHONE,
        terms=TERMS,
        allow_redisplay=AllowRedisplay.LIMITED,
    )


@pytest.fixture
def five(ledger: ConsentLedger, clock: FakeClock) -> ConsentLedger:
    """consent(cus_1), card_saved, consent(cus_2), card_saved, revocation of the first."""
    first = consent(ledger, "cus_1")
    clock.advance(seconds=30)
    ledger.record_card_saved(first.record_id, "seti_1", "pm_1", card("pm_1", "cus_1"))
    clock.advance(days=2)
    second = consent(ledger, "cus_2")
    ledger.record_card_saved(second.record_id, "seti_2", "pm_2", card("pm_2", "cus_2"))
    clock.advance(days=30)
    ledger.record_revocation(first.record_id, reason="Customer called", clerk="Bo", desk="d2")
    return ledger


def raw(conn: sqlite3.Connection, seq: int) -> dict[str, object]:
    cursor = conn.execute("SELECT * FROM ledger WHERE seq = ?", (seq,))
    names = [column[0] for column in cursor.description]
    assert tuple(names) == COLUMNS
    return dict(zip(names, cursor.fetchone(), strict=True))


def drop_triggers(conn: Db) -> None:
    """What someone with write access to the file (or the database's owner) can do."""
    if is_shop(conn):
        conn.execute("ALTER TABLE ledger DISABLE TRIGGER USER")
        return
    for name in ("ledger_no_update", "ledger_no_delete", "ledger_append_at_end"):
        conn.execute(f"DROP TRIGGER {name}")


def insert_raw(conn: Db, row: dict[str, object]) -> None:
    placeholders = ", ".join("?" for _ in COLUMNS)
    conn.execute(
        f"INSERT INTO ledger ({', '.join(COLUMNS)}) VALUES ({placeholders})",  # noqa: S608  test forgery
        tuple(row[name] for name in COLUMNS),
    )


#: What the append-only rules raise: SQLite's triggers, PostgreSQL's PL/pgSQL triggers.
REFUSED = (sqlite3.IntegrityError, psycopg.Error)


# -- appending and chaining -------------------------------------------------------------------


def test_consent_record_holds_what_was_agreed(ledger: ConsentLedger, clock: FakeClock) -> None:
    record = consent(ledger)
    assert record.kind is LedgerKind.CONSENT
    assert (record.seq, record.prev_hash) == (1, GENESIS_HASH)
    assert record.time == clock.now
    assert (record.customer_id, record.clerk, record.desk) == ("cus_1", "Élodie", "desk-1")
    assert record.channel is Channel.PHONE
    assert (record.terms_version, record.terms_language) == ("2026-11-01", "fr")
    assert record.terms_sha256 == TERMS.sha256
    assert record.allow_redisplay is AllowRedisplay.LIMITED
    assert ledger.get(record.record_id) == record


def test_records_are_chained(five: ConsentLedger, conn: sqlite3.Connection) -> None:
    records = five.records()
    assert [r.seq for r in records] == [1, 2, 3, 4, 5]
    assert [r.kind for r in records] == [
        LedgerKind.CONSENT,
        LedgerKind.CARD_SAVED,
        LedgerKind.CONSENT,
        LedgerKind.CARD_SAVED,
        LedgerKind.REVOCATION,
    ]
    assert records[0].prev_hash == GENESIS_HASH
    for before, after in itertools.pairwise(records):
        assert after.prev_hash == before.hash
    assert conn.execute("SELECT seq, hash FROM ledger_head").fetchone() == (5, records[-1].hash)
    result = five.verify()
    assert (result.ok, result.count, result.problems) == (True, 5, [])
    assert result.last_hash == records[-1].hash


def test_hash_is_sha256_of_canonical_json(five: ConsentLedger, conn: sqlite3.Connection) -> None:
    row = raw(conn, 1)
    # Columns added later are hashed only when set, so older records keep their hashes.
    fields = {k: v for k, v in row.items() if k != "hash" and k not in LATER_COLUMNS}
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert "Élodie" in canonical  # not \u-escaped
    assert row["hash"] == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert record_hash(row) == row["hash"]


def test_card_saved_and_revocation_refer_to_the_consent(five: ConsentLedger) -> None:
    first, saved, _, _, revoked = five.records()
    assert saved.refers_to == revoked.refers_to == first.record_id
    assert (saved.setup_intent_id, saved.payment_method_id) == ("seti_1", "pm_1")
    assert (saved.card_brand, saved.card_last4, saved.card_exp_month, saved.card_exp_year) == (
        "visa",
        "4242",
        11,
        2030,
    )
    assert (saved.clerk, saved.desk) == ("Élodie", "desk-1")
    assert (revoked.reason, revoked.clerk, revoked.desk) == ("Customer called", "Bo", "d2")
    assert revoked.payment_method_id == "pm_1"
    assert [r.seq for r in five.records("cus_2")] == [3, 4]


def test_appends_are_idempotent(five: ConsentLedger) -> None:
    first = five.records()[0]
    again = five.record_card_saved(first.record_id, "seti_1", "pm_1", card())
    assert again.seq == 2
    assert five.record_revocation(first.record_id, reason="x", clerk="c", desk="d").seq == 5
    assert len(five.records()) == 5
    with pytest.raises(ValueError, match="already has card pm_1"):
        five.record_card_saved(first.record_id, "seti_9", "pm_9", card("pm_9"))


def test_refusals(ledger: ConsentLedger) -> None:
    record = consent(ledger)
    with pytest.raises(KeyError):
        ledger.record_card_saved("missing", "seti_1", "pm_1", card())
    with pytest.raises(ValueError, match="another customer"):
        ledger.record_card_saved(record.record_id, "seti_1", "pm_1", card(customer="cus_x"))
    with pytest.raises(InvalidInput) as caught:
        ledger.record_revocation(
            record.record_id, reason="card 4242 4242 4242 4242 lost", clerk="c", desk="d"
        )
    assert caught.value.field == "reason"
    assert len(ledger.records()) == 1


def test_active_consent_for_card(ledger: ConsentLedger) -> None:
    record = consent(ledger)
    assert ledger.active_consent_for_card("pm_1") is None  # consent alone saves no card
    ledger.record_card_saved(record.record_id, "seti_1", "pm_1", card())
    assert ledger.active_consent_for_card("pm_1") == record
    ledger.record_revocation(record.record_id, reason="asked", clerk="c", desk="d")
    assert ledger.active_consent_for_card("pm_1") is None


# -- belt and braces: the triggers --------------------------------------------------------------


def test_triggers_refuse_update_delete_and_out_of_chain_inserts(
    five: ConsentLedger, conn: sqlite3.Connection
) -> None:
    with pytest.raises(REFUSED, match="append-only"):
        conn.execute("UPDATE ledger SET clerk = 'Mallory' WHERE seq = 2")
    with pytest.raises(REFUSED, match="append-only"):
        conn.execute("DELETE FROM ledger WHERE seq = 5")
    row = raw(conn, 5)
    row.update(seq=6, record_id="forged", prev_hash=GENESIS_HASH)
    with pytest.raises(REFUSED, match="end of the chain"):
        insert_raw(conn, row)
    assert five.verify().ok


# -- tampering with the file directly -----------------------------------------------------------


def problems_after(five: ConsentLedger, conn: sqlite3.Connection, *sql: str) -> list[str]:
    drop_triggers(conn)
    for statement in sql:
        conn.execute(statement)
    result = five.verify()
    assert not result.ok
    return result.problems


def test_verify_catches_an_edited_field(five: ConsentLedger, conn: sqlite3.Connection) -> None:
    problems = problems_after(five, conn, "UPDATE ledger SET clerk = 'Mallory' WHERE seq = 2")
    assert problems == ["Record 2 was changed after it was written."]


def test_verify_catches_an_edited_number(five: ConsentLedger, conn: sqlite3.Connection) -> None:
    problems = problems_after(five, conn, "UPDATE ledger SET card_exp_year = 2031 WHERE seq = 4")
    assert problems == ["Record 4 was changed after it was written."]


def test_verify_catches_an_edit_with_a_recomputed_hash(
    five: ConsentLedger, conn: sqlite3.Connection
) -> None:
    row = raw(conn, 1)
    row["channel"] = "mail"
    drop_triggers(conn)
    conn.execute("UPDATE ledger SET channel = 'mail', hash = ? WHERE seq = 1", (record_hash(row),))
    assert five.verify().problems == [
        "Record 2 does not follow the record before it: records were removed, inserted or moved."
    ]


def test_verify_catches_a_deleted_record(five: ConsentLedger, conn: sqlite3.Connection) -> None:
    problems = problems_after(five, conn, "DELETE FROM ledger WHERE seq = 3")
    assert "Record 3 is missing: it was deleted." in problems
    assert any(p.startswith("Record 4 does not follow") for p in problems)


def test_verify_catches_deleted_records_at_the_end(
    five: ConsentLedger, conn: sqlite3.Connection
) -> None:
    problems = problems_after(five, conn, "DELETE FROM ledger WHERE seq >= 4")
    assert problems == [
        "The ledger should end with record 5 but ends with record 3: records at the end were "
        "removed or added outside moto-desk."
    ]


def test_verify_catches_a_deleted_head(five: ConsentLedger, conn: sqlite3.Connection) -> None:
    problems = problems_after(five, conn, "DELETE FROM ledger_head")
    assert problems == ["The ledger's head marker is missing: it was deleted."]


def test_verify_catches_everything_deleted(five: ConsentLedger, conn: sqlite3.Connection) -> None:
    problems = problems_after(five, conn, "DELETE FROM ledger")
    assert len(problems) == 1
    assert "should end with record 5 but ends with record 0" in problems[0]


def test_verify_catches_reordered_records(five: ConsentLedger, conn: sqlite3.Connection) -> None:
    problems = problems_after(
        five,
        conn,
        "UPDATE ledger SET seq = -2 WHERE seq = 2",
        "UPDATE ledger SET seq = 2 WHERE seq = 3",
        "UPDATE ledger SET seq = 3 WHERE seq = -2",
    )
    assert "Record 2 was changed after it was written." in problems
    assert "Record 3 was changed after it was written." in problems
    assert any(p.startswith("Record 2 does not follow") for p in problems)


def test_verify_catches_a_record_inserted_in_the_middle(
    five: ConsentLedger, conn: sqlite3.Connection
) -> None:
    drop_triggers(conn)
    conn.execute("UPDATE ledger SET seq = seq + 100 WHERE seq >= 3")
    conn.execute("UPDATE ledger SET seq = seq - 99 WHERE seq >= 100")
    forged = raw(conn, 1)
    forged.update(seq=3, record_id="forged", customer_id="cus_3", prev_hash=raw(conn, 2)["hash"])
    forged["hash"] = record_hash(forged)
    insert_raw(conn, forged)
    problems = five.verify().problems
    assert "Record 3 was changed after it was written." not in problems  # the forgery is "valid"
    assert any(p.startswith("Record 4 does not follow") for p in problems)
    assert "Record 4 was changed after it was written." in problems  # its seq moved


def test_verify_catches_a_well_formed_record_appended_outside_moto_desk(
    five: ConsentLedger, conn: sqlite3.Connection
) -> None:
    # The triggers allow this insert (it extends the chain); only the head marker tells.
    forged = raw(conn, 4)
    forged.update(seq=6, record_id="forged", prev_hash=raw(conn, 5)["hash"])
    forged["hash"] = record_hash(forged)
    insert_raw(conn, forged)
    problems = five.verify().problems
    assert problems == [
        "The ledger should end with record 5 but ends with record 6: records at the end were "
        "removed or added outside moto-desk."
    ]


def test_verify_catches_references_to_nowhere(
    five: ConsentLedger, conn: sqlite3.Connection
) -> None:
    forged = raw(conn, 2)
    forged.update(seq=6, record_id="forged", refers_to="nothing", prev_hash=raw(conn, 5)["hash"])
    forged["hash"] = record_hash(forged)
    insert_raw(conn, forged)
    assert "Record 6 refers to a consent that does not come before it." in five.verify().problems


def test_tampering_evidence_survives_later_appends(
    five: ConsentLedger, conn: sqlite3.Connection
) -> None:
    drop_triggers(conn)
    conn.execute("DELETE FROM ledger WHERE seq = 5")
    consent(five, "cus_9")  # the app carries on; it must not overwrite the evidence
    problems = five.verify().problems
    assert any("should end with record 5 but ends with record 5" in p for p in problems)


#: Tamperings of the five records and a sixth (triggers dropped first): statements, or a
#: forger's rewrite with every later hash and the head recomputed, which only the checks
#: beyond the hashes (seq, fields, references) can catch.
TAMPERINGS: dict[str, list[str] | Callable[[Db], None]] = {
    "edited field": ["UPDATE ledger SET clerk = 'Mallory' WHERE seq = 2"],
    "edited number": ["UPDATE ledger SET card_exp_year = 2031 WHERE seq = 4"],
    "first deleted": ["DELETE FROM ledger WHERE seq = 1"],
    "middle deleted": ["DELETE FROM ledger WHERE seq = 3"],
    "two deleted": ["DELETE FROM ledger WHERE seq IN (3, 4)"],
    "end deleted": ["DELETE FROM ledger WHERE seq >= 5"],
    "head deleted": ["DELETE FROM ledger_head"],
    "all deleted": ["DELETE FROM ledger"],
    "swapped": [
        "UPDATE ledger SET seq = -2 WHERE seq = 3",
        "UPDATE ledger SET seq = 3 WHERE seq = 4",
        "UPDATE ledger SET seq = 4 WHERE seq = -2",
    ],
    "link pointed at itself": ["UPDATE ledger SET prev_hash = hash WHERE seq = 3"],
    "rehashed: a field emptied": lambda conn: rewrite_from(conn, 4, payment_method_id=""),
    "rehashed: a field removed": lambda conn: rewrite_from(conn, 3, terms_version=None),
    "rehashed: a reference to nowhere": lambda conn: rewrite_from(conn, 5, refers_to="nothing"),
    "rehashed: a reference to a later consent": lambda conn: rewrite_from(
        conn, 2, refers_to=raw(conn, 3)["record_id"]
    ),
    "rehashed: a reference to a card, not a consent": lambda conn: rewrite_from(
        conn, 5, refers_to=raw(conn, 2)["record_id"]
    ),
    "rehashed: another customer's consent": lambda conn: rewrite_from(conn, 5, customer_id="cus_2"),
    "rehashed: a record deleted, the next relinked": lambda conn: relink_after(conn, gap=5),
}


def relink_after(conn: Db, *, gap: int) -> None:
    """Delete record ``gap`` and chain the next to the one before it, every later hash and
    the head recomputed: only the missing seq tells."""
    drop_triggers(conn)
    conn.execute("DELETE FROM ledger WHERE seq = ?", (gap,))
    last = int(conn.execute("SELECT max(seq) FROM ledger").fetchone()[0])
    prev = raw(conn, gap - 1)["hash"]
    for number in range(gap + 1, last + 1):
        row = raw(conn, number)
        row["prev_hash"] = prev
        row["hash"] = prev = record_hash(row)
        conn.execute(
            "UPDATE ledger SET prev_hash = ?, hash = ? WHERE seq = ?",
            (row["prev_hash"], row["hash"], number),
        )
    conn.execute("UPDATE ledger_head SET hash = ? WHERE id = 1", (prev,))


@pytest.mark.parametrize("name", TAMPERINGS)
def test_the_stores_verdict_is_pythons_word_for_word(
    name: str, five: ConsentLedger, conn: Db
) -> None:
    """The verify has the store judge the records (SQLite makes the canonical JSON; the
    shop's server checks every hash, link, field and reference and sends only what it does
    not confirm): its words must be those of the plain Python walk over every row, in full
    and from a checkpoint before the tampering."""
    consent(five, "cus_3")
    early = Checkpoint(2, str(raw(conn, 2)["hash"]), str(raw(conn, 1)["hash"]))
    consent_1 = str(raw(conn, 1)["record_id"])
    tampering = TAMPERINGS[name]
    if callable(tampering):
        tampering(conn)  # drops the triggers itself
    else:
        drop_triggers(conn)
        for statement in tampering:
            conn.execute(statement)
    rows, head = five.snapshot()
    expected = _verify(rows, head)
    assert not expected.ok
    assert five.verify() == expected
    if [(r["seq"], r["hash"]) for r in rows[:2]] == [(1, early.first_hash), (2, early.hash)]:
        later = [row for row in rows if int(str(row["seq"])) > 2]
        wanted = _verify(later, head, after=early, consents={consent_1: "cus_1"})
        assert five.verify(early) == wanted


# -- export -----------------------------------------------------------------------------------


def test_export_json_is_faithful_and_reverifiable(five: ConsentLedger, tmp_path: Path) -> None:
    out = tmp_path / "ledger.json"
    assert five.export("json", out) == 5
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["verify"] == {
        "ok": True,
        "count": 5,
        "problems": [],
        "last_hash": five.records()[-1].hash,
    }
    exported = document["records"]
    assert [r["seq"] for r in exported] == [1, 2, 3, 4, 5]
    assert exported[0]["clerk"] == "Élodie"
    previous = GENESIS_HASH
    for record in exported:
        assert list(record) == list(COLUMNS)
        assert record_hash(record) == record["hash"]
        assert record["prev_hash"] == previous
        previous = record["hash"]
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_export_csv(five: ConsentLedger, ledger: ConsentLedger, tmp_path: Path) -> None:
    first = five.records()[2]
    five.record_revocation(first.record_id, reason="=HYPERLINK(evil)", clerk="c", desk="d")
    out = tmp_path / "ledger.csv"
    assert five.export("csv", out) == 6
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 7
    by_column = [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]
    assert by_column[0]["clerk"] == "Élodie"
    assert by_column[1]["card_last4"] == "4242"
    assert by_column[5]["reason"] == "'=HYPERLINK(evil)"  # not a formula in a spreadsheet
    assert by_column[4]["hash"] == five.records()[4].hash


def test_export_replaces_atomically_and_reports_failures(
    five: ConsentLedger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    out = exports / "ledger.json"
    out.write_text("old")
    five.export("json", out)
    assert out.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in exports.iterdir()] == ["ledger.json"]  # no temporary left behind

    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(MotoDeskError) as caught:
        five.export("csv", exports / "ledger.csv")
    assert caught.value.kind is ErrorKind.STORAGE
    assert [p.name for p in exports.iterdir()] == ["ledger.json"]
    monkeypatch.undo()

    with pytest.raises(MotoDeskError) as caught:
        five.export("json", tmp_path / "missing" / "ledger.json")
    assert caught.value.kind is ErrorKind.STORAGE
    with pytest.raises(ValueError, match="unknown export format"):
        five.export("xml", out)  # type: ignore[arg-type]


def test_clerk_and_approver_ids_are_hashed_only_when_set(
    ledger: ConsentLedger, conn: sqlite3.Connection
) -> None:
    old = consent(ledger)
    signed = ledger.record_consent(
        "cus_1",
        clerk="Élodie",
        desk="desk-1",
        channel=Channel.PHONE,
        terms=TERMS,
        allow_redisplay=AllowRedisplay.LIMITED,
        clerk_id="c1",
        approved_by="s1",
    )
    saved = ledger.record_card_saved(signed.record_id, "seti_9", "pm_9", card("pm_9"))
    assert (saved.clerk_id, saved.approved_by) == ("c1", "s1")
    # a record without them hashes as before they existed
    row = raw(conn, old.seq)
    legacy = {k: v for k, v in row.items() if k != "hash" and k not in LATER_COLUMNS}
    canonical = json.dumps(legacy, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert row["hash"] == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    # a record with them: changing the approver breaks its hash
    forged = {**raw(conn, signed.seq), "approved_by": "c1"}
    assert record_hash(forged) != forged["hash"]


# -- verifying from a checkpoint ----------------------------------------------------------------


def rewrite_from(conn: Db, seq: int, **change: object) -> None:
    """Change record ``seq`` and recompute every later hash and the head: a chain rewritten
    end to end by someone with write access, consistent with itself."""
    drop_triggers(conn)
    last = int(conn.execute("SELECT max(seq) FROM ledger").fetchone()[0])
    prev = raw(conn, seq - 1)["hash"] if seq > 1 else GENESIS_HASH
    for number in range(seq, last + 1):
        row = raw(conn, number)
        row.update(change if number == seq else {}, prev_hash=prev)
        row["hash"] = prev = record_hash(row)
        sets = ", ".join(f"{name} = ?" for name in COLUMNS if name != "seq")
        conn.execute(
            f"UPDATE ledger SET {sets} WHERE seq = ?",  # noqa: S608  test forgery
            (*(row[name] for name in COLUMNS if name != "seq"), number),
        )
    conn.execute("UPDATE ledger_head SET hash = ? WHERE id = 1", (prev,))


def test_a_verify_leaves_a_checkpoint_and_the_next_reads_only_what_follows(
    five: ConsentLedger, conn: Db
) -> None:
    full = five.verify()
    assert full.ok and full.earlier == 0
    assert full.checkpoint == Checkpoint(5, raw(conn, 5)["hash"], raw(conn, 1)["hash"])
    second = five.record_revocation(
        str(raw(conn, 3)["record_id"]), reason="Moved away", clerk="Bo", desk="d2"
    )  # a record after the checkpoint referring to a consent before it
    since = five.verify(full.checkpoint)
    assert (since.ok, since.count, since.earlier, since.problems) == (True, 6, 5, [])
    assert since.last_hash == second.hash
    assert since.checkpoint == Checkpoint(6, second.hash, full.checkpoint.first_hash)
    assert five.verify(since.checkpoint) == replace(since, earlier=6)


def test_a_verify_from_a_checkpoint_catches_what_follows_it(five: ConsentLedger, conn: Db) -> None:
    checkpoint = five.verify().checkpoint
    assert checkpoint is not None
    consent(five, "cus_3")
    drop_triggers(conn)
    conn.execute("UPDATE ledger SET clerk = 'Mallory' WHERE seq = 6")
    result = five.verify(checkpoint)
    assert result.problems == ["Record 6 was changed after it was written."]
    assert result.checkpoint is None


def test_a_chain_rewritten_before_the_checkpoint_is_caught(five: ConsentLedger, conn: Db) -> None:
    checkpoint = five.verify().checkpoint
    assert checkpoint is not None
    rewrite_from(conn, 2, clerk="Mallory")
    assert five.verify().ok  # consistent with itself: only an anchor shows it
    result = five.verify(checkpoint)
    assert not result.ok and result.checkpoint is None
    assert result.problems[0].startswith("Record 5 is not the record verified earlier")


def test_a_checkpoint_of_another_chain_is_not_trusted(five: ConsentLedger) -> None:
    other = Checkpoint(5, "f" * 64, "e" * 64)
    result = five.verify(other)
    assert not result.ok
    assert result.problems[0].startswith("Record 5 is not the record verified earlier")
    assert result.count == 5 and result.earlier == 0  # and then verified in full


def test_a_customers_own_records_are_rehashed_whatever_the_checkpoint(
    five: ConsentLedger, conn: Db
) -> None:
    checkpoint = five.verify().checkpoint
    assert five.verify_records("cus_1") == []
    drop_triggers(conn)
    conn.execute("UPDATE ledger SET clerk = 'Mallory' WHERE seq = 2")
    assert five.verify(checkpoint).ok  # what a checkpoint cannot see (the full verify does)…
    assert five.verify_records("cus_1") == ["Record 2 was changed after it was written."]
    assert five.verify_records("cus_2") == []  # …and the customer's own check does


def test_the_store_confirms_every_hash_without_python_judging(
    ledger: ConsentLedger, conn: Db
) -> None:
    """The verify's fast path: the store's own canonical JSON (SQLite) or hash check
    (PostgreSQL) must agree with ``record_hash`` — on accents, quotes, backslashes, control
    characters, emoji and the later columns — or every record would fall back to Python."""
    first = consent(ledger)
    ledger.record_revocation(
        first.record_id,
        reason='Il a dit « non » \\ "stop"\n\ttab \x01 \u2028 ✓ 😀',
        clerk="Zoë",
        desk="d2",
    )
    ledger._append(
        {
            "kind": "consent", "customer_id": "cus_9", "clerk": "a", "desk": "b",
            "channel": "phone", "terms_version": "1", "terms_sha256": "0" * 64,
            "terms_language": "en", "allow_redisplay": "limited",
            "origin_chain": "sqlite:abc", "origin_seq": 7, "origin_hash": "f" * 64,
        }
    )  # fmt: skip
    # Each combination of the later groups: clerks alone, and clerks with an origin.
    ledger.record_consent(
        "cus_8", clerk="b", desk="c", channel=Channel.PHONE, terms=TERMS,
        allow_redisplay=AllowRedisplay.LIMITED, clerk_id="c1", approved_by="s1",
    )  # fmt: skip
    ledger._append(
        {
            "kind": "consent", "customer_id": "cus_7", "clerk": "a", "desk": "b",
            "channel": "phone", "terms_version": "1", "terms_sha256": "0" * 64,
            "terms_language": "en", "allow_redisplay": "limited", "clerk_id": "c2",
            "origin_chain": "sqlite:abc", "origin_seq": 8, "origin_hash": "e" * 64,
        }
    )  # fmt: skip
    rows = ledger._checked()
    at_hash = _CHECKED.index("hash")
    assert len(rows) == 5
    for row in rows:
        check = row[-1]
        assert check is True or hashlib.sha256(str(check).encode()).hexdigest() == row[at_hash]
    assert ledger.verify().ok
