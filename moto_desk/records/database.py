"""Opening the desk's SQLite file: owner-only, durable, migrated.

Durability is the point of this file. The journal records an idempotency key *before* the
Stripe request that uses it, and that only helps if the record survives a crash or power cut a
millisecond later, so:

* ``journal_mode=WAL`` — readers (history, CLI) do not block the writer;
* ``synchronous=FULL`` — every commit is fsynced to the WAL before ``commit()`` returns (with
  WAL, ``NORMAL`` may lose the last commits on power loss, which is exactly the window that
  matters here);
* connections are opened in autocommit mode (``isolation_level=None``): every statement outside
  an explicit ``BEGIN`` is committed when it returns, and multi-statement changes use
  :func:`transaction`.

Threads: an ``sqlite3.Connection`` may only be used on the thread that opened it (Python's
default ``check_same_thread=True`` is kept). The app runs all database work on one worker
thread, which owns the connection; other threads hand it work instead of touching the file.

Privacy: the folder is created ``0700`` and the file ``0600`` *before* anything is written to it
(SQLite gives its ``-wal`` and ``-shm`` files the database file's mode). On Windows these modes
have no effect; the per-user data folder's ACL protects the file there.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.paths import make_private_dir
from moto_desk.records.connection import Db, is_shop
from moto_desk.records.schema import MIGRATIONS, Migration

BUSY_TIMEOUT_MS = 5000
#: What the write-ahead log is cut back to after a checkpoint. SQLite keeps the WAL at its
#: largest size otherwise: one big transaction (a migration's backfill, an import) left a
#: desk's folder that much bigger for good. Everyday writes keep it far below this.
WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024


def _storage_error(
    template: str, path: Path, exc: BaseException | None = None, **args: str
) -> MotoDeskError:
    """A ``STORAGE`` error; ``template`` is a ``QT_TRANSLATE_NOOP`` literal, the path and the
    SQLite message go to ``detail`` (for the log), not to the clerk."""
    detail = f"{path}: {exc}" if exc is not None else str(path)
    return MotoDeskError(ErrorKind.STORAGE, template, args=args, detail=detail)


def _make_private_file(path: Path) -> None:
    """Create ``path`` empty and 0600 if it does not exist; tighten it if it is wider."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        pass
    else:
        os.close(fd)
    if os.name == "posix" and os.stat(path).st_mode & 0o077:
        os.chmod(path, 0o600)


