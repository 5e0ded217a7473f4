"""Where a desk's records are, and opening them: its own SQLite file, or the shop's PostgreSQL.

A desk always has its own file (``moto-desk.sqlite3`` in its data folder): what stays per desk
lives there — its last reader, its remembered choices (``DeskState``). Its journal, consent
ledger and customer index live there too, unless the desk joined a shop
(``--records``/``MOTO_DESK_RECORDS``/Settings → Shop records): then those are the shop's,
shared by every desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from moto_desk.records.connection import Db


@dataclass(frozen=True)
class RecordsAddress:
    """The desk's own file and, when it joined a shop, the shop's records URL."""

    desk_file: Path
    shop_url: str | None = None

    @property
    def is_shop(self) -> bool:
        return bool(self.shop_url)

    def describe(self) -> str:
        """For a person: the file's path, or the shop's server (never a password)."""
        if self.shop_url:
            from moto_desk.records.shop import describe_url

            return describe_url(self.shop_url)
        return str(self.desk_file)


Where = Path | RecordsAddress


def address(where: Where) -> RecordsAddress:
    """``where`` as an address (a bare path is a desk keeping its own records)."""
    return where if isinstance(where, RecordsAddress) else RecordsAddress(where)


def open_store(where: Where) -> Db:
    """A connection to the records (the shop's when the desk joined one); the caller closes
    it. Use it on the thread that opened it."""
    found = address(where)
    if found.shop_url:
        from moto_desk.records.shop import open_shop

        return open_shop(found.shop_url)
    from moto_desk.records.database import open_database

    return open_database(found.desk_file)


def desk_file(where: Where) -> Path:
    """The desk's own SQLite file (its per-desk state), wherever its records are."""
    return address(where).desk_file
