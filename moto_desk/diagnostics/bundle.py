"""The support bundle: one zip a shop can send to support, holding what support asks for and
nothing a shop must not send.

In the zip: ``versions.json`` (moto-desk, Python, PySide6/Qt, the stripe SDK and the API
version it is pinned to, the OS), ``doctor.txt``/``doctor.json`` when a doctor report is
given, ``settings.json`` (the desk's settings, which never hold a secret, screened again
anyway), the newest log files (``logs/``, each line redacted), ``stripe-requests.jsonl`` (the
request log: method, path, status, Request-Id, duration) and ``records.json`` (how many
journal entries of each kind are in each state, the consent ledger's record counts and its
verification). ``README.txt`` says all that in words.

Never in it: the API key, a card number, a CVC, a customer's name, email or phone — customers
appear by their Stripe id only. The records are summarised, not copied; log lines go through
:func:`moto_desk.domain.sensitive.redact`, the same rules as the log filter. The zip is written
owner-only (0600) through a temporary file, so a half-written bundle never has the real name.

No Qt: the window runs :func:`write_support_bundle` in a job, the command line directly.
"""

from __future__ import annotations

import importlib.metadata
import io
import json
import platform
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from moto_desk.diagnostics.request_log import REQUEST_LOG_FILE, read_request_log
from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.sensitive import find_sensitive, redact
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.paths import database_path, log_dir
from moto_desk.private_files import write_private

if TYPE_CHECKING:
    from moto_desk.diagnostics.doctor import DoctorReport

#: How many log files go into a bundle by default (the current one and its rotations).
DEFAULT_LOG_FILES = 5

#: Settings fields that could identify someone outside the shop's staff: none today (the
#: settings hold the shop's and the desk's names), kept as the place to add one.
_WITHHELD_SETTINGS: frozenset[str] = frozenset()


@dataclass(frozen=True)
class BundleFile:
    """One file in the zip and its size in bytes (uncompressed)."""

    name: str
    size: int


@dataclass(frozen=True)
class BundleSummary:
    """Where the bundle was written and what it holds."""

    path: Path
    files: tuple[BundleFile, ...]

    @property
    def size(self) -> int:
        """The zip's own size on disk."""
        return self.path.stat().st_size

    def names(self) -> list[str]:
        return [item.name for item in self.files]

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "files": [{"name": f.name, "size": f.size} for f in self.files],
        }


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def bundle_versions() -> dict[str, str]:
    """Versions support needs, read from package metadata: nothing is imported (PySide6's
    version without loading Qt, the SDK's without loading ``stripe``), so the About box can
    ask on the GUI thread and the command line without Qt.

    ``PySide6-Essentials`` is the wheel moto-desk depends on; its version is the Qt version
    it bundles (PySide6 6.11.3 ships Qt 6.11.3).
    """
    return {
        "moto-desk": _version("moto-desk"),
        "python": platform.python_version(),
        "pyside6": _version("PySide6-Essentials"),
        "stripe": _version("stripe"),
        "os": platform.platform(),
        "machine": platform.machine(),
    }


def read_settings_file(path: Path) -> dict[str, object]:
    """The desk settings stored at ``path`` (the ``settings`` object of the JSON file written
    by ``moto_desk.settings``), screened for secrets; {} when there is no readable file.

    The settings never hold a secret by design; a value that looks like one anyway (a key
    pasted into the shop's name) is replaced, so a bundle can never carry it.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    settings = data.get("settings") if isinstance(data, dict) else None
    return screen_settings(settings) if isinstance(settings, Mapping) else {}


def screen_settings(settings: Mapping[str, object]) -> dict[str, object]:
    """``settings`` with any value that looks secret (or a withheld field) replaced."""
    screened: dict[str, object] = {}
    for name, value in settings.items():
        if name in _WITHHELD_SETTINGS or find_sensitive({name: value}) is not None:
            screened[str(name)] = "[withheld]"
        else:
            screened[str(name)] = value
    return screened


def _log_files(folder: Path, count: int) -> list[Path]:
    """The newest ``count`` log files of the data folder (not the request log)."""
    try:
        candidates = [
            p
            for p in log_dir(folder).iterdir()
            if p.is_file() and p.name != REQUEST_LOG_FILE and not p.name.startswith(".")
        ]
    except OSError:
        return []
    candidates.sort(key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    return candidates[:count]


def _redacted_log(path: Path) -> str:
    """A log file's text, each line redacted (see the module docstring)."""
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return f"[could not read this log file: {type(exc).__name__}]\n"
    return "".join(redact(line) for line in raw.splitlines(keepends=True))


