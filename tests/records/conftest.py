"""Fixtures for the records tests: a fresh database per test and a clock the test moves."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from moto_desk.records.connection import Db
from moto_desk.records.database import open_database
from moto_desk.records.store import RecordsAddress, open_store


class FakeClock:
    """A clock that stands still until the test moves it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "moto-desk" / "desk.sqlite3"


@pytest.fixture(params=["sqlite", "postgresql"])
def where(request: pytest.FixtureRequest, db_path: Path) -> RecordsAddress:
    """The records under test: the desk's own SQLite file, then the shop's PostgreSQL (one
    contract, two stores)."""
    if request.param == "sqlite":
        return RecordsAddress(db_path)
    return RecordsAddress(db_path, request.getfixturevalue("shop_url"))


@pytest.fixture
def conn(where: RecordsAddress) -> Iterator[Db]:
    connection = open_store(where)
    yield connection
    connection.close()


@pytest.fixture
def other_conn(where: RecordsAddress, conn: Db) -> Iterator[Db]:
    """A second connection to the same records, as another process (or desk) would have."""
    if where.is_shop:
        connection: Db = open_store(where)
    else:
        connection = sqlite3.connect(where.desk_file, isolation_level=None)
    yield connection
    connection.close()


@pytest.fixture
def sqlite_conn(db_path: Path) -> Iterator[sqlite3.Connection]:
    """The desk's own file only, for what is SQLite's alone (pragmas, locks, the file)."""
    connection = open_database(db_path)
    yield connection
    connection.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 1, 9, 0, tzinfo=UTC))
