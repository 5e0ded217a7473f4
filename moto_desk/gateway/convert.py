"""Stripe objects (as plain dicts) into the domain's values. Pure functions, no I/O."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from moto_desk.domain.intents import SetupIntentState
from moto_desk.domain.models import (
    AllowRedisplay,
    ChargeResult,
    Customer,
    Reader,
    ReaderAction,
    RefundResult,
    SavedCard,
)
from moto_desk.domain.money import from_wire


def _id(value: Any) -> str | None:
    """An expandable field: an id string, an expanded object, or null."""
    if isinstance(value, dict):
        return str(value["id"])
    return str(value) if value else None


def customer(data: dict[str, Any]) -> Customer:
    created = data.get("created")
    return Customer(
        id=data["id"],
        name=data.get("name"),
        email=data.get("email"),
        phone=data.get("phone"),
        created=datetime.fromtimestamp(created, UTC) if created else None,
    )


def saved_card(data: dict[str, Any]) -> SavedCard | None:
    """A ``card`` PaymentMethod as a SavedCard; None for other types (card_present…)."""
    card = data.get("card")
    if data.get("type") != "card" or not card:
        return None
    redisplay = data.get("allow_redisplay")
    return SavedCard(
        payment_method_id=data["id"],
        customer_id=_id(data.get("customer")),
        brand=card.get("brand") or "unknown",
        last4=card.get("last4") or "????",
        exp_month=int(card["exp_month"]),
        exp_year=int(card["exp_year"]),
        fingerprint=card.get("fingerprint"),
        funding=card.get("funding"),
        country=card.get("country"),
        allow_redisplay=AllowRedisplay(redisplay) if redisplay in ("always", "limited") else None,
    )


def reader_action(data: dict[str, Any] | None) -> ReaderAction | None:
    if not data:
        return None
    setup = data.get("process_setup_intent") or {}
    payment = data.get("process_payment_intent") or {}
    return ReaderAction(
        type=data.get("type") or "",
        status=data.get("status") or "",
        failure_code=data.get("failure_code"),
        failure_message=data.get("failure_message"),
        setup_intent_id=_id(setup.get("setup_intent")),
        payment_intent_id=_id(payment.get("payment_intent")),
    )


def reader(data: dict[str, Any], location_names: dict[str, str]) -> Reader:
    location = data.get("location")
    location_id = _id(location)
    name = (
        location.get("display_name")
        if isinstance(location, dict)
        else location_names.get(location_id or "")
    )
    status = data.get("status")
    return Reader(
        id=data["id"],
        label=data.get("label") or data["id"],
        device_type=data.get("device_type") or "",
        status=status if status in ("online", "offline") else None,
        location_id=location_id,
        location_name=name,
        action=reader_action(data.get("action")),
    )


def setup_intent(data: dict[str, Any]) -> SetupIntentState:
    pm = data.get("payment_method")
    card = saved_card(pm) if isinstance(pm, dict) else None
    error = data.get("last_setup_error") or {}
    return SetupIntentState(
        id=data["id"],
        status=data["status"],
        customer_id=_id(data.get("customer")),
        card=card,
        error_code=error.get("code"),
        decline_code=error.get("decline_code"),
        error_message=error.get("message"),
        metadata=dict(data.get("metadata") or {}),
    )


def payment_intent(data: dict[str, Any]) -> ChargeResult:
    return ChargeResult(
        payment_intent_id=data["id"],
        status=data["status"],
        amount=from_wire(int(data["amount"]), data["currency"]),
        charge_id=_id(data.get("latest_charge")),
    )


def refund(data: dict[str, Any]) -> RefundResult:
    return RefundResult(
        refund_id=data["id"],
        amount=from_wire(int(data["amount"]), data["currency"]),
        status=data.get("status") or "",
    )
