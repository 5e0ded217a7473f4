"""The last Stripe requests this desk made: what support asks for first ("which request, when,
what did Stripe answer, how long did it take?"), without anything a request carried.

Each entry holds the method, the path (never the query string: a customer search puts the
email there), the HTTP status, Stripe's ``Request-Id`` (Stripe support finds the request in
its logs by that id), the duration and the time — never a body or a header, so never the key.

The log is a JSON-lines file in the data folder's ``logs`` directory, shared by the window and
the command-line processes (each runs its own gateway) and read later by the support bundle.
Recording must cost a request next to nothing: each entry is one ``O_APPEND`` write of a short
line (atomic between processes on POSIX for lines this short; on Windows the C runtime seeks
to the end before each write, so two processes writing at the same instant may tear a line,
which readers skip), and the file is trimmed back to the newest :data:`MAX_ENTRIES` only once
it has grown well past them. Readers take the newest
:data:`MAX_ENTRIES` whatever the file holds. A trim may lose a line appended by another process
at that very moment; for a diagnostic log that is the right trade against a cross-process lock.

Nothing here may break a payment: an entry that cannot be written is dropped silently.

Standard library only (plus ``domain.sensitive``, ``paths`` and ``private_files``): the
gateway imports it, so it must not import the gateway, the flows or Qt.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from moto_desk.domain.sensitive import find_sensitive
from moto_desk.paths import log_dir, make_private_dir
from moto_desk.private_files import open_private, write_private

REQUEST_LOG_FILE = "stripe-requests.jsonl"
#: How many requests the log keeps (issue 14: "the last 200").
MAX_ENTRIES = 200
#: The file is trimmed when it grows past this many bytes: about twice :data:`MAX_ENTRIES`
#: entries of ~150 bytes, so a desk trims once every ~200 requests, not at each one.
TRIM_AT_BYTES = 64 * 1024


def request_log_path(folder: Path) -> Path:
    """Where the data folder ``folder`` keeps its request log."""
    return log_dir(folder) / REQUEST_LOG_FILE


@dataclass(frozen=True)
class RequestRecord:
    """One HTTP attempt to Stripe (a retried request is several records).

    ``status`` is None when no answer came (connection refused, timeout, dropped), and
    ``error`` then names the failure's kind (an exception class name, never its message).
    ``time`` is when the attempt started, ISO 8601 in UTC.
    """

    time: str
    method: str
    path: str
    status: int | None
    request_id: str | None
    duration_ms: float
    error: str | None = None

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> RequestRecord | None:
        """The record a line decoded to, or None for a line that is not one (a torn write)."""
        try:
            status = data.get("status")
            request_id = data.get("request_id")
            error = data.get("error")
            duration = data["duration_ms"]
            if not isinstance(duration, int | float):
                return None
            return cls(
                time=str(data["time"]),
                method=str(data["method"]),
                path=str(data["path"]),
                status=status if isinstance(status, int) else None,
                request_id=request_id if isinstance(request_id, str) else None,
                duration_ms=float(duration),
                error=error if isinstance(error, str) else None,
            )
        except KeyError:
            return None


def safe_path(url: str) -> str:
    """The path of ``url`` alone: no scheme, host or query string (where search terms and
    list filters such as an email go). A path that still looks secret is withheld."""
    path = urlsplit(url).path or "/"
    return "[path withheld]" if find_sensitive(path) is not None else path


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class RequestLog:
    """Appends :class:`RequestRecord` lines to one file, thread-safe within a process."""

    def __init__(
        self, file: Path, *, keep: int = MAX_ENTRIES, trim_at_bytes: int | None = None
    ) -> None:
        self.file = file
        self.keep = keep
        self.trim_at_bytes = TRIM_AT_BYTES if trim_at_bytes is None else trim_at_bytes
        self._lock = threading.Lock()
        self._folder_ready = False

    def record(self, entry: RequestRecord) -> None:
        """Append ``entry``; never raises (a full disk must not fail a charge)."""
        line = (json.dumps(entry.to_json(), separators=(",", ":")) + "\n").encode("utf-8")
        with self._lock:
            try:
                size = self._append(line)
                if size > self.trim_at_bytes:
                    self._trim()
            except OSError:
                return

    def entries(self) -> list[RequestRecord]:
        return read_request_log(self.file, limit=self.keep)

    def _append(self, line: bytes) -> int:
        if not self._folder_ready:
            make_private_dir(self.file.parent)
            self._folder_ready = True
        fd = open_private(self.file, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, line)
            return os.fstat(fd).st_size
        finally:
            os.close(fd)

    def _trim(self) -> None:
        """Keep the newest ``keep`` lines: written to a private temporary file, then swapped
        in, so a reader never sees a half-written log."""
        lines = self.file.read_bytes().splitlines(keepends=True)[-self.keep :]
        write_private(self.file, b"".join(lines))


def read_request_log(file: Path, limit: int = MAX_ENTRIES) -> list[RequestRecord]:
    """The newest ``limit`` records of ``file``, oldest first; [] when there is no log
    (or it cannot be read: a diagnostic must not fail for want of its own file).

    Lines that do not decode (a write torn by a crash) are skipped.
    """
    try:
        raw = file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found: list[RequestRecord] = []
    for line in raw.splitlines():
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict):
            record = RequestRecord.from_json(data)
            if record is not None:
                found.append(record)
    return found[-limit:] if limit > 0 else []
