"""PaymentIntents: the later off-session charge of a saved card (stripe-notes §1.7).

State machine: ``requires_payment_method`` → (payment method set) ``requires_confirmation``
→ confirm → ``succeeded`` | ``requires_capture`` (manual capture) | ``requires_action``
(on-session 3DS) | back to ``requires_payment_method`` after a decline, which is an HTTP
402 ``card_error`` embedding the intent, the payment method and the failed charge's id.
``canceled`` from any unfinished state. The test card behind the payment method decides
the outcome (``cards.behaviour``).
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass
from typing import Any

from .. import cards
from ..errors import ApiError, card_error, invalid_request
from ..listing import list_page, search_page
from ..routing import Request, Router
from ..schema import from_sdk
from ..state import State, random_token
from . import charges, values
from .amounts import check_charge_amount, parse_amount, parse_currency
from .payment_methods import UNUSABLE_MESSAGE, is_unusable, mark_unusable
from .search_query import SearchField, search

CANCELABLE = (
    "requires_payment_method",
    "requires_capture",
    "requires_confirmation",
    "requires_action",
    "processing",
)
UPDATABLE = ("requires_payment_method", "requires_confirmation", "requires_action")
CONFIRMABLE = ("requires_payment_method", "requires_confirmation", "requires_action")
# Fields an update may change whatever the status (Stripe lets a finished intent be annotated).
ALWAYS_UPDATABLE = frozenset({"description", "metadata", "receipt_email", "expand"})

CAPTURE_METHODS = values.sdk_literals("PaymentIntentCreateParams", "capture_method")
CONFIRMATION_METHODS = values.sdk_literals("PaymentIntentCreateParams", "confirmation_method")
FUTURE_USAGES = values.sdk_literals("PaymentIntentCreateParams", "setup_future_usage")
CANCELLATION_REASONS = values.sdk_literals("PaymentIntentCancelParams", "cancellation_reason")
THREE_D_SECURE = ("any", "automatic", "challenge")
# Cards whose issuer asks for 3DS on every on-session payment (stripe-notes §4.1).
ON_SESSION_AUTHENTICATION = frozenset({"4000002500003155", "4000003800000446", "4000002760003184"})
DEFAULT_PAYMENT_METHOD_CONFIGURATION = "pmc_1SimulatedDefaultConfig"

SEARCH_FIELDS = {
    "amount": SearchField("number"),
    "created": SearchField("number"),
    "currency": SearchField("string"),
    "customer": SearchField("string"),
    "metadata": SearchField("metadata"),
    "status": SearchField("string"),
}

# Parameters of the SDK's params the simulator does not model (Connect, mandates, hooks…):
# refused with a clear message instead of being silently ignored.
UNSUPPORTED = (
    "amount_details",
    "application_fee_amount",
    "confirmation_token",
    "customer_account",
    "hooks",
    "mandate",
    "mandate_data",
    "on_behalf_of",
    "payment_details",
    "payment_method_configuration",
    "payment_method_data",
    "radar_options",
    "transfer_data",
)
REFUSED_TYPES = {
    "payment_method_types": (
        "payment_method_types_no_longer_supported",
        "The `payment_method_types` parameter is no longer supported on API version "
        "2026-10-28.endive and later. Use `allowed_payment_method_types` instead.",
    )
}


def require_intent(state: State, intent_id: Any, param: str = "intent") -> dict[str, Any]:
    """A stored PaymentIntent, or Stripe's 404 ("No such payment_intent: 'pi_…'")."""
    return state.require("payment_intent", intent_id, "payment_intent", param)


def unexpected_state(intent: dict[str, Any], message: str, param: str | None = None) -> ApiError:
    """Stripe's 400 ``payment_intent_unexpected_state`` with the intent embedded."""
    return invalid_request(
        message,
        code="payment_intent_unexpected_state",
        param=param,
        extra={"payment_intent": copy.deepcopy(intent)},
    )


# ---------------------------------------------------------------------------- parameters
def _refuse_unsupported(params: dict[str, Any]) -> None:
    for name in UNSUPPORTED:
        if name in params:
            raise values.bad_value(
                f"The moto-desk simulator does not simulate '{name}' on PaymentIntents.", name
            )


