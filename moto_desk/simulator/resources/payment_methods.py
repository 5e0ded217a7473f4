"""PaymentMethods: retrieve, list, update, detach (stripe-notes §1.6).

Card PaymentMethods are created by the terminal flow (a MOTO save) through
``cards.create_card_payment_method``. Detaching is permanent at Stripe: the PaymentMethod
still exists with ``customer: null`` but can never be used or attached again, which is
kept in its private record (``unusable``) and enforced when a PaymentIntent is confirmed.
"""

from __future__ import annotations

import time
from typing import Any

from ..errors import ApiError, invalid_request
from ..listing import list_page
from ..routing import Request, Router
from ..schema import from_sdk
from ..state import State
from . import values

ALLOW_REDISPLAY = ("always", "limited", "unspecified")
# The PaymentMethod types Stripe lists, as its own SDK spells them.
LISTABLE_TYPES = values.sdk_literals("PaymentMethodListParams", "type")
UNUSABLE_MESSAGE = (
    "The provided PaymentMethod was previously used with a PaymentIntent without Customer "
    "attachment, shared with a connected account without Customer attachment, or was "
    "detached from a Customer. It may not be used again. To use a PaymentMethod multiple "
    "times, you must attach it to a Customer first."
)


def require_payment_method(state: State, pm_id: Any, param: str = "id") -> dict[str, Any]:
    """A stored PaymentMethod, or Stripe's 404 ("No such PaymentMethod: 'pm_…'")."""
    return state.require("payment_method", pm_id, "PaymentMethod", param)


def is_unusable(state: State, pm_id: str) -> bool:
    """Detached, or used once without a customer: Stripe refuses it for good."""
    return bool(state.peek_private(pm_id).get("unusable"))


def mark_unusable(state: State, pm_id: str) -> None:
    state.private(pm_id)["unusable"] = True


def _detach(state: State, pm: dict[str, Any]) -> None:
    customer_id = pm["customer"]
    pm["customer"] = None
    state.touch(pm["id"])
    mark_unusable(state, pm["id"])
    customer = state.get(customer_id) if customer_id else None
    if customer and customer.get("invoice_settings", {}).get("default_payment_method") == pm["id"]:
        customer["invoice_settings"]["default_payment_method"] = None
        state.touch(customer_id)


def detach_for_deleted_customer(state: State, customer_id: str) -> None:
    """Deleting a customer detaches its payment methods (they become unusable)."""
    for pm in state.newest_first("payment_method"):
        if pm.get("customer") == customer_id:
            _detach(state, pm)


# ---------------------------------------------------------------------------- listing
def _filters(params: dict[str, Any]) -> tuple[str | None, str | None]:
    pm_type = values.choice(params, "type", LISTABLE_TYPES)
    redisplay = values.choice(params, "allow_redisplay", ALLOW_REDISPLAY)
    return pm_type, redisplay


def _filtered(
    items: list[dict[str, Any]], pm_type: str | None, redisplay: str | None
) -> list[dict[str, Any]]:
    if pm_type is not None:
        items = [pm for pm in items if pm["type"] == pm_type]
    else:
        items = [pm for pm in items if pm["type"] != "custom"]
    if redisplay is not None:
        items = [pm for pm in items if pm.get("allow_redisplay") == redisplay]
    return items


def customer_payment_methods(
    state: State, customer_id: str, params: dict[str, Any]
) -> list[dict[str, Any]]:
    """A customer's PaymentMethods, newest first, filtered by ``type``/``allow_redisplay``."""
    pm_type, redisplay = _filters(params)
    mine = [pm for pm in state.newest_first("payment_method") if pm["customer"] == customer_id]
    return _filtered(mine, pm_type, redisplay)


def list_payment_methods(request: Request) -> dict[str, Any]:
    """GET /v1/payment_methods (``customer``, ``customer_account``, ``type``…)."""
    params = request.params
    state = request.state
    pm_type, redisplay = _filters(params)
    customer_id = values.object_id(params, "customer", "cus")
    account = values.text(params, "customer_account")
    items = state.newest_first("payment_method")
    if customer_id is not None:
        state.require("customer", customer_id, "customer", "customer")
        items = [pm for pm in items if pm["customer"] == customer_id]
    if account is not None:
        items = [pm for pm in items if pm.get("customer_account") == account]
    return list_page(_filtered(items, pm_type, redisplay), params, "/v1/payment_methods")


def retrieve(request: Request) -> dict[str, Any]:
    """GET /v1/payment_methods/{payment_method}."""
    return require_payment_method(request.state, request.path_params["payment_method"])


