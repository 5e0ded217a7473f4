"""One running moto-desk per data directory.

Two programs writing one journal and one consent ledger would still be safe (SQLite locks,
journal transitions are checked in transactions), but two windows acting on the same open
operations would confuse the clerk — and reconciliation at start could settle an entry the
other window is still working on. So the data directory carries an OS file lock, held for
the program's life and released by the OS even when the process is killed.

The lock is a plain file lock (``fcntl.flock`` / ``msvcrt.locking``), not a local socket:
it needs no QtNetwork (which the frozen build leaves out) and cannot be left stale.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import IO

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.paths import make_private_dir
from moto_desk.private_files import open_private

LOCK_NAME = "moto-desk.lock"
#: How long a second start waits for the holder to write its process id.
PID_WAIT_S = 0.5


class InstanceLock:
    """Held while this process runs; :meth:`release` (or process exit) frees it."""

    def __init__(self, handle: IO[str], path: Path) -> None:
        self._handle: IO[str] | None = handle
        self.path = path

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the descriptor drops the lock
            self._handle = None


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _holder_pid(handle: IO[str]) -> str:
    """The process id the holder wrote into the lock file, or "?".

    The holder writes it just after taking the lock, so a program started at the same
    instant can find the file still empty: it reads again for a moment. (On Windows the
    locked byte cannot be read at all.)
    """
    deadline = time.monotonic() + PID_WAIT_S
    while True:
        try:
            handle.seek(0)
            text = handle.read().strip()
        except OSError:
            return "?"
        if text or time.monotonic() >= deadline:
            return text or "?"
        time.sleep(0.01)


def acquire(folder: Path) -> InstanceLock:
    """Take the data directory's lock, or explain who holds it."""
    make_private_dir(folder)
    path = folder / LOCK_NAME
    fd = open_private(path, os.O_RDWR)
    handle = os.fdopen(fd, "r+", encoding="utf-8")
    if not _try_lock(handle):
        holder = _holder_pid(handle)
        handle.close()
        raise MotoDeskError(
            ErrorKind.CONFIGURATION,
            QT_TRANSLATE_NOOP(
                "clerk",
                "moto-desk is already open for this data folder (process {pid}). Switch to "
                "that window, or close it before starting moto-desk again.",
            ),
            args={"pid": holder},
            detail=str(folder),
        )
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return InstanceLock(handle, path)
