"""Clerk accounts, their PINs, the wrong-PIN throttle and the shop's approval policy.

Accounts live in the records store (the desk's SQLite file, or the shop's PostgreSQL: one list
for every desk of the shop). Sign-in is on as soon as one account exists.

PINs: only ``hashlib.scrypt`` hashes are stored, each with its own random 16-byte salt and its
cost parameters (``scrypt$n$r$p$salt$hash``), so the cost can be raised later without breaking
stored hashes. A PIN is never logged, stored elsewhere or put in an error's detail. A 4–8 digit
PIN is a small space: the hash slows a thief who copied the store, it does not stop one; the
throttle is what protects a PIN at the desk.

Throttle: the first :data:`FREE_TRIES` wrong PINs in a row cost nothing; from then on each
wrong PIN makes the account wait ``30 s × 2^(failures − 5)``, at most 15 minutes, counted
from the last wrong PIN. The count is in the store (``clerk_throttle``), so it survives a
restart and is shared by every desk of the shop; a right PIN clears it.

Who may change accounts is the caller's rule (the owner, proven by their PIN; see
``flows.clerks``): on the shop's PostgreSQL every desk's role may write these tables.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from moto_desk.domain.errors import InvalidInput
from moto_desk.domain.roles import Actor, ApprovalPolicy, NotAllowed, Role, check_pin_shape
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.records.connection import Db, serialise
from moto_desk.records.database import storage_errors, transaction
from moto_desk.records.timestamps import Clock, from_iso, to_iso, utc_now

log = logging.getLogger(__name__)

#: scrypt's cost: N=2^15, r=8 (32 MiB of memory per check), p=1.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
_MAXMEM = 64 * 1024 * 1024
_SALT_BYTES = 16
_HASH_BYTES = 32

FREE_TRIES = 5
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(minutes=15)
NAME_MAX = 40


def hash_pin(pin: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """The stored form of ``pin``: ``scrypt$n$r$p$<salt hex>$<hash hex>``."""
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=_HASH_BYTES
    )
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    """True when ``pin`` is the one ``stored`` was made from (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            pin.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=_MAXMEM,
            dklen=len(expected) // 2,
        )
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), expected)


def throttle_wait(failures: int) -> timedelta:
    """How long an account waits after ``failures`` wrong PINs in a row."""
    if failures < FREE_TRIES:
        return timedelta(0)
    wait = FIRST_WAIT * (1 << min(failures - FREE_TRIES, 10))
    return min(wait, LONGEST_WAIT)


def name_key(name: str) -> str:
    """The form of a name that must be unique: case and spacing ignored."""
    return " ".join(name.split()).casefold()


