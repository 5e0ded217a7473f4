"""Bad input ends in words a clerk understands, and leaves the records consistent."""

from __future__ import annotations

import pytest

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.models import Reader
from moto_desk.flows.customers import NewCustomer, create_customer, find_customers
from moto_desk.flows.save_card import save_card
from moto_desk.records.journal import JournalKind, JournalState

from .conftest import Desk, card


def test_very_long_and_non_latin_names_round_trip(desk: Desk) -> None:
    names = ["王小明", "Ωμέγα Παπαδοπούλου", "محمد بن راشد", "A" * 256, "Zoë d’Arçy-Ñúñez"]
    for name in names:
        created = create_customer(desk.ctx, NewCustomer(name))
        assert created.name == name
        assert created.id in [c.id for c in find_customers(desk.ctx, name[:3])] or len(name) < 3


def test_an_unknown_reader(desk: Desk) -> None:
    customer = desk.customer()
    ghost = Reader("tmr_doesnotexist", "Ghost", "simulated_wisepos_e", "online", None, None, None)
    with pytest.raises(MotoDeskError) as caught:
        save_card(desk.ctx, desk.save_request(customer, ghost))
    assert caught.value.kind is ErrorKind.NOT_FOUND
    with desk.records() as records:
        (entry,) = records.journal.list(kind=JournalKind.SAVE_CARD)
    assert entry.state is JournalState.FAILED
    assert desk.gateway.get_setup_intent(entry.stripe_object_id or "").status == "canceled"


def test_a_customer_deleted_in_stripe_meanwhile(desk: Desk) -> None:
    from tests.conftest import make_client

    customer = desk.customer()
    make_client(desk.sim).v1.customers.delete(customer.id)
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card("4242424242424242"))
    with pytest.raises(MotoDeskError) as caught:
        save_card(desk.ctx, desk.save_request(customer, reader))
    assert caught.value.kind is ErrorKind.NOT_FOUND
    assert "deleted" in caught.value.clerk_message or "does not know" in caught.value.clerk_message
    with desk.records() as records:
        (entry,) = records.journal.list(kind=JournalKind.SAVE_CARD)
        assert entry.state is JournalState.FAILED
        assert records.ledger.verify().ok
    with pytest.raises(MotoDeskError) as lookup:
        desk.gateway.get_customer(customer.id)
    assert "deleted" in lookup.value.clerk_message


def test_a_database_locked_by_another_program_is_said_in_words(file_desk: Desk) -> None:
    """Another program holds the desk's file (a backup tool, a second copy): nothing is sent
    to Stripe, the clerk is told what to do, and once the lock goes the desk works again."""
    import sqlite3

    from moto_desk.flows.context import open_records

    desk = file_desk
    with open_records(desk.ctx.records_at):
        pass  # the file exists, migrated
    blocker = sqlite3.connect(desk.file, isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        with pytest.raises(MotoDeskError) as caught:
            create_customer(desk.ctx, NewCustomer("Locked Out", "locked@example.com"))
        assert caught.value.kind is ErrorKind.STORAGE
        assert caught.value.clerk_message
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert desk.gateway.customers_by_email("locked@example.com") == []
    created = create_customer(desk.ctx, NewCustomer("Locked Out", "locked@example.com"))
    assert [c.id for c in desk.gateway.customers_by_email("locked@example.com")] == [created.id]
