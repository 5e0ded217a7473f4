"""The window's log file, with a filter that withholds any line that looks secret.

DESIGN: a card number, a CVC or the API key is never logged. The records layer refuses to
store such data; here a log line that ``domain.sensitive`` flags is replaced by a note
saying what kind of secret it held, so a leak is visible without being written, and a
customer's email or phone number is redacted from the others.

The file handler is installed after the window's first paint (``logging.handlers`` and the
``socket``/``pickle`` modules it pulls in cost about 20 ms of start-up); until then
:func:`hold_early_records` keeps what is logged — a settings file that could not be read,
say — and :func:`setup_logging` writes it to the file first, so nothing is lost.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from moto_desk.paths import log_dir, make_private_dir
from moto_desk.private_files import open_private

LOG_FILE = "moto-desk.log"


class RedactingFilter(logging.Filter):
    """Applies :func:`moto_desk.domain.sensitive.screen_log_text` to every record: a record
    that holds a secret is replaced by a note (never dropped silently), and a customer's email
    or phone is redacted from the rest. The decision lives in ``domain.sensitive`` so the
    support bundle redacts by the same rules."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Its patterns compile at import (~1.5 ms): at the first record, not before the
        # window's first paint.
        from moto_desk.domain.sensitive import screen_log_text

        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        if record.exc_info and not record.exc_text:
            # Handlers format the traceback after the filters ran: format it now, so what
            # is checked is what will be written.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        screened, exc_text, withheld = screen_log_text(message, record.exc_text)
        if withheld is not None:
            record.msg = "[log line withheld: %s]"
            record.args = (withheld,)
            record.exc_info = None
            record.exc_text = None
        elif screened != message or exc_text != record.exc_text:
            record.msg = screened
            record.args = None
            record.exc_text = exc_text
        return True


class EarlyRecords(logging.Handler):
    """Holds the records logged before the log file is open (a few at most)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < 1000:
            self.records.append(record)


def _private_rotating_handler(file: Path) -> logging.Handler:
    """A rotating file handler whose every new file (after each rotation too) is owner-only
    (``moto_desk.private_files``: what that means on each platform)."""
    import logging.handlers  # after the first paint (module docstring)

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        def _open(self):  # type: ignore[no-untyped-def]  # the stdlib's own signature
            fd = open_private(self.baseFilename, os.O_WRONLY | os.O_APPEND)
            return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)

    return PrivateRotatingFileHandler(file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")


def hold_early_records() -> None:
    """Keep INFO and above from now until :func:`setup_logging` opens the file."""
    root = logging.getLogger()
    if not any(isinstance(h, EarlyRecords) for h in root.handlers):
        root.addHandler(EarlyRecords())
        root.setLevel(logging.INFO)


def setup_logging(folder: Path) -> Path | None:
    """Log INFO and above to ``<data>/logs/moto-desk.log`` (owner-only, rotated).

    Returns the file, or None when it cannot be created (the window still runs; the
    messages then go to stderr).
    """
    root = logging.getLogger()
    if any(getattr(h, "moto_desk", False) for h in root.handlers):
        return None
    folder = log_dir(folder)
    file = folder / LOG_FILE
    result: Path | None = file
    try:
        make_private_dir(folder)
        handler: logging.Handler = _private_rotating_handler(file)
    except OSError:
        handler = logging.StreamHandler()
        result = None
    handler.moto_desk = True  # type: ignore[attr-defined]
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    for early in [h for h in root.handlers if isinstance(h, EarlyRecords)]:
        root.removeHandler(early)
        for record in early.records:
            if record.levelno >= handler.level:
                handler.handle(record)
    # The SDK logs every request at INFO (URLs with search terms); our journal already
    # records each call, so keep only its warnings.
    logging.getLogger("stripe").setLevel(logging.WARNING)
    return result
