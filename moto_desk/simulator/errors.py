"""Stripe's error objects and the HTTP statuses that carry them (stripe-notes §5.1, §5.2).

A handler raises :class:`ApiError`; the server turns it into ``{"error": {...}}`` with the
status, a ``doc_url`` for coded errors and a ``request_log_url`` naming the request id.
"""

from __future__ import annotations

from typing import Any

DOC_BASE = "https://docs.stripe.com/error-codes#"


class ApiError(Exception):
    """An error Stripe would answer with; ``extra`` holds embedded objects (intents, PMs)."""

    def __init__(
        self,
        status: int,
        type_: str,
        message: str,
        *,
        code: str | None = None,
        param: str | None = None,
        decline_code: str | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        validation: bool = False,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.type = type_
        self.message = message
        self.code = code
        self.param = param
        self.decline_code = decline_code
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})
        # Raised while checking parameter values, before the endpoint began executing:
        # Stripe stores no idempotent result for it, so a corrected retry may reuse the key.
        self.validation = validation

    def body(self, request_id: str, now: int) -> dict[str, Any]:
        error: dict[str, Any] = {"type": self.type, "message": self.message}
        if self.code:
            error["code"] = self.code
            error["doc_url"] = DOC_BASE + self.code.replace("_", "-")
        if self.decline_code:
            error["decline_code"] = self.decline_code
        if self.param:
            error["param"] = self.param
        error["request_log_url"] = f"https://dashboard.stripe.com/test/logs/{request_id}?t={now}"
        error.update(self.extra)
        return {"error": error}


def invalid_request(
    message: str,
    *,
    code: str | None = None,
    param: str | None = None,
    status: int = 400,
    extra: dict[str, Any] | None = None,
    validation: bool = False,
) -> ApiError:
    return ApiError(
        status,
        "invalid_request_error",
        message,
        code=code,
        param=param,
        extra=extra,
        validation=validation,
    )


def unknown_parameter(name: str) -> ApiError:
    return invalid_request(
        f"Received unknown parameter: {name}", code="parameter_unknown", param=name
    )


def missing_parameter(name: str) -> ApiError:
    return invalid_request(f"Missing required param: {name}.", code="parameter_missing", param=name)


def invalid_value(name: str, message: str, code: str = "parameter_invalid_empty") -> ApiError:
    return invalid_request(message, code=code, param=name)


def resource_missing(kind: str, object_id: str, param: str = "id") -> ApiError:
    return invalid_request(
        f"No such {kind}: '{object_id}'", code="resource_missing", param=param, status=404
    )


def unrecognized_url(method: str, path: str) -> ApiError:
    return invalid_request(
        f"Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs "
        "or we can help at https://support.stripe.com/.",
        status=404,
    )


def authentication(message: str) -> ApiError:
    return ApiError(401, "invalid_request_error", message)


def card_error(
    message: str,
    *,
    code: str,
    decline_code: str | None = None,
    param: str | None = None,
    extra: dict[str, Any] | None = None,
) -> ApiError:
    return ApiError(
        402,
        "card_error",
        message,
        code=code,
        decline_code=decline_code,
        param=param,
        extra=extra,
    )
