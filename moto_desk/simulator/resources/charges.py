"""Charges and balance transactions: what a PaymentIntent's confirmation leaves behind.

A confirmation attempt creates one Charge (``succeeded`` or ``failed``); a successful,
captured one also creates a ``balance_transaction``. The Charge keeps its ``refunds``
list current so that ``expand[]=latest_charge`` shows what Stripe shows. Only retrieve is
exposed (``GET /v1/charges/{charge}``): the app reads charges, it never creates them.
"""

from __future__ import annotations

from typing import Any

from ..cards import Failure
from ..listing import list_page
from ..routing import Request, Router
from ..schema import from_sdk
from ..state import State, random_token
from .amounts import exponent

STATEMENT_DESCRIPTOR = "MOTO-DESK SIM"
AVAILABLE_AFTER_S = 2 * 24 * 3600  # test-mode funds become available two days later
REFUNDS_SHOWN = 10

APPROVED_OUTCOME = {
    "advice_code": None,
    "network_advice_code": None,
    "network_decline_code": None,
    "network_status": "approved_by_network",
    "reason": None,
    "risk_level": "normal",
    "risk_score": 32,
    "seller_message": "Payment complete.",
    "type": "authorized",
}


def declined_outcome(failure: Failure) -> dict[str, Any]:
    """The ``outcome`` of a charge the issuer declined (stripe-notes §4.1)."""
    return {
        "advice_code": None,
        "network_advice_code": None,
        "network_decline_code": None,
        "network_status": "declined_by_network",
        "reason": failure.decline_code or failure.code,
        "risk_level": "normal",
        "risk_score": 32,
        "seller_message": "The bank did not return any further details with this decline.",
        "type": "issuer_declined",
    }


def stripe_fee(amount: int, currency: str) -> int:
    """Stripe's standard card fee (2.9% + 30 minor units; no fixed part without decimals)."""
    fixed = 30 if exponent(currency) == 2 else 0
    return min(amount, round(amount * 0.029) + fixed)


def add_balance_transaction(
    state: State,
    *,
    source: str,
    amount: int,
    currency: str,
    created: int,
    kind: str,
    description: str | None,
) -> str:
    """Store a ``txn_`` for a captured charge (``kind="charge"``) or a refund."""
    fee = stripe_fee(amount, currency) if kind == "charge" else 0
    signed = amount if kind == "charge" else -amount
    txn = {
        "id": state.new_id("txn"),
        "object": "balance_transaction",
        "amount": signed,
        "available_on": created + AVAILABLE_AFTER_S,
        "balance_type": "payments",
        "created": created,
        "currency": currency,
        "description": description,
        "exchange_rate": None,
        "fee": fee,
        "fee_details": (
            [
                {
                    "amount": fee,
                    "application": None,
                    "currency": currency,
                    "description": "Stripe processing fees",
                    "type": "stripe_fee",
                }
            ]
            if fee
            else []
        ),
        "net": signed - fee,
        "reporting_category": kind,
        "source": source,
        "status": "pending",
        "type": kind,
    }
    state.add(txn)
    return str(txn["id"])


def card_details(pm: dict[str, Any], amount: int) -> dict[str, Any]:
    """``payment_method_details`` of a charge made with a saved card (not MOTO itself)."""
    card = pm.get("card") or {}
    return {
        "card": {
            "amount_authorized": amount,
            "authorization_code": None,
            "brand": card.get("brand"),
            "checks": dict(card.get("checks") or {}),
            "country": card.get("country"),
            "exp_month": card.get("exp_month"),
            "exp_year": card.get("exp_year"),
            "extended_authorization": {"status": "disabled"},
            "fingerprint": card.get("fingerprint"),
            "funding": card.get("funding"),
            "incremental_authorization": {"status": "unavailable"},
            "installments": None,
            "last4": card.get("last4"),
            "mandate": None,
            "moto": None,
            "multicapture": {"status": "unavailable"},
            "network": card.get("brand"),
            "network_token": {"used": False},
            "network_transaction_id": random_token(15).upper(),
            "overcapture": {"maximum_amount_capturable": amount, "status": "unavailable"},
            "regulated_status": card.get("regulated_status"),
            "three_d_secure": None,
            "transaction_link_id": None,
            "wallet": None,
        },
        "type": "card",
    }


