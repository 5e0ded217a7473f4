"""Recognising data that must never be stored: card numbers, CVCs, API keys, client secrets —
and redacting them, with a customer's email, phone and name fields, from text that leaves the
desk (the log file, a support bundle). The log filter and the support bundle both redact here,
so what counts as secret or personal is decided in one place.

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


# ---------------------------------------------------------------------------- redaction
# What a log line may carry about a customer: an email (plain, or %40-encoded in a URL a library
# logged), a phone number (as typed, E.164, or the digits a phone search sends), and the fields
# of a customer's repr or JSON. Names cannot be recognised in free text; they can be in those
# fields, which is where moto-desk's own objects would put them.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# 7–15 digits (E.164's range), single separators as people type them, standing on their own —
# or inside URL-encoded quotes, as in a search query a library logged (phone~%278025550142%27).
_PHONE = re.compile(
    r"(?:(?<=%27)|(?<=%22)|(?<![\w.@/%-]))\+?\(?\d(?:[ .\-()]{0,2}\d){6,14}(?=%2|(?![\w@]))"
)
# A date or time is not a phone number ("2026-12-03 16:20", log lines start with one).
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}")
_PERSONAL_FIELD = re.compile(
    r"""(?P<key>["']?\b(?:name|email|phone|receipt_email|individual_name|business_name)\b["']?"""
    r"""\s*[=:]\s*)(?P<quote>["'])(?P<value>(?:(?!(?P=quote)).)*)(?P=quote)"""
)


def _phone_or_not(match: re.Match[str]) -> str:
    text = match.group()
    return text if _DATE.search(text) else "[phone]"


def _field(match: re.Match[str]) -> str:
    value = match.group("value")
    if not value or value == "None":
        return match.group()
    quote = match.group("quote")
    return f"{match.group('key')}{quote}[redacted]{quote}"


def redact_personal(text: str) -> str:
    """``text`` without a customer's email, phone number, or the name/email/phone fields of a
    repr or JSON object: each is replaced by a placeholder that says what was there."""
    text = _PERSONAL_FIELD.sub(_field, text)
    text = _EMAIL.sub("[email]", text)
    return _PHONE.sub(_phone_or_not, text)


def _card_or_not(match: re.Match[str]) -> str:
    digits = re.sub(r"[ -]", "", match.group())
    return "[card number]" if luhn_valid(digits) else match.group()


# A security code written as a field: cvc=123, "cvv": "1234", security_code: 737.
_CVC_FIELD = re.compile(
    r"""(?ix)(?P<key>\b(?:cvc|cvv2?|cvn|csc|security_code|card_code)\b["']?\s*[:=]\s*["']?)"""
    r"""\d{3,4}\b"""
)


def redact_secrets(text: str) -> str:
    """``text`` with API keys, webhook and client secrets, card numbers and security codes
    replaced."""
    text = _CVC_FIELD.sub(lambda m: f"{m.group('key')}[cvc]", text)
    text = _KEY_PREFIX.sub("[api key]", text)
    text = _WEBHOOK_SECRET.sub("[webhook secret]", text)
    text = _CLIENT_SECRET.sub("[client secret]", text)
    return _DIGIT_RUN.sub(_card_or_not, text)


def redact(text: str) -> str:
    """Everything :func:`redact_secrets` and :func:`redact_personal` take out: what a file
    leaving the shop (a support bundle) may hold of a log line."""
    return redact_personal(redact_secrets(text))


def screen_log_text(message: str, exc_text: str | None) -> tuple[str, str | None, str | None]:
    """The log filter's decision for one record: ``(message, exc_text, withheld)``.

    A record that holds a secret is withheld whole — the message becomes a note naming the
    kind of secret (``withheld``), the traceback is dropped — so a leak is loud in the file
    without being written; otherwise the customer's personal data is redacted from both.
    """
    found = find_sensitive(message)
    if found is None and exc_text:
        found = find_sensitive(exc_text)
    if found is not None:
        return f"[log line withheld: {found}]", None, found
    return redact_personal(message), redact_personal(exc_text) if exc_text else None, None
