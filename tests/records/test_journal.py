"""The write-ahead operation journal."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from itertools import product
from pathlib import Path

import pytest

from moto_desk.domain.errors import ErrorKind, InvalidInput, MotoDeskError
from moto_desk.domain.money import Money
from moto_desk.records.connection import Db
from moto_desk.records.database import open_database, transaction
from moto_desk.records.journal import (
    MAX_KEY_LENGTH,
    REFUND_INTENT_PG,
    REFUND_INTENT_SQLITE,
    TRANSITIONS,
    IllegalTransitionError,
    JournalKind,
    JournalState,
    OperationJournal,
    RecentCharges,
    idempotency_key,
    newest_creates,
)
from moto_desk.records.store import RecordsAddress

from .conftest import FakeClock

S = JournalState


@pytest.fixture
def journal(conn: sqlite3.Connection, clock: FakeClock) -> OperationJournal:
    return OperationJournal(conn, clock)


def state_of(journal: OperationJournal, entry_id: str) -> JournalState:
    entry = journal.get(entry_id)
    assert entry is not None
    return entry.state


def entry_in(journal: OperationJournal, state: JournalState) -> str:
    """A charge entry driven to ``state`` by legal moves only."""
    entry = journal.begin(JournalKind.CHARGE, amount=Money(1250, "eur"))
    if state is S.PENDING:
        return entry.id
    journal.step_key(entry.id, "create")
    if state is S.SENT:
        return entry.id
    if state is S.UNKNOWN:
        journal.mark(entry.id, S.UNKNOWN)
        return entry.id
    journal.mark(entry.id, state)
    return entry.id


def test_begin_writes_a_pending_entry(journal: OperationJournal, clock: FakeClock) -> None:
    entry = journal.begin(
        JournalKind.CHARGE,
        clerk="Ana",
        desk="desk-1",
        customer_id="cus_1",
        amount=Money(1250, "eur"),
        payment_method_id="pm_1",
        order_reference="ORD-7",
        details={"reader": "tmr_1", "note": "été"},
    )
    assert entry.state is S.PENDING
    assert entry.is_open
    assert len(entry.id) == 32
    assert entry.created_at == entry.updated_at == clock.now
    assert entry.amount == Money(1250, "eur")
    assert (entry.clerk, entry.desk, entry.customer_id) == ("Ana", "desk-1", "cus_1")
    assert (entry.payment_method_id, entry.order_reference) == ("pm_1", "ORD-7")
    assert entry.details == {"reader": "tmr_1", "note": "été"}
    assert journal.get(entry.id) == entry
    assert journal.get("missing") is None


def test_entry_ids_are_unique(journal: OperationJournal) -> None:
    ids = {journal.begin(JournalKind.CREATE_CUSTOMER).id for _ in range(50)}
    assert len(ids) == 50


def test_idempotency_key_is_derived_from_entry_and_step() -> None:
    key = idempotency_key("0123abcd" * 4, "process_setup_intent")
    assert key == "moto-desk-0123abcd0123abcd0123abcd0123abcd-process_setup_intent"
    assert len(idempotency_key("a" * 64, "s" * 64)) <= MAX_KEY_LENGTH
    for bad_step in ("", "Has Space", "UPPER", "x" * 65, "-lead", "create\n", "a\r\nX-Evil: 1"):
        with pytest.raises(ValueError, match="step name"):
            idempotency_key("abc", bad_step)
    for bad_id in ("a/b", "abc\n", ""):
        with pytest.raises(ValueError, match="entry id"):
            idempotency_key(bad_id, "create")


def test_step_key_is_committed_before_it_is_returned(
    journal: OperationJournal, other_conn: sqlite3.Connection
) -> None:
    entry = journal.begin(JournalKind.SAVE_CARD, customer_id="cus_1")
    key = journal.step_key(entry.id, "create_setup_intent", {"customer": "cus_1"})
    assert key == f"moto-desk-{entry.id}-create_setup_intent"
    # Another connection (another process after a crash) already sees the key and the state.
    row = other_conn.execute(
        "SELECT s.idempotency_key, s.request_summary, j.state FROM journal_steps s"
        " JOIN journal j ON j.id = s.entry_id WHERE s.entry_id = ?",
        (entry.id,),
    ).fetchone()
    assert row == (key, '{"customer":"cus_1"}', "sent")


def test_step_key_is_stable(journal: OperationJournal, clock: FakeClock) -> None:
    entry = journal.begin(JournalKind.SAVE_CARD)
    first = journal.step_key(entry.id, "process", {"reader": "tmr_1"})
    clock.advance(minutes=5)
    assert journal.step_key(entry.id, "process", {"reader": "tmr_2"}) == first
    steps = journal.steps(entry.id)
    assert len(steps) == 1
    assert steps[0].request_summary == {"reader": "tmr_1"}  # the first request's summary
    assert steps[0].created_at == clock.now - timedelta(minutes=5)


def test_each_step_has_its_own_key(journal: OperationJournal, clock: FakeClock) -> None:
    entry = journal.begin(JournalKind.SAVE_CARD)
    keys = []
    for step in ("create_setup_intent", "process", "process.2", "cancel"):
        keys.append(journal.step_key(entry.id, step))
        clock.advance(seconds=1)
    assert len(set(keys)) == 4
    assert [s.step for s in journal.steps(entry.id)] == [
        "create_setup_intent",
        "process",
        "process.2",
        "cancel",
    ]


def test_finish_step_records_the_response(journal: OperationJournal) -> None:
    entry = journal.begin(JournalKind.CHARGE)
    journal.step_key(entry.id, "create")
    journal.finish_step(entry.id, "create", "200", "pi_123")
    (step,) = journal.steps(entry.id)
    assert (step.http_outcome, step.response_object_id) == ("200", "pi_123")
    assert step.finished_at is not None
    with pytest.raises(KeyError):
        journal.finish_step(entry.id, "never_started", "200")


def test_secrets_are_never_written(journal: OperationJournal, conn: sqlite3.Connection) -> None:
    entry = journal.begin(JournalKind.CHARGE)
    with pytest.raises(ValueError, match="card number"):
        journal.step_key(entry.id, "create", {"note": "4242 4242 4242 4242"})
    with pytest.raises(ValueError, match="API key"):
        journal.step_key(entry.id, "create", {"auth": "sk_test_123"})
    with pytest.raises(ValueError, match="holds secrets"):
        journal.begin(JournalKind.CHARGE, details={"cvc": "123"})
    with pytest.raises(InvalidInput) as caught:
        journal.begin(JournalKind.CHARGE, order_reference="4242 4242 4242 4242")
    assert caught.value.field == "order_reference"
    with pytest.raises(ValueError, match="card number"):
        journal.add_details(entry.id, {"n": "4242424242424242"})
    assert journal.steps(entry.id) == []
    assert state_of(journal, entry.id) is S.PENDING
    assert conn.execute("SELECT count(*) FROM journal").fetchone()[0] == 1


@pytest.mark.parametrize(("start", "target"), list(product(S, S)))
def test_state_machine(journal: OperationJournal, start: S, target: S) -> None:
    entry_id = entry_in(journal, start)
    if target in TRANSITIONS[start]:
        assert journal.mark(entry_id, target).state is target
    else:
        with pytest.raises(IllegalTransitionError):
            journal.mark(entry_id, target)
        assert state_of(journal, entry_id) is start


def test_the_documented_transitions() -> None:
    assert TRANSITIONS[S.PENDING] == {S.SENT, S.FAILED, S.CANCELED}
    assert TRANSITIONS[S.SENT] == {S.SUCCEEDED, S.FAILED, S.CANCELED, S.UNKNOWN}
    assert TRANSITIONS[S.UNKNOWN] == {S.SUCCEEDED, S.FAILED, S.CANCELED}
    assert [s for s in S if s.is_final] == [S.SUCCEEDED, S.FAILED, S.CANCELED]


def test_mark_records_the_outcome(journal: OperationJournal, clock: FakeClock) -> None:
    entry_id = entry_in(journal, S.SENT)
    clock.advance(seconds=3)
    failed = journal.mark(entry_id, S.FAILED, "card_declined", "Not enough funds.")
    assert (failed.outcome_code, failed.outcome_message) == ("card_declined", "Not enough funds.")
    assert failed.updated_at == clock.now
    assert failed.reconciled_at is None
    assert not failed.is_open


def test_reconciliation_is_recorded(journal: OperationJournal, clock: FakeClock) -> None:
    entry_id = entry_in(journal, S.UNKNOWN)
    clock.advance(hours=1)
    entry = journal.mark(entry_id, S.SUCCEEDED, reconciled=True)
    assert entry.reconciled_at == clock.now
    with pytest.raises(ValueError, match="final state"):
        journal.mark(entry_in(journal, S.SENT), S.UNKNOWN, reconciled=True)


def test_a_final_entry_sends_nothing_more(journal: OperationJournal) -> None:
    entry_id = entry_in(journal, S.SUCCEEDED)
    old_key = journal.steps(entry_id)[0].idempotency_key
    assert journal.step_key(entry_id, "create") == old_key  # reading the old key is fine
    with pytest.raises(IllegalTransitionError, match="sends no more requests"):
        journal.step_key(entry_id, "another")


def test_step_key_while_unknown_keeps_the_state(journal: OperationJournal) -> None:
    entry_id = entry_in(journal, S.UNKNOWN)
    journal.step_key(entry_id, "create")  # repeating the lost request
    journal.step_key(entry_id, "cancel")
    assert state_of(journal, entry_id) is S.UNKNOWN


def test_unknown_entries_raise_key_error(journal: OperationJournal) -> None:
    calls: list[Callable[[], object]] = [
        lambda: journal.step_key("nope", "create"),
        lambda: journal.mark("nope", S.FAILED),
        lambda: journal.record_object("nope", "pi_1"),
        lambda: journal.record_payment_method("nope", "pm_1"),
        lambda: journal.add_details("nope", {}),
    ]
    for call in calls:
        with pytest.raises(KeyError):
            call()


def test_one_stripe_object_per_entry(journal: OperationJournal) -> None:
    entry_id = entry_in(journal, S.SENT)
    journal.record_object(entry_id, "pi_1")
    journal.record_object(entry_id, "pi_1")  # the same object again is fine
    with pytest.raises(IllegalTransitionError, match="already owns pi_1"):
        journal.record_object(entry_id, "pi_2")
    stored = journal.get(entry_id)
    assert stored is not None
    assert stored.stripe_object_id == "pi_1"


def test_payment_method_and_details(journal: OperationJournal) -> None:
    entry = journal.begin(JournalKind.SAVE_CARD, details={"reader": "tmr_1"})
    journal.record_payment_method(entry.id, "pm_9")
    journal.add_details(entry.id, {"brand": "visa", "reader": "tmr_2"})
    stored = journal.get(entry.id)
    assert stored is not None
    assert stored.payment_method_id == "pm_9"
    assert stored.details == {"reader": "tmr_2", "brand": "visa"}


def test_open_entries(journal: OperationJournal, clock: FakeClock) -> None:
    by_state = {}
    for state in S:
        by_state[state] = entry_in(journal, state)
        clock.advance(seconds=1)
    open_ids = [e.id for e in journal.open_entries()]
    assert open_ids == [by_state[S.PENDING], by_state[S.SENT], by_state[S.UNKNOWN]]


def test_list_filters(journal: OperationJournal, clock: FakeClock) -> None:
    start = clock.now
    a = journal.begin(JournalKind.CHARGE, customer_id="cus_a")
    clock.advance(minutes=1)
    b = journal.begin(JournalKind.REFUND, customer_id="cus_a")
    clock.advance(minutes=1)
    c = journal.begin(JournalKind.CHARGE, customer_id="cus_b")
    journal.step_key(c.id, "create")

    def ids(**filters: object) -> list[str]:
        return [e.id for e in journal.list(**filters)]  # type: ignore[arg-type]

    assert ids() == [c.id, b.id, a.id]  # newest first
    assert ids(customer_id="cus_a") == [b.id, a.id]
    assert ids(kind=JournalKind.CHARGE) == [c.id, a.id]
    assert ids(state=S.SENT) == [c.id]
    assert ids(since=start + timedelta(minutes=1)) == [c.id, b.id]
    assert ids(until=start + timedelta(minutes=1)) == [a.id]
    assert ids(limit=1) == [c.id]
    assert ids(customer_id="cus_a", kind=JournalKind.CHARGE) == [a.id]


def test_recent_charges_for_the_duplicate_guard(
    journal: OperationJournal, clock: FakeClock
) -> None:
    eur = Money(1250, "eur")

    def charge(
        amount: Money = eur, pm: str = "pm_1", kind: JournalKind = JournalKind.CHARGE
    ) -> str:
        return journal.begin(kind, customer_id="cus_1", payment_method_id=pm, amount=amount).id

    old = charge()
    clock.advance(minutes=10)
    succeeded = charge()
    journal.step_key(succeeded, "create")
    journal.mark(succeeded, S.SUCCEEDED)
    declined = charge()
    journal.step_key(declined, "create")
    journal.mark(declined, S.FAILED, "card_declined")
    unknown = charge()
    journal.step_key(unknown, "create")
    journal.mark(unknown, S.UNKNOWN)
    charge(amount=Money(1251, "eur"))
    charge(amount=Money(1250, "usd"))
    charge(pm="pm_2")
    charge(kind=JournalKind.REFUND)
    clock.advance(minutes=1)

    recent = journal.recent_charges("cus_1", "pm_1", eur, within=timedelta(minutes=5))
    assert {e.id for e in recent} == {succeeded, unknown}
    wider = journal.recent_charges("cus_1", "pm_1", eur, within=timedelta(minutes=15))
    assert old in {e.id for e in wider}
    before = journal.recent_charges(
        "cus_1", "pm_1", eur, within=timedelta(minutes=5), now=clock.now - timedelta(minutes=8)
    )
    assert [e.id for e in before] == [old]


def test_concurrent_transition_is_refused(
    journal: OperationJournal, other_conn: Db, clock: FakeClock
) -> None:
    """Two connections (the app and the CLI reconciling; two desks) cannot both finish an
    entry."""
    entry_id = entry_in(journal, S.UNKNOWN)
    OperationJournal(other_conn, clock).mark(entry_id, S.SUCCEEDED, reconciled=True)
    with pytest.raises(IllegalTransitionError, match="succeeded → failed"):
        journal.mark(entry_id, S.FAILED)


def test_a_locked_journal_is_a_storage_error(db_path: Path, clock: FakeClock) -> None:
    holder = open_database(db_path)
    impatient = open_database(db_path, busy_timeout_ms=50)
    try:
        with transaction(holder):
            with pytest.raises(MotoDeskError) as caught:
                OperationJournal(impatient, clock).begin(JournalKind.CHARGE)
            assert caught.value.kind is ErrorKind.STORAGE
    finally:
        impatient.close()
        holder.close()


def test_the_duplicate_guard_counts_a_charge_from_a_desk_whose_clock_runs_ahead(
    journal: OperationJournal, other_conn: Db, clock: FakeClock
) -> None:
    """Desk A's clock is two seconds ahead of desk B's; A charges first. B, charging the same
    card the same amount a moment later by its own clock, must still be asked."""
    ahead = FakeClock(clock.now + timedelta(seconds=2))
    desk_a = OperationJournal(other_conn, ahead)
    charge = {
        "customer_id": "cus_1",
        "payment_method_id": "pm_1",
        "amount": Money(1000, "usd"),
        "refuse_if_recent": timedelta(minutes=5),
    }
    first = desk_a.begin(JournalKind.CHARGE, desk="a", **charge)  # type: ignore[arg-type]
    with pytest.raises(RecentCharges) as caught:
        journal.begin(JournalKind.CHARGE, desk="b", **charge)  # type: ignore[arg-type]
    assert [e.id for e in caught.value.entries] == [first.id]


def test_charges_of_finds_the_charges_of_many_payments_at_once(
    journal: OperationJournal, clock: FakeClock
) -> None:
    made = {}
    for n in range(620):  # more than one read's worth of ids
        entry = journal.begin(JournalKind.CHARGE, customer_id="cus_1", amount=Money(100 + n, "usd"))
        journal.record_object(entry.id, f"pi_{n}")
        made[f"pi_{n}"] = entry.id
        clock.advance(seconds=1)
    refund = journal.begin(JournalKind.REFUND, customer_id="cus_1")
    journal.record_object(refund.id, "pi_not_a_charge")  # only charges are answered
    asked = [*made, "pi_not_a_charge", "pi_unknown"]
    found = journal.charges_of(asked)
    assert {intent: entry.id for intent, entry in found.items()} == made
    assert found["pi_7"].amount == Money(107, "usd")
    assert journal.charges_of([]) == {}


def test_refunds_of_finds_every_refund_of_a_payment_whatever_its_date(
    journal: OperationJournal, clock: FakeClock
) -> None:
    charge = journal.begin(JournalKind.CHARGE, customer_id="cus_1", amount=Money(5000, "usd"))
    journal.record_object(charge.id, "pi_old")
    clock.advance(days=400)  # years of other operations between a charge and its refunds
    first = journal.begin(
        JournalKind.REFUND, customer_id="cus_1", amount=Money(1000, "usd"),
        details={"payment_intent": "pi_old"},
    )  # fmt: skip
    clock.advance(days=30)
    journal.begin(JournalKind.REFUND, customer_id="cus_2", details={"payment_intent": "pi_other"})
    second = journal.begin(
        JournalKind.REFUND, customer_id="cus_1", details={"payment_intent": "pi_old"}
    )
    found = journal.refunds_of(["pi_old", "pi_old", "pi_unknown"])
    assert list(found) == ["pi_old"]
    assert [e.id for e in found["pi_old"]] == [first.id, second.id]  # oldest first
    assert journal.refunds_of([]) == {}


def test_refunds_of_reads_the_index_on_a_refunds_payment(conn: Db, where: RecordsAddress) -> None:
    """The query spells the PaymentIntent as the index does (desk-file migration 5, the
    shop's 3): written differently, it would read every refund."""
    if where.is_shop:
        conn.execute("SET enable_seqscan = off")
        plan = conn.execute(
            "EXPLAIN SELECT id FROM journal"  # noqa: S608  constants only
            f" WHERE kind = 'refund' AND {REFUND_INTENT_PG} IN ('pi_1', 'pi_2')"
        ).fetchall()
    else:
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM journal"  # noqa: S608  constants only
            f" WHERE kind = 'refund' AND {REFUND_INTENT_SQLITE} IN ('pi_1', 'pi_2')"
        ).fetchall()
    assert "journal_refund_intent" in str(plan)


def test_newest_creates_read_the_new_customers_index(conn: Db, where: RecordsAddress) -> None:
    """A history filtered to a customer reads the newest new-customer entries through their
    own index (desk-file migration 6, the shop's 4), not through every entry's date: the
    query writes the index's WHERE as the index does."""
    sql = newest_creates("created_at >= '2026-01-01'").replace("LIMIT ?", "LIMIT 5000")
    if where.is_shop:
        conn.execute("SET enable_seqscan = off")
        plan = conn.execute(f"EXPLAIN {sql}").fetchall()
    else:
        plan = conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
    assert "journal_new_customers" in str(plan)
