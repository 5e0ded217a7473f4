"""Refunds: create (full or partial), retrieve, list (stripe-notes §1.8).

A refund never exceeds what remains of the charge. Refunds of the test card
4000000000007726 start ``pending`` and succeed ``PENDING_REFUND_SECONDS`` later, driven by
``tick`` (run before every request); all others succeed at once.
"""

from __future__ import annotations

import secrets
import string
from typing import Any

from .. import cards
from ..errors import invalid_request
from ..listing import list_page
from ..routing import Request, Router
from ..schema import from_sdk
from ..state import State
from . import charges, values
from .amounts import format_amount

REASONS = values.sdk_literals("RefundCreateParams", "reason")
PENDING_CARD = "4000000000007726"
# How long a pending refund takes to succeed (Stripe: "a few seconds"); tests shorten it.
PENDING_REFUND_SECONDS = 3.0


def _refuse_connect(params: dict[str, Any]) -> None:
    """Customer-balance refunds and Connect reversals are not simulated."""
    if "origin" in params:
        values.choice(params, "origin", ("customer_balance",))
    for name in ("origin", "currency", "customer"):
        if name in params:
            raise values.bad_value(
                f"The moto-desk simulator does not simulate customer-balance refunds ('{name}').",
                name,
            )
    for name in ("refund_application_fee", "reverse_transfer"):
        if values.boolean(params, name):
            raise values.bad_value(
                f"{name} applies only to Connect charges, which the moto-desk simulator does "
                "not simulate.",
                name,
            )


def _target_charge(state: State, params: dict[str, Any]) -> dict[str, Any]:
    """The charge a refund request names, directly or through its PaymentIntent."""
    charge_id = values.object_id(params, "charge", "ch")
    intent_id = values.object_id(params, "payment_intent", "pi")
    if charge_id is None and intent_id is None:
        raise values.bad_value(
            "One of the following params should be provided for this request: payment_intent "
            "or charge.",
            "payment_intent",
            "parameter_missing",
        )
    charge = state.require("charge", charge_id, "charge", "charge") if charge_id else None
    if intent_id is not None:
        intent = state.require("payment_intent", intent_id, "payment_intent", "payment_intent")
        if intent["status"] != "succeeded" or not intent["latest_charge"]:
            raise invalid_request(
                f"This PaymentIntent ({intent_id}) does not have a successful charge to refund.",
                param="payment_intent",
            )
        if charge is not None and charge["id"] != intent["latest_charge"]:
            raise invalid_request(
                f"The charge {charge['id']} does not belong to the PaymentIntent {intent_id}.",
                param="charge",
            )
        charge = state.require("charge", intent["latest_charge"], "charge", "payment_intent")
    assert charge is not None
    return charge


def _refundable(charge: dict[str, Any], requested: int | None) -> int:
    """The amount to refund, within what remains of ``charge``."""
    if charge["status"] != "succeeded" or not charge["captured"]:
        raise invalid_request(
            f"Charge {charge['id']} cannot be refunded: it has not succeeded and been captured.",
            param="charge",
        )
    remaining = charge["amount"] - charge["amount_refunded"]
    if remaining <= 0:
        raise invalid_request(
            f"Charge {charge['id']} has already been refunded.",
            code="charge_already_refunded",
            param="charge",
        )
    amount = remaining if requested is None else requested
    if amount > remaining:
        currency = charge["currency"]
        raise invalid_request(
            f"Refund amount ({format_amount(amount, currency)}) is greater than unrefunded "
            f"amount on charge ({format_amount(remaining, currency)})",
            code="amount_too_large",
            param="amount",
        )
    return amount


def _acquirer_reference() -> str:
    return "".join(secrets.choice(string.digits) for _ in range(23))


def _destination(status: str) -> dict[str, Any]:
    available = status == "succeeded"
    return {
        "card": {
            "reference": _acquirer_reference() if available else None,
            "reference_status": "available" if available else "pending",
            "reference_type": "acquirer_reference_number",
            "type": "refund",
        },
        "type": "card",
    }