# ---------------------------------------------------------------------------- update
def _expiry_error(which: str) -> ApiError:
    return ApiError(
        402,
        "card_error",
        f"Your card's expiration {which} is invalid.",
        code=f"invalid_expiry_{which}",
        param=f"card[exp_{which}]",
        validation=True,
    )


def _card_changes(params: dict[str, Any], card: dict[str, Any] | None) -> dict[str, Any]:
    raw = values.hash_param(params, "card")
    if not raw:
        return {}
    if card is None:
        raise values.bad_value("card can only be updated on a card PaymentMethod.", "card")
    changes: dict[str, Any] = {}
    month = values.integer(raw, "exp_month", param="card[exp_month]")
    year = values.integer(raw, "exp_year", param="card[exp_year]")
    if year is not None and year < 100:
        year += 2000
    if month is not None and not 1 <= month <= 12:
        raise _expiry_error("month")
    new_month = month if month is not None else card["exp_month"]
    new_year = year if year is not None else card["exp_year"]
    now = time.gmtime()
    if year is not None and not now.tm_year <= new_year <= now.tm_year + 50:
        raise _expiry_error("year")
    if (new_year, new_month) < (now.tm_year, now.tm_mon):
        raise _expiry_error("month" if month is not None else "year")
    if month is not None:
        changes["exp_month"] = month
    if year is not None:
        changes["exp_year"] = year
    networks = values.hash_param(raw, "networks", param="card[networks]")
    if networks:
        preferred = values.nullable_text(networks, "preferred", param="card[networks][preferred]")
        available = card.get("networks", {}).get("available", [])
        if preferred[1] is not None and preferred[1] not in available:
            raise values.bad_value(
                f"Invalid card[networks][preferred]: must be one of {', '.join(available)}",
                "card[networks][preferred]",
            )
        changes["networks"] = {"available": available, "preferred": preferred[1]}
    return changes


def _billing_changes(params: dict[str, Any], current: dict[str, Any]) -> dict[str, Any] | None:
    if "billing_details" not in params:
        return None
    raw = values.hash_param(params, "billing_details")
    result = dict(current)
    for key in ("email", "name", "phone", "tax_id"):
        present, value = values.nullable_text(raw, key, param=f"billing_details[{key}]")
        if present:
            result[key] = value
    if "address" in raw:
        result["address"] = values.address(
            {} if raw["address"] == "" else values.hash_param(raw, "address"),
            "billing_details[address]",
        )
    return result


def update(request: Request) -> dict[str, Any]:
    """POST /v1/payment_methods/{payment_method}: only a saved (attached) one may change."""
    params = request.params
    state = request.state
    pm = require_payment_method(state, request.path_params["payment_method"])
    if "us_bank_account" in params and pm["type"] != "us_bank_account":
        raise values.bad_value(
            "us_bank_account can only be updated on a us_bank_account PaymentMethod.",
            "us_bank_account",
        )
    redisplay = values.choice(params, "allow_redisplay", ALLOW_REDISPLAY)
    billing = _billing_changes(params, pm["billing_details"])
    card = _card_changes(params, pm.get("card"))
    metadata = values.merged_metadata(pm["metadata"], params)
    if pm["customer"] is None:
        raise invalid_request(
            "You must save this PaymentMethod to a customer before you can update it."
        )
    if redisplay is not None:
        pm["allow_redisplay"] = redisplay
    if billing is not None:
        pm["billing_details"] = billing
    if card:
        pm["card"].update(card)
    if metadata is not None:
        pm["metadata"] = metadata
    state.touch(pm["id"])
    return pm


def detach(request: Request) -> dict[str, Any]:
    """POST /v1/payment_methods/{payment_method}/detach: permanent."""
    state = request.state
    pm = require_payment_method(state, request.path_params["payment_method"])
    if pm["customer"] is None:
        raise invalid_request(
            "The payment method you provided is not attached to a customer so detachment is "
            "impossible."
        )
    _detach(state, pm)
    return pm


def register(router: Router) -> None:
    """Routes of the PaymentMethod family."""
    base = "/v1/payment_methods"
    router.add(
        "GET",
        base,
        list_payment_methods,
        from_sdk("PaymentMethodListParams"),
        permission="payment_method",
    )
    router.add(
        "GET",
        base + "/{payment_method}",
        retrieve,
        from_sdk("PaymentMethodRetrieveParams"),
        permission="payment_method",
    )
    router.add(
        "POST",
        base + "/{payment_method}",
        update,
        from_sdk("PaymentMethodUpdateParams"),
        permission="payment_method",
    )
    router.add(
        "POST",
        base + "/{payment_method}/detach",
        detach,
        from_sdk("PaymentMethodDetachParams"),
        permission="payment_method",
    )