def _off_session(params: dict[str, Any]) -> bool | None:
    raw = params.get("off_session")
    if raw in ("one_off", "recurring"):
        return True
    return values.boolean(params, "off_session")


def _shipping(params: dict[str, Any]) -> tuple[bool, dict[str, Any] | None]:
    if "shipping" not in params:
        return False, None
    if params["shipping"] == "":
        return True, None
    raw = values.hash_param(params, "shipping")
    name = values.text(raw, "name", param="shipping[name]")
    if name is None:
        raise values.bad_value(
            "Missing required param: shipping[name].", "shipping[name]", "parameter_missing"
        )
    return True, {
        "address": values.address(values.hash_param(raw, "address"), "shipping[address]"),
        "carrier": values.text(raw, "carrier", param="shipping[carrier]"),
        "name": name,
        "phone": values.text(raw, "phone", param="shipping[phone]"),
        "tracking_number": values.text(raw, "tracking_number", param="shipping[tracking_number]"),
    }


def _card_options(params: dict[str, Any], state: State) -> dict[str, Any] | None:
    """``payment_method_options[card]``: the options the simulator models."""
    options = values.hash_param(params, "payment_method_options")
    if not options:
        return None
    for key in options:
        if key != "card":
            raise values.bad_value(
                f"The moto-desk simulator only simulates card payment_method_options, not '{key}'.",
                f"payment_method_options[{key}]",
            )
    card = values.hash_param(options, "card", param="payment_method_options[card]")
    prefix = "payment_method_options[card]"
    modelled = {"request_three_d_secure", "moto", "capture_method", "setup_future_usage"}
    for key in card:
        if key not in modelled:
            raise values.bad_value(
                f"The moto-desk simulator does not simulate {prefix}[{key}].", f"{prefix}[{key}]"
            )
    if "moto" in card and not state.settings.moto_enabled:
        raise values.bad_value(
            f"Received unknown parameter: {prefix}[moto]", f"{prefix}[moto]", "parameter_unknown"
        )
    result: dict[str, Any] = {}
    three_ds = values.choice(
        card, "request_three_d_secure", THREE_D_SECURE, param=f"{prefix}[request_three_d_secure]"
    )
    if three_ds is not None:
        result["request_three_d_secure"] = three_ds
    moto = values.boolean(card, "moto", param=f"{prefix}[moto]")
    if moto is not None:
        result["moto"] = moto
    capture = values.choice(card, "capture_method", ("manual",), param=f"{prefix}[capture_method]")
    if capture is not None:
        result["capture_method"] = capture
    usage = values.choice(
        card,
        "setup_future_usage",
        ("none", "off_session", "on_session"),
        param=f"{prefix}[setup_future_usage]",
    )
    if usage is not None:
        result["setup_future_usage"] = usage
    return result


@dataclass
class ConfirmOptions:
    """What a confirmation (create with ``confirm=true``, or ``/confirm``) may carry."""

    payment_method: str | None = None
    off_session: bool | None = None
    error_on_requires_action: bool = False
    receipt_email: tuple[bool, str | None] = (False, None)
    setup_future_usage: str | None = None
    capture_method: str | None = None


def _confirm_options(params: dict[str, Any]) -> ConfirmOptions:
    return ConfirmOptions(
        payment_method=values.object_id(params, "payment_method", "pm"),
        off_session=_off_session(params),
        error_on_requires_action=bool(values.boolean(params, "error_on_requires_action")),
        receipt_email=values.nullable_text(params, "receipt_email", max_length=800),
        setup_future_usage=values.choice(params, "setup_future_usage", FUTURE_USAGES),
        capture_method=values.choice(params, "capture_method", CAPTURE_METHODS),
    )


def _allowed_types(params: dict[str, Any]) -> list[str] | None:
    allowed = values.string_list(params, "allowed_payment_method_types")
    if allowed is not None and not allowed:
        raise values.empty_refused("allowed_payment_method_types")
    if allowed is not None and "automatic_payment_methods" in params:
        raise values.bad_value(
            "You may only specify one of these parameters: allowed_payment_method_types, "
            "automatic_payment_methods.",
            "allowed_payment_method_types",
            "parameters_exclusive",
        )
    return allowed


