"""The log file opens after the window's first paint; what was logged before it is kept."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from moto_desk.ui.shell.log_setup import EarlyRecords, hold_early_records, setup_logging
from tests.helpers.private_modes import assert_owner_only


@pytest.fixture
def clean_root() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    yield root
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_records_logged_before_the_file_opens_are_written_to_it_redacted(
    clean_root: logging.Logger, tmp_path: Path
) -> None:
    hold_early_records()
    hold_early_records()  # once only, however often it is called
    assert sum(isinstance(h, EarlyRecords) for h in clean_root.handlers) == 1
    early = logging.getLogger("moto_desk.settings")
    early.warning("settings: %s is not valid JSON; using defaults", "settings.json")
    early.info("the key is %s", "sk_test_early_secret_key_0123456789")
    early.debug("below INFO: not kept")

    path = setup_logging(tmp_path)

    assert path is not None
    assert not any(isinstance(h, EarlyRecords) for h in clean_root.handlers)
    logging.getLogger("moto_desk.ui.shell.app").info("after the first paint")
    for handler in clean_root.handlers:
        handler.flush()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "settings.json is not valid JSON; using defaults" in lines[0]
    assert "[log line withheld: text: looks like an API key]" in lines[1]
    assert "after the first paint" in lines[2]
    assert len(lines) == 3
    assert "sk_test_early" not in path.read_text(encoding="utf-8")
    assert_owner_only(path)
