"""Amounts and currencies: the one table of Stripe's rules (stripe-notes §8).

Amounts are positive integers in the currency's minor unit (whole units for zero-decimal
currencies, thousandths for three-decimal ones). The minimum charge is Stripe's published
minimum for the currency; the maximum is Stripe's 12-digit card limit.
"""

from __future__ import annotations

from typing import Any

from .values import bad_value, integer

MAX_AMOUNT = 999_999_999_999
AMEX_MAX_AMOUNT = 999_999_999

ZERO_DECIMAL = frozenset(
    "bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf".split()  # noqa: SIM905
)
THREE_DECIMAL = frozenset({"bhd", "jod", "kwd", "omr", "tnd"})
# Sent as two-decimal amounts whose decimals must be 00 (5 ISK → 500).
WHOLE_UNITS_AS_TWO_DECIMAL = frozenset({"isk", "ugx"})

# Minimum charge amounts in minor units (stripe-notes §8).
MINIMUMS: dict[str, int] = {
    "usd": 50, "aed": 200, "ars": 50, "aud": 50, "brl": 50, "cad": 50, "chf": 50,
    "cop": 50, "czk": 1500, "dkk": 250, "eur": 50, "gbp": 30, "hkd": 400, "huf": 17500,
    "idr": 50, "ils": 50, "inr": 50, "jpy": 50, "krw": 50, "mxn": 1000, "myr": 200,
    "nok": 300, "nzd": 50, "php": 50, "pln": 200, "ron": 200, "rub": 50, "sek": 300,
    "sgd": 50, "thb": 1000, "zar": 50,
}  # fmt: skip

# The presentment currencies Stripe accepts for card payments.
SUPPORTED = frozenset(
    """usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob brl
    bsd bwp byn bzd cad cdf chf clp cny cop crc cve czk djf dkk dop dzd egp etb eur fjd fkp
    gbp gel gip gmd gnf gtq gyd hkd hnl htg huf idr ils inr isk jmd jod jpy kes kgs khr kmf
    krw kwd kyd kzt lak lbp lkr lrd lsl mad mdl mga mkd mmk mnt mop mur mvr mwk mxn myr mzn
    nad ngn nio nok npr nzd omr pab pen pgk php pkr pln pyg qar ron rsd rub rwf sar sbd scr
    sek sgd shp sle sos srd std szl thb tjs tnd top try ttd twd tzs uah ugx uyu uzs vnd vuv
    wst xaf xcd xof xpf yer zar zmw""".split()  # noqa: SIM905
)

_SYMBOLS = {"usd": "$", "eur": "€", "gbp": "£", "jpy": "¥", "aud": "$", "cad": "$",
            "nzd": "$", "sgd": "$", "hkd": "$", "mxn": "$", "inr": "₹", "krw": "₩"}  # fmt: skip


def exponent(currency: str) -> int:
    """How many decimals the currency's amounts carry on the wire."""
    if currency in WHOLE_UNITS_AS_TWO_DECIMAL:
        return 2
    if currency in ZERO_DECIMAL:
        return 0
    if currency in THREE_DECIMAL:
        return 3
    return 2


def format_amount(amount: int, currency: str) -> str:
    """``$0.50`` style, as Stripe's amount messages show it."""
    places = exponent(currency)
    units = f"{amount / 10**places:,.{places}f}" if places else f"{amount:,}"
    return _SYMBOLS.get(currency, "") + units


def parse_currency(params: dict[str, Any], name: str = "currency") -> str | None:
    """A supported currency code, lowercased as Stripe stores it."""
    raw = params.get(name)
    if raw is None:
        return None
    if not isinstance(raw, str) or raw.lower() not in SUPPORTED:
        raise bad_value(
            f"Invalid currency: {str(raw).lower()}. Stripe currently supports these "
            f"currencies: {', '.join(sorted(SUPPORTED))}",
            name,
        )
    return raw.lower()


def parse_amount(params: dict[str, Any], name: str = "amount") -> int | None:
    """A positive integer amount ("This value must be greater than or equal to 1.")."""
    return integer(params, name, minimum=1)


def check_charge_amount(amount: int, currency: str, param: str = "amount") -> None:
    """Stripe's per-currency minimum, the maximum, and the minor-unit rules."""
    minimum = MINIMUMS.get(currency, 1)
    if amount < minimum:
        raise bad_value(
            f"Amount must be at least {format_amount(minimum, currency)} {currency}",
            param,
            "amount_too_small",
        )
    if amount > MAX_AMOUNT:
        raise bad_value(
            f"Amount must be no more than {format_amount(MAX_AMOUNT, currency)} {currency}",
            param,
            "amount_too_large",
        )
    if currency in THREE_DECIMAL and amount % 10:
        raise bad_value(
            f"Invalid amount for {currency.upper()}: three-decimal amounts charged to cards "
            "must end in 0 (a multiple of 10).",
            param,
        )
    if currency in WHOLE_UNITS_AS_TWO_DECIMAL and amount % 100:
        raise bad_value(
            f"Invalid amount for {currency.upper()}: send whole units as a two-decimal "
            "amount ending in 00 (5 units → 500).",
            param,
        )
