"""Money: parsing what clerks type, formatting, wire amounts and chargeability."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moto_desk.domain.errors import ErrorKind, InvalidInput
from moto_desk.domain.money import (
    CURRENCIES,
    DEFAULT_MINIMUM,
    MAX_CARD_WIRE_AMOUNT,
    Money,
    check_chargeable,
    currency_rule,
    format_money,
    from_wire,
    parse_amount,
    to_wire,
)

LOCALES = ("en", "fr")


@pytest.mark.parametrize(
    ("text", "currency", "locale", "amount"),
    [
        ("12", "usd", "en", 1200),
        ("12.5", "usd", "en", 1250),
        ("12.50", "usd", "en", 1250),
        ("1,234.50", "usd", "en", 123450),
        ("1 234,50", "eur", "fr", 123450),
        ("1\u00a0234,50", "eur", "fr", 123450),
        ("1\u202f234,50", "eur", "fr", 123450),
        ("1.234,50", "eur", "fr", 123450),
        ("1.234,50", "eur", "en", 123450),
        ("1,234.50", "eur", "fr", 123450),
        ("  12.50  ", "usd", "en", 1250),
        ("$12.50", "usd", "en", 1250),
        ("12,50 €", "eur", "fr", 1250),
        ("€12.50", "eur", "en", 1250),
        ("USD 12.50", "usd", "en", 1250),
        ("12.50 usd", "usd", "en", 1250),
        ("12,50 $US", "usd", "fr", 1250),
        ("£0.30", "gbp", "en", 30),
        ("¥1,250", "jpy", "en", 1250),
        ("1 250 JPY", "jpy", "fr", 1250),
        ("1,234", "usd", "en", 123400),  # English: a comma before three digits groups
        ("1,234", "kwd", "fr", 1234),  # French: a comma is decimal
        ("1.234", "kwd", "en", 1234),
        ("12.50", "eur", "fr", 1250),  # French numeric keypads type a point
        ("12,5", "usd", "en", 1250),  # a lone comma before 1–2 digits can only be decimal
        ("1,234,567", "usd", "en", 123456700),
        (".50", "usd", "en", 50),
        ("１２．５０", "usd", "en", 1250),  # full-width digits from an IME
        ("5", "isk", "en", 5),
        ("12,345.670", "kwd", "en", 12345670),
    ],
)
def test_parse_accepts(text: str, currency: str, locale: str, amount: int) -> None:
    result = parse_amount(text, currency, locale)
    assert result == Money(amount, currency)
    assert type(result.amount) is int


@pytest.mark.parametrize(
    ("text", "currency", "locale", "words"),
    [
        ("", "usd", "en", "Enter an amount"),
        ("   ", "usd", "en", "Enter an amount"),
        ("0", "usd", "en", "greater than zero"),
        ("0.00", "usd", "en", "greater than zero"),
        ("-5", "usd", "en", "greater than zero"),
        ("−5", "usd", "en", "greater than zero"),
        ("-$5", "usd", "en", "greater than zero"),
        ("$-5", "usd", "en", "greater than zero"),
        ("(5.00)", "usd", "en", "greater than zero"),
        ("abc", "usd", "en", "not an amount"),
        ("12abc", "usd", "en", "not an amount"),
        ("$", "usd", "en", "not an amount"),
        ("10.5", "jpy", "en", "JPY have no decimals"),
        ("5,5", "isk", "fr", "ISK have no decimals"),
        ("12.345", "usd", "en", "at most 2 decimals"),
        ("1,2345", "kwd", "fr", "at most 3 decimals"),
        ("1.234", "eur", "fr", "could mean 1234"),
        ("1,2,3", "usd", "en", "separators"),
        ("1..5", "usd", "en", "separators"),
        ("12.", "usd", "en", "separators"),
        ("0,500", "usd", "en", "separators"),
        ("12 34", "usd", "en", "separators"),
        ("1.234.5", "usd", "en", "separators"),
        ("1,234.5.6", "usd", "en", "separators"),
        ("1 234.567,8", "eur", "fr", "separators"),
        ("€12", "usd", "en", "Remove “€”"),
        ("EUR 12", "usd", "en", "is in EUR"),
        ("1" * 70, "usd", "en", "too long"),
    ],
)
def test_parse_refuses(text: str, currency: str, locale: str, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_amount(text, currency, locale)
    assert caught.value.kind is ErrorKind.INVALID_INPUT
    assert caught.value.field == "amount"
    assert words in caught.value.clerk_message


def test_parse_is_exact_where_floats_are_not() -> None:
    # int(float(x) * 100) gives 28, 434 and 114 for these.
    assert parse_amount("0.29", "usd").amount == 29
    assert parse_amount("4.35", "usd").amount == 435
    assert parse_amount("1.15", "usd").amount == 115
    assert parse_amount("9,999,999,999.99", "usd").amount == 999_999_999_999


def test_parse_rejects_bad_currency_code() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_amount("12", "dollars")
    assert caught.value.field == "currency"


def test_currency_codes_are_case_insensitive_on_input() -> None:
    assert parse_amount("12", "EUR") == Money(1200, "eur")


@given(
    st.sampled_from(sorted(CURRENCIES)),
    st.sampled_from(LOCALES),
    st.data(),
)
def test_format_then_parse_round_trips(code: str, locale: str, data: st.DataObject) -> None:
    amount = data.draw(st.integers(min_value=1, max_value=CURRENCIES[code].max_amount))
    money = Money(amount, code)
    assert parse_amount(format_money(money, locale), code, locale) == money


@given(
    st.sampled_from(sorted(CURRENCIES)),
    st.integers(min_value=0, max_value=10**12),
    st.data(),
)
def test_parse_is_integer_arithmetic(code: str, whole: int, data: st.DataObject) -> None:
    """Any decimal string gives exactly the integer its digits spell — no float rounding."""
    exponent = CURRENCIES[code].exponent
    frac = data.draw(st.text("0123456789", min_size=0, max_size=exponent))
    expected = whole * 10**exponent + int(frac.ljust(exponent, "0") or "0")
    text = f"{whole}.{frac}" if frac else str(whole)
    if expected == 0:
        with pytest.raises(InvalidInput):
            parse_amount(text, code, "en")
        return
    result = parse_amount(text, code, "en")
    assert result.amount == expected
    assert type(result.amount) is int


@given(st.sampled_from(sorted(CURRENCIES)))
def test_minimum_and_maximum_boundaries(code: str) -> None:
    rule = CURRENCIES[code]
    check_chargeable(Money(rule.minimum, code))
    check_chargeable(Money(rule.max_amount, code))
    assert to_wire(Money(rule.max_amount, code)) <= MAX_CARD_WIRE_AMOUNT
    with pytest.raises(InvalidInput, match="smallest amount"):
        check_chargeable(Money(rule.minimum - rule.card_step, code))
    with pytest.raises(InvalidInput, match="largest amount"):
        check_chargeable(Money(rule.max_amount + rule.card_step, code))


def test_minimum_message_names_the_amount() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_chargeable(Money(49, "eur"))
    assert caught.value.clerk_message == "The smallest amount you can charge in EUR is €0.50."
    with pytest.raises(InvalidInput, match=r"GBP is £0\.30"):
        check_chargeable(Money(29, "gbp"))
    with pytest.raises(InvalidInput, match="JPY is ¥50"):
        check_chargeable(Money(49, "jpy"))


def test_minimum_table_values() -> None:
    assert currency_rule("usd").minimum == 50
    assert currency_rule("gbp").minimum == 30
    assert currency_rule("huf").minimum == 17500
    assert currency_rule("mxn").minimum == 1000


def test_unknown_currency_gets_usd_like_defaults() -> None:
    rule = currency_rule("mad")
    assert (rule.exponent, rule.minimum, rule.known) == (2, DEFAULT_MINIMUM, False)
    assert parse_amount("12.50", "mad") == Money(1250, "mad")
    assert format_money(Money(1250, "mad")) == "MAD 12.50"


def test_zero_and_negative_are_not_chargeable() -> None:
    for amount in (0, -100):
        with pytest.raises(InvalidInput, match="greater than zero"):
            check_chargeable(Money(amount, "usd"))


def test_three_decimal_card_amounts_are_multiples_of_ten() -> None:
    assert currency_rule("kwd").exponent == 3
    check_chargeable(Money(12340, "kwd"))
    with pytest.raises(InvalidInput) as caught:
        check_chargeable(Money(12345, "kwd"))
    assert "must end in 0" in caught.value.clerk_message
    assert "KWD 12.340" in caught.value.clerk_message


def test_isk_and_ugx_are_whole_units_sent_with_two_zero_decimals() -> None:
    for code in ("isk", "ugx"):
        assert currency_rule(code).exponent == 0
        assert to_wire(Money(5, code)) == 500
        assert from_wire(500, code) == Money(5, code)
        with pytest.raises(ValueError, match="not a whole amount"):
            from_wire(550, code)
    assert format_money(Money(5, "isk")) == "ISK 5"
    assert currency_rule("isk").max_amount == MAX_CARD_WIRE_AMOUNT // 100


def test_wire_is_identity_for_ordinary_currencies() -> None:
    assert to_wire(Money(1250, "usd")) == 1250
    assert to_wire(Money(1250, "jpy")) == 1250
    assert from_wire(12340, "KWD") == Money(12340, "kwd")


@pytest.mark.parametrize(
    ("money", "en", "fr"),
    [
        (Money(123450, "usd"), "$1,234.50", "1\u202f234,50\u00a0$US"),
        (Money(123450, "eur"), "€1,234.50", "1\u202f234,50\u00a0€"),
        (Money(30, "gbp"), "£0.30", "0,30\u00a0£GB"),
        (Money(1234, "jpy"), "¥1,234", "1\u202f234\u00a0JPY"),
        (Money(12340, "kwd"), "KWD 12.340", "12,340\u00a0KWD"),
        (Money(123450, "chf"), "CHF 1,234.50", "1\u202f234,50\u00a0CHF"),
        (Money(-500, "usd"), "-$5.00", "-5,00\u00a0$US"),
        (Money(5, "usd"), "$0.05", "0,05\u00a0$US"),
    ],
)
def test_format(money: Money, en: str, fr: str) -> None:
    assert format_money(money, "en") == en
    assert format_money(money, "fr") == fr
    assert format_money(money, "fr_CA") == fr
    assert format_money(money, "de") == en


def test_money_refuses_floats_bools_and_bad_codes() -> None:
    with pytest.raises(TypeError):
        Money(12.5, "usd")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(True, "usd")
    for code in ("USD", "usd\n", "us", "usdx"):
        with pytest.raises(ValueError, match="lowercase"):
            Money(100, code)


def test_money_arithmetic_needs_one_currency() -> None:
    assert Money(500, "eur") + Money(250, "eur") == Money(750, "eur")
    assert Money(500, "eur") - Money(250, "eur") == Money(250, "eur")
    assert Money(250, "eur") < Money(500, "eur") <= Money(500, "eur")
    assert Money(500, "eur") > Money(250, "eur") >= Money(250, "eur")
    with pytest.raises(ValueError, match="cannot combine"):
        _ = Money(500, "eur") + Money(500, "usd")
    with pytest.raises(ValueError, match="cannot combine"):
        _ = Money(500, "eur") < Money(500, "usd")
