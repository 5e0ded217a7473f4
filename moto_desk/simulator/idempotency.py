"""Idempotent requests as Stripe implements them (stripe-notes §5.3).

The first request with a key claims it; once the endpoint has begun executing, its status
and body are stored and replayed to every later request with the same key and the same
parameters (with ``Idempotent-Replayed: true``), errors included. The same key with other
parameters is a 400 ``idempotency_error``; a request arriving while the first still runs
gets 409 ``idempotency_key_in_use``. A request refused by parameter validation is not
stored, so it may be retried. Keys expire after 24 hours.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import Any

from .errors import ApiError

RETENTION_S = 24 * 3600


@dataclass
class Stored:
    fingerprint: str
    status: int | None = None
    body: dict[str, Any] | None = None
    created: float = 0.0

    @property
    def finished(self) -> bool:
        return self.status is not None


def fingerprint(method: str, path: str, params: dict[str, Any]) -> str:
    canonical = json.dumps([method, path, params], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class IdempotencyStore:
    def __init__(self, db: sqlite3.Connection | None = None) -> None:
        self._lock = threading.Lock()
        self._records: dict[tuple[str, str], Stored] = {}
        self._db = db
        if db is not None:
            for scope, key, created, record in db.execute(
                "SELECT scope, key, created, record FROM idempotency"
            ):
                data = json.loads(record)
                self._records[(scope, key)] = Stored(
                    data["fingerprint"], data["status"], data["body"], created
                )

    def claim(self, scope: str, key: str, print_: str) -> Stored | None:
        """Claim ``key`` for a new request, or return the stored answer to replay.

        Raises the 400/409 errors Stripe gives for a mismatched or in-flight key.
        """
        now = time.time()
        with self._lock:
            existing = self._records.get((scope, key))
            if existing is not None and now - existing.created > RETENTION_S:
                existing = None
            if existing is None:
                self._records[(scope, key)] = Stored(print_, created=now)
                return None
            if existing.fingerprint != print_:
                raise ApiError(
                    400,
                    "idempotency_error",
                    "Keys for idempotent requests can only be used with the same parameters "
                    "they were first used with. Try using a key other than "
                    f"'{key}' if you meant to execute a different request.",
                )
            if not existing.finished:
                raise ApiError(
                    409,
                    "invalid_request_error",
                    "There is currently another in-progress request using this Idempotent "
                    "Key (that probably means you submitted twice, and the other request is "
                    "still going through): " + key + ". Please try again later.",
                    code="idempotency_key_in_use",
                )
            return existing

    def release(self, scope: str, key: str) -> None:
        """Forget a claim whose request never began executing (validation failed, fault)."""
        with self._lock:
            record = self._records.get((scope, key))
            if record is not None and not record.finished:
                del self._records[(scope, key)]

    def finish(self, scope: str, key: str, status: int, body: dict[str, Any]) -> None:
        with self._lock:
            record = self._records[(scope, key)]
            record.status = status
            record.body = body
            if self._db is not None:
                self._db.execute(
                    "INSERT OR REPLACE INTO idempotency VALUES (?, ?, ?, ?)",
                    (
                        scope,
                        key,
                        record.created,
                        json.dumps(
                            {"fingerprint": record.fingerprint, "status": status, "body": body}
                        ),
                    ),
                )
