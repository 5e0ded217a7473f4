"""The SDK's HTTP client, timed: every attempt to Stripe goes into the desk's request log.

``RequestsClient.request`` is the one call the SDK makes per HTTP attempt (its retry loop,
``HTTPClient._request_with_retries_internal``, calls it once per try), so overriding it sees
each attempt with its real status — a 503 and the retry that succeeded are two entries — and
nothing above it (bodies, parameters) needs to be looked at. Only the method, the URL's path,
the status, the ``Request-Id`` response header and the time are kept
(:mod:`moto_desk.diagnostics.request_log`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import stripe

from moto_desk.diagnostics.request_log import RequestLog, RequestRecord, now_iso, safe_path


class TimedRequestsClient(stripe.RequestsClient):
    """A ``stripe.RequestsClient`` that records each attempt in a :class:`RequestLog`."""

    def __init__(self, log: RequestLog, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.request_log = log

    # The signature of RequestsClient.request itself, which stripe 16.1.0 declares
    # differently from its base HTTPClient.request (no ``_usage``, bytes not str).
    def request(  # type: ignore[override]
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None,
        post_data: Any = None,
    ) -> tuple[bytes, int, Mapping[str, str]]:
        started = now_iso()
        start = time.perf_counter()
        try:
            content, status, response_headers = super().request(method, url, headers, post_data)
        except stripe.APIConnectionError as error:
            cause = error.__cause__
            self._record(started, start, method, url, None, None, type(cause or error).__name__)
            raise
        # requests' headers are case-insensitive; Stripe sends "Request-Id".
        request_id = response_headers.get("Request-Id")
        self._record(started, start, method, url, status, request_id, None)
        return content, status, response_headers

    def _record(
        self,
        started: str,
        start: float,
        method: str,
        url: str,
        status: int | None,
        request_id: str | None,
        error: str | None,
    ) -> None:
        self.request_log.record(
            RequestRecord(
                time=started,
                method=method.upper(),
                path=safe_path(url),
                status=status,
                request_id=request_id,
                duration_ms=round((time.perf_counter() - start) * 1000, 1),
                error=error,
            )
        )
