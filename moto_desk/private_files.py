"""Files moto-desk writes whole: owner-only from the first byte, and replaced in one step.

Settings, exports (CSV, JSON), PDFs and support bundles all go through here: a temporary
file in the same folder (``mkstemp`` creates it 0600, so no other user can read even a
partial file), written and fsynced, then renamed over the real name — a crash or a full
disk never leaves a half-written file under that name, and an old file stays whole until
the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def replaced_privately(path: Path, suffix: str = ".tmp") -> Iterator[Path]:
    """A 0600 temporary path beside ``path``; when the block ends without an error it is
    fsynced and renamed to ``path``, otherwise removed. For writers that open the file
    themselves (Qt's PDF printer, ``zipfile``)."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=folder)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o600)  # a writer that recreated the file keeps it owner-only
        with open(temp, "rb") as written:
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
