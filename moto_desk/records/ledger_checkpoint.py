"""Verifying the consent ledger from where this desk last verified it.

A full verify recomputes every hash: seconds for a shop's 400,000 records. What the desk has
verified once it need not read again, so each verify that finds no problem leaves a
:class:`~moto_desk.records.ledger.Checkpoint` (the last record's seq and hash, and the chain's
first hash) in the desk's own file (``settings_kv``, one key per store: the desk's own records,
or each shop's server), and the next verify reads only the records after it — after checking
that the chain still holds the checkpoint's record (a chain rewritten from an earlier record
with every hash recomputed no longer does, and that is reported).

What the checkpoint does not cover — a record at or before it edited without recomputing its
hash — the full verify does: ``moto-desk ledger verify`` is always full.
"""

from __future__ import annotations

from moto_desk.records.database import open_database
from moto_desk.records.desk_state import DeskState
from moto_desk.records.ledger import Checkpoint, ConsentLedger, VerifyResult
from moto_desk.records.store import Where, address, open_store

_KEY = "ledger_checkpoint:"


def checkpoint_key(records_at: Where) -> str:
    """The ``settings_kv`` key of the checkpoint of the store ``records_at`` names."""
    where = address(records_at)
    return _KEY + (where.describe() if where.is_shop else "own")


def load_checkpoint(state: DeskState, key: str) -> Checkpoint | None:
    value = state.get(key)
    if not isinstance(value, dict):
        return None
    try:
        return Checkpoint(int(value["seq"]), str(value["hash"]), str(value["first_hash"]))
    except (KeyError, TypeError, ValueError):
        return None  # unreadable: the next verify is full, and leaves a good one


def verify_from_checkpoint(records_at: Where) -> VerifyResult:
    """Verify the ledger from the desk's last checkpoint (in full when there is none), and
    move the checkpoint when no problem was found."""
    where = address(records_at)
    desk = open_database(where.desk_file)
    try:
        state = DeskState(desk)
        key = checkpoint_key(where)
        since = load_checkpoint(state, key)
        store = open_store(where) if where.is_shop else desk
        try:
            result = ConsentLedger(store).verify(since)
        finally:
            if store is not desk:
                store.close()
        if result.checkpoint is not None and result.checkpoint != since:
            point = result.checkpoint
            state.set(key, {"seq": point.seq, "hash": point.hash, "first_hash": point.first_hash})
        return result
    finally:
        desk.close()
