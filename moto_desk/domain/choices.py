"""The clerk's consent choices, kept apart from :mod:`moto_desk.domain.models`.

The window needs these two enums to build its consent form before its first paint; the
models' frozen dataclasses cost about 10 ms to create, so they load after it (the window
imports them only for type checking). :mod:`models` re-exports both.
"""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    """How the customer gave consent and their order: over the phone or by mail."""

    PHONE = "phone"
    MAIL = "mail"


class AllowRedisplay(StrEnum):
    """Stripe's ``allow_redisplay`` choice the clerk records with the customer's consent.

    ``always``: the card may be shown again to the customer in any checkout; ``limited``: only
    in contexts where the customer agreed to saving it (Stripe's ``unspecified`` maps to None).
    """

    ALWAYS = "always"
    LIMITED = "limited"
