"""The local customer index: found at once, however the clerk types."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from moto_desk.domain.models import Customer
from moto_desk.records.connection import is_shop
from moto_desk.records.customer_index import CustomerIndex, fold

from .conftest import FakeClock

CREATED = datetime(2026, 10, 1, tzinfo=UTC)


@pytest.fixture
def index(conn: sqlite3.Connection, clock: FakeClock) -> CustomerIndex:
    index = CustomerIndex(conn, clock)
    people = [
        Customer("cus_eloise", "Éloïse Dupont", "eloise@example.fr", "+33612345678", CREATED),
        Customer("cus_jean", "Jean Martin", "jmartin1984@example.com", "+442079460000", None),
        Customer("cus_ann", "Ann Lee", None, "+15551234567", CREATED),
        Customer("cus_nophone", "Zoë Nophone", "zoe@example.com", None, None),
    ]
    for customer in people:
        index.remember(customer)
        clock.advance(minutes=1)
    return index


def ids(found: list[Customer]) -> list[str]:
    return [c.id for c in found]


def test_fold() -> None:
    assert fold("  Éloïse   DUPONT ") == "eloise dupont"
    assert fold("Straße") == "strasse"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("eloise", ["cus_eloise"]),
        ("ÉLOÏSE", ["cus_eloise"]),
        ("dupont éloïse", ["cus_eloise"]),  # every word, any order
        ("upon", ["cus_eloise"]),  # substrings
        ("example.fr", ["cus_eloise"]),
        ("@example.com", ["cus_nophone", "cus_jean"]),
        ("1984", ["cus_jean"]),  # digits in an email
        ("06 12 34", ["cus_eloise"]),  # French national format
        ("+33 6 12", ["cus_eloise"]),
        ("020 7946", ["cus_jean"]),
        ("(555) 123-45", ["cus_ann"]),
        ("12", []),  # too few digits to search phones
        ("martin zzz", []),
        ("nobody", []),
    ],
)
def test_search(index: CustomerIndex, query: str, expected: list[str]) -> None:
    assert ids(index.search(query)) == expected


def test_newest_first_and_limit(index: CustomerIndex) -> None:
    assert ids(index.search("")) == ["cus_nophone", "cus_ann", "cus_jean", "cus_eloise"]
    assert ids(index.search("e", limit=2)) == ["cus_nophone", "cus_ann"]


def test_remembering_again_refreshes_and_moves_to_the_top(
    index: CustomerIndex, clock: FakeClock
) -> None:
    clock.advance(minutes=1)
    index.remember(Customer("cus_eloise", "Éloïse Durand", "eloise@example.fr", None, None))
    found = index.search("")
    assert found[0] == Customer("cus_eloise", "Éloïse Durand", "eloise@example.fr", None, CREATED)
    assert ids(index.search("dupont")) == []
    assert ids(index.search("06 12 34")) == []


def test_a_customer_created_a_second_ago_is_found(
    conn: sqlite3.Connection, clock: FakeClock
) -> None:
    index = CustomerIndex(conn, clock)
    index.remember(Customer("cus_new", "Brand New", None, None, clock.now))
    assert index.search("brand") == [Customer("cus_new", "Brand New", None, None, clock.now)]


def test_forget(index: CustomerIndex) -> None:
    index.forget("cus_jean")
    index.forget("cus_unknown")
    assert "cus_jean" not in ids(index.search(""))
    assert len(index.search("")) == 3


def test_query_text_is_data_not_sql(index: CustomerIndex) -> None:
    assert index.search("'; DROP TABLE customer_index; --") == []
    assert index.search("%") == []
    assert len(index.search("")) == 4


def statements(conn: sqlite3.Connection) -> list[str]:
    """Record every statement ``conn`` runs from now on (transaction control included)."""
    if is_shop(conn):
        pytest.skip("statement tracing is SQLite's; the same code runs on both stores")
    ran: list[str] = []
    conn.set_trace_callback(ran.append)
    return ran


def test_remember_all_is_one_transaction_in_the_answers_order(
    conn: sqlite3.Connection, index: CustomerIndex, clock: FakeClock
) -> None:
    clock.advance(minutes=1)
    answer = [
        Customer("cus_b", "Bea Stripe", "bea@example.com", None, CREATED),
        Customer("cus_jean", "Jean Martin", "jean@example.org", None, None),  # known: refreshed
        Customer("cus_a", "Al Stripe", None, "+15550001111", None),
    ]
    ran = statements(conn)
    index.remember_all(answer)
    conn.set_trace_callback(None)
    assert [s for s in ran if s.split()[0] in ("BEGIN", "COMMIT")] == ["BEGIN IMMEDIATE", "COMMIT"]
    assert not conn.in_transaction
    # Seen now, the first of the answer first; the older customers after them.
    assert ids(index.search(""))[:4] == ["cus_b", "cus_jean", "cus_a", "cus_nophone"]
    assert ids(index.search("jean@example.org")) == ["cus_jean"]
    assert ids(index.search("jmartin1984")) == []
    assert ids(index.search("555 000 11")) == ["cus_a"]


def test_remember_all_a_customer_twice_and_nothing(
    conn: sqlite3.Connection, index: CustomerIndex, clock: FakeClock
) -> None:
    clock.advance(minutes=1)
    ran = statements(conn)
    index.remember_all([])
    assert ran == []  # no answer, no write
    ann = Customer("cus_ann", "Ann Lee", None, "+15551234567", None)
    index.remember_all([ann, Customer("cus_x", "X", None, None, None), ann])
    assert ids(index.search(""))[:2] == ["cus_ann", "cus_x"]  # where it came first


def test_remember_all_joins_the_callers_transaction(
    conn: sqlite3.Connection, index: CustomerIndex
) -> None:
    conn.execute("BEGIN")
    index.remember_all([Customer("cus_later", "Rolled Back", None, None, None)])
    assert conn.in_transaction  # not committed under the caller's feet
    conn.execute("ROLLBACK")
    assert ids(index.search("rolled")) == []