def create(request: Request) -> dict[str, Any]:
    """POST /v1/refunds."""
    params = request.params
    state = request.state
    amount = values.integer(params, "amount", minimum=1)
    reason = values.choice(params, "reason", REASONS)
    metadata = values.new_metadata(params)
    instructions = values.text(params, "instructions_email", max_length=800)
    _refuse_connect(params)
    charge = _target_charge(state, params)
    to_refund = _refundable(charge, amount)

    card = cards.behaviour(state, charge["payment_method"]) if charge["payment_method"] else None
    status = "pending" if card is not None and card.number == PENDING_CARD else "succeeded"
    refund_id = state.new_id("re")
    refund = {
        "id": refund_id,
        "object": "refund",
        "amount": to_refund,
        "balance_transaction": charges.add_balance_transaction(
            state,
            source=refund_id,
            amount=to_refund,
            currency=charge["currency"],
            created=request.created,
            kind="refund",
            description="REFUND FOR CHARGE"
            + (f" ({charge['description']})" if charge["description"] else ""),
        ),
        "charge": charge["id"],
        "created": request.created,
        "currency": charge["currency"],
        "customer": charge["customer"],
        "customer_account": None,
        "description": None,
        "destination_details": _destination(status),
        "failure_balance_transaction": None,
        "failure_reason": None,
        "instructions_email": instructions,
        "metadata": metadata,
        "next_action": None,
        "payment_intent": charge["payment_intent"],
        "payment_method": charge["payment_method"],
        "pending_reason": "processing" if status == "pending" else None,
        "presentment_details": None,
        "reason": reason,
        "receipt_number": None,
        "source_transfer_reversal": None,
        "status": status,
        "transfer_reversal": None,
    }
    private = {"succeeds_at": request.now + PENDING_REFUND_SECONDS} if status == "pending" else {}
    state.add(refund, private)
    charge["amount_refunded"] += to_refund
    charge["refunded"] = charge["amount_refunded"] >= charge["amount"]
    charges.refresh_refunds(state, charge)
    return refund


def retrieve(request: Request) -> dict[str, Any]:
    """GET /v1/refunds/{refund}."""
    return request.state.require("refund", request.path_params["refund"], "refund")


def list_refunds(request: Request) -> dict[str, Any]:
    """GET /v1/refunds (``charge``, ``payment_intent``, ``created``), newest first."""
    params = request.params
    charge = values.object_id(params, "charge", "ch")
    intent = values.object_id(params, "payment_intent", "pi")
    created = values.range_filter(params, "created")
    items = request.state.newest_first("refund")
    if charge is not None:
        items = [r for r in items if r["charge"] == charge]
    if intent is not None:
        items = [r for r in items if r["payment_intent"] == intent]
    if created is not None:
        items = [r for r in items if created(r["created"])]
    return list_page(items, params, "/v1/refunds")


def tick(state: State, now: float) -> None:
    """Pending refunds whose time has come succeed."""
    if not state.count("refund"):
        return
    for refund in state.newest_first("refund"):
        if refund["status"] != "pending":
            continue
        due = state.peek_private(refund["id"]).get("succeeds_at")
        if isinstance(due, int | float) and due <= now:
            refund.update(
                status="succeeded",
                pending_reason=None,
                destination_details=_destination("succeeded"),
            )
            state.touch(refund["id"])
            charge = state.get(refund["charge"])
            if charge is not None:
                charges.refresh_refunds(state, charge)


def register(router: Router) -> None:
    """Routes of the Refund family."""
    router.add("POST", "/v1/refunds", create, from_sdk("RefundCreateParams"), permission="refund")
    router.add(
        "GET", "/v1/refunds", list_refunds, from_sdk("RefundListParams"), permission="refund"
    )
    router.add(
        "GET",
        "/v1/refunds/{refund}",
        retrieve,
        from_sdk("RefundRetrieveParams"),
        permission="refund",
    )
