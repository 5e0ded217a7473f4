"""Stripe's public test card numbers and what each does (stripe-notes §4).

A card is keyed on a simulated reader (``present_payment_method`` with ``type=card``);
its number decides whether the MOTO save succeeds and what later off-session charges do.
Only these public test numbers are accepted: any other Luhn-valid number is refused as
Stripe refuses live cards in test mode, so no real card number can end up stored here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from .state import State


@dataclass(frozen=True)
class Failure:
    code: str
    decline_code: str | None
    message: str
    param: str | None = None


GENERIC = Failure("card_declined", "generic_decline", "Your card was declined.")
INSUFFICIENT = Failure("card_declined", "insufficient_funds", "Your card has insufficient funds.")
LOST = Failure("card_declined", "lost_card", "Your card was declined.")
STOLEN = Failure("card_declined", "stolen_card", "Your card was declined.")
EXPIRED = Failure("expired_card", "expired_card", "Your card has expired.", "exp_month")
INCORRECT_CVC = Failure(
    "incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect.", "cvc"
)
PROCESSING = Failure(
    "processing_error",
    "processing_error",
    "An error occurred while processing your card. Try again in a little bit.",
)
INCORRECT_NUMBER = Failure("incorrect_number", None, "Your card number is incorrect.", "number")
VELOCITY = Failure("card_declined", "card_velocity_exceeded", "Your card was declined.")
AUTH_REQUIRED = Failure(
    "authentication_required",
    "authentication_required",
    "Your card was declined. This transaction requires authentication.",
)
LIVE_CARD = Failure(
    "card_declined",
    "test_mode_live_card",
    "Your card was declined. Your request was in test mode, but used a non test (live) card. "
    "For a list of valid test cards, visit: https://stripe.com/docs/testing.",
)


@dataclass(frozen=True)
class TestCard:
    number: str
    brand: str
    funding: str = "credit"
    country: str = "US"
    on_save: Failure | None = None  # the MOTO SetupIntent fails with this
    on_charge: Failure | None = None  # every later off-session charge fails with this
    label: str = ""


_CARDS = [
    TestCard("4242424242424242", "visa", label="Visa — succeeds"),
    TestCard("4000056655665556", "visa", "debit", label="Visa debit — succeeds"),
    TestCard("5555555555554444", "mastercard", label="Mastercard — succeeds"),
    TestCard("5200828282828210", "mastercard", "debit", label="Mastercard debit — succeeds"),
    TestCard("5105105105105100", "mastercard", "prepaid", label="Mastercard prepaid"),
    TestCard("378282246310005", "amex", label="American Express — succeeds"),
    TestCard("371449635398431", "amex", label="American Express — succeeds"),
    TestCard("6011111111111117", "discover", label="Discover — succeeds"),
    TestCard("6011000990139424", "discover", label="Discover — succeeds"),
    TestCard("3056930009020004", "diners", label="Diners Club — succeeds"),
    TestCard("36227206271667", "diners", label="Diners Club (14 digits)"),
    TestCard("3566002020360505", "jcb", "credit", "JP", label="JCB — succeeds"),
    TestCard("6200000000000005", "unionpay", "credit", "CN", label="UnionPay — succeeds"),
    TestCard("4000000000000002", "visa", on_save=GENERIC, label="Declined (generic)"),
    TestCard("4000000000009995", "visa", on_save=INSUFFICIENT, label="Insufficient funds"),
    TestCard("4000000000009987", "visa", on_save=LOST, label="Lost card"),
    TestCard("4000000000009979", "visa", on_save=STOLEN, label="Stolen card"),
    TestCard("4000000000000069", "visa", on_save=EXPIRED, label="Expired card"),
    TestCard("4000000000000127", "visa", on_save=INCORRECT_CVC, label="Incorrect CVC"),
    TestCard("4000000000000119", "visa", on_save=PROCESSING, label="Processing error"),
    TestCard("4000000000006975", "visa", on_save=VELOCITY, label="Velocity exceeded"),
    TestCard("4000000000000341", "visa", on_charge=GENERIC, label="Saves; every charge declined"),
    TestCard(
        "4000002760003184",
        "visa",
        on_charge=AUTH_REQUIRED,
        label="Saves; charges need authentication",
    ),
    TestCard("4000002500003155", "visa", label="Authentication on setup (MOTO: none)"),
    TestCard("4000003800000446", "visa", label="Set up for off-session — succeeds"),
    TestCard(
        "4000008260003178",
        "visa",
        "credit",
        "GB",
        on_charge=INSUFFICIENT,
        label="Saves; charges declined (insufficient funds)",
    ),
    TestCard("4000000000007726", "visa", label="Refunds pending, then succeed"),
]

CARDS: dict[str, TestCard] = {card.number: card for card in _CARDS}


def luhn_ok(number: str) -> bool:
    if not number.isdigit() or not 12 <= len(number) <= 19:
        return False
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def lookup(number: str) -> tuple[TestCard | None, Failure | None]:
    """The test card for ``number``, or the failure Stripe gives for an unusable number."""
    number = "".join(number.split())
    card = CARDS.get(number)
    if card is not None:
        return card, None
    if not luhn_ok(number):
        return None, INCORRECT_NUMBER
    return None, LIVE_CARD


def fingerprint(number: str) -> str:
    """Stable per number, like Stripe's (which is per account); never reveals the number."""
    digest = hashlib.sha256(("moto-desk-sim:" + number).encode()).hexdigest()
    return "".join(c for c in digest if c.isalnum())[:16].replace("0", "X")


