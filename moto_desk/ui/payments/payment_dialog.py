"""What the charge and refund dialogs share, so they cannot drift apart again.

Both walk the clerk through the same pages (form, confirm, working, result) and end the same
way: a result page whose headline is coloured by its outcome (done, failed, not known yet), a
detail the clerk can select and read out, and the buttons Check again / Change… / Close
(Return closes). When Stripe's answer was lost, the money may have moved: the dialog never
says "not charged" or offers to send it again, it offers Check again, which asks Stripe
what became of the journal entry. And neither can be closed while the payment is on its way.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from moto_desk.domain.errors import MotoDeskError
from moto_desk.ui.operations import desk as desk_operations
from moto_desk.ui.shell.assets import restyle
from moto_desk.ui.shell.error_router import clerk_text

if TYPE_CHECKING:
    from moto_desk.ui.shell.error_router import ErrorRouter
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession

#: The pages, in the order the clerk meets them.
PAGES = ("form", "confirm", "working", "result")


class ResultState(StrEnum):
    """A result page's outcome; its value is the stylesheet's ``[state="…"]``."""

    DONE = "approved"
    FAILED = "failed"
    UNKNOWN = "unknown"


class PaymentDialog(QDialog):
    """The base of :class:`ChargeDialog` and :class:`RefundDialog`; see the module docstring.

    A subclass builds its result page with :meth:`_make_result_page`, says how to show it
    (:meth:`_show_result_page`), what to advise while the outcome is unknown
    (:meth:`_unknown_advice`) and what Check again's answer means (:meth:`_checked_result`);
    it sets ``_busy`` while its payment is on its way.
    """

    def __init__(
        self,
        runner: JobRunner,
        router: ErrorRouter,
        session: DeskSession,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._router = router
        self._session = session
        # A payment is on its way: Esc and Close are refused (its result must be seen).
        self._busy = False
        # The journal entry whose outcome Stripe has not told us yet.
        self._unknown_entry: str | None = None
        self._result_headline: QLabel | None = None

    # ------------------------------------------------------------------ building
    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    @staticmethod
    def _button_row(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        return row

    def _make_working_page(self, name: str) -> QWidget:
        """The page shown while the payment is on its way: one centred line (``_working``,
        named ``name``) saying what is happening."""
        page = QWidget(self)
        self._working = QLabel(page)
        self._working.setObjectName(name)
        self._working.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self._working)
        layout.addStretch(1)
        return page

    def _make_result_page(
        self,
        *,
        prefix: str,
        change: tuple[str, str],
        check: str,
        done: str,
        extra: tuple[QPushButton, ...] = (),
    ) -> QWidget:
        """The result page: headline ``{prefix}ResultHeadline``, detail
        ``{prefix}ResultDetail``, and the buttons named ``check``, ``change[0]`` (its text
        ``change[1]``, back to the form) and ``done`` (Close, which Return presses)."""
        page = QWidget(self)
        headline = QLabel(page)
        headline.setObjectName(f"{prefix}ResultHeadline")
        self._result_detail = QLabel(page)
        self._result_detail.setObjectName(f"{prefix}ResultDetail")
        self._result_detail.setWordWrap(True)
        self._result_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._change = self._button(change[0], change[1], self.on_back_clicked)
        self._check = self._button(
            check, QCoreApplication.translate("PaymentDialog", "Check again"), self.on_check_clicked
        )
        self._check.hide()
        self._done = self._button(
            done, QCoreApplication.translate("PaymentDialog", "Close"), self.accept
        )
        # Return closes the result; the other buttons keep it from changing anything.
        self._done.setAutoDefault(True)
        layout = QVBoxLayout(page)
        layout.addWidget(headline)
        layout.addWidget(self._result_detail)
        layout.addStretch(1)
        layout.addLayout(self._button_row(self._check, self._change, *extra, self._done))
        self._result_headline = headline
        return page

    # ------------------------------------------------------------------ for the subclass
    def _show_result_page(self) -> None:
        raise NotImplementedError

    def _unknown_advice(self) -> str:
        raise NotImplementedError

    def _checked_result(self, state: str) -> tuple[ResultState, str, str] | None:
        """What Check again's journal ``state`` means (outcome, headline, detail), or None
        while Stripe cannot tell yet."""
        raise NotImplementedError

    def _deliver(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """How a job's answer reaches this dialog (the reused charge dialog filters out
        answers meant for an earlier opening)."""
        return callback

    @Slot()
    def on_back_clicked(self) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ the result
    def result_text(self) -> str:
        if self._result_headline is None:
            return "\n"
        return f"{self._result_headline.text()}\n{self._result_detail.text()}"

    def _set_result(
        self, state: ResultState, headline: str, detail: str, *, can_change: bool = False
    ) -> None:
        self._show_result_page()  # builds it first where it is built on demand
        assert self._result_headline is not None
        self._result_headline.setText(headline)
        self._result_headline.setProperty("state", state.value)
        restyle(self._result_headline)
        self._result_detail.setText(detail)
        self._change.setVisible(can_change)
        self._check.setVisible(state is ResultState.UNKNOWN and self._unknown_entry is not None)
        self._check.setEnabled(True)
        self._done.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_unknown(self, detail: str) -> None:
        self._set_result(
            ResultState.UNKNOWN,
            QCoreApplication.translate("PaymentDialog", "? Result not known yet"),
            f"{detail}\n\n{self._unknown_advice()}",
        )

    # ------------------------------------------------------------------ check again
    @Slot()
    def on_check_clicked(self) -> None:
        entry_id = self._unknown_entry
        if entry_id is None:
            return
        self._check.setEnabled(False)
        self._result_detail.setText(
            QCoreApplication.translate("PaymentDialog", "Asking Stripe what happened…")
        )
        (
            desk_operations.check_entry(self._runner, self._session, entry_id, owner=self)
            .on_success(self._deliver(self.on_checked))
            .on_failure(self._deliver(self.on_check_failed))
            .run()
        )

    @Slot(object)
    def on_checked(self, state: str) -> None:
        result = self._checked_result(state)
        if result is None:
            self._show_unknown(
                QCoreApplication.translate(
                    "PaymentDialog", "Stripe has not answered yet. Check again in a moment."
                )
            )
            return
        outcome, headline, detail = result
        self._unknown_entry = None
        self._set_result(outcome, headline, detail, can_change=outcome is ResultState.FAILED)

    @Slot(object)
    def on_check_failed(self, error: BaseException) -> None:
        if isinstance(error, MotoDeskError):
            self._show_unknown(clerk_text(error))
        else:
            self._router.route(error)
            self._check.setEnabled(True)

    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        """Esc and Close: refused while the payment is on its way (its result must be seen)."""
        if self._busy:
            return
        super().reject()
