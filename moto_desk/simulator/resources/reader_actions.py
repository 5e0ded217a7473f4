"""A reader's commands and the ``present_payment_method`` test helper (stripe-notes §1.5, §2).

``process_setup_intent`` (the MOTO save), ``process_payment_intent`` (a card-present charge),
``set_reader_display`` and ``cancel_action``: each checks its parameters, the intent and the
reader, then starts an action ``in_progress`` and returns the reader at once. The action's
end is :mod:`.reader_outcomes`' business; its clock and faults, :mod:`.reader_simulation`'s.

Stripe behaviour chosen here where it is unverified is marked **(unverified)**.
"""

from __future__ import annotations

import copy
from typing import Any

from ..errors import ApiError, invalid_request
from ..routing import Request, Router
from ..schema import from_sdk, with_extra
from ..state import State
from .payment_intents import require_intent
from .reader_outcomes import (
    PROCESS_KINDS,
    accept_card,
    auto_present_at,
    flags_of,
    next_year,
    release_intent,
    run_of,
    set_flags,
    set_run,
)
from .setup_intents import mark_processing, require_setup_intent
from .terminal_readers import PACKAGE, mark_seen, require_reader
from .values import bad_value, boolean, choice, hash_param, integer, text

ALLOW_REDISPLAY = ("always", "limited", "unspecified")
DEFAULT_CARD = "4242424242424242"
DEFAULT_CVC = "123"

# Messages of Stripe's documented examples (stripe-notes §2.5).
OFFLINE_MESSAGE = (
    "Reader is currently offline, please ensure the reader is powered on and connected to the "
    "internet before retrying your request."
)
BUSY_MESSAGE = (
    "Reader is currently busy processing another request, please retry after the current "
    "request has completed."
)
DELIVERY_TIMEOUT_MESSAGE = (
    "There was a timeout when sending this command to the reader. Please retry your request."
)


def register(router: Router) -> None:
    """Routes of reader commands and of the ``present_payment_method`` test helper."""
    family = "terminal_reader"
    base = "/v1/terminal/readers/{reader}/"
    setup_schema = with_extra(
        from_sdk("ReaderProcessSetupIntentParams", PACKAGE), ["process_config", "moto"]
    )
    router.add(
        "POST",
        base + "process_setup_intent",
        process_setup_intent,
        setup_schema,
        permission=family,
    )
    payment_schema = with_extra(
        from_sdk("ReaderProcessPaymentIntentParams", PACKAGE), ["process_config", "moto"]
    )
    router.add(
        "POST",
        base + "process_payment_intent",
        process_payment_intent,
        payment_schema,
        permission=family,
    )
    router.add(
        "POST",
        base + "cancel_action",
        cancel_action,
        from_sdk("ReaderCancelActionParams", PACKAGE),
        permission=family,
    )
    router.add(
        "POST",
        base + "set_reader_display",
        set_reader_display,
        from_sdk("ReaderSetReaderDisplayParams", PACKAGE),
        permission=family,
    )
    router.add(
        "POST",
        "/v1/test_helpers/terminal/readers/{reader}/present_payment_method",
        present_payment_method,
        from_sdk("ReaderPresentPaymentMethodParams", "stripe.params.test_helpers.terminal"),
        permission=family,
    )


# ============================================================================ errors
def _reader_error(code: str, message: str) -> ApiError:
    """Reader refusals are 400 ``invalid_request_error`` (stripe-notes §2.5; status inferred)."""
    return invalid_request(message, code=code)


def offline_error() -> ApiError:
    return _reader_error("terminal_reader_offline", OFFLINE_MESSAGE)


def busy_error() -> ApiError:
    return _reader_error("terminal_reader_busy", BUSY_MESSAGE)


def delivery_timeout_error() -> ApiError:
    return _reader_error("terminal_reader_timeout", DELIVERY_TIMEOUT_MESSAGE)


def _check_reachable(state: State, reader: dict[str, Any]) -> None:
    """Offline readers cannot be commanded; a ``busy`` reader (updating…) refuses everything."""
    if reader["status"] != "online":
        raise offline_error()
    if flags_of(state, reader["id"])["busy"]:
        raise busy_error()


def _check_idle(state: State, reader: dict[str, Any]) -> None:
    """One action at a time: anything in progress, a cart display included, makes it busy."""
    action = reader["action"]
    if action is not None and action["status"] == "in_progress":
        raise busy_error()