def check_name(name: str) -> str:
    """A clerk's display name, tidied; :class:`InvalidInput` when empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > NAME_MAX:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("clerk", "A clerk's name is 1 to {limit} characters."),
            field="name",
            args={"limit": str(NAME_MAX)},
        )
    return cleaned


@dataclass(frozen=True)
class ClerkAccount:
    """One account (never its PIN hash)."""

    id: str
    name: str
    role: Role
    active: bool
    created_at: datetime
    updated_at: datetime
    updated_by: str | None = None

    @property
    def actor(self) -> Actor:
        return Actor(self.id, self.name, self.role)


_COLUMNS = "id, name, role, active, created_at, updated_at, updated_by"


def _account(row: tuple[object, ...]) -> ClerkAccount:
    clerk_id, name, role, active, created_at, updated_at, updated_by = row
    return ClerkAccount(
        id=str(clerk_id),
        name=str(name),
        role=Role(str(role)),
        active=bool(int(str(active))),
        created_at=from_iso(str(created_at)),
        updated_at=from_iso(str(updated_at)),
        updated_by=None if updated_by is None else str(updated_by),
    )


def _no_such_clerk(name: str) -> NotAllowed:
    return NotAllowed(
        QT_TRANSLATE_NOOP("clerk", "No clerk is called “{name}”."),
        {"name": name},
    )


class ClerkStore:
    """Accounts, PIN checks and the approval policy in an open records connection; use it on
    the thread that opened the connection."""

    def __init__(self, conn: Db, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    # -- reading --------------------------------------------------------------------------

    def sign_in_required(self) -> bool:
        """True once the first account exists (then every desk of the shop signs in)."""
        with storage_errors():
            row = self._conn.execute("SELECT 1 FROM clerks LIMIT 1").fetchone()
        return row is not None

    def accounts(self, *, active_only: bool = False) -> list[ClerkAccount]:
        where = " WHERE active = 1" if active_only else ""
        with storage_errors():
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM clerks{where} ORDER BY name_key"  # noqa: S608  constant
            ).fetchall()
        return [_account(tuple(r)) for r in rows]

    def find(self, name: str) -> ClerkAccount | None:
        with storage_errors():
            row = self._conn.execute(
                f"SELECT {_COLUMNS} FROM clerks WHERE name_key = ?",  # noqa: S608  constant
                (name_key(name),),
            ).fetchone()
        return None if row is None else _account(tuple(row))

    def get(self, clerk_id: str) -> ClerkAccount | None:
        with storage_errors():
            row = self._conn.execute(
                f"SELECT {_COLUMNS} FROM clerks WHERE id = ?",  # noqa: S608  constant
                (clerk_id,),
            ).fetchone()
        return None if row is None else _account(tuple(row))

    def require(self, name: str) -> ClerkAccount:
        found = self.find(name)
        if found is None:
            raise _no_such_clerk(name)
        return found

    # -- PINs -----------------------------------------------------------------------------

    def waiting(self, account: ClerkAccount) -> timedelta:
        """How long ``account`` must still wait before its PIN is checked again."""
        with storage_errors():
            row = self._conn.execute(
                "SELECT failures, last_failure FROM clerk_throttle WHERE clerk_id = ?",
                (account.id,),
            ).fetchone()
        if row is None:
            return timedelta(0)
        until = from_iso(str(row[1])) + throttle_wait(int(row[0]))
        return max(until - self._clock(), timedelta(0))

    def check_pin(self, name: str, pin: str) -> ClerkAccount:
        """The active account ``name`` if ``pin`` is its PIN; otherwise :class:`NotAllowed`
        saying why (no such clerk, disabled, waiting after wrong PINs, wrong PIN)."""
        account = self.require(name)
        if not account.active:
            raise NotAllowed(
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "{name}'s account is disabled. Ask the shop's owner.",
                ),
                {"name": account.name},
            )
        wait = self.waiting(account)
        if wait > timedelta(0):
            raise NotAllowed(
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "Too many wrong PINs for {name}. Wait {seconds} seconds, then try again.",
                ),
                {"name": account.name, "seconds": str(int(wait.total_seconds()) + 1)},
            )
        with storage_errors():
            row = self._conn.execute(
                "SELECT pin_hash FROM clerks WHERE id = ?", (account.id,)
            ).fetchone()
        if row is not None and pin_matches(pin, str(row[0])):
            with storage_errors():
                self._conn.execute("DELETE FROM clerk_throttle WHERE clerk_id = ?", (account.id,))
            return account
        failures = self._count_failure(account.id)
        log.info("wrong PIN for clerk %s (%d in a row)", account.id, failures)
        left = FREE_TRIES - failures
        if left > 0:
            raise NotAllowed(
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "Wrong PIN for {name}. {left} more tries before a wait.",
                ),
                {"name": account.name, "left": str(left)},
            )
        raise NotAllowed(
            QT_TRANSLATE_NOOP(
                "clerk",
                "Wrong PIN for {name}. Wait {seconds} seconds before the next try.",
            ),
            {"name": account.name, "seconds": str(int(throttle_wait(failures).total_seconds()))},
        )

    def _count_failure(self, clerk_id: str) -> int:
        now = to_iso(self._clock())
        with storage_errors(), transaction(self._conn):
            serialise(self._conn, f"clerk:{clerk_id}")
            self._conn.execute(
                "INSERT INTO clerk_throttle (clerk_id, failures, last_failure) VALUES (?, 1, ?)"
                " ON CONFLICT (clerk_id) DO UPDATE SET failures = clerk_throttle.failures + 1,"
                " last_failure = excluded.last_failure",
                (clerk_id, now),
            )
            row = self._conn.execute(
                "SELECT failures FROM clerk_throttle WHERE clerk_id = ?", (clerk_id,)
            ).fetchone()
        return int(row[0])

    # -- changing accounts (the caller checked that the owner asks) ------------------------

    def add(self, name: str, role: Role, pin: str, *, by: str | None = None) -> ClerkAccount:
        name = check_name(name)
        check_pin_shape(pin)
        pin_hash = hash_pin(pin)
        now = to_iso(self._clock())
        clerk_id = uuid.uuid4().hex
        with storage_errors(), transaction(self._conn):
            serialise(self._conn, "clerks")
            if self._conn.execute(
                "SELECT 1 FROM clerks WHERE name_key = ?", (name_key(name),)
            ).fetchone():
                raise InvalidInput(
                    QT_TRANSLATE_NOOP("clerk", "A clerk called “{name}” already exists."),
                    field="name",
                    args={"name": name},
                )
            self._conn.execute(
                f"INSERT INTO clerks ({_COLUMNS}, name_key, pin_hash)"  # noqa: S608  constant
                " VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)",
                (clerk_id, name, Role(role).value, now, now, by, name_key(name), pin_hash),
            )
        log.info("clerk account %s added (%s) by %s", clerk_id, Role(role).value, by or "-")
        account = self.get(clerk_id)
        assert account is not None  # just inserted
        return account

    def set_pin(self, clerk_id: str, pin: str, *, by: str | None = None) -> None:
        check_pin_shape(pin)
        pin_hash = hash_pin(pin)
        with storage_errors(), transaction(self._conn):
            self._update(clerk_id, "pin_hash = ?", (pin_hash,), by)
            self._conn.execute("DELETE FROM clerk_throttle WHERE clerk_id = ?", (clerk_id,))
        log.info("clerk account %s: PIN changed by %s", clerk_id, by or "-")

    def set_role(self, clerk_id: str, role: Role, *, by: str | None = None) -> None:
        with storage_errors(), transaction(self._conn):
            serialise(self._conn, "clerks")
            if Role(role) is not Role.OWNER:
                self._keep_an_owner(clerk_id)
            self._update(clerk_id, "role = ?", (Role(role).value,), by)
        log.info("clerk account %s: role %s set by %s", clerk_id, Role(role).value, by or "-")

    def disable(self, clerk_id: str, *, by: str | None = None) -> None:
        with storage_errors(), transaction(self._conn):
            serialise(self._conn, "clerks")
            self._keep_an_owner(clerk_id)
            self._update(clerk_id, "active = 0", (), by)
        log.info("clerk account %s disabled by %s", clerk_id, by or "-")

    def _keep_an_owner(self, clerk_id: str) -> None:
        """Refuse to leave the shop without an active owner (nobody could manage accounts)."""
        others = self._conn.execute(
            "SELECT COUNT(*) FROM clerks WHERE role = 'owner' AND active = 1 AND id <> ?",
            (clerk_id,),
        ).fetchone()
        target = self._conn.execute("SELECT role FROM clerks WHERE id = ?", (clerk_id,)).fetchone()
        if target is not None and str(target[0]) == "owner" and int(others[0]) == 0:
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "The shop needs at least one active owner: add another owner first.",
                ),
                field="role",
            )

    def _update(
        self, clerk_id: str, assignment: str, values: tuple[object, ...], by: str | None
    ) -> None:
        cursor = self._conn.execute(
            f"UPDATE clerks SET {assignment}, updated_at = ?, updated_by = ? WHERE id = ?",  # noqa: S608  constant
            (*values, to_iso(self._clock()), by, clerk_id),
        )
        if cursor.rowcount != 1:
            raise KeyError(f"no clerk account {clerk_id}")

    # -- the approval policy ---------------------------------------------------------------

    def policy(self) -> ApprovalPolicy:
        with storage_errors():
            rows = self._conn.execute("SELECT key, value FROM shop_policy").fetchall()
        return ApprovalPolicy.from_settings({str(k): str(v) for k, v in rows})

    def set_policy(self, policy: ApprovalPolicy, *, by: str | None = None) -> None:
        now = to_iso(self._clock())
        with storage_errors(), transaction(self._conn):
            for key, value in policy.to_settings().items():
                self._conn.execute(
                    "INSERT INTO shop_policy (key, value, updated_at, updated_by)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                    " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                    (key, value, now, by),
                )
