"""What every desk of a shop reads the same: the shop's name and address, and the version of
the consent terms its clerks read aloud.

They live in the shop's records (table ``shop_settings``), written by whoever administers
them (``moto-desk records init --shop-name …``; desks may only read them), so two desks can
never tell customers different things. What stays per desk is in the desk's settings file:
its name, its last reader, its language.

A desk whose packaged terms have another version than the shop's refuses to save cards
(:func:`check_terms`): a customer must hear the terms the evidence will say they heard.
"""

from __future__ import annotations

from moto_desk.domain.consent import ConsentTerms
from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.records.connection import Db, is_shop
from moto_desk.records.database import storage_errors
from moto_desk.records.store import Where
from moto_desk.records.timestamps import to_iso, utc_now

SHOP_NAME = "shop_name"
SHOP_ADDRESS = "shop_address"
TERMS_VERSION = "terms_version"
KEYS = (SHOP_NAME, SHOP_ADDRESS, TERMS_VERSION)


def read_shop_settings(conn: Db) -> dict[str, str]:
    """The shop's settings; empty for a desk keeping its own records."""
    if not is_shop(conn):
        return {}
    with storage_errors():
        rows = conn.execute("SELECT key, value FROM shop_settings").fetchall()
    return {str(key): str(value) for key, value in rows if key in KEYS}


def shop_settings_at(where: Where) -> tuple[MotoDeskError | None, dict[str, str]]:
    """Open the records at ``where`` and read the shop's settings: ``(None, settings)``, or
    the clerk's words for why the store could not be opened and no settings. A desk keeping
    its own records has none (and its file is not opened)."""
    from moto_desk.records.store import address, open_store

    if not address(where).is_shop:
        return None, {}
    try:
        conn = open_store(where)
        try:
            return None, read_shop_settings(conn)
        finally:
            conn.close()
    except MotoDeskError as error:
        return error, {}


def write_shop_settings(conn: Db, values: dict[str, str]) -> None:
    """Set the shop's settings (the administrator's connection: desks may not)."""
    now = to_iso(utc_now())
    with storage_errors():
        for key, value in values.items():
            if key not in KEYS:
                raise ValueError(f"unknown shop setting {key!r}")
            conn.execute(
                "INSERT INTO shop_settings (key, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                " updated_at = excluded.updated_at",
                (key, value, now),
            )


def check_terms(conn: Db, terms: ConsentTerms) -> None:
    """Refuse terms of another version than the shop's, before anything is recorded."""
    shop = read_shop_settings(conn).get(TERMS_VERSION)
    if shop and shop != terms.version:
        raise MotoDeskError(
            ErrorKind.CONFIGURATION,
            QT_TRANSLATE_NOOP(
                "clerk",
                "This desk has consent terms of version {desk}, but the shop reads version "
                "{shop} to its customers. Update moto-desk on this computer before saving "
                "cards.",
            ),
            args={"desk": terms.version, "shop": shop},
        )
