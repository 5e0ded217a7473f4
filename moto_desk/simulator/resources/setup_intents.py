"""SetupIntents and their SetupAttempts (stripe-notes §0.1, §1.4).

moto-desk saves a card by creating a SetupIntent for a customer and handing it to a Terminal
reader (``process_setup_intent``); the reader confirms it. So this module creates, reads,
updates, cancels and lists SetupIntents, and exposes what the reader needs to record the
outcome (:func:`record_success`, :func:`record_failure`). Confirming from the API
(``confirm=true``, ``payment_method``, ``payment_method_data``…) is not part of that flow and
is refused with a message saying so, rather than silently accepted.

Stripe behaviour chosen here where it is unverified is marked **(unverified)**.
"""

from __future__ import annotations

import copy
import importlib
import re
import typing
from functools import cache
from typing import Any

from ..cards import Failure
from ..errors import DOC_BASE, ApiError, invalid_request
from ..listing import list_page
from ..routing import Request, Router
from ..schema import from_sdk
from ..state import State, random_token
from .customers import require_customer
from .payment_intents import DEFAULT_PAYMENT_METHOD_CONFIGURATION
from .values import (
    bad_value,
    boolean,
    choice,
    empty_refused,
    hash_param,
    merged_metadata,
    new_metadata,
    range_filter,
    string_list,
    text,
)

SETUP_INTENT = "setup_intent"
SETUP_ATTEMPT = "setup_attempt"

USAGES = ("off_session", "on_session")
CANCELLATION_REASONS = ("abandoned", "duplicate", "requested_by_customer")
CANCELABLE = ("requires_payment_method", "requires_confirmation", "requires_action")
REQUEST_THREE_D_SECURE = ("any", "automatic", "challenge")
FLOW_DIRECTIONS = ("inbound", "outbound")

# Payment method types the simulated account has turned on: the ones a desk with a Terminal
# reader uses. ``allowed_payment_method_types`` is filtered down to these, as Stripe filters it
# to the compatible types (stripe-notes §0.1).
ACCOUNT_PAYMENT_METHOD_TYPES = ("card", "card_present", "link")
# What ``automatic_payment_methods`` (the default when no types are given) offers online.
AUTOMATIC_PAYMENT_METHOD_TYPES = ("card", "link")

# stripe-notes §0.1: on 2026-09-30.endive and later, ``payment_method_types`` is refused on
# SetupIntent create and update with this code (exact wording unverified).
PAYMENT_METHOD_TYPES_REFUSED = {
    "payment_method_types": (
        "payment_method_types_no_longer_supported",
        "The payment_method_types parameter is no longer supported on this API version "
        "(2026-09-30.endive and later). Use allowed_payment_method_types instead.",
    )
}

# Parameters of the SDK's create/update params that belong to flows other than the reader
# save (API-side confirmation, Connect, mandates). Refused so that code written against the
# simulator never relies on behaviour it does not have.
_NOT_SIMULATED = (
    "confirm",
    "confirmation_token",
    "customer_account",
    "mandate_data",
    "on_behalf_of",
    "payment_method",
    "payment_method_configuration",
    "payment_method_data",
    "return_url",
    "single_use",
    "use_stripe_sdk",
)


def register(router: Router) -> None:
    """Routes of SetupIntents and SetupAttempts (restricted-key family ``setup_intent``)."""
    family = "setup_intent"
    router.add(
        "POST",
        "/v1/setup_intents",
        create_setup_intent,
        from_sdk("SetupIntentCreateParams"),
        permission=family,
        refused=PAYMENT_METHOD_TYPES_REFUSED,
    )
    router.add(
        "GET",
        "/v1/setup_intents",
        list_setup_intents,
        from_sdk("SetupIntentListParams"),
        permission=family,
    )
    router.add(
        "GET",
        "/v1/setup_intents/{intent}",
        retrieve_setup_intent,
        from_sdk("SetupIntentRetrieveParams"),
        permission=family,
    )
    router.add(
        "POST",
        "/v1/setup_intents/{intent}",
        update_setup_intent,
        from_sdk("SetupIntentUpdateParams"),
        permission=family,
        refused=PAYMENT_METHOD_TYPES_REFUSED,
    )
    router.add(
        "POST",
        "/v1/setup_intents/{intent}/cancel",
        cancel_setup_intent,
        from_sdk("SetupIntentCancelParams"),
        permission=family,
    )
    router.add(
        "GET",
        "/v1/setup_attempts",
        list_setup_attempts,
        from_sdk("SetupAttemptListParams"),
        permission=family,
    )


