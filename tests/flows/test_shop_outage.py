"""The shop's PostgreSQL lost in the middle of a save or a charge, at each of its writes.

For every write a save and a charge make to the shop's records, the server is stopped with
``pg_ctl -m immediate`` (a crash, as far as PostgreSQL is concerned) just before that write,
the operation ends in the clerk's words, the server starts again, the desk reconciles (what
"Check again", the next start or ``moto-desk reconcile`` do), and the invariants of
``tests/ui/test_fault_matrix.py`` hold: one intent per journal entry and none without one, no
entry left open, the ledger verifies, one ``card_saved`` per card Stripe saved, and a charge
the clerk meant once is at most one succeeded PaymentIntent.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from moto_desk.domain.errors import ErrorKind, MotoDeskError, OutcomeUnknown
from moto_desk.domain.money import Money
from moto_desk.flows.charge import ChargeRequest, charge_saved_card
from moto_desk.flows.reconcile import reconcile
from moto_desk.flows.save_card import save_card
from moto_desk.records.connection import ShopConnection
from moto_desk.records.journal import JournalKind
from moto_desk.records.ledger import LedgerKind
from tests.conftest import make_client
from tests.helpers.postgres import PostgresServer

from .conftest import Desk, card

WRITES = ("INSERT", "UPDATE", "DELETE", "COMMIT")

pytestmark = pytest.mark.slow


@pytest.fixture
def desk(sim: Any, tmp_path: Any, shop_url: str) -> Desk:
    from .conftest import make_desk

    sim.seed_demo()
    return make_desk(sim, tmp_path / "data", shop_url=shop_url)


@contextmanager
def server_lost_before_write(
    server: PostgresServer | None, number: int
) -> Iterator[dict[str, int]]:
    """Count the writes to the shop's records; stop ``server`` just before write ``number``
    (1-based). With ``server=None`` only count."""
    seen = {"writes": 0, "stopped": 0}
    original = ShopConnection.execute

    def execute(self: ShopConnection, sql: str, parameters: Any = (), /) -> Any:
        if sql.lstrip().upper().startswith(WRITES):
            seen["writes"] += 1
            if server is not None and seen["writes"] == number and not seen["stopped"]:
                server.stop("immediate")
                seen["stopped"] = 1
        return original(self, sql, parameters)

    ShopConnection.execute = execute  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        ShopConnection.execute = original  # type: ignore[method-assign]
        if seen["stopped"]:
            server.restart()  # type: ignore[union-attr]


def _settle(desk: Desk) -> None:
    """Reconcile until nothing is open (a reader may still be finishing a card)."""
    deadline = time.monotonic() + 20
    while True:
        settled = reconcile(desk.ctx)
        if all(item.state is not None for item in settled):
            return
        assert time.monotonic() < deadline, settled
        time.sleep(0.2)


def assert_invariants(desk: Desk, customer_id: str, meant_charges: int) -> None:
    client = make_client(desk.sim)
    setups = {si.id: si for si in client.v1.setup_intents.list({"customer": customer_id}).data}
    payments = {pi.id: pi for pi in client.v1.payment_intents.list({"customer": customer_id}).data}
    attached = {pm.id for pm in client.v1.payment_methods.list({"customer": customer_id}).data}
    with desk.records() as records:
        entries = [
            e
            for e in records.journal.list(customer_id=customer_id, limit=1000)
            if e.kind in (JournalKind.SAVE_CARD, JournalKind.CHARGE)
        ]
        ledger = records.ledger.records(customer_id)
        verified = records.ledger.verify()
    assert not [e for e in entries if e.is_open], entries
    owned = [e.stripe_object_id for e in entries if e.stripe_object_id]
    assert len(owned) == len(set(owned)), "an intent owned by two entries"
    for intent in [*setups, *payments]:
        assert intent in owned, f"{intent} has no journal entry"
    for si in setups.values():
        assert si.metadata is not None and "journal_id" in si.metadata, si.id
    assert verified.ok, verified.problems
    saved = [r for r in ledger if r.kind is LedgerKind.CARD_SAVED]
    assert sorted(r.payment_method_id or "" for r in saved) == sorted(attached)
    succeeded = [pi for pi in payments.values() if pi.status == "succeeded"]
    assert len(succeeded) <= meant_charges


def test_the_server_lost_at_each_write_of_a_save(desk: Desk, pg_server: PostgresServer) -> None:
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card("4242424242424242"))
    probe = desk.customer("Probe")
    with server_lost_before_write(None, 0) as seen:
        save_card(desk.ctx, desk.save_request(probe, reader))
    total = seen["writes"]
    assert total >= 8, total
    outcomes: dict[int, str] = {}
    for number in range(1, total + 1):
        customer = desk.customer(f"Lost at write {number}")
        request = desk.save_request(customer, reader)
        with server_lost_before_write(pg_server, number):
            outcomes[number] = _outcome(lambda r=request: save_card(desk.ctx, r))  # type: ignore[misc]
        _settle(desk)
        assert_invariants(desk, customer.id, meant_charges=0)
    # Lost before the entry exists: refused before Stripe; after: left to reconciliation.
    assert outcomes[1] == "storage"
    assert set(outcomes.values()) <= {"storage", "outcome_unknown"}, outcomes
    assert "outcome_unknown" in outcomes.values()


def test_the_server_lost_at_each_write_of_a_charge(desk: Desk, pg_server: PostgresServer) -> None:
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card("4242424242424242"))
    customer = desk.customer("Charged Through An Outage")
    saved = save_card(desk.ctx, desk.save_request(customer, reader)).card
    with server_lost_before_write(None, 0) as seen:
        charge_saved_card(desk.ctx, ChargeRequest(customer.id, saved, Money(100, "usd")))
    total = seen["writes"]
    assert total >= 4, total
    for number in range(1, total + 1):
        amount = Money(100 + number, "usd")  # a new amount each time: no duplicate question
        with server_lost_before_write(pg_server, number):
            outcome = _outcome(
                lambda amount=amount: charge_saved_card(  # type: ignore[misc]
                    desk.ctx, ChargeRequest(customer.id, saved, amount)
                )
            )
        assert outcome in ("storage", "outcome_unknown"), (number, outcome)
        _settle(desk)
        assert_invariants(desk, customer.id, meant_charges=1 + number)


def _outcome(operation: Callable[[], object]) -> str:
    try:
        operation()
    except OutcomeUnknown:
        return "outcome_unknown"
    except MotoDeskError as error:
        assert error.kind is ErrorKind.STORAGE, error
        assert "records" in error.clerk_message
        return "storage"
    return "done"
