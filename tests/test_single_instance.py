"""One moto-desk per data directory, enforced by an OS file lock."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.single_instance import acquire
from tests.helpers.private_modes import assert_owner_only

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def _holder(code: str) -> Iterator[subprocess.Popen[str]]:
    """Another process running ``code``, which prints "held" once it holds the lock and
    keeps it until its standard input closes (at the end of the block)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", f"{code}; print('held', flush=True); sys.stdin.read()"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)
        assert holder.stdout is not None
        holder.stdout.close()


def test_a_second_holder_is_refused_with_the_first_ones_pid(tmp_path: Path) -> None:
    with _holder(
        "import sys; from pathlib import Path; from moto_desk.single_instance import acquire;"
        f"lock = acquire(Path({str(tmp_path)!r}))"
    ) as holder:
        with pytest.raises(MotoDeskError) as caught:
            acquire(tmp_path)
        assert caught.value.kind is ErrorKind.CONFIGURATION
        assert str(holder.pid) in caught.value.clerk_message
    # The holder is gone (its lock died with it): the folder is free again.
    acquire(tmp_path).release()


@pytest.mark.skipif(sys.platform == "win32", reason="flock: the POSIX lock")
def test_a_start_at_the_same_instant_waits_for_the_holders_pid(tmp_path: Path) -> None:
    """The holder has the lock but has not written its pid yet (it was starting too)."""
    with _holder(
        "import fcntl, os, sys, threading;"
        f"f = open({str(tmp_path / 'moto-desk.lock')!r}, 'a+');"
        "fcntl.flock(f.fileno(), fcntl.LOCK_EX);"
        "threading.Timer(0.2, lambda: (f.write(str(os.getpid())), f.flush())).start()"
    ) as holder:
        with pytest.raises(MotoDeskError) as caught:
            acquire(tmp_path)
        assert f"(process {holder.pid})" in caught.value.clerk_message


def test_released_lock_can_be_taken_again_and_file_is_private(tmp_path: Path) -> None:
    first = acquire(tmp_path / "desk")
    with pytest.raises(MotoDeskError):
        acquire(tmp_path / "desk")
    first.release()
    second = acquire(tmp_path / "desk")
    assert_owner_only(first.path)
    second.release()


def test_the_gui_refuses_a_second_window_on_the_same_data_dir(tmp_path: Path) -> None:
    lock = acquire(tmp_path)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "moto_desk", "--demo", "--data-dir", str(tmp_path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={
                **__import__("os").environ,
                "QT_QPA_PLATFORM": "offscreen",
                "MOTO_DESK_REPORT_FIRST_PAINT": "1",
            },
        )
    finally:
        lock.release()
    assert done.returncode == 1
    assert "already open for this data folder" in done.stderr
