"""One connection type for both stores: the desk's SQLite file and the shop's PostgreSQL.

The records classes (journal, ledger, customer index) are written once, in the SQL that SQLite
and PostgreSQL agree on, against :class:`Db`: the subset of ``sqlite3.Connection`` they use.
A ``sqlite3.Connection`` *is* a ``Db`` (the desk's own file pays nothing for the abstraction);
:class:`ShopConnection` wraps a psycopg 3 connection to look the same:

* ``?`` placeholders become ``%s`` (our SQL has no ``?`` or ``%`` in literals; a ``%`` is
  doubled anyway so it can never be read as a placeholder);
* the connection runs in autocommit mode, and :func:`~moto_desk.records.database.transaction`
  opens explicit transactions, exactly as with SQLite;
* ``instr(text, part)`` exists in the shop schema as a SQL function (see ``schema_pg``), so
  the customer search is the same query.

What differs is concurrency. SQLite's ``BEGIN IMMEDIATE`` makes every write transaction wait
for the one before; PostgreSQL lets them run side by side. Where a read-check-write must not
interleave with another desk's (the ledger's head, the duplicate-charge guard, an entry's state
change), the code names what it serialises with :func:`serialise`, which takes a
transaction-level advisory lock on PostgreSQL and costs nothing on SQLite (the IMMEDIATE
transaction already holds the file's write lock).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import psycopg


class Cursor(Protocol):
    """What the records read back from a statement."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Db(Protocol):
    """A records connection: ``sqlite3.Connection`` or :class:`ShopConnection`."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> Any: ...

    @property
    def in_transaction(self) -> bool: ...

    def close(self) -> None: ...


@functools.lru_cache(maxsize=512)
def to_pg(sql: str) -> str:
    """``sql`` with SQLite's ``?`` placeholders in psycopg's ``%s`` form."""
    return sql.replace("%", "%%").replace("?", "%s")


class ShopConnection:
    """A psycopg 3 connection to the shop's records that reads like ``sqlite3.Connection``.

    ``where`` names the server for the clerk's messages (host, port and database; never a
    password). Use it on one thread at a time, as with SQLite.
    """

    def __init__(self, conn: psycopg.Connection[Any], where: str) -> None:
        self.raw = conn
        self.where = where
        #: Set by the pool (``records.shop``): takes the connection back on close, or says
        #: no (broken, mid-transaction, pool full) and it is really closed.
        self.give_back: Callable[[ShopConnection], bool] | None = None

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        return self.raw.execute(to_pg(sql), tuple(parameters))

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> Any:
        cursor = self.raw.cursor()
        cursor.executemany(to_pg(sql), [tuple(p) for p in seq_of_parameters])
        return cursor

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    @property
    def broken(self) -> bool:
        """True once the server or the network dropped the connection."""
        return self.raw.broken or self.raw.closed

    def close(self) -> None:
        if self.give_back is not None and self.give_back(self):
            return
        self.raw.close()


def is_shop(conn: Db) -> bool:
    """True for the shop's PostgreSQL store, False for the desk's own SQLite file."""
    return isinstance(conn, ShopConnection)


def serialise(conn: Db, name: str) -> None:
    """Inside a write transaction: wait for any other desk's transaction serialising ``name``.

    PostgreSQL: ``pg_advisory_xact_lock`` on a 64-bit hash of ``name``, released at commit or
    rollback. SQLite: nothing to do, ``BEGIN IMMEDIATE`` already serialises all writers.
    """
    if is_shop(conn):
        conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", ("moto-desk:" + name,))
