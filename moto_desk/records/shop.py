"""Connecting to the shop's records on PostgreSQL, setting them up, and reporting on them.

psycopg 3 is imported only here and only when a records URL is set: a desk with its own
SQLite file never loads it, and the window appears before it loads.

The URL is a libpq connection string (``postgresql://desk_a@host:5432/shop?sslmode=require``
or ``service=shop``). A password never comes from the settings file: a URL carrying one is
refused there; libpq reads ``~/.pgpass``/``PGPASSFILE`` itself, and a desk may keep its
password in the OS keyring (service ``moto-desk shop records``, user = the URL).
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.records.connection import ShopConnection
from moto_desk.records.database import shop_unreachable
from moto_desk.records.schema import Migration
from moto_desk.records.schema_pg import DESK_ROLE, MIGRATIONS, OWNER_ROLE, SCHEMA
from moto_desk.records.timestamps import to_iso, utc_now

log = logging.getLogger(__name__)

KEYRING_SERVICE = "moto-desk shop records"
CONNECT_TIMEOUT_S = 5


def describe_url(url: str) -> str:
    """Where ``url`` points, for a person: ``user@host:port/db`` — never a password."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(url)
    except Exception:
        return "(an unreadable records address)"
    if "service" in parts:
        return f"service {parts['service']}"
    user = f"{parts['user']}@" if parts.get("user") else ""
    host = str(parts.get("host") or os.environ.get("PGHOST") or "localhost")
    port = f":{parts['port']}" if parts.get("port") else ""
    db = f"/{parts['dbname']}" if parts.get("dbname") else ""
    return f"{user}{host}{port}{db}"


def has_password(url: str) -> bool:
    """True if ``url`` carries a password (refused in settings: it belongs in a keyring)."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        return bool(conninfo_to_dict(url).get("password"))
    except Exception:
        return False


def check_url_for_settings(url: str) -> None:
    """Refuse a records address carrying a password: it would be kept in the settings file."""
    if has_password(url):
        raise MotoDeskError(
            ErrorKind.INVALID_INPUT,
            QT_TRANSLATE_NOOP(
                "clerk",
                "Leave the password out of the records address: the desk keeps the address "
                "in its settings file. Put the password in ~/.pgpass (or PGPASSFILE) instead.",
            ),
        )


def try_shop(url: str) -> None:
    """Open and close the shop's records at ``url``: raises the clerk's words when the
    address is unusable, the server unreachable or the schema not set up."""
    check_url_for_settings(url)
    open_shop(url).close()


def bad_url(url: str, exc: BaseException) -> MotoDeskError:
    return MotoDeskError(
        ErrorKind.CONFIGURATION,
        QT_TRANSLATE_NOOP(
            "clerk",
            "The shop records address is not a PostgreSQL address moto-desk can read. Write "
            "it as postgresql://user@server:5432/database or service=NAME.",
        ),
        detail=f"{exc}",
    )


def _keyring_password(url: str) -> str | None:
    """The desk's password for ``url`` from the OS keyring, if one was stored there."""
    if os.environ.get("PGPASSWORD") or has_password(url):
        return None
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, url)
    except Exception as exc:
        log.info("records: no password from the keyring (%s)", type(exc).__name__)
        return None


def connect(url: str, *, timeout_s: int = CONNECT_TIMEOUT_S) -> ShopConnection:
    """A connection to the shop's records at ``url`` (autocommit, ``search_path`` set).

    Raises a ``STORAGE`` error naming the server when it cannot be reached, and a
    ``CONFIGURATION`` error for an address that is not a connection string.
    """
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    where = describe_url(url)
    try:
        conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise bad_url(url, exc) from exc
    extra: dict[str, Any] = {}
    password = _keyring_password(url)
    if password:
        extra["password"] = password
    try:
        raw = psycopg.connect(
            url,
            autocommit=True,
            connect_timeout=timeout_s,
            application_name="moto-desk",
            # A commit must be durable when it returns, whatever the server's default: the
            # journal stores each idempotency key before the Stripe request that uses it.
            options=f"-c search_path={SCHEMA} -c synchronous_commit=on",
            **extra,
        )
    except psycopg.OperationalError as exc:
        raise shop_unreachable(exc, where) from exc
    return ShopConnection(raw, where)


# ------------------------------------------------------------------------ schema version