def _automatic_payment_methods(params: dict[str, Any]) -> dict[str, Any] | None:
    raw = values.hash_param(params, "automatic_payment_methods")
    if not raw:
        return None
    enabled = values.boolean(raw, "enabled", param="automatic_payment_methods[enabled]")
    redirects = values.choice(
        raw,
        "allow_redirects",
        ("always", "never"),
        param="automatic_payment_methods[allow_redirects]",
    )
    return {"allow_redirects": redirects or "always", "enabled": bool(enabled)}


# ---------------------------------------------------------------------------- the object
def _new_intent(state: State, created: int, amount: int, currency: str) -> dict[str, Any]:
    intent_id = state.new_id("pi")
    return {
        "id": intent_id,
        "object": "payment_intent",
        "allowed_payment_method_types": None,
        "amount": amount,
        "amount_capturable": 0,
        "amount_details": {"tip": {}},
        "amount_received": 0,
        "application": None,
        "application_fee_amount": None,
        "automatic_payment_methods": {"allow_redirects": "always", "enabled": True},
        "canceled_at": None,
        "cancellation_reason": None,
        "capture_method": "automatic_async",
        "client_secret": f"{intent_id}_secret_{random_token(25)}",
        "confirmation_method": "automatic",
        "created": created,
        "currency": currency,
        "customer": None,
        "customer_account": None,
        "description": None,
        "excluded_payment_method_types": None,
        "last_payment_error": None,
        "latest_charge": None,
        "livemode": False,
        "managed_payments": None,
        "metadata": {},
        "next_action": None,
        "on_behalf_of": None,
        "payment_method": None,
        "payment_method_configuration_details": {
            "id": DEFAULT_PAYMENT_METHOD_CONFIGURATION,
            "parent": None,
        },
        "payment_method_options": {
            "card": {
                "installments": None,
                "mandate_options": None,
                "network": None,
                "request_three_d_secure": "automatic",
            }
        },
        "payment_method_types": ["card"],
        "processing": None,
        "receipt_email": None,
        "review": None,
        "setup_future_usage": None,
        "shipping": None,
        "source": None,
        "statement_descriptor": None,
        "statement_descriptor_suffix": None,
        "status": "requires_payment_method",
        "transfer_data": None,
        "transfer_group": None,
    }


def _apply_payment_method_types(
    intent: dict[str, Any], allowed: list[str] | None, automatic: dict[str, Any] | None
) -> None:
    if allowed is not None:
        intent["allowed_payment_method_types"] = allowed
        intent["payment_method_types"] = allowed
        intent["automatic_payment_methods"] = None
        intent["payment_method_configuration_details"] = None
    elif automatic is not None:
        intent["automatic_payment_methods"] = automatic


def _common_fields(params: dict[str, Any]) -> dict[str, Any]:
    """Plain fields create and update share, checked."""
    changes: dict[str, Any] = {}
    for key, limit in (
        ("description", 1000),
        ("statement_descriptor", 22),
        ("statement_descriptor_suffix", 22),
        ("transfer_group", 5000),
        ("receipt_email", 800),
    ):
        present, value = values.nullable_text(params, key, max_length=limit)
        if present:
            changes[key] = value
    present, shipping = _shipping(params)
    if present:
        changes["shipping"] = shipping
    excluded = values.string_list(params, "excluded_payment_method_types")
    if excluded is not None:
        changes["excluded_payment_method_types"] = excluded or None
    usage = values.choice(params, "setup_future_usage", FUTURE_USAGES)
    if usage is not None:
        changes["setup_future_usage"] = usage
    capture = values.choice(params, "capture_method", CAPTURE_METHODS)
    if capture is not None:
        changes["capture_method"] = capture
    return changes


def _card_options_into(intent: dict[str, Any], options: dict[str, Any] | None) -> None:
    if options:
        intent["payment_method_options"]["card"].update(options)


