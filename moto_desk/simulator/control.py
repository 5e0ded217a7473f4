"""The control endpoint (``/_sim/…``): switch faults and account settings at run time.

JSON in, JSON out, no API key: it exists for tests, demos and several desks sharing one
simulator, and listens only where the simulator listens (loopback by default).

- ``GET /_sim/health``
- ``GET|POST|DELETE /_sim/faults`` — list, add (``{"kind": "status", "status": 503, …}``), clear
- ``GET|POST /_sim/settings`` — account switches (``moto_enabled``, ``reader_timeout_s``…)
- ``POST /_sim/readers/{id}`` — reader flags (``status``, ``busy``, ``hang``,
  ``timeout_delivered``, ``auto_present``, ``customer_cancel``)
- ``POST /_sim/keys`` — ``{"key": …, "permissions": [...]}`` or ``{"key": …, "revoked": true}``
- ``POST /_sim/seed-demo``
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from .errors import ApiError
from .faults import FaultRule

if TYPE_CHECKING:
    from . import Simulator


def _error(status: int, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"error": {"type": "invalid_request_error", "message": message}}


def handle_control(
    sim: Simulator, method: str, path: str, raw: str, query: str
) -> tuple[int, dict[str, Any]]:
    try:
        body = json.loads(raw) if raw.strip() else {}
    except json.JSONDecodeError as exc:
        return _error(400, f"body is not JSON: {exc}")
    if not isinstance(body, dict):
        return _error(400, "body must be a JSON object")
    parts = path.strip("/").split("/")[1:]
    try:
        if parts == ["health"]:
            return 200, {"ok": True, "url": sim.url}
        if parts == ["faults"]:
            if method == "POST":
                rule = sim.faults.add(FaultRule(**body))
                return 200, {"added": asdict(rule), "rules": sim.faults.rules()}
            if method == "DELETE":
                sim.faults.clear()
            return 200, {"rules": sim.faults.rules()}
        if parts == ["settings"]:
            if method == "POST":
                sim.configure(**body)
            return 200, asdict(sim.state.settings)
        if len(parts) == 2 and parts[0] == "readers" and method == "POST":
            return 200, sim.set_reader(parts[1], **body)
        if parts == ["keys"] and method == "POST":
            key = str(body.get("key", ""))
            if body.get("revoked"):
                sim.keys.revoke(key)
            else:
                sim.keys.restrict(key, list(body.get("permissions", [])))
            return 200, {"key": key}
        if parts == ["seed-demo"] and method == "POST":
            return 200, sim.seed_demo()
    except (TypeError, ValueError) as exc:
        return _error(400, str(exc))
    except ApiError as exc:
        return exc.status, {"error": {"type": exc.type, "message": exc.message}}
    return _error(404, f"unknown control endpoint {method} {path}")
