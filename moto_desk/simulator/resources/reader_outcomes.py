"""A reader's action from start to end: its private record, and what a presented card does.

Server-driven Terminal (stripe-notes §1.5, §2): a command puts an action ``in_progress`` on
the reader (:mod:`.reader_actions`); the action ends when a card is presented and
:func:`conclude` applies its outcome to the intent — a MOTO keyed ``card`` or a dipped
``card_present`` saved for a SetupIntent, or a card-present charge of a PaymentIntent — or when
the reader's clock or a simulated fault ends it (:mod:`.reader_simulation`).

What Stripe keeps about a reader but never shows lives in its private record, so it survives
a ``--state`` restart:

- ``flags``: the simulated faults (``busy``, ``hang``, ``timeout_delivered``, ``auto_present``);
  ``status`` (online/offline) is the reader's public field itself;
- ``run``: the in-progress action's runtime — its ``deadline`` (reader timeout), when the
  reader keys in its ``auto_present`` card, the MOTO switch and ``allow_redisplay`` of the
  command, and, once a card is presented with ``processing_delay_s`` > 0, the
  ``authorising`` phase (the card and when its outcome is due).

Stripe behaviour chosen here where it is unverified is marked **(unverified)**.
"""

from __future__ import annotations

import copy
import time
from typing import Any

from .. import cards
from ..cards import Failure, TestCard
from ..errors import DOC_BASE, card_error
from ..state import State
from . import charges
from .setup_intents import card_error_hash, mark_processing, record_failure, record_success

PROCESS_KINDS = ("process_setup_intent", "process_payment_intent")
FLAG_DEFAULTS: dict[str, Any] = {
    "busy": False,
    "hang": False,
    "timeout_delivered": 0,
    "auto_present": None,
}
AUTO_PRESENT_DELAY_S = 0.3

# A keyed entry the reader itself refuses, before anything reaches the card network.
INVALID_EXPIRY_MONTH = Failure(
    "invalid_expiry_month", None, "Your card's expiration month is invalid.", "exp_month"
)
INVALID_EXPIRY_YEAR = Failure(
    "invalid_expiry_year", None, "Your card's expiration year is invalid.", "exp_year"
)
INVALID_CVC = Failure("invalid_cvc", None, "Your card's security code is invalid.", "cvc")
# Terminal's testing page: its decline cards, dipped for a SetupIntent, fail this way.
SETUP_AUTHENTICATION_FAILURE = Failure(
    "setup_intent_authentication_failure",
    None,
    "The latest attempt to set up the payment method has failed because authentication "
    "failed. Provide a new payment method to attempt to fulfill this SetupIntent again.",
)


# ============================================================================ private record
def flags_of(state: State, reader_id: str) -> dict[str, Any]:
    """The reader's simulated faults, defaults filled in (a copy: change with set_flags)."""
    stored = state.peek_private(reader_id).get("flags") or {}
    return {**FLAG_DEFAULTS, **stored}


def set_flags(state: State, reader_id: str, flags: dict[str, Any]) -> None:
    """Store the reader's faults (marks the record for the next commit)."""
    state.private(reader_id)["flags"] = flags


def run_of(state: State, reader_id: str) -> dict[str, Any] | None:
    """The runtime of the reader's in-progress action, if it has one."""
    run = state.peek_private(reader_id).get("run")
    return run if isinstance(run, dict) else None


def set_run(state: State, reader_id: str, run: dict[str, Any] | None) -> None:
    """Store (or, with ``None``, drop) the in-progress action's runtime."""
    state.private(reader_id)["run"] = run


def auto_present_at(flags: dict[str, Any], run: dict[str, Any], now: float) -> float | None:
    """When an ``auto_present`` reader keys in its card for a process action started now."""
    auto = flags["auto_present"]
    if not auto or run["kind"] not in PROCESS_KINDS:
        return None
    return now + float(auto.get("delay_s", AUTO_PRESENT_DELAY_S))


def next_year(now: float) -> int:
    """The expiry year of Stripe's default test card: always in the future."""
    return time.gmtime(now).tm_year + 1