# ---------------------------------------------------------------------------- confirmation
def _check_payment_method(
    state: State, intent: dict[str, Any], pm: dict[str, Any], off_session: bool
) -> None:
    """Stripe's refusals of a payment method that this intent may not use."""
    if is_unusable(state, pm["id"]):
        raise invalid_request(UNUSABLE_MESSAGE, param="payment_method")
    owner = pm.get("customer")
    customer = intent["customer"]
    if owner is not None and customer is None:
        raise invalid_request(
            f"The provided PaymentMethod {pm['id']} is attached to customer {owner}. Pass "
            "that customer as `customer` to use it on a PaymentIntent.",
            param="payment_method",
        )
    if customer is not None and (owner != customer and (owner is not None or off_session)):
        raise invalid_request(
            f"The customer does not have a payment method with the ID {pm['id']}. The "
            "payment method must be attached to the customer.",
            param="payment_method",
        )
    if pm["type"] not in intent["payment_method_types"]:
        raise invalid_request(
            f"The PaymentMethod provided ({pm['type']}) is not allowed for this PaymentIntent."
            " Use a PaymentMethod of one of these types: "
            + ", ".join(intent["payment_method_types"])
            + ".",
            code="payment_intent_incompatible_payment_method",
            param="payment_method",
        )


def _expired(pm: dict[str, Any]) -> bool:
    card = pm.get("card") or {}
    month, year = card.get("exp_month"), card.get("exp_year")
    if not (isinstance(month, int) and isinstance(year, int)):
        return False
    now = time.gmtime()
    return (year, month) < (now.tm_year, now.tm_mon)


def _outcome(state: State, pm: dict[str, Any], off_session: bool) -> cards.Failure | str | None:
    """A Failure, ``"requires_action"`` (on-session 3DS), or None for an approval."""
    if _expired(pm):
        return cards.EXPIRED
    card = cards.behaviour(state, pm["id"])
    if card is None:
        return None
    if card.on_charge is cards.AUTH_REQUIRED or card.number in ON_SESSION_AUTHENTICATION:
        if not off_session:
            return "requires_action"
        if card.on_charge is cards.AUTH_REQUIRED:
            return cards.AUTH_REQUIRED
    return card.on_charge


def _next_action(intent: dict[str, Any]) -> dict[str, Any]:
    source = "src_" + random_token(24)
    return {
        "type": "use_stripe_sdk",
        "use_stripe_sdk": {
            "source": source,
            "stripe_js": f"https://hooks.stripe.com/redirect/authenticate/{source}"
            f"?client_secret={intent['client_secret']}",
            "type": "three_d_secure_redirect",
        },
    }


def _decline(
    state: State, intent: dict[str, Any], pm: dict[str, Any], failure: cards.Failure, now: int
) -> ApiError:
    """Record a declined attempt and build the 402 that reports it."""
    charge = charges.create_charge(state, intent, pm, created=now, failure=failure, capture=False)
    error = card_error(failure.message, code=failure.code, decline_code=failure.decline_code)
    last_error = error.body("", now)["error"]
    last_error.pop("request_log_url", None)
    last_error.update({"charge": charge["id"], "payment_method": copy.deepcopy(pm)})
    intent.update(
        status="requires_payment_method",
        payment_method=None,
        last_payment_error=last_error,
        latest_charge=charge["id"],
        next_action=None,
    )
    state.touch(intent["id"])
    error.extra = {
        "charge": charge["id"],
        "payment_intent": copy.deepcopy(intent),
        "payment_method": copy.deepcopy(pm),
    }
    return error


def _approve(state: State, intent: dict[str, Any], pm: dict[str, Any], now: int) -> None:
    manual = intent["capture_method"] == "manual" or (
        intent["payment_method_options"]["card"].get("capture_method") == "manual"
    )
    charge = charges.create_charge(state, intent, pm, created=now, failure=None, capture=not manual)
    if intent["payment_method_options"]["card"].get("moto"):
        charge["payment_method_details"]["card"]["moto"] = True
    intent.update(
        status="requires_capture" if manual else "succeeded",
        amount_capturable=intent["amount"] if manual else 0,
        amount_received=0 if manual else intent["amount"],
        latest_charge=charge["id"],
        last_payment_error=None,
        next_action=None,
    )
    if pm["customer"] is None:
        if intent["customer"] and intent["setup_future_usage"]:
            pm["customer"] = intent["customer"]
            state.touch(pm["id"])
        else:
            mark_unusable(state, pm["id"])  # used once without a customer


