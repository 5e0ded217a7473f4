"""The things a clerk works with, as plain immutable values.

The gateway builds these from Stripe objects; flows, records and widgets read them. Nothing here
knows about Stripe's object shapes beyond the ids, so a widget never handles a raw API object.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from moto_desk.domain.choices import AllowRedisplay, Channel
from moto_desk.domain.money import Money

__all__ = [
    "AllowRedisplay",
    "Channel",
    "ChargeResult",
    "Customer",
    "Location",
    "Reader",
    "ReaderAction",
    "ReaderStatus",
    "RefundResult",
    "SaveResult",
    "SavedCard",
]

ReaderStatus = Literal["online", "offline"]


@dataclass(frozen=True)
class Customer:
    """A Stripe customer; ``created`` is None when only the local index knows the customer."""

    id: str
    name: str | None
    email: str | None
    phone: str | None
    created: datetime | None


@dataclass(frozen=True)
class Location:
    """A Stripe Terminal location (the shop a reader belongs to)."""

    id: str
    display_name: str


@dataclass(frozen=True)
class ReaderAction:
    """What a reader is doing or last did.

    ``status`` is ``in_progress``, ``succeeded`` or ``failed``; the failure fields are set only
    when it failed. The intent ids tell whose action it is — ours or another desk's.
    """

    type: str
    status: str
    failure_code: str | None = None
    failure_message: str | None = None
    setup_intent_id: str | None = None
    payment_intent_id: str | None = None


@dataclass(frozen=True)
class Reader:
    """A Terminal reader; ``status`` is None for mobile readers, which report none."""

    id: str
    label: str
    device_type: str
    status: ReaderStatus | None
    location_id: str | None
    location_name: str | None
    action: ReaderAction | None


@dataclass(frozen=True)
class SavedCard:
    """A card kept on file: what Stripe tells us about it, never the number.

    A card is valid through the last day of its expiry month, so an 11/2026 card still works on
    30 November 2026 and is expired on 1 December 2026.
    """

    payment_method_id: str
    customer_id: str | None
    brand: str
    last4: str
    exp_month: int
    exp_year: int
    fingerprint: str | None = None
    funding: str | None = None
    country: str | None = None
    allow_redisplay: AllowRedisplay | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.exp_month <= 12:
            raise ValueError(f"exp_month must be 1–12, not {self.exp_month}")
        if not 1 <= self.exp_year <= 9999:
            raise ValueError(f"exp_year out of range: {self.exp_year}")

    @property
    def last_valid_day(self) -> date:
        """The last day the card can be charged."""
        days = calendar.monthrange(self.exp_year, self.exp_month)[1]
        return date(self.exp_year, self.exp_month, days)

    def is_expired(self, today: date) -> bool:
        """True from the first day after the expiry month."""
        return today > self.last_valid_day

    def expires_within(self, days: int, today: date) -> bool:
        """True if the card still works today but stops working within ``days`` days.

        An already expired card gives False: the GUI shows "expired" (:meth:`is_expired`) rather
        than "expires soon" for it.
        """
        if self.is_expired(today):
            return False
        return self.last_valid_day < today + timedelta(days=days)


@dataclass(frozen=True)
class SaveResult:
    """A card saved by MOTO: the SetupIntent that did it and the card it produced."""

    setup_intent_id: str
    card: SavedCard
    customer_id: str


@dataclass(frozen=True)
class ChargeResult:
    """An off-session charge; ``status`` is the PaymentIntent's status (``succeeded``…)."""

    payment_intent_id: str
    status: str
    amount: Money
    charge_id: str | None


@dataclass(frozen=True)
class RefundResult:
    """A refund of part or all of a charge; ``status`` is the Refund's status."""

    refund_id: str
    amount: Money
    status: str
