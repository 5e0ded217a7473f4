"""Recognising data that must never be stored: card numbers, CVCs, API keys, client secrets.

The records layer runs everything it persists from free-form sources (request summaries,
details, a clerk's typed reason) through :func:`find_sensitive` and refuses to write what it
flags. Refusing rather than redacting makes a leak a loud failure in tests, not a silent one in
production. Card numbers are recognised by
their length, network prefix and Luhn checksum, standing as a number of their own, so that order
numbers, timestamps and ids of the same length do not trip it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Field names whose value is a secret whatever it looks like.
_SECRET_KEYS = frozenset(
    {
        "number",
        "card_number",
        "pan",
        "cvc",
        "cvv",
        "cvv2",
        "client_secret",
        "secret",
        "api_key",
        "password",
        "authorization",
    }
)
_KEY_PREFIX = re.compile(r"\b(?:sk|rk|pk)_(?:test|live)_[A-Za-z0-9]+")
_WEBHOOK_SECRET = re.compile(r"\bwhsec_[A-Za-z0-9]+")
_CLIENT_SECRET = re.compile(r"\b(?:seti|pi)_[A-Za-z0-9]+_secret_[A-Za-z0-9]+")
# 13–19 digits, optionally grouped by single spaces or dashes as printed on cards, starting
# with 2–6 (Mastercard 2/5, Amex, JCB and Diners 3, Visa 4, Discover and UnionPay 6), standing
# on their own: not inside a word, an id or an email address. Without these limits one random
# 13-digit number in nine passes Luhn — a timestamp in a test email address did.
_DIGIT_RUN = re.compile(r"(?<![\w@.])[2-6](?:[ -]?[0-9]){12,18}(?![\w@])")


def luhn_valid(digits: str) -> bool:
    """True if the digit string passes the Luhn checksum used by every card number."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def looks_like_card_number(text: str) -> bool:
    """True if ``text`` holds a standalone 13–19 digit number (spaces or dashes allowed) with a
    card network's first digit that passes Luhn."""
    for match in _DIGIT_RUN.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if luhn_valid(digits):
            return True
    return False


def find_sensitive(value: object, path: str = "") -> str | None:
    """Where in ``value`` (nested dicts, lists, strings) something secret appears, or None.

    The answer names the place (``details.card.number``) and the kind of secret, never the
    secret itself, so it can go into an error message and a log.
    """
    if isinstance(value, str):
        if looks_like_card_number(value):
            return f"{path or 'text'}: looks like a card number"
        if _KEY_PREFIX.search(value) or _WEBHOOK_SECRET.search(value):
            return f"{path or 'text'}: looks like an API key"
        if _CLIENT_SECRET.search(value):
            return f"{path or 'text'}: looks like a client secret"
        return None
    if isinstance(value, Mapping):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if str(key).lower() in _SECRET_KEYS and item not in (None, ""):
                return f"{where}: a field that holds secrets"
            found = find_sensitive(item, where)
            if found:
                return found
        return None
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = find_sensitive(item, f"{path}[{index}]")
            if found:
                return found
    return None