# ============================================================================ commands
def _moto(state: State, params: dict[str, Any]) -> bool:
    """``process_config[moto]``: gated; without MOTO access Stripe hides the parameter.

    The refusal mirrors how Stripe answers other gated parameters (stripe-notes §7,
    **unverified** for this one): 400 ``parameter_unknown`` naming ``process_config[moto]``.
    """
    config = hash_param(params, "process_config")
    if "moto" not in config:
        return False
    if not state.settings.moto_enabled:
        raise bad_value(
            "Received unknown parameter: process_config[moto]",
            "process_config[moto]",
            "parameter_unknown",
        )
    return bool(boolean(config, "moto", param="process_config[moto]"))


def _customer_cancellation(params: dict[str, Any]) -> bool:
    config = hash_param(params, "process_config")
    return bool(
        boolean(
            config,
            "enable_customer_cancellation",
            param="process_config[enable_customer_cancellation]",
        )
    )


def _allow_redisplay(params: dict[str, Any], moto: bool) -> str:
    """Required by the SDK; the MOTO guide says ``always`` or ``limited``.

    ``unspecified`` with MOTO is refused **(unverified: Stripe may accept it; refusing keeps
    the app on what the guide documents)**.
    """
    value = choice(params, "allow_redisplay", ALLOW_REDISPLAY) or "unspecified"
    if moto and value == "unspecified":
        raise bad_value(
            "A MOTO setup (process_config[moto]=true) must say whether the saved card may be "
            "shown to the customer again: pass allow_redisplay=always or allow_redisplay=limited.",
            "allow_redisplay",
        )
    return value


def _check_setup_intent(si: dict[str, Any], moto: bool) -> None:
    """The SetupIntent must wait for a payment method and allow the type the reader collects.

    ``intent_invalid_state`` with this wording is Stripe's PaymentIntent answer, applied to
    SetupIntents by analogy **(unverified, stripe-notes §1.4)**; checked before the reader's
    own state **(unverified order)**.
    """
    if si["status"] != "requires_payment_method":
        raise invalid_request(
            "Setup intent must be in the requires_payment_method state to be processed by a "
            "reader.",
            code="intent_invalid_state",
            extra={"setup_intent": copy.deepcopy(si)},
        )
    needed = "card" if moto else "card_present"
    if needed not in si["payment_method_types"]:
        purpose = "a MOTO setup (keyed card)" if moto else "a card presented on the reader"
        raise invalid_request(
            f"This SetupIntent cannot be processed by a reader for {purpose}: its "
            f"payment_method_types ({', '.join(si['payment_method_types'])}) must include "
            f"{needed}. Create it with allowed_payment_method_types including {needed}.",
            param="setup_intent",
        )


def _start(
    state: State,
    reader: dict[str, Any],
    action: dict[str, Any],
    run: dict[str, Any],
    now: float,
) -> None:
    """Put ``action`` in progress, with its deadline and any scheduled auto-presented card."""
    flags = flags_of(state, reader["id"])
    run["started"] = now
    run["authorising"] = None
    run["deadline"] = (
        now + state.settings.reader_timeout_s if run["kind"] in PROCESS_KINDS else None
    )
    run["auto_present_at"] = auto_present_at(flags, run, now)
    reader["action"] = action
    set_run(state, reader["id"], run)
    mark_seen(state, reader, now)
    state.touch(reader["id"])


def _deliver(state: State, reader: dict[str, Any]) -> None:
    """The ``timeout_delivered`` fault: the reader got the command, the API says it did not.

    Raised after the action started, so the 400 is stored for the idempotency key like any
    executed request, and a retry (with a new key) finds the reader busy — Stripe's false
    negative (stripe-notes §2.5).
    """
    flags = flags_of(state, reader["id"])
    if flags["timeout_delivered"] > 0:
        flags["timeout_delivered"] -= 1
        set_flags(state, reader["id"], flags)
        raise delivery_timeout_error()


