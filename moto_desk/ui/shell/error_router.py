"""The one place errors are routed (STYLE §3, after Electrum's ``on_error``).

- :class:`MotoDeskError`: the clerk can act on it — show its message (translated) in the status
  panel the work belongs to, or in a message box;
- :class:`UserCancelled`: the clerk backed out on purpose — ignore it;
- anything else is our bug — log it with its traceback and tell the clerk, calmly, that
  something went wrong inside moto-desk.

Internal errors — any exception that is not a :class:`MotoDeskError`, and a ``MotoDeskError``
of kind ``BUG`` (Stripe refused a request we should never have sent) — are written to the log
with their traceback by :meth:`ErrorRouter.log_internal`, whoever shows them: the job runner
hands it every job's failure before the widget that asked for the job shows it in place, so a
panel that only prints the clerk's words still leaves the cause in the log. The log's
redaction filter (``log_setup.RedactingFilter``) sees the traceback as it will be written.

Nothing here clears a form: the panels keep what the clerk typed whatever the error. The
router also receives uncaught exceptions from ``sys.excepthook`` and ``threading.excepthook``;
the latter fire on worker threads, so they travel to the GUI thread through a queued signal.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from moto_desk.domain.errors import ErrorKind, MotoDeskError, UserCancelled, render

if TYPE_CHECKING:
    from threading import ExceptHookArgs

    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)
# Set on an exception once :meth:`ErrorRouter.log_internal` has written it.
_LOGGED = "__moto_desk_logged__"


class FailureView(Protocol):
    """A panel that can show a clerk-facing failure in place (the status panel)."""

    def show_failure(self, error: MotoDeskError) -> None: ...


def clerk_text(error: MotoDeskError) -> str:
    """The error's message for the clerk, in the window's language (the core's English
    template, translated through the ``clerk`` catalogue and filled in)."""
    return render(error, QCoreApplication.translate)


def is_internal(error: BaseException) -> bool:
    """True for our own faults: the log must hold their traceback."""
    if isinstance(error, UserCancelled):
        return False
    if isinstance(error, MotoDeskError):
        return error.kind is ErrorKind.BUG
    return True


def clerk_log_line(error: MotoDeskError) -> str:
    """What the log says of an error the clerk was shown: the kind, then only the facts
    known (``detail``, Stripe's request id), never a bare "None"."""
    facts = [error.detail or "", f"request {error.request_id}" if error.request_id else ""]
    known = "; ".join(fact for fact in facts if fact)
    return f"{error.kind.value}: {known}" if known else error.kind.value


class ErrorRouter(QObject):
    """Routes every error of one window.

    Signals:
        bug_reported(str): an unexpected error was logged and reported; the argument is the
            exception's type name (for tests and the status bar).
        thread_error_raised(object): internal — carries an exception from a thread's
            excepthook to the GUI thread.
    """

    bug_reported = Signal(str)
    thread_error_raised = Signal(object)

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._window = parent_widget
        self._previous_hooks: (
            tuple[
                Callable[[type[BaseException], BaseException, TracebackType | None], object],
                Callable[[ExceptHookArgs], object],
            ]
            | None
        ) = None
        self.thread_error_raised.connect(
            self.on_thread_error_raised, Qt.ConnectionType.QueuedConnection
        )

    # ------------------------------------------------------------------ routing
    def route(self, error: BaseException, view: FailureView | None = None) -> None:
        """Show, ignore or report ``error`` (see the module docstring)."""
        if isinstance(error, UserCancelled):
            return
        if isinstance(error, MotoDeskError):
            if not self.log_internal(error):
                log.info("clerk error %s", clerk_log_line(error))
            if view is not None:
                view.show_failure(error)
            else:
                self._message("warning", self.tr("moto-desk"), clerk_text(error))
            return
        self.report_bug(error)

    def log_internal(self, error: BaseException) -> bool:
        """Write ``error`` to the log with its traceback if it is internal (:func:`is_internal`);
        True if it is.

        Each error is written once however many hands it passes through (the job runner,
        then the widget that routes it); each new error is written, every time. The
        traceback goes in as ``exc_info``, so the redaction filter checks it before it is
        written — a traceback that quotes a card number withholds the record.
        """
        if not is_internal(error):
            return False
        if getattr(error, _LOGGED, False):
            return True
        with contextlib.suppress(AttributeError, TypeError):  # an exception with __slots__
            setattr(error, _LOGGED, True)
        what = clerk_log_line(error) if isinstance(error, MotoDeskError) else repr(error)
        # A job's exception keeps the worker's traceback (and its cause's) on the object.
        log.error("internal error %s", what, exc_info=(type(error), error, error.__traceback__))
        return True

    def report_bug(self, error: BaseException) -> None:
        """Log an unexpected error with its traceback and tell the clerk."""
        self.log_internal(error)
        box = self._message(
            "critical",
            self.tr("Something went wrong"),
            self.tr(
                "Something went wrong inside moto-desk. What you typed is kept.\n\n"
                "Please tell your administrator (the details are in moto-desk's log), and "
                "check the payment history before trying a payment again."
            ),
        )
        box.setObjectName("bugReport")
        self.bug_reported.emit(type(error).__name__)

    def _message(self, icon: str, title: str, text: str) -> QMessageBox:
        """A message box, ``icon`` "warning" or "critical". QMessageBox is imported here:
        its Python type, made on first use, cost the window's first paint ~3 ms."""
        from PySide6.QtWidgets import QMessageBox

        kind = QMessageBox.Icon.Critical if icon == "critical" else QMessageBox.Icon.Warning
        box = QMessageBox(kind, title, text, QMessageBox.StandardButton.Ok, self._window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # open(), not exec(): a nested event loop would let other jobs' results arrive
        # inside this call, and tests could not close the box.
        box.open()
        return box

    # ------------------------------------------------------------------ hooks
    def install_hooks(self) -> None:
        """Send uncaught exceptions (GUI thread and worker threads) to this router."""
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._on_uncaught
        threading.excepthook = self._on_thread_uncaught

    def uninstall_hooks(self) -> None:
        if self._previous_hooks is not None:
            sys.excepthook, threading.excepthook = self._previous_hooks
            self._previous_hooks = None

    def _on_uncaught(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if threading.current_thread() is threading.main_thread():
            self.route(error)
        else:
            self.thread_error_raised.emit(error)

    def _on_thread_uncaught(self, args: ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.thread_error_raised.emit(args.exc_value)

    @Slot(object)
    def on_thread_error_raised(self, error: object) -> None:
        if isinstance(error, BaseException):
            self.route(error)
