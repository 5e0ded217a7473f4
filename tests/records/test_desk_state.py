"""Small desk state kept between runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from moto_desk.records.database import open_database
from moto_desk.records.desk_state import DeskState

from .conftest import FakeClock


def test_get_set_delete(conn: sqlite3.Connection, clock: FakeClock) -> None:
    state = DeskState(conn, clock)
    assert state.get("last_reader") is None
    assert state.get("last_reader", "tmr_default") == "tmr_default"
    state.set("last_reader", {"desk-1": "tmr_1"})
    state.set("last_reader", {"desk-1": "tmr_2", "desk-2": "tmr_3"})
    assert state.get("last_reader") == {"desk-1": "tmr_2", "desk-2": "tmr_3"}
    state.delete("last_reader")
    state.delete("never_set")
    assert state.get("last_reader") is None


def test_state_survives_a_restart(db_path: Path, clock: FakeClock) -> None:
    conn = open_database(db_path)
    DeskState(conn, clock).set("currency", "eur")
    conn.close()
    conn = open_database(db_path)
    try:
        assert DeskState(conn, clock).get("currency") == "eur"
    finally:
        conn.close()
