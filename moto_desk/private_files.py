"""Files moto-desk writes: owner-only from the first byte, and whole files replaced in one step.

Settings, exports (CSV, JSON), PDFs, support bundles and the request log's trims all go
through :func:`write_private` / :func:`replaced_privately`: a temporary file in the same
folder (``mkstemp`` creates it owner-only, so no other user can read even a partial file),
written and fsynced, then renamed over the real name — a crash or a full disk never leaves a
half-written file under that name, and an old file stays whole until the new one is complete.
Files appended to (the log file, the request log) are opened with :func:`open_private`.

What "owner-only" rests on differs by platform, and this module is the one place that knows:

- **Linux and macOS**: the file's mode is 0600 (and each folder moto-desk creates is 0700,
  ``moto_desk.paths.make_private_dir``). A file that already exists with a wider mode (copied
  in, or made by an older program) is narrowed when it is opened (``fchmod`` on the open
  descriptor, so the file changed is the one opened).
- **Windows**: file modes do not exist; ``os.chmod`` only sets or clears the read-only flag.
  Privacy comes from the access-control list a new file inherits from its folder, and the
  folders platformdirs gives (``%LOCALAPPDATA%\\moto-desk``, under the user's profile) grant
  access to that user, SYSTEM and Administrators only. A ``--data-dir`` outside the profile
  inherits whatever that folder allows: choose one with the same access. moto-desk does not
  rewrite ACLs (that would need pywin32 and would fight the domain's policies).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: The permission bits of every file moto-desk writes, where the OS has them.
OWNER_ONLY = 0o600


def open_private(path: Path | str, flags: int) -> int:
    """``os.open(path, flags | O_CREAT)`` for a file only its owner may read (see the module
    docstring for what each platform guarantees); a raw descriptor for ``os.fdopen``.

    Always binary: on Windows ``os.open`` defaults to the C runtime's text mode, which would
    turn each ``\\n`` a writer has already translated into ``\\r\\r\\n``.
    """
    flags |= os.O_CREAT
    if sys.platform == "win32":
        flags |= os.O_BINARY  # (not inheritable: Python's default, PEP 446)
    fd = os.open(path, flags, OWNER_ONLY)
    if sys.platform != "win32":
        try:
            os.fchmod(fd, OWNER_ONLY)  # an existing file keeps its mode through os.open
        except BaseException:
            os.close(fd)
            raise
    return fd


@contextlib.contextmanager
def replaced_privately(path: Path, suffix: str = ".tmp") -> Iterator[Path]:
    """An owner-only temporary path beside ``path``; when the block ends without an error it
    is fsynced and renamed to ``path``, otherwise removed. For writers that open the file
    themselves (Qt's PDF printer, ``zipfile``)."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=folder)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        # A writer that recreated the file keeps it owner-only (on Windows this only clears
        # the read-only flag; the folder's access list still applies).
        os.chmod(temp, OWNER_ONLY)
        # Opened for writing: Windows flushes a file (FlushFileBuffers) only through a handle
        # with write access, and os.fsync on a read-only descriptor fails there.
        with open(temp, "r+b") as written:
            os.fsync(written.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_private(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8, newlines untouched) to ``path`` as described above;
    raises ``OSError``."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with replaced_privately(path) as temp, open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
