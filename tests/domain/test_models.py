"""Domain models: saved-card expiry rules and validation."""

from __future__ import annotations

from datetime import date

import pytest

from moto_desk.domain.models import AllowRedisplay, Channel, SavedCard


def card(month: int, year: int) -> SavedCard:
    return SavedCard(
        payment_method_id="pm_1",
        customer_id="cus_1",
        brand="visa",
        last4="4242",
        exp_month=month,
        exp_year=year,
        allow_redisplay=AllowRedisplay.LIMITED,
    )


def test_card_is_valid_through_the_last_day_of_its_expiry_month() -> None:
    november = card(11, 2026)
    assert november.last_valid_day == date(2026, 11, 30)
    assert not november.is_expired(date(2026, 11, 30))
    assert november.is_expired(date(2026, 12, 1))
    assert not november.is_expired(date(2025, 12, 31))


def test_december_and_leap_february() -> None:
    assert card(12, 2026).last_valid_day == date(2026, 12, 31)
    assert not card(12, 2026).is_expired(date(2026, 12, 31))
    assert card(12, 2026).is_expired(date(2027, 1, 1))
    assert card(2, 2028).last_valid_day == date(2028, 2, 29)
    assert card(2, 2027).last_valid_day == date(2027, 2, 28)


def test_expires_within() -> None:
    november = card(11, 2026)
    assert november.expires_within(1, date(2026, 11, 30))  # last day today
    assert not november.expires_within(0, date(2026, 11, 30))
    assert november.expires_within(30, date(2026, 11, 1))
    assert not november.expires_within(29, date(2026, 11, 1))
    assert not november.expires_within(30, date(2026, 10, 1))
    assert not november.expires_within(365, date(2026, 12, 1))  # already expired


@pytest.mark.parametrize(("month", "year"), [(0, 2026), (13, 2026), (5, 0)])
def test_bad_expiry_is_refused(month: int, year: int) -> None:
    with pytest.raises(ValueError, match="exp_"):
        card(month, year)


def test_enums_are_the_stripe_values() -> None:
    assert [c.value for c in Channel] == ["phone", "mail"]
    assert [a.value for a in AllowRedisplay] == ["always", "limited"]
    assert AllowRedisplay("limited") is AllowRedisplay.LIMITED