# ============================================================================ helpers
@cache
def sdk_literals(
    class_name: str, field_name: str, package: str = "stripe.params"
) -> tuple[str, ...]:
    """The enum values the SDK publishes for a parameter (``Literal[...]`` in its TypedDict).

    Reading them from the SDK keeps the simulator's enums in step with Stripe's spec.
    """
    module = importlib.import_module(package)
    annotation = getattr(module, class_name).__annotations__[field_name]
    return tuple(_literal_values(annotation))


def _literal_values(annotation: Any) -> list[str]:
    if isinstance(annotation, typing.ForwardRef):
        annotation = annotation.__forward_arg__
    if isinstance(annotation, str):
        found = re.search(r"Literal\[(.*?)\]", annotation)
        return re.findall(r"'([^']*)'", found.group(1)) if found else []
    if typing.get_origin(annotation) is typing.Literal:
        return [value for value in typing.get_args(annotation) if isinstance(value, str)]
    values: list[str] = []
    for argument in typing.get_args(annotation):
        values.extend(_literal_values(argument))
    return values


def refuse_not_simulated(params: dict[str, Any], names: tuple[str, ...], kind: str) -> None:
    """400 for a parameter Stripe accepts but the simulator deliberately does not model."""
    for name in names:
        if name in params and not (name == "confirm" and params[name] == "false"):
            raise bad_value(
                f"The moto-desk simulator does not implement `{name}` on {kind}: moto-desk "
                "saves cards on a Terminal reader (process_setup_intent) and charges them "
                "off-session.",
                name,
            )


def require_setup_intent(state: State, intent_id: Any, param: str = "intent") -> dict[str, Any]:
    """The SetupIntent, or Stripe's 404 (``No such setup_intent: 'seti_…'``)."""
    return state.require(SETUP_INTENT, intent_id, "setup_intent", param)


def unexpected_state(
    si: dict[str, Any], verb: str, participle: str, allowed: tuple[str, ...]
) -> ApiError:
    """400 ``setup_intent_unexpected_state`` with the SetupIntent embedded, as Stripe does."""
    return invalid_request(
        f"You cannot {verb} this SetupIntent because it has a status of {si['status']}. "
        f"Only a SetupIntent with one of the following statuses may be {participle}: "
        + ", ".join(allowed)
        + ".",
        code="setup_intent_unexpected_state",
        extra={"setup_intent": copy.deepcopy(si)},
    )


# ============================================================================ values
def _type_list(params: dict[str, Any], name: str) -> list[str] | None:
    values = string_list(params, name)
    if values is None:
        return None
    known = sdk_literals("SetupIntentCreateParams", name)
    for index, value in enumerate(values):
        if value not in known:
            raise bad_value(
                f"Invalid {name}[{index}]: must be one of {', '.join(known)}",
                f"{name}[{index}]",
            )
    return values


def _check_exclusive(params: dict[str, Any]) -> None:
    """``allowed_payment_method_types`` excludes the other ways of choosing types (§0.1)."""
    if "allowed_payment_method_types" not in params:
        return
    for other in (
        "automatic_payment_methods",
        "excluded_payment_method_types",
        "payment_method_configuration",
    ):
        if other in params:
            raise bad_value(
                "You may only specify one of these parameters: "
                f"allowed_payment_method_types, {other}.",
                other,
                "parameters_exclusive",
            )


def _computed_types(
    allowed: list[str] | None, excluded: list[str] | None, automatic: bool
) -> list[str]:
    """The read-only ``payment_method_types`` Stripe derives from the request."""
    if allowed is not None:
        usable = [kind for kind in allowed if kind in ACCOUNT_PAYMENT_METHOD_TYPES]
        if not usable:
            raise bad_value(
                "None of the payment method types in allowed_payment_method_types is enabled "
                "on this account; the simulated account offers "
                + ", ".join(ACCOUNT_PAYMENT_METHOD_TYPES)
                + ".",
                "allowed_payment_method_types",
            )
        return list(dict.fromkeys(usable))
    offered = AUTOMATIC_PAYMENT_METHOD_TYPES if automatic else ("card",)
    return [kind for kind in offered if kind not in (excluded or [])] or ["card"]


