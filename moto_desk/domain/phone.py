"""Phone numbers: E.164 normalisation for storage, digit keys for search.

Stripe stores whatever string we send, and a clerk types numbers every which way ("06 12 34 56
78", "+44 (0)20 7946 0000", "(555) 123-4567"). Normalising to E.164 (``+`` then at most 15
digits) before saving means the same customer is found whichever way the number is typed next
time. A full numbering-plan library would be a large new dependency for a search aid, so this
covers the countries our desks serve with a small table and checks lengths only where the table
knows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from moto_desk.domain.errors import InvalidInput
from moto_desk.domain.words import QT_TRANSLATE_NOOP

E164_MAX_DIGITS = 15
E164_MIN_DIGITS = 7  # the shortest numbers in service (small island countries) have 7


@dataclass(frozen=True)
class _Country:
    calling_code: str
    international_prefix: str  # what you dial before a country code from this country
    trunk_prefix: str  # what national numbers start with, dropped in E.164
    national_lengths: tuple[int, int]  # min, max digits of the national significant number


# A handful of countries, by ISO 3166 code. Lengths are the national significant number (after
# the trunk prefix), generous where a plan varies (Germany).
_COUNTRIES: dict[str, _Country] = {
    "US": _Country("1", "011", "1", (10, 10)),
    "CA": _Country("1", "011", "1", (10, 10)),
    "GB": _Country("44", "00", "0", (9, 10)),
    "IE": _Country("353", "00", "0", (7, 9)),
    "FR": _Country("33", "00", "0", (9, 9)),
    "BE": _Country("32", "00", "0", (8, 9)),
    "LU": _Country("352", "00", "", (4, 11)),
    "CH": _Country("41", "00", "0", (9, 9)),
    "DE": _Country("49", "00", "0", (6, 13)),
    "AT": _Country("43", "00", "0", (4, 13)),
    "NL": _Country("31", "00", "0", (9, 9)),
    "ES": _Country("34", "00", "", (9, 9)),
    "IT": _Country("39", "00", "", (6, 11)),
    "PT": _Country("351", "00", "", (9, 9)),
    "AU": _Country("61", "0011", "0", (9, 9)),
    "NZ": _Country("64", "00", "0", (8, 10)),
    "JP": _Country("81", "010", "0", (9, 10)),
}
# Country calling codes are prefix-free, so a number's code is found by trying lengths 1–3.
_BY_CALLING_CODE: dict[str, _Country] = {c.calling_code: c for c in _COUNTRIES.values()}

# Full-width digits typed with East Asian input methods; other Unicode digits are refused.
_ASCII_DIGITS = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)})
_SEPARATORS = re.compile(r"[\s.\-/()\u2010-\u2015]")


def _refuse(template: str, **args: str) -> InvalidInput:
    """An ``InvalidInput`` on the phone field; ``template`` is a ``QT_TRANSLATE_NOOP`` literal."""
    return InvalidInput(template, args=args, field="phone")


def normalize_phone(text: str, default_country: str = "US") -> str:
    """``text`` as ``+<country code><number>``, or :class:`InvalidInput` saying what is wrong.

    A number starting with ``+``, ``00`` or the default country's international prefix is
    international; anything else is national to ``default_country`` and loses its trunk prefix
    (the leading 0 in most of Europe, the 1 in North America). ``+44 (0)20…`` loses the
    customary "(0)". Spaces, dots, dashes, slashes and brackets are ignored; letters are refused
    (vanity numbers like 1-800-FLOWERS are not supported: ask for the digits). For a default
    country missing from our table, only international numbers are accepted.
    """
    country = _COUNTRIES.get(default_country.upper())
    stripped = text.strip()
    if not stripped:
        raise _refuse(QT_TRANSLATE_NOOP("clerk", "Enter a phone number."))
    compact = stripped.translate(_ASCII_DIGITS)
    if compact.startswith(("+", "00")):
        compact = compact.replace("(0)", "")
    compact = _SEPARATORS.sub("", compact)
    if re.search(r"[^0-9+]", compact):
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "clerk",
                "“{shown}” is not a phone number. Type digits only, for example +1 555 123 4567.",
            ),
            shown=stripped,
        )
    if "+" in compact[1:]:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "clerk", "“{shown}” has a + in the middle. Only the first character may be +."
            ),
            shown=stripped,
        )

    if compact.startswith("+"):
        international = compact[1:]
    elif compact.startswith("00"):
        international = compact[2:]
    elif country is None:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "clerk",
                "Type “{shown}” with its country code, starting with +, for example +46 8 123 456.",
            ),
            shown=stripped,
        )
    elif compact.startswith(country.international_prefix):
        international = compact[len(country.international_prefix) :]
    else:
        national = compact
        if country.trunk_prefix and national.startswith(country.trunk_prefix):
            # In North America "1 555 123 4567" and "555 123 4567" are the same number; only
            # drop the 1 when it leaves a full-length national number.
            candidate = national[len(country.trunk_prefix) :]
            if country.trunk_prefix == "0" or len(candidate) == country.national_lengths[0]:
                national = candidate
        international = country.calling_code + national

    _check_length(international, stripped)
    return "+" + international


def _check_length(digits: str, shown: str) -> None:
    if len(digits) < E164_MIN_DIGITS:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "clerk", "“{shown}” is too short for a phone number. Check the digits."
            ),
            shown=shown,
        )
    if len(digits) > E164_MAX_DIGITS:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "clerk",
                "“{shown}” is too long for a phone number (at most {limit} digits "
                "with the country code). Check the digits.",
            ),
            shown=shown,
            limit=str(E164_MAX_DIGITS),
        )
    if digits.startswith("0"):
        raise _refuse(
            QT_TRANSLATE_NOOP("clerk", "“{shown}” has no valid country code. Check the digits."),
            shown=shown,
        )
    for size in (1, 2, 3):
        country = _BY_CALLING_CODE.get(digits[:size])
        if country is not None:
            low, high = country.national_lengths
            if not low <= len(digits) - size <= high:
                raise _refuse(
                    QT_TRANSLATE_NOOP(
                        "clerk",
                        "“{shown}” does not have the right number of digits for "
                        "+{calling_code}. Check the digits.",
                    ),
                    shown=shown,
                    calling_code=country.calling_code,
                )
            return


def phone_search_keys(text: str) -> str:
    """The digits used to match ``text`` against stored numbers ("" when there are none).

    Stored numbers are E.164 digits (country code, no trunk prefix); leading zeros of the typed
    text are dropped so a national "07700 900123" still finds "+447700900123" as a substring.
    """
    return re.sub(r"[^0-9]", "", text.translate(_ASCII_DIGITS)).lstrip("0")


def _groups(digits: str, sizes: tuple[int, ...] = ()) -> str:
    """``digits`` split into groups of ``sizes``, else threes (the last group takes a lone
    digit left over, so no group is a single digit)."""
    if sizes:
        parts, start = [], 0
        for size in sizes:
            parts.append(digits[start : start + size])
            start += size
        if start < len(digits):
            parts.append(digits[start:])
        return " ".join(p for p in parts if p)
    parts = [digits[i : i + 3] for i in range(0, len(digits), 3)]
    if len(parts) > 1 and len(parts[-1]) == 1:
        parts[-2:] = [parts[-2] + parts[-1]]
    return " ".join(parts)


def format_phone(stored: str) -> str:
    """An E.164 number as a clerk reads it aloud: ``+1 802-555-0187``, ``+33 6 12 34 56 78``,
    ``+44 20 7946 0000``. Stored numbers stay E.164 (searchable, unambiguous); this is for
    display only, and anything that is not E.164 is shown as it is."""
    if not stored.startswith("+") or not stored[1:].isdigit():
        return stored
    digits = stored[1:]
    code = next((digits[:n] for n in (1, 2, 3) if digits[:n] in _BY_CALLING_CODE), None)
    if code is None:
        return stored
    national = digits[len(code) :]
    if code == "1" and len(national) == 10:
        return f"+1 {national[:3]}-{national[3:6]}-{national[6:]}"
    if code == "33" and len(national) == 9:
        return f"+33 {_groups(national, (1, 2, 2, 2, 2))}"
    if code == "44" and len(national) == 10:
        sizes = (2, 4, 4) if national.startswith("2") else (4, 6)
        return f"+44 {_groups(national, sizes)}"
    return f"+{code} {_groups(national)}"