def records_summary(data_dir: Path) -> dict[str, object]:
    """Counts of the journal and the ledger, and the ledger's verification — never a row.

    A folder without a database says so rather than creating one.
    """
    path = database_path(data_dir)
    if not path.exists():
        return {"database": "none yet"}
    from moto_desk.flows.context import open_records

    try:
        with open_records(path) as records:
            journal = records.journal.counts()
            open_entries = len(records.journal.open_entries())
            ledger = records.ledger.counts()
            verified = records.ledger.verify()
    except MotoDeskError as error:
        return {"database": "unreadable", "error": error.clerk_message}
    return {
        "database": "ok",
        "journal": journal,
        "journal_open_entries": open_entries,
        "ledger": ledger,
        "ledger_verification": {
            "ok": verified.ok,
            "records": verified.count,
            # Sentences naming record ids and customer ids, never a customer's details.
            "problems": [redact(problem) for problem in verified.problems],
        },
    }


def _readme(summary_files: list[str], created: str) -> str:
    listing = "\n".join(f"  {name}" for name in summary_files)
    return (
        "moto-desk support bundle\n"
        f"created {created}\n\n"
        "What is inside:\n"
        f"{listing}\n\n"
        "Not inside, by design: the Stripe API key, card numbers or security codes, and the\n"
        "customers' names, emails and phone numbers (customers appear by their Stripe id,\n"
        "cus_…; log lines are redacted). The journal and the consent ledger are summarised\n"
        "as counts and the ledger's verification, not copied.\n"
    )


def write_support_bundle(
    data_dir: Path,
    out: Path,
    *,
    doctor: DoctorReport | None = None,
    settings: Mapping[str, object] | None = None,
    app_versions: Mapping[str, str] | None = None,
    log_files: int = DEFAULT_LOG_FILES,
) -> BundleSummary:
    """Write the support bundle for the data folder ``data_dir`` to ``out`` (a .zip).

    ``doctor`` is a report to include (``run_doctor``), ``settings`` the desk's settings as a
    mapping (the window passes its own; the command line can pass
    :func:`read_settings_file`), ``app_versions`` replaces :func:`bundle_versions` (tests,
    a frozen build that knows better). Raises ``MotoDeskError`` (storage) when the zip cannot
    be written, with words for the clerk.
    """
    from moto_desk.gateway.client import API_VERSION

    created = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    versions: dict[str, object] = dict(app_versions or bundle_versions())
    versions["stripe_api_version"] = API_VERSION
    versions["data_folder"] = str(data_dir)
    versions["created"] = created
    entries: list[tuple[str, bytes]] = [
        ("versions.json", _json(versions)),
    ]
    if doctor is not None:
        entries.append(("doctor.txt", ("\n".join(doctor.lines()) + "\n").encode("utf-8")))
        entries.append(("doctor.json", _json(doctor.to_json())))
    if settings is not None:
        entries.append(("settings.json", _json(screen_settings(settings))))
    for path in _log_files(data_dir, log_files):
        entries.append((f"logs/{path.name}", _redacted_log(path).encode("utf-8")))
    requests = read_request_log(log_dir(data_dir) / REQUEST_LOG_FILE)
    lines = "".join(json.dumps(r.to_json(), separators=(",", ":")) + "\n" for r in requests)
    entries.append((REQUEST_LOG_FILE, lines.encode("utf-8")))
    entries.append(("records.json", _json(records_summary(data_dir))))
    names = ["README.txt", *(name for name, _ in entries)]
    entries.insert(0, ("README.txt", _readme(names, created).encode("utf-8")))
    _write_zip(out, entries)
    return BundleSummary(out, tuple(BundleFile(name, len(data)) for name, data in entries))


def _json(value: object) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _write_zip(out: Path, entries: list[tuple[str, bytes]]) -> None:
    """The zip, written owner-only into a temporary file beside ``out`` and renamed over it
    (``moto_desk.private_files``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16  # unpacked owner-only too
            archive.writestr(info, data)
    try:
        write_private(out, buffer.getvalue())
    except OSError as exc:
        raise MotoDeskError(
            ErrorKind.STORAGE,
            QT_TRANSLATE_NOOP(
                "clerk",
                "moto-desk could not write the support bundle to “{path}”. Check the folder "
                "exists, that you may write to it, and that the disk is not full.",
            ),
            args={"path": str(out)},
            detail=str(exc),
        ) from exc
