"""Small pieces of desk state kept between runs (the last reader used, the last currency…).

Not settings: those are typed and live in the settings file. This is what the program
remembers for the clerk's convenience, stored as JSON values under string keys in
``settings_kv``. Losing it costs a click, never money.
"""

from __future__ import annotations

import json

from moto_desk.records.connection import Db
from moto_desk.records.database import storage_errors
from moto_desk.records.timestamps import Clock, to_iso, utc_now


class DeskState:
    """Key/value desk state in an open database; use it on the thread that opened it."""

    def __init__(self, conn: Db, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    def get(self, key: str, default: object = None) -> object:
        """The value stored under ``key``, or ``default``."""
        with storage_errors():
            row = self._conn.execute(
                "SELECT value FROM settings_kv WHERE key = ?", (key,)
            ).fetchone()
        return default if row is None else json.loads(str(row[0]))

    def set(self, key: str, value: object) -> None:
        """Store ``value`` (anything JSON can hold) under ``key``."""
        encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
        with storage_errors():
            self._conn.execute(
                "INSERT INTO settings_kv (key, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                " updated_at = excluded.updated_at",
                (key, encoded, to_iso(self._clock())),
            )

    def delete(self, key: str) -> None:
        """Forget ``key``; a missing key is not an error."""
        with storage_errors():
            self._conn.execute("DELETE FROM settings_kv WHERE key = ?", (key,))