def _automatic(params: dict[str, Any]) -> dict[str, Any] | None:
    raw = hash_param(params, "automatic_payment_methods")
    if not raw:
        return None
    enabled = boolean(raw, "enabled", param="automatic_payment_methods[enabled]")
    redirects = choice(
        raw,
        "allow_redirects",
        ("always", "never"),
        param="automatic_payment_methods[allow_redirects]",
    )
    return {"allow_redirects": redirects or "always", "enabled": bool(enabled)}


def _card_options(params: dict[str, Any], current: dict[str, Any] | None) -> dict[str, Any]:
    """``payment_method_options[card]``: only ``request_three_d_secure`` and ``network``.

    ``moto`` is refused as Stripe refuses it outside confirmation (stripe-notes §1.4,
    stripe-dotnet#2898: ``parameter_unknown``); the reader's MOTO switch is
    ``process_config[moto]`` on ``process_setup_intent``.
    """
    options = hash_param(params, "payment_method_options")
    card = hash_param(options, "card", param="payment_method_options[card]")
    for name in card:
        if name == "moto":
            raise bad_value(
                "Received unknown parameter: payment_method_options[card][moto]",
                "payment_method_options[card][moto]",
                "parameter_unknown",
            )
        if name not in ("request_three_d_secure", "network"):
            refuse_not_simulated(card, (name,), "SetupIntents")
    for kind in options:
        if kind != "card":
            refuse_not_simulated(options, (kind,), "SetupIntents")
    result = dict(
        current or {"mandate_options": None, "network": None, "request_three_d_secure": "automatic"}
    )
    three_ds = choice(
        card,
        "request_three_d_secure",
        REQUEST_THREE_D_SECURE,
        param="payment_method_options[card][request_three_d_secure]",
    )
    if three_ds is not None:
        result["request_three_d_secure"] = three_ds
    network = text(card, "network", param="payment_method_options[card][network]")
    if network is not None:
        result["network"] = network
    return result


def _flow_directions(params: dict[str, Any]) -> list[str] | None:
    values = string_list(params, "flow_directions")
    for index, value in enumerate(values or []):
        if value not in FLOW_DIRECTIONS:
            raise bad_value(
                f"Invalid flow_directions[{index}]: must be one of inbound or outbound",
                f"flow_directions[{index}]",
            )
    return values


def _customer_param(params: dict[str, Any]) -> str | None:
    value = params.get("customer")
    if value == "":
        raise empty_refused("customer")
    return text(params, "customer")


# ============================================================================ objects
def new_setup_intent(request: Request) -> dict[str, Any]:
    """Build (without storing) a SetupIntent from validated create parameters."""
    params = request.params
    refuse_not_simulated(params, _NOT_SIMULATED, "SetupIntents")
    _check_exclusive(params)
    allowed = _type_list(params, "allowed_payment_method_types")
    excluded = _type_list(params, "excluded_payment_method_types")
    automatic = _automatic(params)
    if allowed is None and automatic is None:
        # Stripe enables automatic payment methods when no type is named (unverified for
        # SetupIntents on endive; it is the PaymentIntent default since 2023-08-16).
        automatic = {"allow_redirects": "always", "enabled": True}
    types = _computed_types(allowed, excluded, bool(automatic and automatic["enabled"]))
    options = _card_options(params, None) if "card" in types else {}
    usage = choice(params, "usage", USAGES) or "off_session"
    description = text(params, "description", max_length=1000)
    metadata = new_metadata(params)
    flow_directions = _flow_directions(params)
    attach_to_self = boolean(params, "attach_to_self")
    customer = _customer_param(params)
    if customer is not None:
        require_customer(request.state, customer, "customer")
    intent_id = request.state.new_id("seti")
    return {
        "id": intent_id,
        "object": SETUP_INTENT,
        "allowed_payment_method_types": allowed,
        "application": None,
        "attach_to_self": attach_to_self,
        "automatic_payment_methods": automatic,
        "cancellation_reason": None,
        "client_secret": f"{intent_id}_secret_{random_token(25)}",
        "created": request.created,
        "customer": customer,
        "customer_account": None,
        "description": description,
        "excluded_payment_method_types": excluded,
        "flow_directions": flow_directions,
        "last_setup_error": None,
        "latest_attempt": None,
        "livemode": False,
        "managed_payments": None,
        "mandate": None,
        "metadata": metadata,
        "next_action": None,
        "on_behalf_of": None,
        "payment_method": None,
        "payment_method_configuration_details": _configuration_details(automatic),
        "payment_method_options": {"card": options} if options else {},
        "payment_method_types": types,
        "single_use_mandate": None,
        "status": "requires_payment_method",
        "usage": usage,
    }