def _confirm(state: State, intent: dict[str, Any], options: ConfirmOptions, now: int) -> None:
    """Run one confirmation attempt; raises the 402 of a decline after recording it."""
    pm_id = options.payment_method or intent["payment_method"]
    if pm_id is None:
        raise unexpected_state(
            intent,
            "You cannot confirm this PaymentIntent because it's missing a payment method. You "
            "can either update the PaymentIntent with a payment method and then confirm it "
            "again, or confirm it again directly with a payment method.",
        )
    pm = state.require("payment_method", pm_id, "PaymentMethod", "payment_method")
    off_session = bool(options.off_session)
    _check_payment_method(state, intent, pm, off_session)
    if options.receipt_email[0]:
        intent["receipt_email"] = options.receipt_email[1]
    if options.setup_future_usage is not None:
        intent["setup_future_usage"] = options.setup_future_usage
    if options.capture_method is not None:
        intent["capture_method"] = options.capture_method
    intent["payment_method"] = pm_id
    state.touch(intent["id"])
    outcome = _outcome(state, pm, off_session)
    if outcome == "requires_action" and options.error_on_requires_action:
        outcome = cards.AUTH_REQUIRED
    if isinstance(outcome, cards.Failure):
        raise _decline(state, intent, pm, outcome, now)
    if outcome == "requires_action":
        intent.update(status="requires_action", next_action=_next_action(intent))
        return
    _approve(state, intent, pm, now)


# ---------------------------------------------------------------------------- handlers
def create(request: Request) -> dict[str, Any]:
    """POST /v1/payment_intents (with ``confirm=true`` and ``off_session``: the charge)."""
    params = request.params
    state = request.state
    _refuse_unsupported(params)
    amount = parse_amount(params)
    currency = parse_currency(params)
    assert amount is not None and currency is not None  # required by the schema
    check_charge_amount(amount, currency)
    confirm = bool(values.boolean(params, "confirm"))
    options = _confirm_options(params)
    if options.off_session is not None and not confirm:
        raise values.bad_value(
            "You can only pass `off_session` when `confirm` is true.", "off_session"
        )
    values.boolean(params, "use_stripe_sdk")
    values.text(params, "return_url", max_length=5000)
    confirmation_method = values.choice(params, "confirmation_method", CONFIRMATION_METHODS)
    allowed = _allowed_types(params)
    automatic = _automatic_payment_methods(params)
    changes = _common_fields(params)
    metadata = values.new_metadata(params)
    card_options = _card_options(params, state)
    customer_id = values.object_id(params, "customer", "cus")
    if customer_id is not None:
        state.require("customer", customer_id, "customer", "customer")
    pm = None
    if options.payment_method is not None:
        pm = state.require(
            "payment_method", options.payment_method, "PaymentMethod", "payment_method"
        )

    intent = _new_intent(state, request.created, amount, currency)
    _apply_payment_method_types(intent, allowed, automatic)
    intent.update(changes)
    intent.update(metadata=metadata, customer=customer_id)
    if confirmation_method is not None:
        intent["confirmation_method"] = confirmation_method
    _card_options_into(intent, card_options)
    if pm is not None:
        _check_payment_method(state, intent, pm, bool(options.off_session))
        intent["payment_method"] = pm["id"]
        intent["status"] = "requires_confirmation"
    state.add(intent)
    if confirm:
        _confirm(state, intent, options, request.created)
    return intent


def retrieve(request: Request) -> dict[str, Any]:
    """GET /v1/payment_intents/{intent} (``client_secret`` is accepted and checked)."""
    intent = require_intent(request.state, request.path_params["intent"])
    secret = values.text(request.params, "client_secret")
    if secret is not None and secret != intent["client_secret"]:
        raise values.bad_value(
            "The client_secret provided does not match the client_secret associated with the "
            "PaymentIntent.",
            "client_secret",
        )
    return intent


def _guard_update(intent: dict[str, Any], params: dict[str, Any]) -> None:
    if intent["status"] in UPDATABLE:
        return
    for name in params:
        if name not in ALWAYS_UPDATABLE:
            raise unexpected_state(
                intent,
                f"This PaymentIntent's {name} could not be updated because it has a status of "
                f"{intent['status']}. You may only update the {name} of a PaymentIntent with "
                "one of the following statuses: " + ", ".join(UPDATABLE) + ".",
                param=name,
            )


