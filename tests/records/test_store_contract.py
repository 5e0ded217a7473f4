"""What both stores promise the records code alike: transactions, snapshots, errors.

Every test runs twice (the ``where`` fixture): on the desk's own SQLite file and on the shop's
PostgreSQL.
"""

from __future__ import annotations

import psycopg
import pytest

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.records.connection import Db, ShopConnection
from moto_desk.records.database import storage_errors, transaction


def test_a_read_transaction_sees_one_snapshot(conn: Db, other_conn: Db) -> None:
    with transaction(conn, immediate=False):
        assert conn.execute("SELECT count(*) FROM settings_kv").fetchone()[0] == 0
        other_conn.execute("INSERT INTO settings_kv VALUES ('a', '1', 'now')")
        assert conn.execute("SELECT count(*) FROM settings_kv").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM settings_kv").fetchone()[0] == 1


def test_a_failed_block_rolls_back(conn: Db, other_conn: Db) -> None:
    with pytest.raises(RuntimeError), transaction(conn):
        conn.execute("INSERT INTO settings_kv VALUES ('a', '1', 'now')")
        raise RuntimeError("the block failed")
    assert not conn.in_transaction
    assert other_conn.execute("SELECT count(*) FROM settings_kv").fetchone()[0] == 0


def test_a_write_is_seen_by_others_only_after_commit(conn: Db, other_conn: Db) -> None:
    with transaction(conn):
        conn.execute("INSERT INTO settings_kv VALUES ('a', '1', 'now')")
        assert other_conn.execute("SELECT count(*) FROM settings_kv").fetchone()[0] == 0
    assert other_conn.execute("SELECT count(*) FROM settings_kv").fetchone()[0] == 1


def test_one_query_text_serves_both(conn: Db) -> None:
    """``?`` placeholders, ``ON CONFLICT … excluded``, ``instr`` and ``rowid``: the SQL the
    records use, as both stores run it."""
    for key, value in (("a", "1"), ("b", "2"), ("a", "3")):
        conn.execute(
            "INSERT INTO settings_kv (key, value, updated_at) VALUES (?, ?, 'now')"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
    rows = conn.execute("SELECT key, value FROM settings_kv ORDER BY key").fetchall()
    assert [tuple(r) for r in rows] == [("a", "3"), ("b", "2")]
    assert conn.execute("SELECT instr('moto-desk', 'desk')").fetchone()[0] == 6
    conn.execute(
        "INSERT INTO customer_index (id, search_text, last_seen) VALUES ('c1', 'x', 'now')"
    )
    conn.execute(
        "INSERT INTO customer_index (id, search_text, last_seen) VALUES ('c2', 'x', 'now')"
    )
    ordered = conn.execute("SELECT id FROM customer_index ORDER BY rowid DESC").fetchall()
    assert [r[0] for r in ordered] == ["c2", "c1"]


def test_a_lost_server_is_a_storage_error_in_words(conn: Db) -> None:
    if not isinstance(conn, ShopConnection):
        pytest.skip("a file is not lost like a server; the full-disk tests cover SQLite")
    pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    info = conn.raw.info
    with psycopg.connect(
        f"postgresql://{info.user}@{info.host}:{info.port}/{info.dbname}", autocommit=True
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(MotoDeskError) as caught, storage_errors():
        conn.execute("SELECT 1")
    assert caught.value.kind is ErrorKind.STORAGE
    assert "cannot reach the shop's records" in caught.value.clerk_message
