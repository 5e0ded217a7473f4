"""The simulated account's objects, kept in memory and optionally in a SQLite file.

One re-entrant lock serialises every handler, which is what makes the simulator safe for
several desks at once; requests are short, so one lock costs nothing that matters here.
Objects are stored in their wire form (plain JSON dicts, ids rather than expanded
objects). Facts Stripe keeps but never shows — which test card a payment method came
from, a reader's simulated faults — live in a private side record per object.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import string
import threading
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .errors import resource_missing

_ALPHABET = string.ascii_letters + string.digits


def random_token(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


@dataclass
class AccountSettings:
    """Switches of the simulated account, changeable at run time."""

    moto_enabled: bool = True
    # How long a reader waits for a card before its action fails (Stripe does not publish it).
    reader_timeout_s: float = 120.0
    # Time the reader spends authorising after a card is presented; cancel_action answers
    # terminal_reader_busy during it, as Stripe does mid-authorisation.
    processing_delay_s: float = 0.0
    # failure_code of an action that timed out waiting for a card (unpublished by Stripe).
    timeout_failure_code: str = "reader_timeout"


_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, seq INTEGER NOT NULL,
    body TEXT NOT NULL, private TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
    scope TEXT NOT NULL, key TEXT NOT NULL, created REAL NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (scope, key)
);
"""


class State:
    """All objects of one simulated Stripe account."""

    def __init__(self, path: Path | None = None) -> None:
        self.lock = threading.RLock()
        self.settings = AccountSettings()
        self._objects: dict[str, dict[str, Any]] = {}
        self._private: dict[str, dict[str, Any]] = {}
        self._kind_of: dict[str, str] = {}
        self._seq: dict[str, int] = {}
        self._by_kind: dict[str, list[str]] = defaultdict(list)
        self._next_seq = 0
        self._dirty: set[str] = set()
        self._db: sqlite3.Connection | None = None
        if path is not None:
            self._open(path)

    # ----------------------------------------------------------------- persistence
    def _open(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(_SCHEMA)
        self._db = db
        for object_id, kind, seq, body, private in db.execute(
            "SELECT id, kind, seq, body, private FROM objects ORDER BY seq"
        ):
            self._index(object_id, kind, seq, json.loads(body), json.loads(private))
            self._next_seq = max(self._next_seq, seq + 1)
        row = db.execute("SELECT value FROM meta WHERE key='settings'").fetchone()
        if row:
            self.settings = AccountSettings(**json.loads(row[0]))

    def commit(self) -> None:
        """Write every object changed since the last commit (called after each request)."""
        if self._db is None or not self._dirty:
            self._dirty.clear()
            return
        with self._db:
            self._db.execute("BEGIN")
            for object_id in self._dirty:
                if object_id in self._objects:
                    self._db.execute(
                        "INSERT OR REPLACE INTO objects VALUES (?, ?, ?, ?, ?)",
                        (
                            object_id,
                            self._kind_of[object_id],
                            self._seq[object_id],
                            json.dumps(self._objects[object_id]),
                            json.dumps(self._private.get(object_id, {})),
                        ),
                    )
                else:
                    self._db.execute("DELETE FROM objects WHERE id=?", (object_id,))
            self._db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('settings', ?)",
                (json.dumps(asdict(self.settings)),),
            )
        self._dirty.clear()

    def save_settings(self) -> None:
        self._dirty.add("__settings__")
        self.commit()

    def close(self) -> None:
        with self.lock:
            if self._db is not None:
                self.commit()
                self._db.close()
                self._db = None

    @property
    def database(self) -> sqlite3.Connection | None:
        return self._db

    # ----------------------------------------------------------------- objects
    def new_id(self, prefix: str, length: int = 24) -> str:
        while True:
            candidate = f"{prefix}_{random_token(length)}"
            if candidate not in self._objects:
                return candidate

    def _index(
        self, object_id: str, kind: str, seq: int, body: dict[str, Any], private: dict[str, Any]
    ) -> None:
        self._objects[object_id] = body
        self._private[object_id] = private
        self._kind_of[object_id] = kind
        self._seq[object_id] = seq
        self._by_kind[kind].append(object_id)

    def add(self, obj: dict[str, Any], private: dict[str, Any] | None = None) -> dict[str, Any]:
        """Store a new object; its kind is its ``object`` field."""
        object_id = obj["id"]
        self._index(object_id, obj["object"], self._next_seq, obj, dict(private or {}))
        self._next_seq += 1
        self._dirty.add(object_id)
        return obj

    def touch(self, object_id: str) -> None:
        """Mark an object changed in place, so the next commit writes it."""
        self._dirty.add(object_id)

    def replace(self, obj: dict[str, Any]) -> None:
        self._objects[obj["id"]] = obj
        self._dirty.add(obj["id"])

    def remove(self, object_id: str) -> None:
        kind = self._kind_of.pop(object_id)
        self._objects.pop(object_id)
        self._private.pop(object_id, None)
        self._seq.pop(object_id)
        self._by_kind[kind].remove(object_id)
        self._dirty.add(object_id)

    def get(self, object_id: str) -> dict[str, Any] | None:
        return self._objects.get(object_id)

    def private(self, object_id: str) -> dict[str, Any]:
        self._dirty.add(object_id)
        return self._private.setdefault(object_id, {})

    def peek_private(self, object_id: str) -> dict[str, Any]:
        return self._private.get(object_id, {})

    def require(self, kind: str, object_id: Any, label: str, param: str = "id") -> dict[str, Any]:
        """The object, or Stripe's 404 ``resource_missing`` naming it."""
        obj = self._objects.get(object_id) if isinstance(object_id, str) else None
        if obj is None or obj.get("object") != kind or obj.get("deleted"):
            raise resource_missing(label, str(object_id), param)
        return obj

    def newest_first(self, kind: str) -> list[dict[str, Any]]:
        return [self._objects[i] for i in reversed(self._by_kind.get(kind, []))]

    def count(self, kind: str) -> int:
        return len(self._by_kind.get(kind, []))

    # ----------------------------------------------------------------- time
    @staticmethod
    def now() -> float:
        return time.time()