def schema_version(conn: ShopConnection) -> int | None:
    """The store's schema version; None when ``records init`` never ran there."""
    row = conn.execute("SELECT to_regclass('moto_desk.schema_version') IS NOT NULL").fetchone()
    if not row[0]:
        return None
    found = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(found[0])


# A few idle connections kept for the next flow run: connecting costs ~5–8 ms on loopback
# (TCP, start-up, authentication; more with TLS), a save or a charge opens the records once
# or twice, and the budget for what the shop's records add is 20 ms. A connection
# handed out again is pinged first, so one the server dropped meanwhile (a restart) is
# replaced rather than failing the clerk's next operation.
MAX_IDLE = 4
_idle: list[tuple[str, ShopConnection]] = []
_idle_lock = threading.Lock()
_checked: set[str] = set()  # URLs whose schema version this process has checked


def _give_back(url: str) -> Callable[[ShopConnection], bool]:
    def give_back(conn: ShopConnection) -> bool:
        if conn.broken or conn.in_transaction:
            return False
        evicted: list[ShopConnection] = []
        with _idle_lock:
            _idle.append((url, conn))
            while len(_idle) > MAX_IDLE:
                evicted.append(_idle.pop(0)[1])
        for old in evicted:
            old.raw.close()
        return True

    return give_back


def _take_idle(url: str) -> ShopConnection | None:
    while True:
        with _idle_lock:
            index = next((i for i in range(len(_idle) - 1, -1, -1) if _idle[i][0] == url), None)
            if index is None:
                return None
            conn = _idle.pop(index)[1]
        try:
            conn.raw.execute("SELECT 1")
        except Exception:
            conn.raw.close()
            continue
        return conn


def close_idle() -> None:
    """Close every idle connection (the program is ending, or a test wants a clean slate)."""
    with _idle_lock:
        idle = [conn for _, conn in _idle]
        _idle.clear()
    for conn in idle:
        conn.raw.close()


atexit.register(close_idle)


def open_shop(url: str) -> ShopConnection:
    """A connection to the shop's records, checked once per process to have the schema this
    program knows (a desk never migrates: its role may not; ``records init`` does). Closing
    it gives it back to a small pool of idle connections."""
    reused = _take_idle(url)
    if reused is not None:
        return reused
    conn = connect(url)
    if url in _checked:
        conn.give_back = _give_back(url)
        return conn
    try:
        version = schema_version(conn)
    except BaseException:
        conn.close()
        raise
    if version == len(MIGRATIONS):
        _checked.add(url)
        conn.give_back = _give_back(url)
        return conn
    conn.close()
    if version is None or version < len(MIGRATIONS):
        raise MotoDeskError(
            ErrorKind.CONFIGURATION,
            QT_TRANSLATE_NOOP(
                "clerk",
                "The shop's records at {where} are not set up for this version of moto-desk. "
                "Ask the shop's administrator to run “moto-desk records init” once.",
            ),
            args={"where": conn.where},
            detail=f"schema version {version}, this program knows {len(MIGRATIONS)}",
        )
    raise MotoDeskError(
        ErrorKind.CONFIGURATION,
        QT_TRANSLATE_NOOP(
            "clerk",
            "The shop's records at {where} were set up by a newer version of moto-desk. "
            "Update moto-desk on this computer before using them.",
        ),
        args={"where": conn.where},
        detail=f"schema version {version}, this program knows {len(MIGRATIONS)}",
    )


# ------------------------------------------------------------------------------ init


@dataclass
class InitReport:
    """What ``records init`` did, in order, as lines for a person."""

    where: str
    done: list[str] = field(default_factory=list)
    version: int = 0


def _role_exists(conn: ShopConnection, role: str) -> bool:
    row = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)).fetchone()
    return row is not None