# ============================================================================ presented cards
def release_intent(state: State, run: dict[str, Any] | None) -> None:
    """The SetupIntent the action was processing is no longer on this reader."""
    if run is not None and run["kind"] == "process_setup_intent":
        si = state.get(run["intent"])
        if si is not None:
            mark_processing(state, si, None)


def accept_card(
    state: State,
    reader: dict[str, Any],
    run: dict[str, Any],
    presented: dict[str, Any],
    at: float,
) -> None:
    """The reader has the card: authorise for ``processing_delay_s``, or conclude now."""
    delay = float(state.settings.processing_delay_s)
    if delay > 0:
        run["authorising"] = {"due": at + delay, "card": presented}
        set_run(state, reader["id"], run)
        state.touch(reader["id"])
        return
    conclude(state, reader, run, presented, at)


def finish(
    state: State,
    reader: dict[str, Any],
    run: dict[str, Any] | None,
    *,
    failure: tuple[str, str] | None = None,
    api_error: dict[str, Any] | None = None,
    generated_card: str | None = None,
) -> None:
    """End the in-progress action: ``succeeded``, or ``failed`` with (code, message)."""
    action = reader["action"]
    action["status"] = "failed" if failure else "succeeded"
    action["failure_code"] = failure[0] if failure else None
    action["failure_message"] = failure[1] if failure else None
    action["api_error"] = api_error
    if generated_card is not None and action["type"] == "process_setup_intent":
        action["process_setup_intent"]["generated_card"] = generated_card
    set_run(state, reader["id"], None)
    release_intent(state, run)
    state.touch(reader["id"])


# ============================================================================ outcomes
def _action_api_error(error: dict[str, Any], si: dict[str, Any]) -> dict[str, Any]:
    """``action.api_error`` (stripe-notes §2.4): the API error, the SetupIntent embedded."""
    return {
        **error,
        "charge": None,
        "payment_intent": None,
        "request_log_url": None,
        "setup_intent": copy.deepcopy(si),
        "source": None,
    }


def conclude(
    state: State,
    reader: dict[str, Any],
    run: dict[str, Any],
    presented: dict[str, Any],
    at: float,
) -> None:
    """Apply the outcome of a presented card to the action's intent and to the action."""
    if run["kind"] == "process_setup_intent":
        _conclude_setup(state, reader, run, presented, at)
    else:
        _conclude_payment(state, reader, run, presented, at)


def _conclude_setup(
    state: State,
    reader: dict[str, Any],
    run: dict[str, Any],
    presented: dict[str, Any],
    at: float,
) -> None:
    si = state.get(run["intent"])
    assert si is not None  # SetupIntents are never deleted
    if si["status"] != "requires_payment_method":
        _fail_stale_intent(state, reader, run, si)
        return
    created = int(at)
    if presented["type"] == "card":
        error, generated = _save_keyed(state, si, run, presented, created), None
    else:
        error, generated = _save_dipped(state, si, run, presented, created)
    if error is None:
        finish(state, reader, run, generated_card=generated)
        return
    finish(
        state,
        reader,
        run,
        failure=(error["code"], error["message"]),
        api_error=_action_api_error(error, si),
    )


def _fail_stale_intent(
    state: State, reader: dict[str, Any], run: dict[str, Any], si: dict[str, Any]
) -> None:
    """The SetupIntent changed state while the reader waited (canceled from the API…).

    The action fails with the intent's own error code **(unverified)**.
    """
    error: dict[str, Any] = {
        "advice_code": None,
        "code": "setup_intent_unexpected_state",
        "decline_code": None,
        "doc_url": DOC_BASE + "setup-intent-unexpected-state",
        "message": f"This SetupIntent has a status of {si['status']} and can no longer be "
        "set up on a reader.",
        "network_advice_code": None,
        "network_decline_code": None,
        "param": None,
        "payment_method": None,
        "payment_method_type": None,
        "type": "invalid_request_error",
    }
    finish(
        state,
        reader,
        run,
        failure=(error["code"], error["message"]),
        api_error=_action_api_error(error, si),
    )