def card_hash(card: TestCard, exp_month: int, exp_year: int, cvc_supplied: bool) -> dict[str, Any]:
    """The ``card`` hash of a ``card`` PaymentMethod, as Stripe shapes it."""
    return {
        "brand": card.brand,
        "checks": {
            "address_line1_check": None,
            "address_postal_code_check": None,
            "cvc_check": "pass" if cvc_supplied else None,
        },
        "country": card.country,
        "display_brand": card.brand.replace("amex", "american_express"),
        "exp_month": exp_month,
        "exp_year": exp_year,
        "fingerprint": fingerprint(card.number),
        "funding": card.funding,
        "generated_from": None,
        "last4": card.number[-4:],
        "networks": {"available": [card.brand], "preferred": None},
        "regulated_status": "unregulated",
        "three_d_secure_usage": {"supported": True},
        "wallet": None,
    }


def create_card_payment_method(
    state: State,
    card: TestCard,
    exp_month: int,
    exp_year: int,
    *,
    cvc_supplied: bool,
    created: int,
    customer: str | None = None,
    allow_redisplay: str = "unspecified",
) -> dict[str, Any]:
    """Store a new ``card`` PaymentMethod; its test card's behaviour stays private."""
    pm = {
        "id": state.new_id("pm"),
        "object": "payment_method",
        "allow_redisplay": allow_redisplay,
        "billing_details": {
            "address": {
                "city": None,
                "country": None,
                "line1": None,
                "line2": None,
                "postal_code": None,
                "state": None,
            },
            "email": None,
            "name": None,
            "phone": None,
            "tax_id": None,
        },
        "card": card_hash(card, exp_month, exp_year, cvc_supplied),
        "created": created,
        "customer": customer,
        "customer_account": None,
        "livemode": False,
        "metadata": {},
        "type": "card",
    }
    return state.add(pm, private_card(card))


def private_card(card: TestCard) -> dict[str, str]:
    """What the simulator keeps about a PaymentMethod's test card: its fingerprint, never
    the number (demo mode stores its state in the desk's data folder, which must hold no
    card number, not even a public test one)."""
    return {"test_card_fingerprint": fingerprint(card.number)}


#: Test cards by fingerprint, to find a stored PaymentMethod's behaviour.
_BY_FINGERPRINT: dict[str, TestCard] = {fingerprint(n): card for n, card in CARDS.items()}


def behaviour(state: State, payment_method_id: str) -> TestCard | None:
    """The test card behind a stored PaymentMethod (state saved by an older version kept
    the number itself under ``test_card``)."""
    private = state.peek_private(payment_method_id)
    found = private.get("test_card_fingerprint")
    if isinstance(found, str):
        return _BY_FINGERPRINT.get(found)
    number = private.get("test_card")
    return CARDS.get(number) if isinstance(number, str) else None