def create_charge(
    state: State,
    intent: dict[str, Any],
    pm: dict[str, Any],
    *,
    created: int,
    failure: Failure | None,
    capture: bool,
) -> dict[str, Any]:
    """Store the Charge of one confirmation attempt of ``intent`` with ``pm``."""
    charge_id = state.new_id("ch")
    succeeded = failure is None
    captured = succeeded and capture
    amount = intent["amount"]
    charge = {
        "id": charge_id,
        "object": "charge",
        "amount": amount,
        "amount_captured": amount if captured else 0,
        "amount_refunded": 0,
        "application": None,
        "application_fee": None,
        "application_fee_amount": None,
        "balance_transaction": None,
        "billing_details": dict(pm["billing_details"]),
        "calculated_statement_descriptor": STATEMENT_DESCRIPTOR,
        "captured": captured,
        "created": created,
        "currency": intent["currency"],
        "customer": intent["customer"],
        "description": intent["description"],
        "disputed": False,
        "failure_balance_transaction": None,
        "failure_code": failure.code if failure else None,
        "failure_message": failure.message if failure else None,
        "fraud_details": {},
        "livemode": False,
        "metadata": dict(intent["metadata"]),
        "on_behalf_of": None,
        "outcome": declined_outcome(failure) if failure else dict(APPROVED_OUTCOME),
        "paid": succeeded,
        "payment_intent": intent["id"],
        "payment_method": pm["id"],
        "payment_method_details": card_details(pm, amount),
        "receipt_email": intent["receipt_email"],
        "receipt_number": None,
        "receipt_url": "https://pay.stripe.com/receipts/payment/" + random_token(60),
        "refunded": False,
        "refunds": _refund_list(charge_id, []),
        "review": None,
        "shipping": intent["shipping"],
        "source": None,
        "source_transfer": None,
        "statement_descriptor": intent["statement_descriptor"],
        "statement_descriptor_suffix": intent["statement_descriptor_suffix"],
        "status": "succeeded" if succeeded else "failed",
        "transfer_data": None,
        "transfer_group": intent["transfer_group"],
    }
    state.add(charge)
    if captured:
        capture_funds(state, charge, amount, created)
    return charge


def capture_funds(state: State, charge: dict[str, Any], amount: int, created: int) -> None:
    """Capture ``amount`` of an authorised charge; an uncaptured rest is released."""
    charge["captured"] = True
    charge["amount_captured"] = amount
    charge["amount_refunded"] = charge["amount"] - amount
    charge["balance_transaction"] = add_balance_transaction(
        state,
        source=charge["id"],
        amount=amount,
        currency=charge["currency"],
        created=created,
        kind="charge",
        description=charge["description"],
    )
    state.touch(charge["id"])


def release(state: State, charge: dict[str, Any]) -> None:
    """An uncaptured authorisation given back (its PaymentIntent was canceled)."""
    charge["amount_refunded"] = charge["amount"]
    charge["refunded"] = True
    state.touch(charge["id"])


def _refund_list(charge_id: str, refunds: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "object": "list",
        "data": refunds[:REFUNDS_SHOWN],
        "has_more": len(refunds) > REFUNDS_SHOWN,
        "url": f"/v1/charges/{charge_id}/refunds",
    }


def refresh_refunds(state: State, charge: dict[str, Any]) -> None:
    """Rebuild the charge's embedded ``refunds`` list (newest first) from stored refunds."""
    mine = [r for r in state.newest_first("refund") if r["charge"] == charge["id"]]
    charge["refunds"] = _refund_list(charge["id"], mine)
    state.touch(charge["id"])


def retrieve(request: Request) -> dict[str, Any]:
    """GET /v1/charges/{charge}."""
    return request.state.require("charge", request.path_params["charge"], "charge")


def list_charges(request: Request) -> dict[str, Any]:
    """GET /v1/charges (``customer``, ``payment_intent``), newest first: what a read-only
    probe of a restricted key's Charges permission asks for."""
    params = request.params
    items = request.state.newest_first("charge")
    for name in ("customer", "payment_intent"):
        wanted = params.get(name)
        if wanted is not None:
            items = [c for c in items if c.get(name) == wanted]
    return list_page(items, params, "/v1/charges")


def register_routes(router: Router) -> None:
    """Registered by the PaymentIntent module (charges are part of its family here)."""
    router.add(
        "GET", "/v1/charges", list_charges, from_sdk("ChargeListParams"), permission="charge"
    )
    router.add(
        "GET",
        "/v1/charges/{charge}",
        retrieve,
        from_sdk("ChargeRetrieveParams"),
        permission="charge",
    )