def keyed_card_check(
    presented: dict[str, Any], at: float
) -> tuple[TestCard | None, Failure | None]:
    """What the reader and the card network make of a keyed card.

    ``(None, failure)`` when the entry is refused before a PaymentMethod exists (number,
    expiry, CVC format); ``(card, failure)`` when the card is declined (a PaymentMethod is
    created, unattached); ``(card, None)`` when it saves. Stripe's online test-card outcomes
    are applied to a MOTO save as they are to an online setup, and a past expiry answers
    ``invalid_expiry_year``/``invalid_expiry_month`` as a keyed card does online
    **(unverified for a simulated reader, stripe-notes §9.10)**.
    """
    card, failure = cards.lookup(presented["number"])
    if card is None:
        return None, failure
    month, year = presented["exp_month"], presented["exp_year"]
    today = time.gmtime(at)
    if not 1 <= month <= 12:
        return None, INVALID_EXPIRY_MONTH
    if year < today.tm_year:
        return None, INVALID_EXPIRY_YEAR
    if year == today.tm_year and month < today.tm_mon:
        return None, INVALID_EXPIRY_MONTH
    cvc = presented["cvc"]
    if cvc is not None and not _cvc_ok(cvc, card):
        return None, INVALID_CVC
    return card, card.on_save


def _cvc_ok(cvc: str, card: TestCard) -> bool:
    return cvc.isdigit() and len(cvc) == (4 if card.brand == "amex" else 3)


def _card_details(pm: dict[str, Any], moto: bool) -> dict[str, Any]:
    """``SetupAttempt.payment_method_details`` of a keyed card (stripe-notes §1.4, §7)."""
    card = pm["card"]
    return {
        "card": {
            "brand": card["brand"],
            "checks": copy.deepcopy(card["checks"]),
            "country": card["country"],
            "description": None,
            "exp_month": card["exp_month"],
            "exp_year": card["exp_year"],
            "fingerprint": card["fingerprint"],
            "funding": card["funding"],
            "iin": None,
            "issuer": None,
            "last4": card["last4"],
            "moto": moto,
            "network": card["brand"],
            "three_d_secure": None,
            "wallet": None,
        },
        "type": "card",
    }


def _save_keyed(
    state: State,
    si: dict[str, Any],
    run: dict[str, Any],
    presented: dict[str, Any],
    created: int,
) -> dict[str, Any] | None:
    """MOTO: a ``card`` PaymentMethod attached to the SetupIntent's customer, or the error.

    The saved card is of type ``card`` with ``allow_redisplay`` from the command, the attempt
    shows ``payment_method_details.card.moto = true`` and ``generated_card`` stays null
    **(unverified: Stripe publishes no MOTO SetupIntent result, stripe-notes §7, §9.3)**.
    A declined card still yields a PaymentMethod (unattached), named in the error and the
    failed SetupAttempt, as Stripe's declined online setups do.
    """
    card, failure = keyed_card_check(presented, created)
    if card is None:
        assert failure is not None
        error = card_error_hash(failure, payment_method=None, payment_method_type="card")
        record_failure(state, si, error=error, payment_method=None, details=None, created=created)
        return error
    saved = failure is None
    pm = cards.create_card_payment_method(
        state,
        card,
        presented["exp_month"],
        presented["exp_year"],
        cvc_supplied=presented["cvc"] is not None,
        created=created,
        customer=si["customer"] if saved else None,
        allow_redisplay=run["allow_redisplay"] if saved else "unspecified",
    )
    if failure is not None and failure.code == "incorrect_cvc":
        pm["card"]["checks"]["cvc_check"] = "fail"
    details = _card_details(pm, bool(run["moto"]))
    if failure is None:
        record_success(state, si, payment_method=pm["id"], details=details, created=created)
        return None
    error = card_error_hash(failure, payment_method=pm, payment_method_type="card")
    record_failure(
        state, si, error=error, payment_method=pm["id"], details=details, created=created
    )
    return error


