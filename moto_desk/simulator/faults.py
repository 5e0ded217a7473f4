"""Fault injection, switchable at run time (Python, CLI, control endpoint).

A rule matches requests by method and a path regex and fires ``times`` times (or until
cleared). Kinds:

- ``latency``: sleep ``latency_ms`` before handling;
- ``status``: answer ``status`` (500, 503, 429…) without doing the work; ``should_retry``
  sets ``Stripe-Should-Retry``;
- ``drop_before``: close the connection before the request is handled (nothing happened);
- ``drop_after``: handle the request fully, then close the connection without answering —
  the dangerous one: the work is done and the client never hears of it.
"""

from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass
from typing import Any

KINDS = ("latency", "status", "drop_before", "drop_after")


@dataclass
class FaultRule:
    kind: str
    method: str | None = None
    path: str | None = None
    times: int | None = None
    latency_ms: int = 0
    status: int = 500
    should_retry: bool | None = None
    code: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; one of {', '.join(KINDS)}")

    def matches(self, method: str, path: str) -> bool:
        if self.method and self.method.upper() != method:
            return False
        return not (self.path and not re.search(self.path, path))


class Faults:
    """The active rules; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []

    def add(self, rule: FaultRule | None = None, **fields: Any) -> FaultRule:
        rule = rule or FaultRule(**fields)
        with self._lock:
            self._rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def rules(self) -> list[dict[str, Any]]:
        with self._lock:
            return [asdict(rule) for rule in self._rules]

    def take(self, kind: str, method: str, path: str) -> FaultRule | None:
        """The first matching rule of ``kind``, consuming one of its ``times``."""
        with self._lock:
            for rule in self._rules:
                if rule.kind == kind and rule.matches(method, path):
                    if rule.times is not None:
                        rule.times -= 1
                        if rule.times <= 0:
                            self._rules.remove(rule)
                    return rule
        return None


def status_body(rule: FaultRule) -> dict[str, Any]:
    """Stripe's error body for an injected status."""
    if rule.status == 429:
        code = rule.code or "rate_limit"
        message = (
            "Too many requests hit the API too quickly. We recommend an exponential backoff "
            "of your requests."
            if code == "rate_limit"
            else "This object cannot be accessed right now because another API request or "
            "Stripe process is currently accessing it."
        )
        return {"error": {"type": "invalid_request_error", "code": code, "message": message}}
    return {
        "error": {
            "type": "api_error",
            "message": "An unknown error occurred. Please try again later.",
        }
    }
