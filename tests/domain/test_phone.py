"""Phone number normalisation and search keys."""

from __future__ import annotations

import pytest

from moto_desk.domain.errors import InvalidInput
from moto_desk.domain.phone import normalize_phone, phone_search_keys


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("(555) 123-4567", "US", "+15551234567"),
        ("555.123.4567", "US", "+15551234567"),
        ("1 555 123 4567", "US", "+15551234567"),
        ("+1 555 123 4567", "FR", "+15551234567"),
        ("011 44 20 7946 0000", "US", "+442079460000"),
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("06.12.34.56.78", "FR", "+33612345678"),
        ("0033 6 12 34 56 78", "FR", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "US", "+33612345678"),
        ("+44 (0)20 7946 0000", "GB", "+442079460000"),
        ("020 7946 0000", "GB", "+442079460000"),
        ("030 1234567", "DE", "+49301234567"),
        ("  +49 30 1234567  ", "US", "+49301234567"),
        ("＋1 555 123 4567".replace("＋", "+"), "US", "+15551234567"),
        ("５５５ １２３ ４５６７", "US", "+15551234567"),
        ("+7 495 123 45 67", "US", "+74951234567"),  # no table entry: no length rule
    ],
)
def test_normalize(text: str, country: str, expected: str) -> None:
    assert normalize_phone(text, country) == expected


@pytest.mark.parametrize(
    ("text", "country", "words"),
    [
        ("", "US", "Enter a phone number"),
        ("1-800-FLOWERS", "US", "not a phone number"),
        ("555 123 4567 ext 2", "US", "not a phone number"),
        ("+1 555+123", "US", "in the middle"),
        ("+12345", "US", "too short"),
        ("+1234567890123456", "US", "too long"),
        ("555 1234", "US", "right number of digits for +1"),
        ("06 12 34 56", "FR", "right number of digits for +33"),
        ("+0 123 456 789", "US", "no valid country code"),
        ("08 123 456", "SE", "with its country code"),
    ],
)
def test_normalize_refuses(text: str, country: str, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalize_phone(text, country)
    assert caught.value.field == "phone"
    assert words in caught.value.clerk_message


def test_international_numbers_work_for_a_country_without_rules() -> None:
    assert normalize_phone("+46 8 123 456 78", "SE") == "+46812345678"


def test_fifteen_digits_is_the_e164_maximum() -> None:
    assert normalize_phone("+" + "8" * 15) == "+" + "8" * 15


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("+33 6 12 34 56 78", "33612345678"),
        ("06 12 34", "61234"),
        ("(555) 123-4567", "5551234567"),
        ("0044 20", "4420"),
        ("Dupont", ""),
        ("", ""),
    ],
)
def test_search_keys(text: str, key: str) -> None:
    assert phone_search_keys(text) == key


def test_a_national_number_is_a_substring_of_its_normalised_form() -> None:
    stored = phone_search_keys(normalize_phone("07700 900123", "GB"))
    assert phone_search_keys("07700 900123") in stored


def test_stored_numbers_are_shown_as_a_clerk_reads_them() -> None:
    from moto_desk.domain.phone import format_phone

    assert format_phone("+18025550187") == "+1 802-555-0187"
    assert format_phone("+33612345678") == "+33 6 12 34 56 78"
    assert format_phone("+442079460000") == "+44 20 7946 0000"
    assert format_phone("+447700900123") == "+44 7700 900123"
    assert format_phone("+4930123456") == "+49 301 234 56"
    assert format_phone(normalize_phone("(802) 555-0187")) == "+1 802-555-0187"
    # Not E.164, or a country this desk does not know: shown as it is.
    assert format_phone("555 0187") == "555 0187"
    assert format_phone("+999123456") == "+999123456"