def update(request: Request) -> dict[str, Any]:
    """POST /v1/payment_intents/{intent}: annotate anytime; change the payment before it."""
    params = request.params
    state = request.state
    intent = require_intent(state, request.path_params["intent"])
    _refuse_unsupported(params)
    amount = parse_amount(params)
    currency = parse_currency(params)
    new_amount = amount if amount is not None else intent["amount"]
    new_currency = currency or intent["currency"]
    if amount is not None or currency is not None:
        check_charge_amount(new_amount, new_currency)
    allowed = _allowed_types(params)
    changes = _common_fields(params)
    metadata = values.merged_metadata(intent["metadata"], params)
    card_options = _card_options(params, state)
    customer_id = values.object_id(params, "customer", "cus")
    pm_id = values.object_id(params, "payment_method", "pm")
    _guard_update(intent, params)
    if customer_id is not None:
        state.require("customer", customer_id, "customer", "customer")
        if intent["customer"] not in (None, customer_id):
            raise invalid_request(
                "You cannot modify `customer` on a PaymentIntent once it already has been set. "
                "To fulfill a payment with a different Customer, cancel this PaymentIntent and "
                "create a new one.",
                param="customer",
            )
    if pm_id is not None:
        pm = state.require("payment_method", pm_id, "PaymentMethod", "payment_method")
        would_be = dict(intent, customer=customer_id or intent["customer"])
        if allowed:
            would_be["payment_method_types"] = allowed
        _check_payment_method(state, would_be, pm, off_session=False)

    intent.update(changes, amount=new_amount, currency=new_currency)
    if metadata is not None:
        intent["metadata"] = metadata
    if allowed:
        _apply_payment_method_types(intent, allowed, None)
    _card_options_into(intent, card_options)
    if customer_id is not None:
        intent["customer"] = customer_id
    if pm_id is not None:
        intent.update(payment_method=pm_id, status="requires_confirmation", next_action=None)
    if "receipt_email" in changes and intent["latest_charge"]:
        charge = state.get(intent["latest_charge"])
        if charge is not None:
            charge["receipt_email"] = changes["receipt_email"]
            state.touch(charge["id"])
    state.touch(intent["id"])
    return intent


def confirm(request: Request) -> dict[str, Any]:
    """POST /v1/payment_intents/{intent}/confirm."""
    params = request.params
    state = request.state
    intent = require_intent(state, request.path_params["intent"])
    _refuse_unsupported(params)
    options = _confirm_options(params)
    values.text(params, "return_url", max_length=5000)
    values.boolean(params, "use_stripe_sdk")
    card_options = _card_options(params, state)
    if intent["status"] == "succeeded":
        raise unexpected_state(
            intent,
            "You cannot confirm this PaymentIntent because it has already succeeded after "
            "being previously confirmed.",
        )
    if intent["status"] not in CONFIRMABLE:
        raise unexpected_state(
            intent,
            f"You cannot confirm this PaymentIntent because it has a status of "
            f"{intent['status']}. Only a PaymentIntent with one of the following statuses may "
            "be confirmed: " + ", ".join(CONFIRMABLE) + ".",
        )
    _card_options_into(intent, card_options)
    _confirm(state, intent, options, request.created)
    return intent


def cancel(request: Request) -> dict[str, Any]:
    """POST /v1/payment_intents/{intent}/cancel: releases an uncaptured authorisation."""
    state = request.state
    intent = require_intent(state, request.path_params["intent"])
    reason = values.choice(request.params, "cancellation_reason", CANCELLATION_REASONS)
    if intent["status"] not in CANCELABLE:
        raise unexpected_state(
            intent,
            f"You cannot cancel this PaymentIntent because it has a status of "
            f"{intent['status']}. Only a PaymentIntent with one of the following statuses may "
            "be canceled: " + ", ".join(CANCELABLE) + ".",
        )
    if intent["status"] == "requires_capture" and intent["latest_charge"]:
        charge = state.get(intent["latest_charge"])
        if charge is not None:
            charges.release(state, charge)
    intent.update(
        status="canceled",
        canceled_at=request.created,
        cancellation_reason=reason,
        amount_capturable=0,
        next_action=None,
    )
    state.touch(intent["id"])
    return intent


