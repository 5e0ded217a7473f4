"""The HTTP side: authentication, faults, validation, idempotency, dispatch, responses.

``http.server`` is enough: the simulator serves a handful of desks on loopback, and the
standard library keeps it importable anywhere the app runs (including the frozen build).
Each connection gets a thread (``ThreadingHTTPServer``); handlers run under the state lock.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from . import wire
from .errors import ApiError, authentication, unrecognized_url
from .expansion import expand
from .faults import status_body
from .idempotency import fingerprint
from .routing import Request
from .state import random_token

if TYPE_CHECKING:
    from . import Simulator

ACCOUNT_SCOPE = "acct_simulated"


def _mask(key: str) -> str:
    return key[:8] + "*" * 12 + key[-4:] if len(key) > 12 else key[:3] + "***"


class KeyRegistry:
    """Restricted keys' permissions and revoked keys (set from tests or the control API)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.permissions: dict[str, set[str]] = {}
        self.revoked: set[str] = set()

    def restrict(self, key: str, permissions: list[str]) -> None:
        with self._lock:
            self.permissions[key] = set(permissions)

    def revoke(self, key: str) -> None:
        with self._lock:
            self.revoked.add(key)

    def authenticate(self, header: str | None) -> str:
        """The API key of a request, or Stripe's 401 error object."""
        key = ""
        if header:
            scheme, _, value = header.partition(" ")
            if scheme.lower() == "bearer":
                key = value.strip()
            elif scheme.lower() == "basic":
                try:
                    key = base64.b64decode(value).decode().partition(":")[0]
                except (ValueError, UnicodeDecodeError):
                    key = ""
        if not key:
            raise authentication(
                "You did not provide an API key. You need to provide your API key in the "
                "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
                "YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details,"
                " or we can help at https://support.stripe.com/."
            )
        if key.startswith("pk_"):
            raise authentication(
                "This API call cannot be made with a publishable API key. Please use a secret "
                "API key. You can find a list of your API keys at "
                "https://dashboard.stripe.com/account/apikeys."
            )
        if key.startswith(("sk_live_", "rk_live_")):
            raise authentication(
                "The moto-desk simulator accepts only test-mode keys (sk_test_… or rk_test_…); "
                f"a live key was provided: {_mask(key)}."
            )
        if not key.startswith(("sk_test_", "rk_test_")) or len(key) < 12:
            raise authentication(f"Invalid API Key provided: {_mask(key)}")
        with self._lock:
            if key in self.revoked:
                raise authentication(f"Expired API Key provided: {_mask(key)}")
        return key

    def check(self, key: str, permission: str | None, method: str) -> None:
        """Stripe's 403 for a restricted key lacking the endpoint's permission."""
        if permission is None:
            return
        with self._lock:
            granted = self.permissions.get(key)
        if granted is None:
            return
        needed = f"rak_{permission}_{'read' if method == 'GET' else 'write'}"
        also = f"rak_{permission}_write"
        if needed in granted or also in granted:
            return
        raise ApiError(
            403,
            "invalid_request_error",
            f"The provided key '{_mask(key)}' does not have the required permissions for this "
            f"endpoint on account '{ACCOUNT_SCOPE}'. Having the '{needed}' permission would "
            "allow this request to continue.",
        )


class _Dropped(Exception):
    """The connection is to be closed without an answer."""


class SimulatorHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the second waits for the
    # client's delayed ACK (~40 ms per request on loopback).
    disable_nagle_algorithm = True
    server: SimulatorServer
    server_version = "moto-desk-simulator"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.sim.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    # ------------------------------------------------------------------ plumbing
    def _send(
        self, status: int, body: dict[str, Any], request_id: str, headers: dict[str, str]
    ) -> None:
        payload = json.dumps(body, indent=2).encode()
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = ""
        self.send_response(status, phrase)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Request-Id", request_id)
        self.send_header("Stripe-Version", self.headers.get("Stripe-Version") or "")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _drop(self) -> None:
        self.close_connection = True
        raise _Dropped

    def _handle(self, method: str) -> None:
        try:
            self._dispatch(method)
        except _Dropped:
            self.close_connection = True

    def _dispatch(self, method: str) -> None:
        sim = self.server.sim
        split = urlsplit(self.path)
        path = split.path
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        request_id = "req_" + random_token(14)
        now = time.time()
        if path.startswith("/_sim/"):
            from .control import handle_control

            status, body = handle_control(sim, method, path, raw, split.query)
            self._send(status, body, request_id, {})
            return
        extra_headers: dict[str, str] = {}
        idem_key = self.headers.get("Idempotency-Key") if method == "POST" else None
        claimed = False
        try:
            api_key = sim.keys.authenticate(self.headers.get("Authorization"))
            if sim.faults.take("drop_before", method, path):
                self._drop()
            rule = sim.faults.take("status", method, path)
            if rule is not None:
                if rule.should_retry is not None:
                    extra_headers["Stripe-Should-Retry"] = str(rule.should_retry).lower()
                self._send(rule.status, status_body(rule), request_id, extra_headers)
                return
            params = wire.decode(raw if method == "POST" else split.query)
            found = sim.router.match(method, path)
            if found is None:
                raise unrecognized_url(method, path)
            route, path_params = found
            sim.keys.check(api_key, route.permission, method)
            for name, (code, message) in route.refused.items():
                if name in params:
                    raise ApiError(400, "invalid_request_error", message, code=code, param=name)
            if route.schema is not None:
                route.schema.validate(params)
            if idem_key:
                extra_headers["Idempotency-Key"] = idem_key
                stored = sim.idempotency.claim(
                    ACCOUNT_SCOPE, idem_key, fingerprint(method, path, params)
                )
                if stored is not None:
                    extra_headers["Idempotent-Replayed"] = "true"
                    assert stored.status is not None and stored.body is not None
                    # A replay is handled too: a drop_after fault loses it like any answer.
                    if sim.faults.take("drop_after", method, path):
                        self._drop()
                    self._send(stored.status, stored.body, request_id, extra_headers)
                    return
                claimed = True
            latency = sim.faults.take("latency", method, path)
            if latency is not None:
                time.sleep(latency.latency_ms / 1000)
            status, body = self._execute(
                route.handler, method, path, params, path_params, api_key, idem_key, request_id
            )
            if claimed and idem_key:
                sim.idempotency.finish(ACCOUNT_SCOPE, idem_key, status, body)
                claimed = False
        except ApiError as error:
            if claimed and idem_key:
                sim.idempotency.release(ACCOUNT_SCOPE, idem_key)
            extra_headers.update(error.headers)
            self._send(error.status, error.body(request_id, int(now)), request_id, extra_headers)
            return
        if sim.faults.take("drop_after", method, path):
            self._drop()
        self._send(status, body, request_id, extra_headers)

    def _execute(
        self,
        handler: Callable[[Request], dict[str, Any]],
        method: str,
        path: str,
        params: dict[str, Any],
        path_params: dict[str, str],
        api_key: str,
        idem_key: str | None,
        request_id: str,
    ) -> tuple[int, dict[str, Any]]:
        sim = self.server.sim
        state = sim.state
        with state.lock:
            now = time.time()
            sim.advance(now)
            request = Request(
                method, path, params, path_params, state, now, request_id, api_key, idem_key
            )
            try:
                result = handler(request)
                body = expand(state, result, params.get("expand"))
                status = 200
            except ApiError as error:
                if error.validation:
                    raise  # not stored for idempotency: the caller releases the key
                status = error.status
                body = error.body(request_id, int(now))
            state.commit()
            return status, json.loads(json.dumps(body))


class SimulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sim: Simulator) -> None:
        self.sim = sim
        super().__init__(address, SimulatorHandler)
