"""Property test: any edit, deletion, reordering or insertion of ledger rows is detected.

Hypothesis builds a ledger of random length and content, then applies one random kind of
tampering directly in SQLite (triggers dropped first, as an attacker with the file would).
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moto_desk.domain.consent import ConsentTerms
from moto_desk.domain.models import AllowRedisplay, Channel, SavedCard
from moto_desk.records.database import open_database
from moto_desk.records.ledger import ConsentLedger

TERMS = ConsentTerms("2026-11-01", "en", "{shop_name} keeps your card.").for_shop("Shop")
TEXT_COLUMNS = ("clerk", "desk", "customer_id", "terms_sha256", "channel", "time")

names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)


def _build(conn: sqlite3.Connection, plan: list[tuple[str, bool, bool]]) -> int:
    ledger = ConsentLedger(conn)
    for index, (clerk, saved, revoked) in enumerate(plan):
        consent = ledger.record_consent(
            f"cus_{index}",
            clerk=clerk,
            desk="desk",
            channel=Channel.PHONE,
            terms=TERMS,
            allow_redisplay=AllowRedisplay.LIMITED,
        )
        if saved:
            card = SavedCard(f"pm_{index}", f"cus_{index}", "visa", "4242", 12, 2031)
            ledger.record_card_saved(consent.record_id, f"seti_{index}", f"pm_{index}", card)
        if revoked:
            ledger.record_revocation(consent.record_id, reason="asked", clerk=clerk, desk="d")
    count = conn.execute("SELECT COUNT(*) FROM ledger").fetchone()[0]
    assert ledger.verify().ok
    return int(count)


def _untrigger(conn: sqlite3.Connection) -> None:
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plan=st.lists(st.tuples(names, st.booleans(), st.booleans()), min_size=2, max_size=6),
    tamper=st.sampled_from(["edit", "delete", "swap", "duplicate"]),
    which=st.integers(min_value=0, max_value=1000),
    column=st.sampled_from(TEXT_COLUMNS),
    new_value=names,
)
def test_any_tampering_is_detected(
    plan: list[tuple[str, bool, bool]], tamper: str, which: int, column: str, new_value: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        conn = open_database(Path(tmp) / "desk.sqlite3")
        try:
            count = _build(conn, plan)
            seq = which % count + 1
            _untrigger(conn)
            if tamper == "edit":
                old = conn.execute(
                    f"SELECT {column} FROM ledger WHERE seq = ?",  # noqa: S608  test columns
                    (seq,),
                ).fetchone()[0]
                if old == new_value:
                    new_value += "x"
                conn.execute(
                    f"UPDATE ledger SET {column} = ? WHERE seq = ?",  # noqa: S608
                    (new_value, seq),
                )
            elif tamper == "delete":
                conn.execute("DELETE FROM ledger WHERE seq = ?", (seq,))
            elif tamper == "swap":
                other = seq % count + 1
                conn.execute("UPDATE ledger SET seq = -1 WHERE seq = ?", (seq,))
                conn.execute("UPDATE ledger SET seq = ? WHERE seq = ?", (seq, other))
                conn.execute("UPDATE ledger SET seq = ? WHERE seq = -1", (other,))
            else:  # a copy of a record appended again at the end, as if replayed
                row = conn.execute("SELECT * FROM ledger WHERE seq = ?", (seq,)).fetchone()
                names_ = [d[1] for d in conn.execute("PRAGMA table_info(ledger)").fetchall()]
                values = dict(zip(names_, row, strict=True))
                values["seq"] = count + 1
                values["record_id"] = f"{values['record_id']}-copy"  # ids are unique
                placeholders = ", ".join(f":{name}" for name in names_)
                conn.execute(
                    f"INSERT INTO ledger ({', '.join(names_)}) VALUES ({placeholders})",  # noqa: S608
                    values,
                )
            result = ConsentLedger(conn).verify()
            assert not result.ok, (tamper, seq, column)
            assert result.problems
        finally:
            conn.close()
