"""An in-memory keyring for the tests and the window benchmarks: what they store is visible,
and nothing touches the OS keyring (nor a key or folder from the environment)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.backend
import keyring.errors

#: Variables that would point moto-desk at a real key or at the developer's own folders.
DESK_ENVIRONMENT = ("STRIPE_API_KEY", "MOTO_DESK_CONFIG_DIR", "MOTO_DESK_DATA_DIR")


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Passwords in a dict."""

    priority = 1  # type: ignore[assignment,unused-ignore]

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call,unused-ignore]
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("no such password")


@contextmanager
def memory_keyring_installed() -> Iterator[MemoryKeyring]:
    """A fresh :class:`MemoryKeyring` as the keyring, and the desk's environment variables
    unset, until the block ends (both restored then)."""
    saved = {name: os.environ.pop(name) for name in DESK_ENVIRONMENT if name in os.environ}
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
        os.environ.update(saved)
