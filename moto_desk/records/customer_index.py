"""A local index of the customers this desk has seen.

Stripe's customer search can lag a minute behind a create, so a customer the clerk created a
second ago would not be found by name. Every customer the desk creates or opens is remembered
here, and the search box looks here as well as at Stripe.

Matching is forgiving in the ways clerks need: case and accents are ignored ("eloise" finds
"Éloïse"), every word typed must appear somewhere in the name or email ("dupont jean" finds
"Jean Dupont"), and a query that is a phone number matches the stored digits as a substring
whatever the spacing or national prefix ("06 12 34" finds "+33 6 12 34 56 78").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime, timedelta

from moto_desk.domain.models import Customer
from moto_desk.domain.phone import phone_search_keys
from moto_desk.records.connection import Db
from moto_desk.records.database import storage_errors, transaction
from moto_desk.records.timestamps import Clock, from_iso, to_iso, utc_now

_MIN_PHONE_DIGITS = 3  # fewer digits would match most numbers
# {where} is built from constant clauses; every value is a bound parameter.
_REMEMBER = (
    "INSERT INTO customer_index (id, name, email, phone, phone_digits, search_text,"
    " created, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email,"
    " phone = excluded.phone, phone_digits = excluded.phone_digits,"
    " search_text = excluded.search_text,"
    " created = coalesce(excluded.created, customer_index.created),"
    " last_seen = excluded.last_seen"
)
_SEARCH = (
    "SELECT id, name, email, phone, created FROM customer_index"
    " WHERE {where} ORDER BY last_seen DESC, rowid DESC LIMIT ?"
)


def fold(text: str) -> str:
    """``text`` for matching: case-folded, accents removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


class CustomerIndex:
    """The index stored in an open database; use it on the thread that opened it."""

    def __init__(self, conn: Db, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    def remember(self, customer: Customer) -> None:
        """Add or refresh ``customer`` and mark it seen now (it moves to the top)."""
        with storage_errors():
            self._conn.execute(_REMEMBER, _row(customer, self._clock()))

    def remember_all(self, customers: Sequence[Customer]) -> None:
        """:meth:`remember` each of ``customers`` in one transaction (one commit, not one per
        customer: a search's twenty answers cost one disk sync).

        They are marked seen now, in the order given: the first comes first in a later
        search, as in the answer they came from. Inside a transaction the caller opened, they
        join it.
        """
        first: dict[str, Customer] = {}
        for customer in customers:  # a customer given twice is remembered where it came first
            first.setdefault(customer.id, customer)
        if not first:
            return
        now = self._clock()
        # A microsecond apart, so "most recently seen first" keeps the answer's order.
        rows = [_row(c, now - timedelta(microseconds=i)) for i, c in enumerate(first.values())]
        with storage_errors():
            if self._conn.in_transaction:
                self._conn.executemany(_REMEMBER, rows)
            else:
                with transaction(self._conn):
                    self._conn.executemany(_REMEMBER, rows)

    def forget(self, customer_id: str) -> None:
        """Remove a customer (deleted at Stripe); unknown ids are ignored."""
        with storage_errors():
            self._conn.execute("DELETE FROM customer_index WHERE id = ?", (customer_id,))

    def search(self, text: str, limit: int = 20) -> list[Customer]:
        """Customers matching ``text`` (see the module docstring), most recently seen first.

        An empty query lists the most recently seen customers.
        """
        words = fold(text).split()
        text_clause = " AND ".join("instr(search_text, ?) > 0" for _ in words) or "1 = 1"
        params: list[object] = list(words)
        digits = phone_search_keys(text)
        if words and not re.search(r"[^\W\d_]|@", text) and len(digits) >= _MIN_PHONE_DIGITS:
            where = f"({text_clause}) OR instr(phone_digits, ?) > 0"
            params.append(digits)
        else:
            where = text_clause
        params.append(limit)
        with storage_errors():
            rows = self._conn.execute(_SEARCH.format(where=where), params).fetchall()
        return [_customer(r) for r in rows]

    def same_contact(self, email: str | None, phone: str | None) -> list[Customer]:
        """Customers already known with this email (case ignored) or this phone number
        (its digits), most recently seen first: creating one of them again is likely a
        mistake the clerk should be asked about."""
        clauses: list[str] = []
        params: list[object] = []
        if email:
            clauses.append("lower(email) = lower(?)")
            params.append(email)
        digits = phone_search_keys(phone or "")
        if len(digits) >= _MIN_PHONE_DIGITS:
            clauses.append("phone_digits = ?")
            params.append(digits)
        if not clauses:
            return []
        params.append(5)
        with storage_errors():
            rows = self._conn.execute(_SEARCH.format(where=" OR ".join(clauses)), params).fetchall()
        return [_customer(r) for r in rows]

    def get(self, customer_id: str) -> Customer | None:
        """The customer with this id, as last seen; None when this desk never saw them."""
        with storage_errors():
            row = self._conn.execute(_SEARCH.format(where="id = ?"), (customer_id, 1)).fetchone()
        return None if row is None else _customer(row)


def _customer(r: tuple[object, ...]) -> Customer:
    return Customer(
        id=str(r[0]),
        name=None if r[1] is None else str(r[1]),
        email=None if r[2] is None else str(r[2]),
        phone=None if r[3] is None else str(r[3]),
        created=from_iso(str(r[4])) if r[4] is not None else None,
    )


def _row(customer: Customer, seen: datetime) -> tuple[object, ...]:
    """The values of ``_REMEMBER`` for ``customer``, seen at ``seen``."""
    return (
        customer.id,
        customer.name,
        customer.email,
        customer.phone,
        phone_search_keys(customer.phone or ""),
        fold(f"{customer.name or ''} {customer.email or ''}"),
        to_iso(customer.created) if customer.created else None,
        to_iso(seen),
    )