def capture(request: Request) -> dict[str, Any]:
    """POST /v1/payment_intents/{intent}/capture (manual capture)."""
    params = request.params
    state = request.state
    intent = require_intent(state, request.path_params["intent"])
    for name in (
        "amount_details",
        "application_fee_amount",
        "hooks",
        "payment_details",
        "transfer_data",
    ):
        if name in params:
            raise values.bad_value(
                f"The moto-desk simulator does not simulate '{name}' on PaymentIntents.", name
            )
    amount = values.integer(params, "amount_to_capture", minimum=1)
    values.boolean(params, "final_capture")
    metadata = values.merged_metadata(intent["metadata"], params)
    changes = {}
    for key in ("statement_descriptor", "statement_descriptor_suffix"):
        present, value = values.nullable_text(params, key, max_length=22)
        if present:
            changes[key] = value
    if intent["status"] != "requires_capture":
        raise unexpected_state(
            intent,
            "This PaymentIntent could not be captured because it has a status of "
            f"{intent['status']}. Only a PaymentIntent with one of the following statuses may "
            "be captured: requires_capture.",
        )
    to_capture = intent["amount_capturable"] if amount is None else amount
    if to_capture > intent["amount_capturable"]:
        raise invalid_request(
            f"The amount to capture ({to_capture}) must be less than or equal to the "
            f"PaymentIntent's amount_capturable ({intent['amount_capturable']}).",
            code="amount_too_large",
            param="amount_to_capture",
        )
    charge = state.require("charge", intent["latest_charge"], "charge")
    charges.capture_funds(state, charge, to_capture, request.created)
    intent.update(changes, status="succeeded", amount_capturable=0, amount_received=to_capture)
    if metadata is not None:
        intent["metadata"] = metadata
    state.touch(intent["id"])
    return intent


def list_intents(request: Request) -> dict[str, Any]:
    """GET /v1/payment_intents (``customer``, ``created``), newest first."""
    params = request.params
    customer = values.object_id(params, "customer", "cus")
    account = values.text(params, "customer_account")
    created = values.range_filter(params, "created")
    items = request.state.newest_first("payment_intent")
    if customer is not None:
        items = [pi for pi in items if pi["customer"] == customer]
    if account is not None:
        items = [pi for pi in items if pi["customer_account"] == account]
    if created is not None:
        items = [pi for pi in items if created(pi["created"])]
    return list_page(items, params, "/v1/payment_intents")


def search_intents(request: Request) -> dict[str, Any]:
    """GET /v1/payment_intents/search (metadata, status, customer, amount, currency…)."""
    params = request.params
    found = search(request.state.newest_first("payment_intent"), params.get("query"), SEARCH_FIELDS)
    return search_page(found, params, "/v1/payment_intents/search")


def register(router: Router) -> None:
    """Routes of the PaymentIntent family, and charge retrieval."""
    base = "/v1/payment_intents"
    routes = [
        ("POST", base, create, "PaymentIntentCreateParams", REFUSED_TYPES),
        ("GET", base + "/search", search_intents, "PaymentIntentSearchParams", None),
        ("GET", base, list_intents, "PaymentIntentListParams", None),
        ("GET", base + "/{intent}", retrieve, "PaymentIntentRetrieveParams", None),
        ("POST", base + "/{intent}", update, "PaymentIntentUpdateParams", REFUSED_TYPES),
        ("POST", base + "/{intent}/confirm", confirm, "PaymentIntentConfirmParams", REFUSED_TYPES),
        ("POST", base + "/{intent}/cancel", cancel, "PaymentIntentCancelParams", None),
        ("POST", base + "/{intent}/capture", capture, "PaymentIntentCaptureParams", None),
    ]
    for method, template, handler, params_class, refused in routes:
        router.add(
            method,
            template,
            handler,
            from_sdk(params_class),
            permission="payment_intent",
            refused=refused,
        )
    charges.register_routes(router)
