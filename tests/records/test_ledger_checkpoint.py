"""Verifying from the desk's last checkpoint: kept in the desk's own file, one per store."""

from __future__ import annotations

from moto_desk.records.connection import Db
from moto_desk.records.database import open_database
from moto_desk.records.desk_state import DeskState
from moto_desk.records.ledger import ConsentLedger
from moto_desk.records.ledger_checkpoint import checkpoint_key, verify_from_checkpoint
from moto_desk.records.store import RecordsAddress

from .test_ledger import consent, drop_triggers


def stored(where: RecordsAddress) -> object:
    desk = open_database(where.desk_file)
    try:
        return DeskState(desk).get(checkpoint_key(where))
    finally:
        desk.close()


def test_the_first_verify_is_full_and_each_moves_the_checkpoint(
    where: RecordsAddress, conn: Db
) -> None:
    ledger = ConsentLedger(conn)
    consent(ledger, "cus_1")
    consent(ledger, "cus_2")
    first = verify_from_checkpoint(where)
    assert (first.ok, first.count, first.earlier) == (True, 2, 0)
    assert stored(where) == {
        "seq": 2,
        "hash": first.last_hash,
        "first_hash": ledger.records()[0].hash,
    }
    consent(ledger, "cus_3")
    second = verify_from_checkpoint(where)
    assert (second.ok, second.count, second.earlier) == (True, 3, 2)
    assert stored(where) == {
        "seq": 3,
        "hash": second.last_hash,
        "first_hash": ledger.records()[0].hash,
    }


def test_a_problem_leaves_the_checkpoint_where_it_was(where: RecordsAddress, conn: Db) -> None:
    ledger = ConsentLedger(conn)
    consent(ledger, "cus_1")
    verify_from_checkpoint(where)
    before = stored(where)
    consent(ledger, "cus_2")
    drop_triggers(conn)
    conn.execute("UPDATE ledger SET clerk = 'Mallory' WHERE seq = 2")
    result = verify_from_checkpoint(where)
    assert result.problems == ["Record 2 was changed after it was written."]
    assert stored(where) == before


def test_each_store_has_its_own_checkpoint(where: RecordsAddress) -> None:
    own = checkpoint_key(RecordsAddress(where.desk_file))
    assert own == "ledger_checkpoint:own"
    if where.is_shop:
        assert checkpoint_key(where) != own
        assert "@" in checkpoint_key(where) or "/" in checkpoint_key(where)
