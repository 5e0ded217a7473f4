"""Opening the database: file modes, durability settings, migrations, damaged files."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.records.database import (
    WAL_SIZE_LIMIT_BYTES,
    open_database,
    schema_version,
    storage_errors,
    transaction,
)
from moto_desk.records.schema import MIGRATIONS, Migration

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def conn(sqlite_conn: sqlite3.Connection) -> sqlite3.Connection:
    """This file is about the desk's own SQLite file (the shop's store: test_shop_store.py)."""
    return sqlite_conn


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_folder_and_files_are_owner_only_whatever_the_umask(db_path: Path) -> None:
    previous = os.umask(0)
    try:
        conn = open_database(db_path)
    finally:
        os.umask(previous)
    try:
        conn.execute("INSERT INTO settings_kv VALUES ('k', '1', 'now')")
        assert mode(db_path) == 0o600
        assert mode(db_path.parent) == 0o700
        assert mode(db_path.parent.parent) == 0o700  # parents we created too
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.exists()
        assert mode(wal) == 0o600
    finally:
        conn.close()


@posix_only
def test_an_existing_file_is_tightened(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch(mode=0o644)
    os.chmod(db_path, 0o644)
    open_database(db_path).close()
    assert mode(db_path) == 0o600


def test_durability_settings(conn: sqlite3.Connection) -> None:
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert conn.isolation_level is None  # autocommit: each write is committed on return


def test_the_write_ahead_log_shrinks_back_after_a_big_transaction(db_path: Path) -> None:
    """One big write (a migration's backfill, an import) must not leave the WAL file at its
    size for good: after a checkpoint the log starts over and is cut back to the limit."""
    conn = open_database(db_path)
    try:
        big = "x" * (WAL_SIZE_LIMIT_BYTES + 4 * 1024 * 1024)
        conn.execute("INSERT INTO settings_kv VALUES ('big', ?, 'now')", (big,))
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.stat().st_size > WAL_SIZE_LIMIT_BYTES
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        # The write after the checkpoint starts the log over; the commit after that cuts it.
        for value in ("small", "smaller"):
            conn.execute("UPDATE settings_kv SET value = ? WHERE key = 'big'", (value,))
        assert wal.stat().st_size <= WAL_SIZE_LIMIT_BYTES
    finally:
        conn.close()


def test_fresh_file_has_the_latest_schema(conn: sqlite3.Connection) -> None:
    assert schema_version(conn) == len(MIGRATIONS)
    tables = {
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_schema WHERE type IN ('table', 'trigger')")
    }
    assert {
        "journal",
        "journal_steps",
        "ledger",
        "ledger_head",
        "customer_index",
        "settings_kv",
        "ledger_no_update",
        "ledger_no_delete",
        "ledger_append_at_end",
    } <= tables


def test_reopening_keeps_data_and_applies_nothing(db_path: Path) -> None:
    conn = open_database(db_path)
    conn.execute("INSERT INTO settings_kv VALUES ('k', '1', 'now')")
    conn.close()
    conn = open_database(db_path)
    try:
        assert conn.execute("SELECT value FROM settings_kv").fetchall() == [("1",)]
        assert schema_version(conn) == len(MIGRATIONS)
    finally:
        conn.close()


FIRST = Migration("first", ("CREATE TABLE a (x INTEGER) STRICT",))
SECOND = Migration("second", ("CREATE TABLE b (y TEXT) STRICT", "INSERT INTO b VALUES ('new')"))


def test_migrating_from_an_older_version(db_path: Path) -> None:
    conn = open_database(db_path, migrations=[FIRST])
    conn.execute("INSERT INTO a VALUES (1)")
    assert schema_version(conn) == 1
    conn.close()

    conn = open_database(db_path, migrations=[FIRST, SECOND])
    try:
        assert schema_version(conn) == 2
        assert conn.execute("SELECT x FROM a").fetchall() == [(1,)]  # FIRST not run again
        assert conn.execute("SELECT y FROM b").fetchall() == [("new",)]
    finally:
        conn.close()


def test_a_failing_migration_leaves_the_file_at_its_previous_version(db_path: Path) -> None:
    open_database(db_path, migrations=[FIRST]).close()
    broken = Migration("broken", ("CREATE TABLE c (z TEXT)", "INSERT INTO missing VALUES (1)"))
    with pytest.raises(MotoDeskError) as caught:
        open_database(db_path, migrations=[FIRST, broken])
    assert caught.value.kind is ErrorKind.STORAGE
    conn = open_database(db_path, migrations=[FIRST])
    try:
        assert schema_version(conn) == 1
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE name = 'c'")]
        assert names == []  # the half-applied migration was rolled back
    finally:
        conn.close()


def test_the_real_migrations_upgrade_an_empty_version_zero_file(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    sqlite3.connect(db_path).close()  # an empty SQLite file, user_version 0
    conn = open_database(db_path)
    try:
        assert schema_version(conn) == len(MIGRATIONS)
    finally:
        conn.close()


def test_a_newer_file_is_refused(db_path: Path) -> None:
    conn = open_database(db_path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(MotoDeskError) as caught:
        open_database(db_path)
    assert caught.value.kind is ErrorKind.STORAGE
    assert "newer version of moto-desk" in caught.value.clerk_message
    assert "Update moto-desk" in caught.value.clerk_message


def test_a_file_that_is_not_a_database_is_refused(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"these are not the bytes of an SQLite database\n" * 200)
    with pytest.raises(MotoDeskError) as caught:
        open_database(db_path)
    assert caught.value.kind is ErrorKind.STORAGE
    assert "damaged" in caught.value.clerk_message
    assert caught.value.detail is not None
    assert "not a database" in caught.value.detail


def test_an_uncreatable_folder_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(MotoDeskError) as caught:
        open_database(blocker / "sub" / "desk.sqlite3")
    assert caught.value.kind is ErrorKind.STORAGE


def test_a_locked_database_is_a_storage_error(db_path: Path, conn: sqlite3.Connection) -> None:
    impatient = open_database(db_path, busy_timeout_ms=50)
    try:
        with transaction(conn):
            conn.execute("INSERT INTO settings_kv VALUES ('a', '1', 'now')")
            with pytest.raises(MotoDeskError) as caught, storage_errors():
                impatient.execute("INSERT INTO settings_kv VALUES ('b', '2', 'now')")
        assert caught.value.kind is ErrorKind.STORAGE
        assert "in use by another program" in caught.value.clerk_message
    finally:
        impatient.close()


def test_constraint_violations_are_bugs_not_storage(conn: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError), storage_errors():
        conn.execute("INSERT INTO settings_kv VALUES (NULL, '1', 'now')")


def test_transaction_rolls_back_on_error(conn: sqlite3.Connection) -> None:
    with pytest.raises(RuntimeError), transaction(conn):
        conn.execute("INSERT INTO settings_kv VALUES ('a', '1', 'now')")
        raise RuntimeError
    assert conn.execute("SELECT count(*) FROM settings_kv").fetchone()[0] == 0
    assert not conn.in_transaction


def test_two_processes_opening_a_new_file_at_once_migrate_it_once(tmp_path: Path) -> None:
    """A window and a command (or two commands of one desk) opening a desk's new file at the
    same moment: one applies the migrations, the other waits and finds them applied. (The
    three-desk soak found the second one failing on "table journal already exists".)"""
    import subprocess
    import sys

    # Five new files, each opened by the four processes at one moment: the race is lost in
    # about one run in five (SQLite refuses the second switch to WAL without waiting).
    paths = [tmp_path / f"new{round_}" / "desk.sqlite3" for round_ in range(5)]
    script = (
        "import sys, time; from pathlib import Path; "
        "from moto_desk.records.database import open_database\n"
        "start = float(sys.argv[1])\n"
        "for n, path in enumerate(sys.argv[2:]):\n"
        "    time.sleep(max(0.0, start + 0.25 * n - time.time()))\n"
        "    open_database(Path(path)).close()\n"
    )
    start = str(time.time() + 1.5)
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, start, *map(str, paths)], stderr=subprocess.PIPE
        )
        for _ in range(4)
    ]
    errors = [run.communicate(timeout=60)[1].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], errors
    for path in paths:
        conn = open_database(path)
        try:
            assert schema_version(conn) == len(MIGRATIONS)
        finally:
            conn.close()
