"""Stripe's public test cards offered in the simulated-reader panel (stripe-notes §4).

These numbers are published by Stripe for testing and work only with test keys and simulated
readers; they are never real cards. They live in the UI layer because the panel offers them in
test mode against Stripe too, where the embedded simulator is not running.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


@dataclass(frozen=True)
class TestCard:
    """One test card: what it does, and what to key in."""

    __test__ = False  # not a pytest test class, despite the name

    key: str
    number: str
    cvc: str = "123"

    @property
    def description(self) -> str:
        return QCoreApplication.translate("TestCards", str(_DESCRIPTIONS[self.key]))

    @property
    def last4(self) -> str:
        return self.number[-4:]


# Marked for lupdate here, translated when shown (``description``).
_DESCRIPTIONS: dict[str, object] = {
    "visa": QT_TRANSLATE_NOOP("TestCards", "Visa — saved and charged normally"),
    "mastercard": QT_TRANSLATE_NOOP("TestCards", "Mastercard — saved and charged normally"),
    "amex": QT_TRANSLATE_NOOP("TestCards", "American Express — saved and charged normally"),
    "charge_fails": QT_TRANSLATE_NOOP("TestCards", "Saved, but every later charge is declined"),
    "auth_required": QT_TRANSLATE_NOOP(
        "TestCards", "Saved, but charges need the customer's authentication"
    ),
    "declined": QT_TRANSLATE_NOOP("TestCards", "Declined (no reason given)"),
    "insufficient_funds": QT_TRANSLATE_NOOP("TestCards", "Declined: not enough funds"),
    "lost": QT_TRANSLATE_NOOP("TestCards", "Declined: card reported lost"),
    "stolen": QT_TRANSLATE_NOOP("TestCards", "Declined: card reported stolen"),
    "expired": QT_TRANSLATE_NOOP("TestCards", "Declined: expired card"),
    "incorrect_cvc": QT_TRANSLATE_NOOP("TestCards", "Declined: wrong security code (CVC)"),
    "processing_error": QT_TRANSLATE_NOOP("TestCards", "Error at the bank (processing error)"),
    "incorrect_number": QT_TRANSLATE_NOOP("TestCards", "Wrong card number"),
}


TEST_CARDS: tuple[TestCard, ...] = (
    TestCard("visa", "4242424242424242"),
    TestCard("mastercard", "5555555555554444"),
    TestCard("amex", "378282246310005", cvc="1234"),
    TestCard("charge_fails", "4000000000000341"),
    TestCard("auth_required", "4000002760003184"),
    TestCard("declined", "4000000000000002"),
    TestCard("insufficient_funds", "4000000000009995"),
    TestCard("lost", "4000000000009987"),
    TestCard("stolen", "4000000000009979"),
    TestCard("expired", "4000000000000069"),
    TestCard("incorrect_cvc", "4000000000000127"),
    TestCard("processing_error", "4000000000000119"),
    TestCard("incorrect_number", "4242424242424241"),
)


def find_test_card(key: str) -> TestCard:
    for card in TEST_CARDS:
        if card.key == key:
            return card
    raise KeyError(key)
