"""``moto_desk.private_files``: the one place that knows what owner-only means on each OS."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from moto_desk.private_files import open_private, replaced_privately, write_private
from tests.helpers.private_modes import assert_owner_only, posix_modes_only


@posix_modes_only
def test_open_private_narrows_a_file_that_already_exists_wider(tmp_path: Path) -> None:
    path = tmp_path / "moto-desk.log"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o644)
    fd = open_private(path, os.O_WRONLY | os.O_APPEND)
    os.close(fd)
    assert_owner_only(path)
    assert path.read_text(encoding="utf-8") == "old\n"  # opened, not truncated


def test_open_private_creates_and_appends_bytes_as_written(tmp_path: Path) -> None:
    path = tmp_path / "requests.jsonl"
    for line in (b'{"a": 1}\n', b'{"b": 2}\n'):
        fd = open_private(path, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
    # Binary on every platform: no "\r\n" from the C runtime's text mode on Windows.
    assert path.read_bytes() == b'{"a": 1}\n{"b": 2}\n'
    assert_owner_only(path)


def test_write_private_replaces_the_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    write_private(path, "first\n")
    write_private(path, b"second\n")
    assert path.read_bytes() == b"second\n"
    assert_owner_only(path)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temporary left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "evidence.pdf"
    write_private(path, b"old")
    with pytest.raises(RuntimeError), replaced_privately(path, ".pdf") as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("the writer failed")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["evidence.pdf"]
