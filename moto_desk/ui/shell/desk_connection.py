"""Connecting the window to its backend: start it in a job, confirm a live key once per
session, reconcile what the last run left open, and reconnect after Settings change.

Kept apart from the main window so the window only reacts to what this object reports
(its signals) and never waits for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from moto_desk.settings import DeskSettings
from moto_desk.ui.shell.startup import open_session, reconcile_open_entries

if TYPE_CHECKING:
    from moto_desk.flows.reconcile import Settled
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession, StartOptions


class DeskConnection(QObject):
    """Owns the start-up sequence and the live-mode confirmation.

    Signals:
        connecting(): a backend is being started.
        live_confirmation_asked(): the clerk is being asked to confirm live mode.
        session_ready(object): a :class:`DeskSession` is ready to use.
        connection_failed(object): starting the backend failed (the exception).
        reconciled(object): start-up reconciliation ended (a list of ``Settled``).
        reconcile_failed(object): reconciliation could not run (the exception).
    """

    connecting = Signal()
    live_confirmation_asked = Signal()
    session_ready = Signal(object)
    connection_failed = Signal(object)
    reconciled = Signal(object)
    reconcile_failed = Signal(object)

    def __init__(self, runner: JobRunner, options: StartOptions, window: QWidget) -> None:
        super().__init__(window)
        self._runner = runner
        self._options = options
        self._window = window
        self._started = False
        self._closed = False
        self._force_demo = False
        self._settings = DeskSettings()
        self.live_confirmed = False

    def start(self, settings: DeskSettings) -> None:
        """Start the backend in a job (nothing happens if one is starting or running)."""
        if self._started or self._closed:
            return
        self._started = True
        self._settings = settings
        self.connecting.emit()
        options, force_demo = self._options, self._force_demo
        (
            self._runner.job(lambda: open_session(options, settings, force_demo=force_demo))
            .on_success(self.on_session_opened)
            .on_failure(self.on_session_failed)
            .run()
        )

    def reconnect(self, old: DeskSession | None, settings: DeskSettings) -> None:
        """Close ``old`` (its embedded simulator stops) and start again with ``settings``."""
        self._force_demo = False
        self._started = False
        if old is None:
            self.start(settings)
            return
        self._runner.job(old.close).on_finished(lambda: self.start(settings)).run()

    def close(self) -> None:
        self._closed = True

    # ------------------------------------------------------------------ results
    @Slot(object)
    def on_session_opened(self, session: DeskSession) -> None:
        if self._closed:
            session.close()
            return
        from moto_desk.gateway.keys import Mode

        if session.mode is Mode.LIVE and not self.live_confirmed:
            self._ask_live(session)
            return
        self._ready(session)

    @Slot(object)
    def on_session_failed(self, error: BaseException) -> None:
        self._started = False
        self.connection_failed.emit(error)

    def _ready(self, session: DeskSession) -> None:
        self.session_ready.emit(session)
        (
            self._runner.job(lambda: reconcile_open_entries(session))
            .on_success(self.on_reconciled)
            .on_failure(self.reconcile_failed.emit)
            .run()
        )

    @Slot(object)
    def on_reconciled(self, settled: list[Settled]) -> None:
        self.reconciled.emit(settled)

    # ------------------------------------------------------------------ live mode
    def _ask_live(self, session: DeskSession) -> None:
        """Once per session: real cards and real money need the clerk's explicit yes."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Live mode"),
            self.tr(
                "This desk is set up with a LIVE Stripe key ({key}). Real cards will be "
                "saved and real money charged.\n\nUse live mode for this session?"
            ).format(key=session.gateway.key.masked),
            QMessageBox.StandardButton.NoButton,
            self._window,
        )
        box.setObjectName("liveConfirmation")
        use = box.addButton(self.tr("Use live mode"), QMessageBox.ButtonRole.AcceptRole)
        use.setObjectName("useLiveButton")
        demo = box.addButton(self.tr("Start in demo mode"), QMessageBox.ButtonRole.RejectRole)
        demo.setObjectName("useDemoButton")
        box.setDefaultButton(demo)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            if box.clickedButton() is use:
                self.live_confirmed = True
                self._ready(session)
                return
            session.close()
            self._force_demo = True
            self._started = False
            self.start(self._settings)

        box.finished.connect(answered)
        self.live_confirmation_asked.emit()
        box.open()