@contextmanager
def transaction(conn: Db, *, immediate: bool = True) -> Iterator[Db]:
    """A transaction: ``COMMIT`` at the end of the block, ``ROLLBACK`` if it (or the commit)
    fails.

    SQLite: ``BEGIN IMMEDIATE`` takes the write lock at the start, so a read-check-write
    sequence (a state transition, a ledger append) cannot interleave with another
    connection's. PostgreSQL (the shop's records): a plain ``BEGIN``; what must not interleave
    with another desk is named with :func:`~moto_desk.records.connection.serialise`.

    With ``immediate=False`` it is a read transaction that sees one snapshot however others
    write meanwhile (WAL on SQLite; ``REPEATABLE READ`` on PostgreSQL).
    """
    if is_shop(conn):
        conn.execute("BEGIN" if immediate else "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    else:
        conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        # SQLite rolls back by itself after some failures (disk full, I/O error); a second
        # ROLLBACK would then fail and hide the original error. A PostgreSQL connection the
        # server dropped cannot roll back either: the server already did.
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        except Exception:  # noqa: S110  the original error is the one to report
            pass
        raise


def schema_version(conn: sqlite3.Connection) -> int:
    """The file's ``PRAGMA user_version``: how many migrations it has."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def _migrate(conn: sqlite3.Connection, migrations: Sequence[Migration], path: Path) -> None:
    current = schema_version(conn)
    if current > len(migrations):
        raise _storage_error(
            QT_TRANSLATE_NOOP(
                "clerk",
                "This data file was written by a newer version of moto-desk "
                "(data version {found}; this program knows up to {known}). "
                "Update moto-desk on this computer before using it again.",
            ),
            path,
            found=str(current),
            known=str(len(migrations)),
        )
    for version, migration in enumerate(migrations[current:], start=current + 1):
        with transaction(conn):
            # Read again under the write lock: another process opening the same new file at
            # the same moment (a window and a command; two commands of one desk) may have
            # applied this migration while this one waited for the lock.
            if schema_version(conn) >= version:
                continue
            for statement in migration.statements:
                conn.execute(statement)
            # PRAGMA takes no parameters; version is an int we computed.
            conn.execute(f"PRAGMA user_version = {int(version)}")


def open_database(
    path: Path,
    *,
    migrations: Sequence[Migration] = MIGRATIONS,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
) -> sqlite3.Connection:
    """Open (creating if needed) the desk's database at ``path``, migrated to the latest schema.

    Raises a ``STORAGE`` :class:`MotoDeskError` when the file cannot be created or opened, is
    not a database or is damaged, is locked longer than ``busy_timeout_ms``, or was written by a
    newer version of the program. The caller closes the connection.
    """
    try:
        make_private_dir(path.parent)
        _make_private_file(path)
    except OSError as exc:
        raise _storage_error(
            QT_TRANSLATE_NOOP(
                "clerk",
                "moto-desk could not create its data file. Check that the disk is not full and "
                "that you may write to the data folder.",
            ),
            path,
            exc,
        ) from exc

    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_ms / 1000)
    except sqlite3.Error as exc:
        raise _storage_error(
            QT_TRANSLATE_NOOP("clerk", "moto-desk could not open its data file."), path, exc
        ) from exc
    try:
        _configure(conn, busy_timeout_ms, path)
        _migrate(conn, migrations, path)
    except MotoDeskError:
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _describe(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _configure(conn: sqlite3.Connection, busy_timeout_ms: int, path: Path) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    mode = _switch_to_wal(conn, busy_timeout_ms)
    if mode.lower() != "wal":
        # WAL needs shared memory, which some network drives do not offer.
        raise _storage_error(
            QT_TRANSLATE_NOOP(
                "clerk",
                "moto-desk cannot use its data file safely in this folder (it may be on a network "
                "drive). Ask your administrator to keep moto-desk's data on this computer's disk.",
            ),
            path,
        )
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT_BYTES}")
    conn.execute("PRAGMA foreign_keys = ON")
    # Reading the schema forces SQLite to read the header: a file that is not a database
    # fails here rather than at the first query of the day.
    conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()


def _switch_to_wal(conn: sqlite3.Connection, busy_timeout_ms: int) -> str:
    """``PRAGMA journal_mode = WAL``, waiting out another process doing the same.

    SQLite answers "database is locked" at once, without calling the busy handler, when two
    connections switch a new file to WAL at the same moment (a window and a command opening a
    desk's first file; measured: one in five runs of four processes). The loser waits here as
    it would for any other lock, up to the same busy timeout.
    """
    deadline = time.monotonic() + busy_timeout_ms / 1000
    pause = 0.005
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _describe(exc: sqlite3.DatabaseError, path: Path | None) -> MotoDeskError:
    """The clerk's words for a database failure (the environment's fault, not ours)."""
    text = str(exc).lower()
    where = path if path is not None else Path("(database)")
    if "locked" in text or "busy" in text:
        template = QT_TRANSLATE_NOOP(
            "clerk",
            "moto-desk's data file is in use by another program. Close other copies of "
            "moto-desk on this computer, then try again.",
        )
    elif "full" in text:
        template = QT_TRANSLATE_NOOP(
            "clerk",
            "The disk is full: moto-desk cannot save its records. Free some space, then "
            "restart moto-desk.",
        )
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        template = QT_TRANSLATE_NOOP(
            "clerk",
            "moto-desk's data file is damaged. Do not delete it: ask your administrator to "
            "restore it from a backup.",
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "clerk",
            "moto-desk could not read or write its data file. Check that the disk is not "
            "full, then restart moto-desk.",
        )
    return _storage_error(template, where, exc)


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn the store's failures of the environment into ``STORAGE`` errors for the clerk:
    SQLite's (locked, disk full, I/O error, damaged file) and PostgreSQL's (the server went
    away, the network dropped, the server refused the connection).

    Constraint violations (including the ledger's triggers), refused privileges and misuse of
    a connection are our bugs or someone's tampering, not the environment's, and pass through
    unchanged.
    """
    try:
        yield
    except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
        raise
    except sqlite3.DatabaseError as exc:
        raise _describe(exc, None) from exc
    except Exception as exc:
        # psycopg is imported only by a desk with shop records; never import it here.
        psycopg = sys.modules.get("psycopg")
        if psycopg is not None and isinstance(exc, psycopg.OperationalError):
            raise shop_unreachable(exc) from exc
        raise


def shop_unreachable(exc: BaseException, where: str = "") -> MotoDeskError:
    """The clerk's words when the shop's records server cannot be reached or was lost."""
    return MotoDeskError(
        ErrorKind.STORAGE,
        QT_TRANSLATE_NOOP(
            "clerk",
            "moto-desk cannot reach the shop's records{where}. Nothing more was sent to "
            "Stripe. Check the network and that the records server is running, then try again.",
        ),
        args={"where": f" ({where})" if where else ""},
        detail=str(exc),
    )
