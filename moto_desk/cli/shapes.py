"""The JSON shapes of the command line's results (documented in the README).

Amounts are integers in the currency's minor unit with the currency beside them, and the
text a person would read (``"display"``) — never a float. Dates are ISO 8601 in UTC.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from moto_desk.domain.models import Customer, Reader, SavedCard
from moto_desk.domain.money import Money, format_money


def money(value: Money | None, locale: str = "en") -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "amount": value.amount,
        "currency": value.currency,
        "display": format_money(value, locale),
    }


def when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def customer(found: Customer) -> dict[str, Any]:
    return {
        "id": found.id,
        "name": found.name,
        "email": found.email,
        "phone": found.phone,
        "created": when(found.created),
    }


def card(saved: SavedCard) -> dict[str, Any]:
    return {
        "id": saved.payment_method_id,
        "brand": saved.brand,
        "last4": saved.last4,
        "exp_month": saved.exp_month,
        "exp_year": saved.exp_year,
        "funding": saved.funding,
        "country": saved.country,
        "allow_redisplay": saved.allow_redisplay.value if saved.allow_redisplay else None,
    }


def reader(found: Reader) -> dict[str, Any]:
    action = found.action
    return {
        "id": found.id,
        "label": found.label,
        "device_type": found.device_type,
        "status": found.status,
        "location": {"id": found.location_id, "name": found.location_name}
        if found.location_id
        else None,
        "action": {"type": action.type, "status": action.status} if action else None,
    }


def card_words(saved: SavedCard) -> str:
    """``visa •••• 4242, expires 12/2029``: how the window names a card."""
    return f"{saved.brand} •••• {saved.last4}, {saved.exp_month:02d}/{saved.exp_year}"