def _configuration_details(automatic: dict[str, Any] | None) -> dict[str, Any] | None:
    """Automatic payment methods come from the account's default configuration."""
    if automatic is None or not automatic["enabled"]:
        return None
    return {"id": DEFAULT_PAYMENT_METHOD_CONFIGURATION, "parent": None}


def create_setup_intent(request: Request) -> dict[str, Any]:
    """``POST /v1/setup_intents``: a SetupIntent in ``requires_payment_method``."""
    return request.state.add(new_setup_intent(request))


def retrieve_setup_intent(request: Request) -> dict[str, Any]:
    """``GET /v1/setup_intents/{intent}``; a given ``client_secret`` must match."""
    si = require_setup_intent(request.state, request.path_params["intent"])
    secret = text(request.params, "client_secret")
    if secret is not None and secret != si["client_secret"]:
        raise bad_value(
            "The client_secret provided does not match the client_secret associated with "
            "the SetupIntent.",
            "client_secret",
        )
    return si


def update_setup_intent(request: Request) -> dict[str, Any]:
    """``POST /v1/setup_intents/{intent}``: metadata, description, customer, allowed types.

    Refused once the SetupIntent is succeeded or canceled (``setup_intent_unexpected_state``)
    **(unverified: Stripe may still let metadata change on a succeeded SetupIntent; refusing is
    the stricter choice, so code that passes here cannot depend on it)**.
    """
    state, params = request.state, request.params
    si = require_setup_intent(state, request.path_params["intent"])
    refuse_not_simulated(params, _NOT_SIMULATED, "SetupIntents")
    _check_exclusive(params)
    if si["status"] in ("succeeded", "canceled"):
        raise unexpected_state(si, "update", "updated", CANCELABLE)
    changes = _update_changes(state, si, params)
    si.update(changes)
    state.touch(si["id"])
    return si