def process_setup_intent(request: Request) -> dict[str, Any]:
    """``POST /v1/terminal/readers/{reader}/process_setup_intent``: the reader saves a card.

    Returns the reader with ``action.status = in_progress``; the SetupIntent stays
    ``requires_payment_method`` until the reader confirms it. ``process_config`` in the action
    echoes ``enable_customer_cancellation`` only: whether Stripe also echoes ``moto`` is
    **unverified** (stripe-notes §9.3), so it is kept out.
    """
    state, params = request.state, request.params
    moto = _moto(state, params)
    intent_id = text(params, "setup_intent")
    allow_redisplay = _allow_redisplay(params, moto)
    cancellation = _customer_cancellation(params)
    reader = require_reader(state, request.path_params["reader"])
    si = require_setup_intent(state, intent_id, "setup_intent")
    _check_setup_intent(si, moto)
    _check_reachable(state, reader)
    _check_idle(state, reader)
    action = {
        "api_error": None,
        "failure_code": None,
        "failure_message": None,
        "process_setup_intent": {
            "generated_card": None,
            "process_config": {"enable_customer_cancellation": cancellation},
            "setup_intent": si["id"],
        },
        "status": "in_progress",
        "type": "process_setup_intent",
    }
    run = {
        "kind": "process_setup_intent",
        "intent": si["id"],
        "moto": moto,
        "allow_redisplay": allow_redisplay,
        "customer_cancellation": cancellation,
    }
    _start(state, reader, action, run, request.now)
    mark_processing(state, si, reader["id"])
    _deliver(state, reader)
    return reader


