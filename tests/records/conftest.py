"""Fixtures for the records tests: a fresh database per test and a clock the test moves."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from moto_desk.records.database import open_database


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


@pytest.fixture
def conn(db_path: Path) -> Iterator[sqlite3.Connection]:
    connection = open_database(db_path)
    yield connection
    connection.close()


@pytest.fixture
def other_conn(db_path: Path, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A second connection to the same file, as another process would have."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    yield connection
    connection.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 1, 9, 0, tzinfo=UTC))