def _card_present_pm(
    state: State, card: TestCard, presented: dict[str, Any], created: int
) -> dict[str, Any]:
    """A ``card_present`` PaymentMethod: what a dipped card is; never chargeable online."""
    pm = {
        "id": state.new_id("pm"),
        "object": "payment_method",
        "allow_redisplay": "unspecified",
        "billing_details": {
            "address": dict.fromkeys(("city", "country", "line1", "line2", "postal_code", "state")),
            "email": None,
            "name": None,
            "phone": None,
            "tax_id": None,
        },
        "card_present": {
            "brand": card.brand,
            "brand_product": None,
            "cardholder_name": None,
            "country": card.country,
            "description": None,
            "exp_month": presented["exp_month"],
            "exp_year": presented["exp_year"],
            "fingerprint": cards.fingerprint(card.number),
            "funding": card.funding,
            "iin": None,
            "issuer": None,
            "last4": card.number[-4:],
            "networks": {"available": [card.brand], "preferred": None},
            "offline": None,
            "preferred_locales": ["en"],
            "read_method": "contact_emv",
            "wallet": None,
        },
        "created": created,
        "customer": None,
        "customer_account": None,
        "livemode": False,
        "metadata": {},
        "type": "card_present",
    }
    return state.add(pm, cards.private_card(card))


def _save_dipped(
    state: State,
    si: dict[str, Any],
    run: dict[str, Any],
    presented: dict[str, Any],
    created: int,
) -> tuple[dict[str, Any] | None, str | None]:
    """A dipped card: SetupIntent.payment_method is the ``card_present`` PaymentMethod, and
    the reusable ``card`` generated from it is attached to the customer (Terminal save docs).

    Decline cards fail with ``setup_intent_authentication_failure`` (Terminal testing page).
    """
    card, failure = cards.lookup(presented["number"])
    if card is None:
        assert failure is not None
        error = card_error_hash(failure, payment_method=None, payment_method_type="card_present")
        record_failure(state, si, error=error, payment_method=None, details=None, created=created)
        return error, None
    dipped = _card_present_pm(state, card, presented, created)
    if card.on_save is not None:
        error = card_error_hash(
            SETUP_AUTHENTICATION_FAILURE,
            payment_method=dipped,
            payment_method_type="card_present",
            error_type="invalid_request_error",
        )
        details = {
            "card_present": {"generated_card": None, "offline": None},
            "type": "card_present",
        }
        record_failure(
            state, si, error=error, payment_method=dipped["id"], details=details, created=created
        )
        return error, None
    generated = cards.create_card_payment_method(
        state,
        card,
        presented["exp_month"],
        presented["exp_year"],
        cvc_supplied=False,
        created=created,
        customer=si["customer"],
        allow_redisplay=run["allow_redisplay"],
    )
    details = {
        "card_present": {"generated_card": generated["id"], "offline": None},
        "type": "card_present",
    }
    attempt = record_success(
        state, si, payment_method=dipped["id"], details=details, created=created
    )
    generated["card"]["generated_from"] = {
        "charge": None,
        "payment_method_details": {
            "card_present": _generated_from_details(dipped),
            "type": "card_present",
        },
        "setup_attempt": attempt["id"],
    }
    state.touch(generated["id"])
    return None, generated["id"]


def _generated_from_details(dipped: dict[str, Any]) -> dict[str, Any]:
    present = dipped["card_present"]
    return {
        key: present[key]
        for key in (
            "brand",
            "cardholder_name",
            "country",
            "exp_month",
            "exp_year",
            "fingerprint",
            "funding",
            "last4",
            "read_method",
        )
    }


# ---------------------------------------------------------------------------- payments
def _charge_details(pm: dict[str, Any], amount: int) -> dict[str, Any]:
    """``payment_method_details`` of a card-present charge (SDK ``Charge…CardPresent``)."""
    present = pm["card_present"]
    return {
        "card_present": {
            "amount_authorized": amount,
            "brand": present["brand"],
            "brand_product": None,
            "capture_before": None,
            "cardholder_name": None,
            "country": present["country"],
            "description": None,
            "emv_auth_data": None,
            "exp_month": present["exp_month"],
            "exp_year": present["exp_year"],
            "fingerprint": present["fingerprint"],
            "funding": present["funding"],
            "generated_card": None,
            "iin": None,
            "incremental_authorization_supported": False,
            "issuer": None,
            "last4": present["last4"],
            "network": present["brand"],
            "network_transaction_id": None,
            "offline": None,
            "overcapture_supported": False,
            "preferred_locales": present["preferred_locales"],
            "read_method": present["read_method"],
            "receipt": None,
            "wallet": None,
        },
        "type": "card_present",
    }


