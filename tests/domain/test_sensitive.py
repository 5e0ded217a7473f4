"""Recognising card numbers and secrets before anything is stored."""

from __future__ import annotations

import pytest

from moto_desk.domain.sensitive import find_sensitive, looks_like_card_number, luhn_valid


def test_luhn() -> None:
    assert luhn_valid("4242424242424242")
    assert luhn_valid("5555555555554444")
    assert not luhn_valid("4242424242424241")


@pytest.mark.parametrize(
    "text",
    [
        "4242424242424242",
        "card 4242 4242 4242 4242 please",
        "4000-0025-0000-3155",
        "378282246310005",  # Amex, 15 digits
        "Card: 5555555555554444.",
        "(4242424242424242)",
    ],
)
def test_card_numbers_are_recognised(text: str) -> None:
    assert looks_like_card_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "order 1234567890123",
        "1730000000000",
        "4242",
        "pm_1Q2w3E4r5T6y",
        "2026-11-01T09:00:00",
        "ada.1171885203230@example.com",  # a timestamp that passes Luhn
        "ada.4242424242424242@example.com",  # inside an address: an id, not a typed card
        "ref4242424242424242",
        "42424242424242424242",  # 20 digits: too long for a card
        "9242424242424241",  # passes Luhn, but no card network starts with 9
        "1171885203230",  # passes Luhn, but no card network starts with 1
    ],
)
def test_ordinary_numbers_are_not_card_numbers(text: str) -> None:
    assert not looks_like_card_number(text)


def test_find_sensitive_names_the_place_not_the_secret() -> None:
    found = find_sensitive({"reader": "tmr_1", "card": {"number": "4242424242424242"}})
    assert found == "card.number: a field that holds secrets"
    assert find_sensitive({"note": ["ok", "call 4242424242424242"]}) == (
        "note[1]: looks like a card number"
    )
    assert find_sensitive({"key": "sk_test_abc123"}) == "key: looks like an API key"
    assert find_sensitive("rk_live_XYZ") == "text: looks like an API key"
    assert find_sensitive({"s": "seti_123_secret_abc"}) == "s: looks like a client secret"
    assert find_sensitive({"cvc": None}) is None
    assert find_sensitive({"amount": 1250, "currency": "eur", "pi": "pi_123"}) is None