def _update_changes(state: State, si: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    metadata = merged_metadata(si["metadata"], params)
    if metadata is not None:
        changes["metadata"] = metadata
    if "description" in params:
        changes["description"] = (
            text(params, "description", max_length=1000, allow_empty=True) or None
        )
    customer = _customer_param(params)
    if customer is not None:
        require_customer(state, customer, "customer")
        changes["customer"] = customer
    allowed = _type_list(params, "allowed_payment_method_types")
    excluded = _type_list(params, "excluded_payment_method_types")
    if allowed is not None:
        changes["allowed_payment_method_types"] = allowed
        changes["automatic_payment_methods"] = None
        changes["payment_method_configuration_details"] = None
        changes["payment_method_types"] = _computed_types(allowed, None, False)
    elif excluded is not None:
        changes["excluded_payment_method_types"] = excluded
        automatic = bool(
            si["automatic_payment_methods"] and si["automatic_payment_methods"]["enabled"]
        )
        changes["payment_method_types"] = _computed_types(None, excluded, automatic)
    if "payment_method_options" in params:
        current = si["payment_method_options"].get("card")
        changes["payment_method_options"] = {"card": _card_options(params, current)}
    if "flow_directions" in params:
        changes["flow_directions"] = _flow_directions(params)
    if "attach_to_self" in params:
        changes["attach_to_self"] = boolean(params, "attach_to_self")
    return changes


def cancel_setup_intent(request: Request) -> dict[str, Any]:
    """``POST /v1/setup_intents/{intent}/cancel``, allowed only from the three waiting states.

    A reader still processing this SetupIntent is not told: its action fails when a card is
    presented, because the SetupIntent is then no longer ``requires_payment_method``
    **(unverified: Stripe may instead end the reader action at once)**.
    """
    state = request.state
    si = require_setup_intent(state, request.path_params["intent"])
    reason = choice(request.params, "cancellation_reason", CANCELLATION_REASONS)
    if si["status"] not in CANCELABLE:
        raise unexpected_state(si, "cancel", "canceled", CANCELABLE)
    si["status"] = "canceled"
    si["cancellation_reason"] = reason
    state.touch(si["id"])
    return si


def list_setup_intents(request: Request) -> dict[str, Any]:
    """``GET /v1/setup_intents``: newest first, filtered by customer, payment method, created."""
    params = request.params
    customer = text(params, "customer")
    payment_method = text(params, "payment_method")
    created = range_filter(params, "created")
    attach_to_self = boolean(params, "attach_to_self")
    customer_account = text(params, "customer_account")
    items = [
        si
        for si in request.state.newest_first(SETUP_INTENT)
        if (customer is None or si["customer"] == customer)
        and (payment_method is None or si["payment_method"] == payment_method)
        and (created is None or created(si["created"]))
        and (attach_to_self is None or bool(si["attach_to_self"]) == attach_to_self)
        and (customer_account is None or si["customer_account"] == customer_account)
    ]
    return list_page(items, params, "/v1/setup_intents")


def list_setup_attempts(request: Request) -> dict[str, Any]:
    """``GET /v1/setup_attempts?setup_intent=…``: the attempts of one SetupIntent."""
    params = request.params
    intent_id = text(params, "setup_intent")
    require_setup_intent(request.state, intent_id, "setup_intent")
    created = range_filter(params, "created")
    items = [
        attempt
        for attempt in request.state.newest_first(SETUP_ATTEMPT)
        if attempt["setup_intent"] == intent_id and (created is None or created(attempt["created"]))
    ]
    return list_page(items, params, "/v1/setup_attempts")


# ============================================================================ outcomes
def card_error_hash(
    failure: Failure,
    *,
    payment_method: dict[str, Any] | None,
    payment_method_type: str,
    error_type: str = "card_error",
) -> dict[str, Any]:
    """``last_setup_error`` / ``setup_error`` for a failed attempt (SDK ``LastSetupError``)."""
    return {
        "advice_code": None,
        "code": failure.code,
        "decline_code": failure.decline_code,
        "doc_url": DOC_BASE + failure.code.replace("_", "-"),
        "message": failure.message,
        "network_advice_code": None,
        "network_decline_code": None,
        "param": failure.param,
        "payment_method": copy.deepcopy(payment_method),
        "payment_method_type": payment_method_type,
        "type": error_type,
    }


def _new_attempt(
    state: State,
    si: dict[str, Any],
    *,
    created: int,
    payment_method: str,
    details: dict[str, Any],
    status: str,
    error: dict[str, Any] | None,
) -> dict[str, Any]:
    attempt = {
        "id": state.new_id("setatt"),
        "object": SETUP_ATTEMPT,
        "application": None,
        "attach_to_self": si["attach_to_self"],
        "created": created,
        "customer": si["customer"],
        "customer_account": None,
        "flow_directions": si["flow_directions"],
        "livemode": False,
        "on_behalf_of": None,
        "payment_method": payment_method,
        "payment_method_details": details,
        "setup_error": error,
        "setup_intent": si["id"],
        "status": status,
        "usage": si["usage"],
    }
    return state.add(attempt)


def record_success(
    state: State,
    si: dict[str, Any],
    *,
    payment_method: str,
    details: dict[str, Any],
    created: int,
) -> dict[str, Any]:
    """The reader confirmed the SetupIntent: a succeeded attempt, status ``succeeded``."""
    attempt = _new_attempt(
        state,
        si,
        created=created,
        payment_method=payment_method,
        details=details,
        status="succeeded",
        error=None,
    )
    si.update(
        status="succeeded",
        payment_method=payment_method,
        latest_attempt=attempt["id"],
        last_setup_error=None,
    )
    state.touch(si["id"])
    return attempt


def record_failure(
    state: State,
    si: dict[str, Any],
    *,
    error: dict[str, Any],
    payment_method: str | None,
    details: dict[str, Any] | None,
    created: int,
) -> None:
    """The reader's confirmation failed: back to (still) ``requires_payment_method``.

    A failed SetupAttempt is recorded only when a PaymentMethod was created (the card reached
    the network and was declined); a number or expiry refused on the keypad creates neither
    **(unverified)**.
    """
    if payment_method is not None and details is not None:
        attempt = _new_attempt(
            state,
            si,
            created=created,
            payment_method=payment_method,
            details=details,
            status="failed",
            error=error,
        )
        si["latest_attempt"] = attempt["id"]
    si.update(status="requires_payment_method", last_setup_error=error, payment_method=None)
    state.touch(si["id"])


def mark_processing(state: State, si: dict[str, Any], reader_id: str | None) -> None:
    """Note privately which reader is processing the SetupIntent (``None`` when done).

    Stripe shows nothing of it on the SetupIntent: the status stays ``requires_payment_method``
    until the reader confirms it.
    """
    state.private(si["id"])["processing_reader"] = reader_id


def processing_reader(state: State, intent_id: str) -> str | None:
    value = state.peek_private(intent_id).get("processing_reader")
    return value if isinstance(value, str) else None