def init_shop(
    url: str,
    migrations: Sequence[Migration] = MIGRATIONS,
    shop: dict[str, str] | None = None,
) -> InitReport:
    """Create the roles, the schema and the missing migrations; running it again changes
    nothing. Needs a connection that may create roles and schemas (the database's owner or a
    superuser)."""
    conn = connect(url)
    report = InitReport(conn.where)
    raw = conn.raw
    try:
        with raw.transaction():
            for role in (OWNER_ROLE, DESK_ROLE):
                if not _role_exists(conn, role):
                    raw.execute(f"CREATE ROLE {role} NOLOGIN")
                    report.done.append(f"created role {role}")
            member = raw.execute(
                "SELECT pg_has_role(current_user, %s, 'MEMBER')", (OWNER_ROLE,)
            ).fetchone()
            if not (member and member[0]):
                raw.execute(f"GRANT {OWNER_ROLE} TO current_user")
                report.done.append(f"granted {OWNER_ROLE} to the administrator's role")
            exists = raw.execute(
                "SELECT 1 FROM pg_namespace WHERE nspname = %s", (SCHEMA,)
            ).fetchone()
            if exists is None:
                raw.execute(f"CREATE SCHEMA {SCHEMA} AUTHORIZATION {OWNER_ROLE}")
                report.done.append(f"created schema {SCHEMA} owned by {OWNER_ROLE}")
        current = schema_version(conn) or 0
        if current > len(migrations):
            raise MotoDeskError(
                ErrorKind.CONFIGURATION,
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "The shop's records at {where} were set up by a newer version of "
                    "moto-desk. Update moto-desk on this computer before using them.",
                ),
                args={"where": conn.where},
            )
        for version, migration in enumerate(migrations[current:], start=current + 1):
            with raw.transaction():
                raw.execute(f"SET LOCAL ROLE {OWNER_ROLE}")
                raw.execute(f"SET LOCAL search_path TO {SCHEMA}")
                for statement in migration.statements:
                    raw.execute(statement)
                raw.execute(
                    "INSERT INTO schema_version (version, description, applied_at)"
                    " VALUES (%s, %s, %s)",
                    (version, migration.description, to_iso(utc_now())),
                )
            report.done.append(f"applied migration {version}: {migration.description}")
        report.version = len(migrations)
        if shop:
            from moto_desk.records.shop_settings import read_shop_settings, write_shop_settings

            changed = {k: v for k, v in shop.items() if read_shop_settings(conn).get(k) != v}
            if changed:
                write_shop_settings(conn, changed)
                report.done.extend(f"set the shop's {key}" for key in sorted(changed))
        if not report.done:
            report.done.append("nothing to do: the shop's records are up to date")
    except MotoDeskError:
        raise
    except Exception as exc:
        import psycopg

        if isinstance(exc, psycopg.OperationalError):
            raise shop_unreachable(exc, conn.where) from exc
        if isinstance(exc, psycopg.errors.InsufficientPrivilege):
            raise MotoDeskError(
                ErrorKind.CONFIGURATION,
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "The records account may not set up the shop's records at {where}. Run "
                    "“moto-desk records init” as the database's owner or an administrator.",
                ),
                args={"where": conn.where},
                detail=str(exc),
            ) from exc
        raise
    finally:
        conn.close()
    return report


# ------------------------------------------------------------------------------ status


@dataclass(frozen=True)
class DeskSeen:
    """One desk as the shop's journal knows it."""

    desk: str
    entries: int
    open_operations: int
    last_seen: str | None


@dataclass(frozen=True)
class StoreStatus:
    """``records status``: what the records are and what they hold."""

    kind: str  # "sqlite" or "postgresql"
    where: str
    schema_version: int
    desks: tuple[DeskSeen, ...]
    ledger_records: int
    ledger_head_seq: int | None
    ledger_head_hash: str | None


def desks_seen(conn: Any) -> tuple[DeskSeen, ...]:
    """Every desk named in the journal with its count of entries and of open operations."""
    rows = conn.execute(
        "SELECT coalesce(desk, ''), COUNT(*),"
        " SUM(CASE WHEN state IN ('pending', 'sent', 'unknown') THEN 1 ELSE 0 END),"
        " MAX(updated_at) FROM journal GROUP BY coalesce(desk, '') ORDER BY 1"
    ).fetchall()
    return tuple(
        DeskSeen(str(r[0]), int(r[1]), int(r[2] or 0), None if r[3] is None else str(r[3]))
        for r in rows
    )


def ledger_head(conn: Any) -> tuple[int, int | None, str | None]:
    """(records in the ledger, head seq, head hash)."""
    count = int(conn.execute("SELECT COUNT(*) FROM ledger").fetchone()[0])
    head = conn.execute("SELECT seq, hash FROM ledger_head WHERE id = 1").fetchone()
    if head is None:
        return count, None, None
    return count, int(head[0]), str(head[1])