def _charge_failure(card: TestCard) -> Failure | None:
    """Terminal's error cards decline a card-present charge; there is no 3DS on a reader."""
    if card.on_save is not None:
        return card.on_save
    if card.on_charge is cards.AUTH_REQUIRED:
        return None
    return card.on_charge


def _conclude_payment(
    state: State,
    reader: dict[str, Any],
    run: dict[str, Any],
    presented: dict[str, Any],
    at: float,
) -> None:
    """Confirm the PaymentIntent with the dipped card, as the reader does."""
    intent = state.get(run["intent"])
    assert intent is not None  # PaymentIntents are never deleted
    if intent["status"] != "requires_payment_method":
        _fail_stale_payment(state, reader, run, intent)
        return
    created = int(at)
    tip = presented.get("amount_tip")
    if tip:
        intent["amount"] += tip
        intent["amount_details"] = {"tip": {"amount": tip}}
    card, refused = cards.lookup(presented["number"])
    if card is None:
        assert refused is not None
        _decline_payment(
            state, reader, run, intent, refused, pm=None, charge_id=None, created=created
        )
        return
    pm = _card_present_pm(state, card, presented, created)
    failure = _charge_failure(card)
    manual = intent["capture_method"] == "manual"
    charge = charges.create_charge(
        state, intent, pm, created=created, failure=failure, capture=not manual
    )
    charge["payment_method_details"] = _charge_details(pm, intent["amount"])
    state.touch(charge["id"])
    if failure is not None:
        _decline_payment(
            state, reader, run, intent, failure, pm=pm, charge_id=charge["id"], created=created
        )
        return
    intent.update(
        status="requires_capture" if manual else "succeeded",
        amount_capturable=intent["amount"] if manual else 0,
        amount_received=0 if manual else intent["amount"],
        latest_charge=charge["id"],
        last_payment_error=None,
        next_action=None,
        payment_method=pm["id"],
    )
    state.touch(intent["id"])
    finish(state, reader, run)


def _decline_payment(
    state: State,
    reader: dict[str, Any],
    run: dict[str, Any],
    intent: dict[str, Any],
    failure: Failure,
    *,
    pm: dict[str, Any] | None,
    charge_id: str | None,
    created: int,
) -> None:
    """The PaymentIntent's ``last_payment_error`` as a declined API confirmation leaves it."""
    error = card_error(failure.message, code=failure.code, decline_code=failure.decline_code)
    last_error = error.body("", created)["error"]
    last_error.pop("request_log_url", None)
    last_error.update(
        {
            "charge": charge_id,
            "payment_method": copy.deepcopy(pm),
            "payment_method_type": "card_present",
        }
    )
    intent.update(
        status="requires_payment_method",
        payment_method=None,
        last_payment_error=last_error,
        latest_charge=charge_id or intent["latest_charge"],
        next_action=None,
    )
    state.touch(intent["id"])
    api_error = {
        "advice_code": None,
        "decline_code": None,
        "network_advice_code": None,
        "network_decline_code": None,
        "param": None,
        **last_error,
        "payment_intent": copy.deepcopy(intent),
        "request_log_url": None,
        "setup_intent": None,
        "source": None,
    }
    finish(state, reader, run, failure=(failure.code, failure.message), api_error=api_error)


def _fail_stale_payment(
    state: State, reader: dict[str, Any], run: dict[str, Any], intent: dict[str, Any]
) -> None:
    """The PaymentIntent changed state while the reader waited **(unverified)**."""
    message = (
        f"This PaymentIntent has a status of {intent['status']} and can no longer be paid on "
        "a reader."
    )
    api_error = {
        "advice_code": None,
        "charge": None,
        "code": "payment_intent_unexpected_state",
        "decline_code": None,
        "doc_url": DOC_BASE + "payment-intent-unexpected-state",
        "message": message,
        "network_advice_code": None,
        "network_decline_code": None,
        "param": None,
        "payment_intent": copy.deepcopy(intent),
        "payment_method": None,
        "payment_method_type": None,
        "request_log_url": None,
        "setup_intent": None,
        "source": None,
        "type": "invalid_request_error",
    }
    finish(
        state,
        reader,
        run,
        failure=("payment_intent_unexpected_state", message),
        api_error=api_error,
    )
