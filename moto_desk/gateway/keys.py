"""Where the Stripe key comes from, and what kind of key it is.

The key lives only in the OS keyring (service ``moto-desk``) or, for automation, in the
``STRIPE_API_KEY`` environment variable. Never in a settings file: where the OS offers no
keyring, the clerk is told so and how to proceed (demo mode needs no key). ``keyring`` is
imported lazily so the window can appear before it loads (backend discovery costs ~60 ms).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.words import QT_TRANSLATE_NOOP

KEYRING_SERVICE = "moto-desk"
KEYRING_USER = "stripe-api-key"
ENV_VAR = "STRIPE_API_KEY"


class Mode(StrEnum):
    DEMO = "demo"
    TEST = "test"
    LIVE = "live"


@dataclass(frozen=True)
class ApiKey:
    """A secret or restricted key whose kind has been checked. ``repr`` never shows it."""

    secret: str
    mode: Mode
    restricted: bool

    def __repr__(self) -> str:
        return f"ApiKey({self.masked}, {self.mode.value})"

    __str__ = __repr__

    @property
    def masked(self) -> str:
        return mask(self.secret)


def mask(key: str) -> str:
    """``sk_test_…abcd``: enough to tell keys apart, never enough to use one."""
    prefix = key.split("_", 2)
    head = "_".join(prefix[:2]) + "_" if len(prefix) > 2 else key[:3]
    return f"{head}…{key[-4:]}" if len(key) > 12 else "…"


def classify(key: str) -> ApiKey:
    """Check a key's kind; refuse anything but a secret or restricted key, with reasons."""
    key = key.strip()
    if key.startswith(("sk_test_", "rk_test_")):
        return ApiKey(key, Mode.TEST, key.startswith("rk_"))
    if key.startswith(("sk_live_", "rk_live_")):
        return ApiKey(key, Mode.LIVE, key.startswith("rk_"))
    if key.startswith("pk_"):
        raise MotoDeskError(
            ErrorKind.CONFIGURATION,
            QT_TRANSLATE_NOOP(
                "clerk",
                "This is a publishable key (it starts with “pk_”). moto-desk needs a secret key "
                "(“sk_…”) or a restricted key (“rk_…”) from the Stripe Dashboard, under "
                "Developers → API keys.",
            ),
        )
    raise MotoDeskError(
        ErrorKind.CONFIGURATION,
        QT_TRANSLATE_NOOP(
            "clerk",
            "This does not look like a Stripe secret key. Secret keys start with “sk_test_” or "
            "“sk_live_”, restricted keys with “rk_test_” or “rk_live_”.",
        ),
    )


_NO_KEYRING = QT_TRANSLATE_NOOP(
    "clerk",
    "This computer has no password store (keyring) that moto-desk can use, so the Stripe key "
    "cannot be kept safely here. Use demo mode, or start moto-desk with the key in the "
    "STRIPE_API_KEY environment variable. moto-desk never writes the key to a plain file.",
)


def _keyring_error(exc: Exception) -> MotoDeskError:
    return MotoDeskError(ErrorKind.CONFIGURATION, _NO_KEYRING, detail=type(exc).__name__)


def load_key() -> ApiKey | None:
    """The configured key (environment first, then the keyring), or None for demo mode."""
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return classify(from_env)
    import keyring
    import keyring.errors

    try:
        stored = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
    except keyring.errors.KeyringError as exc:
        raise _keyring_error(exc) from None
    return classify(stored) if stored else None


def store_key(key: str) -> ApiKey:
    """Check and store a key in the keyring; the only place a key is ever written."""
    checked = classify(key)
    import keyring
    import keyring.errors

    try:
        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, checked.secret)
    except keyring.errors.KeyringError as exc:
        raise _keyring_error(exc) from None
    return checked


def forget_key() -> None:
    import keyring
    import keyring.errors

    try:
        keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
    except keyring.errors.PasswordDeleteError:
        return
    except keyring.errors.KeyringError as exc:
        raise _keyring_error(exc) from None