def _payment_process_config(params: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """``process_config`` of ``process_payment_intent``: its echo, and ``allow_redisplay``."""
    config = hash_param(params, "process_config")
    where = "process_config[{}]".format
    echo: dict[str, Any] = {
        "enable_customer_cancellation": bool(
            boolean(
                config, "enable_customer_cancellation", param=where("enable_customer_cancellation")
            )
        )
    }
    skip_tipping = boolean(config, "skip_tipping", param=where("skip_tipping"))
    if skip_tipping is not None:
        echo["skip_tipping"] = skip_tipping
    return_url = text(config, "return_url", max_length=5000, param=where("return_url"))
    if return_url is not None:
        echo["return_url"] = return_url
    tipping = hash_param(config, "tipping", param=where("tipping"))
    if tipping:
        eligible = integer(
            tipping, "amount_eligible", minimum=0, param="process_config[tipping][amount_eligible]"
        )
        echo["tipping"] = {"amount_eligible": eligible}
    allow_redisplay = choice(
        config, "allow_redisplay", ALLOW_REDISPLAY, param=where("allow_redisplay")
    )
    return echo, allow_redisplay


def _check_payment_intent(intent: dict[str, Any]) -> None:
    """Stripe's documented refusal (stripe-notes §2.5), and a reader needs ``card_present``."""
    if intent["status"] != "requires_payment_method":
        raise invalid_request(
            "Payment intent must be in the requires_payment_method state to be processed by a "
            "reader.",
            code="intent_invalid_state",
            extra={"payment_intent": copy.deepcopy(intent)},
        )
    if "card_present" not in intent["payment_method_types"]:
        raise invalid_request(
            "This PaymentIntent cannot be processed by a reader: its payment_method_types ("
            + ", ".join(intent["payment_method_types"])
            + ") must include card_present. Create it with allowed_payment_method_types "
            "including card_present.",
            param="payment_intent",
        )


def process_payment_intent(request: Request) -> dict[str, Any]:
    """``POST /v1/terminal/readers/{reader}/process_payment_intent``: a card-present charge.

    A dipped card (``card_present``) confirms the PaymentIntent: ``succeeded``, or
    ``requires_capture`` with manual capture; a decline leaves it ``requires_payment_method``
    with a failed charge. ``process_config[moto]`` is gated like on ``process_setup_intent``;
    with MOTO access it is refused as not simulated — moto-desk saves cards by MOTO and
    charges them off-session, it never takes a MOTO payment on the reader.
    ``process_config[allow_redisplay]`` is checked but no card is generated from the payment
    (``setup_future_usage`` on a reader payment is not simulated).
    """
    state, params = request.state, request.params
    if _moto(state, params):
        raise bad_value(
            "MOTO payments on a reader (process_config[moto] on process_payment_intent) are not "
            "simulated: moto-desk saves a card by MOTO with process_setup_intent and charges it "
            "off-session with a PaymentIntent.",
            "process_config[moto]",
        )
    intent_id = text(params, "payment_intent")
    echo, allow_redisplay = _payment_process_config(params)
    reader = require_reader(state, request.path_params["reader"])
    intent = require_intent(state, intent_id, "payment_intent")
    _check_payment_intent(intent)
    _check_reachable(state, reader)
    _check_idle(state, reader)
    action = {
        "api_error": None,
        "failure_code": None,
        "failure_message": None,
        "process_payment_intent": {"payment_intent": intent["id"], "process_config": echo},
        "status": "in_progress",
        "type": "process_payment_intent",
    }
    run = {
        "kind": "process_payment_intent",
        "intent": intent["id"],
        "moto": False,
        "allow_redisplay": allow_redisplay or "unspecified",
        "customer_cancellation": echo["enable_customer_cancellation"],
    }
    _start(state, reader, action, run, request.now)
    _deliver(state, reader)
    return reader


def cancel_action(request: Request) -> dict[str, Any]:
    """``POST /v1/terminal/readers/{reader}/cancel_action``.

    - an action in progress ends with ``action: null``, as the API reference's example shows;
      its SetupIntent stays ``requires_payment_method``;
    - while a presented card is being authorised: ``terminal_reader_busy`` (stripe-notes §2.5);
    - an action that already finished (the cancel lost the race with an approval or a
      decline) is left as it is and the reader returned with it: a cancel never hides an
      outcome **(unverified, stripe-notes §9.8)**;
    - no action at all: 400 **(unverified: Stripe documents no answer; refusing is the
      stricter choice)**.
    """
    state = request.state
    reader = require_reader(state, request.path_params["reader"])
    _check_reachable(state, reader)
    action = reader["action"]
    if action is None:
        raise invalid_request("This reader has no action to cancel.")
    if action["status"] != "in_progress":
        mark_seen(state, reader, request.now)
        return reader
    run = run_of(state, reader["id"])
    if run is not None and run.get("authorising"):
        raise busy_error()
    _clear(state, reader, run)
    mark_seen(state, reader, request.now)
    return reader


def _clear(state: State, reader: dict[str, Any], run: dict[str, Any] | None) -> None:
    """The canceled action disappears (``action: null``) and frees its intent."""
    reader["action"] = None
    set_run(state, reader["id"], None)
    release_intent(state, run)
    state.touch(reader["id"])


def _cart(params: dict[str, Any]) -> dict[str, Any]:
    raw = hash_param(params, "cart")
    if not raw:
        raise invalid_request(
            "Missing required param: cart.",
            code="parameter_missing",
            param="cart",
            validation=True,
        )
    currency = text(raw, "currency", param="cart[currency]")
    if currency is None or len(currency) != 3 or not currency.isalpha():
        raise bad_value(f"Invalid currency: {currency}", "cart[currency]")
    items = raw.get("line_items")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise bad_value("Invalid array", "cart[line_items]")
    line_items = [_line_item(item, index) for index, item in enumerate(items)]
    return {
        "currency": currency.lower(),
        "line_items": line_items,
        "tax": integer(raw, "tax", minimum=0, param="cart[tax]"),
        "total": integer(raw, "total", minimum=0, param="cart[total]"),
    }


def _line_item(item: dict[str, Any], index: int) -> dict[str, Any]:
    where = f"cart[line_items][{index}]"
    return {
        "amount": integer(item, "amount", param=f"{where}[amount]"),
        "description": text(item, "description", max_length=5000, param=f"{where}[description]"),
        "quantity": integer(item, "quantity", minimum=1, param=f"{where}[quantity]"),
    }


def set_reader_display(request: Request) -> dict[str, Any]:
    """``POST /v1/terminal/readers/{reader}/set_reader_display`` (``type=cart``).

    The cart occupies the action slot (``in_progress``) until ``cancel_action``, so a process
    command meanwhile gets ``terminal_reader_busy`` (stripe-notes §1.5); sending a new cart
    replaces the one shown, as the display guide describes updating the cart.
    """
    state, params = request.state, request.params
    choice(params, "type", ("cart",))
    cart = _cart(params)
    reader = require_reader(state, request.path_params["reader"])
    _check_reachable(state, reader)
    run = run_of(state, reader["id"])
    if run is not None and run["kind"] in PROCESS_KINDS:
        raise busy_error()
    action = {
        "api_error": None,
        "failure_code": None,
        "failure_message": None,
        "set_reader_display": {"cart": cart, "type": "cart"},
        "status": "in_progress",
        "type": "set_reader_display",
    }
    _start(state, reader, action, {"kind": "set_reader_display"}, request.now)
    return reader


# ============================================================================ presenting
def _parse_card(params: dict[str, Any]) -> dict[str, Any] | None:
    raw = hash_param(params, "card")
    if not raw:
        return None
    number = text(raw, "number", param="card[number]")
    exp_month = integer(raw, "exp_month", param="card[exp_month]")
    exp_year = integer(raw, "exp_year", param="card[exp_year]")
    cvc = text(raw, "cvc", param="card[cvc]")
    if exp_year is not None and 0 <= exp_year < 100:
        exp_year += 2000  # "Two- or four-digit number" (SDK)
    return {"number": number, "exp_month": exp_month, "exp_year": exp_year, "cvc": cvc}


def _parse_presentation(params: dict[str, Any]) -> dict[str, Any]:
    """The test helper's parameters, checked; the type may still be implied (None)."""
    kind = choice(params, "type", ("card", "card_present", "interac_present"))
    dipped = hash_param(params, "card_present")
    return {
        "type": kind,
        "card": _parse_card(params),
        "card_present": text(dipped, "number", param="card_present[number]") if dipped else None,
        "has_card_present": bool(dipped) or "card_present" in params,
        "interac_present": "interac_present" in params,
        "amount_tip": integer(params, "amount_tip", minimum=0),
    }


def _resolve(parsed: dict[str, Any], run: dict[str, Any], now: float) -> dict[str, Any]:
    """The card the reader reads, with Stripe's defaults (4242…, a future expiry).

    A MOTO action takes a keyed ``card`` only; an ordinary one a ``card_present``
    **(unverified: stripe-notes §9.15 — Stripe does not say what a mismatch does)**.
    """
    kind = parsed["type"] or (
        "card"
        if parsed["card"]
        else "card_present"
        if parsed["has_card_present"]
        else ("card" if run["moto"] else "card_present")
    )
    _check_presentation(parsed, kind, run)
    if kind == "card":
        card = parsed["card"] or {}
        return {
            "type": "card",
            "number": card.get("number") or DEFAULT_CARD,
            "exp_month": card.get("exp_month") or 12,
            "exp_year": card.get("exp_year") or next_year(now),
            "cvc": card.get("cvc") if parsed["card"] else DEFAULT_CVC,
        }
    return {
        "type": "card_present",
        "number": parsed["card_present"] or DEFAULT_CARD,
        "exp_month": 12,
        "exp_year": next_year(now),
        "cvc": None,
        "amount_tip": parsed["amount_tip"],
    }


def _check_presentation(parsed: dict[str, Any], kind: str, run: dict[str, Any]) -> None:
    if kind == "interac_present" or parsed["interac_present"]:
        raise bad_value(
            "interac_present is not simulated: the simulated account is not a Canadian one.",
            "type",
        )
    if kind == "card" and parsed["has_card_present"]:
        raise bad_value("card_present cannot be used with type=card.", "card_present")
    if kind == "card_present" and parsed["card"]:
        raise bad_value("card cannot be used with type=card_present.", "card")
    if run["moto"] and kind != "card":
        raise bad_value(
            "This reader is collecting a card for a MOTO order (process_config[moto]=true): "
            "present a keyed card with type=card and card[number], card[exp_month], "
            "card[exp_year] and card[cvc].",
            "type",
        )
    if not run["moto"] and kind == "card":
        raise bad_value(
            "type=card simulates a card keyed in for a MOTO order, but this action was "
            "started without process_config[moto]=true: present type=card_present instead.",
            "type",
        )
    if parsed["amount_tip"] is not None and run["kind"] != "process_payment_intent":
        raise bad_value("amount_tip applies only to a process_payment_intent action.", "amount_tip")


def present_payment_method(request: Request) -> dict[str, Any]:
    """``POST /v1/test_helpers/terminal/readers/{reader}/present_payment_method``.

    Needs a process action in progress; anything else is a 400 **(unverified wording,
    stripe-notes §9.15)**. With ``processing_delay_s`` > 0 the card enters an authorising
    phase and the outcome follows later; on a ``hang`` reader it is accepted and ignored.
    """
    state = request.state
    parsed = _parse_presentation(request.params)
    reader = require_reader(state, request.path_params["reader"])
    if reader["status"] != "online":
        raise offline_error()
    run = run_of(state, reader["id"])
    action = reader["action"]
    if run is None or action is None or action["status"] != "in_progress":
        raise invalid_request(
            "This reader has no process_setup_intent or process_payment_intent action in "
            "progress to present a payment method to.",
        )
    if run["kind"] not in PROCESS_KINDS:
        raise invalid_request(
            f"The reader's current action ({run['kind']}) does not accept a payment method; "
            "cancel it and start process_setup_intent or process_payment_intent.",
        )
    if run.get("authorising"):
        raise busy_error()
    presented = _resolve(parsed, run, request.now)
    mark_seen(state, reader, request.now)
    if not flags_of(state, reader["id"])["hang"]:
        accept_card(state, reader, run, presented, request.now)
    return reader
