"""Stripe ids typed by a person or a script, checked for their kind before anything is sent.

A Stripe id starts with a prefix naming its object (``cus_`` customer, ``pm_`` payment method,
``pi_`` payment, ``tmr_`` reader). Passing the wrong kind — a customer id where a card is
expected — would reach Stripe as a 404 with Stripe's own English words; checking the prefix
first lets the command line and the window refuse it in the clerk's words, with nothing sent.
"""

from __future__ import annotations

import re
from enum import StrEnum

from moto_desk.domain.errors import InvalidInput
from moto_desk.domain.words import QT_TRANSLATE_NOOP

#: What Stripe's ids are made of after the prefix (letters, digits, underscores).
_BODY = re.compile(r"^[A-Za-z0-9_]{1,200}$")


class IdKind(StrEnum):
    """The kinds of id moto-desk accepts from outside, by their Stripe prefix."""

    CUSTOMER = "cus_"
    CARD = "pm_"
    PAYMENT = "pi_"
    READER = "tmr_"


_WRONG_KIND: dict[IdKind, str] = {
    IdKind.CUSTOMER: QT_TRANSLATE_NOOP(
        "clerk", "“{value}” is not a customer: a customer's id starts with cus_."
    ),
    IdKind.CARD: QT_TRANSLATE_NOOP(
        "clerk", "“{value}” is not a saved card: a saved card's id starts with pm_."
    ),
    IdKind.PAYMENT: QT_TRANSLATE_NOOP(
        "clerk", "“{value}” is not a payment: a payment's id starts with pi_."
    ),
    IdKind.READER: QT_TRANSLATE_NOOP(
        "clerk", "“{value}” is not a reader: a reader's id starts with tmr_."
    ),
}


def looks_like(value: str, kind: IdKind) -> bool:
    """True when ``value`` has the shape of an id of ``kind``."""
    return value.startswith(kind.value) and bool(_BODY.match(value[len(kind.value) :]))


def check_id(value: str, kind: IdKind, *, field: str) -> str:
    """``value`` stripped, or :class:`InvalidInput` naming what was expected."""
    value = value.strip()
    if not looks_like(value, kind):
        raise InvalidInput(_WRONG_KIND[kind], args={"value": value[:60]}, field=field)
    return value
