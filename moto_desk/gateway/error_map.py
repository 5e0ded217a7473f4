"""The one place Stripe's errors become the clerk's error kinds (STYLE §3).

Branch on Stripe's ``type``/``code``/``decline_code``, never on message text, except where
Stripe gives nothing else (a restricted key's missing permission is only named in the
message, and MOTO gating shows up as ``parameter_unknown`` on ``process_config[moto]``).
"""

from __future__ import annotations

import re

import stripe

from moto_desk.domain.errors import (
    Declined,
    ErrorKind,
    InvalidInput,
    MotoDeskError,
    OutcomeUnknown,
    PermissionDenied,
    ReaderBusy,
)
from moto_desk.domain.words import QT_TRANSLATE_NOOP

_PERMISSION = re.compile(r"'(rak_[a-z_]+)'")

_INPUT_WORDS = {
    "amount_too_small": QT_TRANSLATE_NOOP(
        "clerk", "The amount is below the smallest amount Stripe accepts for this currency."
    ),
    "amount_too_large": QT_TRANSLATE_NOOP(
        "clerk", "The amount is above the largest amount Stripe accepts."
    ),
    "email_invalid": QT_TRANSLATE_NOOP("clerk", "The email address is not valid."),
    "charge_already_refunded": QT_TRANSLATE_NOOP(
        "clerk", "This payment has already been refunded in full."
    ),
}


def _detail(error: stripe.StripeError) -> str:
    body = error.error
    code = body.code if body is not None else None
    return f"stripe {type(error).__name__} http={error.http_status} code={code}"


def map_error(error: stripe.StripeError, *, write: bool) -> MotoDeskError:
    """Translate a Stripe SDK exception. ``write`` marks a request that may have had effect.

    A network failure or a Stripe-side 5xx on a write is "outcome unknown" — the request
    may have been carried out — and is settled by repeating it with the same idempotency
    key, never by a new request.
    """
    request_id = error.request_id
    detail = _detail(error)
    body = error.error
    code = body.code if body is not None else None
    param = body.param if body is not None else None

    if isinstance(error, stripe.APIConnectionError):
        if write:
            return OutcomeUnknown(detail=detail, request_id=request_id)
        return MotoDeskError(ErrorKind.NETWORK, detail=detail, request_id=request_id)
    if isinstance(error, stripe.CardError):
        decline = body.decline_code if body is not None else None
        if code == "authentication_required" or decline == "authentication_required":
            return MotoDeskError(
                ErrorKind.AUTHENTICATION_REQUIRED, detail=detail, request_id=request_id
            )
        return Declined(decline, code, detail=detail, request_id=request_id)
    if isinstance(error, stripe.AuthenticationError):
        return MotoDeskError(ErrorKind.AUTHENTICATION, detail=detail, request_id=request_id)
    if isinstance(error, stripe.PermissionError):
        found = _PERMISSION.search(error.user_message or "")
        return PermissionDenied(
            found.group(1) if found else None, detail=detail, request_id=request_id
        )
    if isinstance(error, stripe.RateLimitError):
        return MotoDeskError(ErrorKind.RATE_LIMITED, detail=detail, request_id=request_id)
    if isinstance(error, stripe.IdempotencyError):
        # Our keys are derived from journal entries; a mismatch means our bug, not the clerk's.
        return MotoDeskError(ErrorKind.BUG, detail=detail, request_id=request_id)
    if isinstance(error, stripe.InvalidRequestError):
        if code == "terminal_reader_busy":
            return ReaderBusy(None, detail=detail, request_id=request_id)
        if code == "terminal_reader_offline":
            return MotoDeskError(ErrorKind.READER_OFFLINE, detail=detail, request_id=request_id)
        if code == "terminal_reader_timeout":
            return MotoDeskError(ErrorKind.READER_TIMEOUT, detail=detail, request_id=request_id)
        if code == "parameter_unknown" and param == "process_config[moto]":
            return MotoDeskError(ErrorKind.MOTO_NOT_ENABLED, detail=detail, request_id=request_id)
        if code == "resource_missing" or error.http_status == 404:
            return MotoDeskError(ErrorKind.NOT_FOUND, detail=detail, request_id=request_id)
        if code in _INPUT_WORDS:
            return InvalidInput(
                _INPUT_WORDS[code], field=param, detail=detail, request_id=request_id
            )
        if param in ("email", "receipt_email"):
            return InvalidInput(
                _INPUT_WORDS["email_invalid"], field=param, detail=detail, request_id=request_id
            )
        return MotoDeskError(ErrorKind.BUG, detail=detail, request_id=request_id)
    if isinstance(error, stripe.APIError):
        # 409 and 5xx: Stripe may or may not have done the work.
        if write:
            return OutcomeUnknown(detail=detail, request_id=request_id)
        return MotoDeskError(ErrorKind.NETWORK, detail=detail, request_id=request_id)
    return MotoDeskError(ErrorKind.BUG, detail=detail, request_id=request_id)
