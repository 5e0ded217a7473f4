"""The approval box: a supervisor types their PIN so a clerk may go on.

Opened before a charge above the shop's limit, a charge confirmed as a possible duplicate, a
refund, an export or clearing another desk's reader, when the signed-in clerk may not do it
alone. The PIN is checked as a sign-in is (scrypt, throttled); the approver is recorded with
the operation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from moto_desk.ui.shell.error_router import clerk_text

if TYPE_CHECKING:
    from moto_desk.domain.money import Money
    from moto_desk.domain.roles import Action, Actor
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession


class ApprovalDialog(QDialog):
    """Ask a supervisor's approval.

    Signals:
        approved(object): the approving supervisor (an ``Actor``), PIN checked.
    """

    approved = Signal(object)

    def __init__(
        self,
        runner: JobRunner,
        session: DeskSession,
        reason: str,
        approvers: list[str],
        action: Action,
        amount: Money | None,
        *,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(self.tr("A supervisor's approval"))
        self._runner = runner
        self._session = session
        self._action = action
        self._amount = amount
        self._demo = demo
        self.approver: Actor | None = None
        why = QLabel(reason, self)
        why.setObjectName("approvalReason")
        why.setWordWrap(True)
        self.names = QComboBox(self)
        self.names.setObjectName("approverChoice")
        self.names.setAccessibleName(self.tr("Supervisor"))
        self.names.addItems(approvers)
        self.pin = QLineEdit(self)
        self.pin.setObjectName("approverPinEdit")
        self.pin.setAccessibleName(self.tr("Supervisor's PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self))
        self.message = QLabel(self)
        self.message.setObjectName("approvalMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Supervisor"), self.names)
        form.addRow(self.tr("&PIN"), self.pin)
        self.buttons = QDialogButtonBox(self)
        self.approve_button = self.buttons.addButton(
            self.tr("Approve"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.approve_button.setObjectName("approveButton")
        self.approve_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("approvalCancelButton")
        self.buttons.accepted.connect(self.on_approve_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        # Wide enough for the reason on two lines and a French label beside its field.
        self.setMinimumWidth(380)
        self.pin.setFocus()

    @Slot()
    def on_approve_clicked(self) -> None:
        if not self.pin.text() or not self.names.currentText():
            return
        from moto_desk.ui.operations import clerks as operations

        self.approve_button.setEnabled(False)
        (
            operations.sign_in(
                self._runner,
                self._session,
                self.names.currentText(),
                self.pin.text(),
                owner=self,
                demo=self._demo,
            )
            .on_success(self.on_checked)
            .on_failure(self.on_refused)
            .run()
        )

    @Slot(object)
    def on_checked(self, approver: Actor) -> None:
        from moto_desk.domain.roles import NotAllowed, authorise

        actor = self._session.actor
        policy = self._session.policy
        try:
            if actor is not None and policy is not None:
                authorise(policy, self._action, actor, approver, self._amount)
        except NotAllowed as error:
            self.on_refused(error)
            return
        self.approver = approver
        self.approved.emit(approver)
        self.accept()

    @Slot(object)
    def on_refused(self, error: BaseException) -> None:
        from moto_desk.domain.errors import MotoDeskError

        self.approve_button.setEnabled(True)
        self.pin.clear()
        self.pin.setFocus()
        if isinstance(error, MotoDeskError):
            self.message.setText(clerk_text(error))
            self.message.show()
        else:
            raise error
