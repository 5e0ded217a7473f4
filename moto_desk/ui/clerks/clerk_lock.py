"""Who is at the desk: sign-in at start, Lock (Ctrl+L), the idle lock, approvals.

The window's central widget becomes a stack: the desk, and the :class:`SignInScreen` in front
of it when locked. Locking only covers the desk: every job goes on (a save or a charge in
progress finishes and its result waits behind the lock), the window's shortcuts are disabled
and its open dialogs hidden until someone signs in again. Sign-in is off — nothing here shows —
while the shop has no clerk account (a one-person shop works as before), unless demo training
is started from the Training menu (accounts in memory, PINs shown).

The idle lock watches key presses and mouse clicks application-wide (an event filter) only
while sign-in is on, so a shop without accounts pays nothing for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from moto_desk.domain.errors import MotoDeskError
    from moto_desk.domain.money import Money
    from moto_desk.domain.roles import Action, Actor
    from moto_desk.ui.clerks.sign_in_screen import SignInScreen
    from moto_desk.ui.operations.clerks import SignInState
    from moto_desk.ui.shell.dialog_manager import DialogManager
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession

log = logging.getLogger(__name__)

_ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


class ClerkLock(QObject):
    """The sign-in state of one window; see the module docstring.

    Signals:
        locked_changed(bool): the desk was locked (True) or a clerk signed in (False).
    """

    locked_changed = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        stack: QStackedWidget,
        runner: JobRunner,
        router: ErrorRouter,
        dialogs: DialogManager,
        dialog_names: Sequence[str],
        notice: Callable[[str, str], None] | None = None,
    ) -> None:
        """``stack`` is the window's central widget with the desk as its first page; the
        sign-in screen becomes its second when the desk first locks. ``notice(text, role)``
        shows a refusal without stopping the clerk (the window's notice bar); without it, the
        error router's message box."""
        super().__init__(window)
        self._notice = notice
        self._window = window
        self._runner = runner
        self._router = router
        self._dialogs = dialogs
        self._dialog_names = tuple(dialog_names)
        self._session: DeskSession | None = None
        self._state: SignInState | None = None
        self._demo = False
        self.locked = False
        self._disabled: list[QAction] = []
        self._hidden: list[QDialog] = []

        self._stack = stack
        self._screen: SignInScreen | None = None  # built when the desk first locks

        self.lock_action = QAction(self.tr("Lock / switch clerk"), window)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.lock_action.triggered.connect(self.on_lock_asked)
        self.lock_action.setEnabled(False)
        window.addAction(self.lock_action)
        self.training_action = QAction(self.tr("Practise sign-in and approvals"), window)
        self.training_action.setObjectName("clerkTrainingAction")
        self.training_action.triggered.connect(self.start_demo_training)
        self.training_action.setEnabled(False)

        corner = QWidget(window)
        corner.setObjectName("clerkCorner")
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 6, 0)
        self.clerk_label = QLabel(corner)
        self.clerk_label.setObjectName("clerkLabel")
        self.clerk_label.setAccessibleName(self.tr("Signed-in clerk"))
        self.switch_button = QPushButton(self.tr("Switch clerk"), corner)
        self.switch_button.setObjectName("switchClerkButton")
        self.switch_button.setToolTip(
            self.tr("Lock the desk and let another clerk sign in (Ctrl+L)")
        )
        self.switch_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.switch_button.clicked.connect(self.on_lock_asked)
        row.addWidget(self.clerk_label)
        row.addWidget(self.switch_button)
        window.menuBar().setCornerWidget(corner, Qt.Corner.TopRightCorner)
        corner.hide()
        self._corner = corner

        self.idle_timer = QTimer(self)
        self.idle_timer.setObjectName("idleLockTimer")
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.on_idle)
        self._watching = False

    # ------------------------------------------------------------------ state
    @property
    def screen(self) -> SignInScreen:
        """The sign-in screen (built on first use: a shop without accounts never needs it)."""
        if self._screen is None:
            from moto_desk.ui.clerks.sign_in_screen import SignInScreen

            self._screen = SignInScreen(self._stack)
            self._stack.addWidget(self._screen)
            self._screen.sign_in_requested.connect(self.on_sign_in_requested)
        return self._screen

    @property
    def sign_in_on(self) -> bool:
        return self._state is not None

    def on_session(self, session: DeskSession) -> None:
        """A new session: read whether the shop signs in, and lock if it does."""
        from moto_desk.gateway.keys import Mode
        from moto_desk.ui.operations import clerks as operations

        self._session = session
        self.training_action.setEnabled(session.mode is Mode.DEMO)
        self.lock_action.setEnabled(True)
        (
            operations.sign_in_state(self._runner, session, owner=self)
            .on_success(self.on_state)
            .on_failure(self.on_state_failed)
            .run()
        )

    @Slot(object)
    def on_state(self, state: SignInState | None) -> None:
        if state is None or self._demo:
            return
        self._state = state
        self.screen.set_accounts(state.names)
        if not self.locked:
            self.lock(refresh=False)

    def _refresh(self) -> None:
        """Read the accounts and the policy again (the owner may have changed them)."""
        from moto_desk.ui.operations import clerks as operations

        if self._session is None or self._demo:
            return
        (
            operations.sign_in_state(self._runner, self._session, owner=self)
            .on_success(self.on_state)
            .on_failure(self.on_state_failed)
            .run()
        )

    @Slot(object)
    def on_state_failed(self, error: BaseException) -> None:
        """The accounts could not be read (the shop's records are away): the window says so
        already, and works as far as it can without them — searching on Stripe. Nothing is
        written unchecked: every flow that writes asks the records whether the shop signs
        in (``flows.clerks.check_action``), and Ctrl+L reads the accounts again."""
        from moto_desk.domain.errors import MotoDeskError

        if not isinstance(error, MotoDeskError):
            self._router.route(error)
            return
        log.info("clerks: the accounts could not be read (%s)", error.kind.value)
        if self.locked:
            self.screen.show_message(clerk_text(error))

    @Slot()
    def start_demo_training(self) -> None:
        """Demo mode: the training accounts (in memory), their PINs on the sign-in screen."""
        from moto_desk.flows.clerks import DEMO_CLERKS
        from moto_desk.ui.operations.clerks import demo_state

        self._demo = True
        self._state = demo_state()
        self.screen.set_accounts(self._state.names, {n: pin for n, _r, pin in DEMO_CLERKS})
        self.lock()

    # ------------------------------------------------------------------ locking
    @Slot()
    def on_lock_asked(self) -> None:
        """Ctrl+L or Switch clerk."""
        self.lock()

    def lock(self, refresh: bool = True) -> None:
        if self._state is None and not self.locked:
            self._refresh()  # sign-in may have been turned on, or the records are back
            return
        if self._state is None or self.locked:
            if self.locked:
                self.screen.reset()
            return
        self.locked = True
        self._stop_watching()
        for action in self._window.actions():
            if action is not self.lock_action and action.isEnabled():
                action.setEnabled(False)
                self._disabled.append(action)
        self._window.menuBar().setEnabled(False)
        for name in self._dialog_names:
            dialog = self._dialogs.current(name)
            if dialog is not None and dialog.isVisible():
                dialog.hide()
                self._hidden.append(dialog)
        self._stack.setCurrentWidget(self.screen)
        self._corner.hide()
        self.screen.reset()
        self.locked_changed.emit(True)
        if refresh:
            self._refresh()

    def _unlock(self) -> None:
        self.locked = False
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled.clear()
        self._window.menuBar().setEnabled(True)
        self.lock_action.setEnabled(True)
        self._stack.setCurrentIndex(0)
        for dialog in self._hidden:
            if shiboken6.isValid(dialog):
                dialog.show()
        self._hidden.clear()
        self._corner.show()
        self._watch()
        self.locked_changed.emit(False)

    @Slot(str, str)
    def on_sign_in_requested(self, name: str, pin: str) -> None:
        session = self._session
        if session is None:
            self.screen.set_busy(False)
            return
        if not self._state or not self._state.names:
            self.on_session(session)  # the accounts could not be read: try again
            self.screen.set_busy(False)
            return
        from moto_desk.ui.operations import clerks as operations

        (
            operations.sign_in(self._runner, session, name, pin, owner=self, demo=self._demo)
            .on_success(self.on_signed_in)
            .on_failure(self.on_sign_in_failed)
            .run()
        )

    @Slot(object)
    def on_signed_in(self, actor: Actor) -> None:
        session = self._session
        if session is None or self._state is None:
            return
        session.actor = actor
        session.clerk = actor.name
        session.policy = self._state.policy
        self.clerk_label.setText(
            self.tr("Signed in: {name} ({role})").format(name=actor.name, role=self._role(actor))
        )
        log.info("clerk %s signed in", actor.clerk_id)
        self._unlock()

    def _role(self, actor: Actor) -> str:
        from moto_desk.domain.roles import Role

        return {
            Role.CLERK: self.tr("clerk"),
            Role.SUPERVISOR: self.tr("supervisor"),
            Role.OWNER: self.tr("owner"),
        }[actor.role]

    @Slot(object)
    def on_sign_in_failed(self, error: BaseException) -> None:
        from moto_desk.domain.errors import MotoDeskError

        if isinstance(error, MotoDeskError):
            self.screen.reset(clerk_text(error))
            self.screen.pin.setFocus()
        else:
            self.screen.reset()
            self._router.route(error)

    # ------------------------------------------------------------------ idle lock
    def _watch(self) -> None:
        if self._state is None:
            return
        self.idle_timer.setInterval(self.idle_ms())
        self.idle_timer.start()
        if not self._watching:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
                self._watching = True

    def _stop_watching(self) -> None:
        self.idle_timer.stop()
        if self._watching:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._watching = False

    def idle_ms(self) -> int:
        minutes = self._state.policy.idle_lock_minutes if self._state else 5
        return int(self.idle_override_ms or minutes * 60_000)

    #: Tests shorten the idle time (the shop's setting is in minutes).
    idle_override_ms: int = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  Qt's name
        if event.type() in _ACTIVITY and self.idle_timer.isActive():
            self.idle_timer.start()
        return False

    @Slot()
    def on_idle(self) -> None:
        log.info("desk locked after %d s without a key or a click", self.idle_ms() // 1000)
        self.lock()

    def shutdown(self) -> None:
        self._stop_watching()

    # ------------------------------------------------------------------ rights
    def allows(self, action: Action) -> bool:
        """False (and the reason shown) when the signed-in clerk may never do ``action``."""
        from moto_desk.domain.roles import NotAllowed, authorise

        session = self._session
        if session is None or session.actor is None or session.policy is None:
            return True
        try:
            authorise(session.policy, action, session.actor, None)
        except NotAllowed as error:
            if error.needs_approval:
                return True
            self._refused(error)
            return False
        return True

    def _refused(self, error: MotoDeskError) -> None:
        if self._notice is None:
            self._router.route(error)
        else:
            self._notice(clerk_text(error), "warning")

    def ask(
        self,
        parent: QWidget,
        action: Action,
        amount: Money | None,
        then: Callable[[Actor | None], None],
    ) -> None:
        """Go on with ``then(None)`` when the clerk may do ``action`` alone; otherwise open
        the approval box and go on with ``then(approver)`` once a supervisor approved."""
        from moto_desk.domain.roles import Verdict, decide

        session = self._session
        if session is None or session.actor is None or session.policy is None:
            then(None)
            return
        decision = decide(session.policy, action, session.actor.role, amount)
        if decision.verdict is Verdict.ALLOWED:
            then(None)
            return
        from moto_desk.domain.roles import NotAllowed

        error = NotAllowed(decision.reason, dict(decision.args))
        if decision.verdict is Verdict.REFUSED:
            self._refused(error)
            return
        from moto_desk.ui.clerks.approval_dialog import ApprovalDialog

        names = [n for n, role in (self._state.names if self._state else ()) if role != "clerk"]
        names = [n for n in names if n != session.actor.name]
        dialog = ApprovalDialog(
            self._runner,
            session,
            clerk_text(error),
            names,
            action,
            amount,
            demo=self._demo,
            parent=parent,
        )
        dialog.approved.connect(then)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
