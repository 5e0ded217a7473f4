"""The new-customer form: name, email, phone — checked before anything is sent, errors shown
next to the field concerned, and what was typed always kept."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moto_desk.domain.errors import InvalidInput, MotoDeskError
from moto_desk.ui.operations import desk as operations
from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text

if TYPE_CHECKING:
    from moto_desk.domain.models import Customer
    from moto_desk.flows.customers import SameContact
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession

_LOOKS_LIKE_PHONE = re.compile(r"^[\d\s+().-]{5,}$")


class NewCustomerDialog(QDialog):
    """Create a customer in Stripe (once, however many times Create is pressed).

    Signals:
        customer_created(object): the new :class:`Customer`.
    """

    customer_created = Signal(object)

    def __init__(
        self,
        runner: JobRunner,
        router: ErrorRouter,
        session: DeskSession,
        phone_country: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newCustomerDialog")
        self.setWindowTitle(self.tr("New customer"))
        self._runner = runner
        self._router = router
        self._session = session
        self._phone_country = phone_country

        self._name = self._field("newCustomerName", self.tr("Customer's full name"))
        self._email = self._field("newCustomerEmail", self.tr("Email address (optional)"))
        self._phone = self._field("newCustomerPhone", self.tr("Phone number (optional)"))
        self._email.setPlaceholderText(self.tr("name@example.com"))
        self._phone.setPlaceholderText(self.tr("+1 555 123 4567"))
        self._errors = {
            "name": self._error_label("newCustomerNameError"),
            "email": self._error_label("newCustomerEmailError"),
            "phone": self._error_label("newCustomerPhoneError"),
        }
        self._general = self._error_label("newCustomerError")
        # Shown when a customer already has this email or phone: the clerk picks.
        self._existing: Customer | None = None
        self._use_existing = QPushButton(self)
        self._use_existing.setObjectName("useExistingCustomerButton")
        self._use_existing.clicked.connect(self.on_use_existing_clicked)
        self._create_anyway = QPushButton(self.tr("Create a new customer &anyway"), self)
        self._create_anyway.setObjectName("createAnywayButton")
        self._create_anyway.clicked.connect(self.on_create_anyway_clicked)
        self._same_row = QWidget(self)
        same_layout = QHBoxLayout(self._same_row)
        same_layout.setContentsMargins(0, 0, 0, 0)
        same_layout.addWidget(self._use_existing)
        same_layout.addWidget(self._create_anyway)
        same_layout.addStretch(1)
        self._same_row.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Name"), self._name)
        form.addRow("", self._errors["name"])
        form.addRow(self.tr("&Email"), self._email)
        form.addRow("", self._errors["email"])
        form.addRow(self.tr("&Phone"), self._phone)
        form.addRow("", self._errors["phone"])

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        create = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        create.setText(self.tr("Create customer"))
        create.setObjectName("createCustomerButton")
        create.setAccessibleName(self.tr("Create customer"))
        cancel = self._buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        self._buttons.accepted.connect(self.on_create_clicked)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._general)
        layout.addWidget(self._same_row)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(420)

    def _field(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    def _error_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setProperty("role", "error")
        label.setWordWrap(True)
        label.hide()
        return label

    # ------------------------------------------------------------------ public
    def prefill(self, searched: str) -> None:
        """Put what the clerk searched for into the field it most likely belongs to."""
        text = searched.strip()
        if not text:
            return
        if "@" in text:
            self._email.setText(text)
        elif _LOOKS_LIKE_PHONE.match(text):
            self._phone.setText(text)
        else:
            self._name.setText(text)

    def form_values(self) -> tuple[str, str, str]:
        return self._name.text(), self._email.text(), self._phone.text()

    def field_error(self, field: str) -> str:
        label = self._errors.get(field, self._general)
        return label.text() if not label.isHidden() else ""

    # ------------------------------------------------------------------ creating
    def _clear_errors(self) -> None:
        for label in (*self._errors.values(), self._general):
            label.clear()
            label.hide()
        self._same_row.hide()
        self._existing = None

    def _show_errors(self, errors: list[MotoDeskError]) -> None:
        """Each error next to its field, all at once; the first wrong field gets the focus."""
        fields = {"name": self._name, "email": self._email, "phone": self._phone}
        first: QLineEdit | None = None
        for error in errors:
            field = error.field if isinstance(error, InvalidInput) else None
            label = self._errors.get(field or "", self._general)
            label.setText(clerk_text(error))
            label.show()
            first = first or fields.get(field or "")
        # A window does not grow by itself for a wrapped label (height-for-width):
        # make room so the message is never clipped.
        if (layout := self.layout()) is not None:
            layout.activate()
        self.adjustSize()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def on_create_clicked(self) -> None:
        self._create(allow_same_contact=False)

    @Slot()
    def on_create_anyway_clicked(self) -> None:
        self._create(allow_same_contact=True)

    @Slot()
    def on_use_existing_clicked(self) -> None:
        if self._existing is not None:
            self.on_created(self._existing)

    def _create(self, *, allow_same_contact: bool) -> None:
        # Imported here: flows.customers pulls in the gateway (and stripe), already loaded
        # once a session exists, but never at window start-up.
        from moto_desk.flows.customers import (
            NewCustomer,
            new_customer_problems,
            validate_new_customer,
        )

        self._clear_errors()
        name, email, phone = self.form_values()
        typed = NewCustomer(name, email.strip() or None, phone.strip() or None)
        problems = new_customer_problems(typed, self._phone_country)
        if problems:
            self._show_errors(list(problems))
            return
        form = validate_new_customer(typed, self._phone_country)
        session = self._session
        self._set_busy(True)

        (
            operations.create_customer(
                self._runner,
                session,
                form,
                self._phone_country,
                allow_same_contact=allow_same_contact,
                owner=self,
            )
            .on_success(self.on_created)
            .on_failure(self.on_create_failed)
            .on_finished(lambda: self._set_busy(False))
            .run()
        )

    @Slot(object)
    def on_created(self, customer: Customer) -> None:
        self.customer_created.emit(customer)
        self.accept()

    @Slot(object)
    def on_create_failed(self, error: BaseException) -> None:
        from moto_desk.flows.customers import SameContact

        if isinstance(error, SameContact):
            self._offer_existing(error)
        elif isinstance(error, MotoDeskError):
            self._show_errors([error])
        else:
            self._router.route(error)

    def _offer_existing(self, same: SameContact) -> None:
        """Say who has this email or phone already, and let the clerk use them or go on."""
        existing = same.existing[0]
        self._existing = existing
        self._general.setText(clerk_text(same))
        self._general.show()
        self._use_existing.setText(
            self.tr("&Use {name}").format(name=existing.name or existing.email or existing.id)
        )
        self._same_row.show()
        if (layout := self.layout()) is not None:
            layout.activate()
        self.adjustSize()
        self._use_existing.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_busy(self, busy: bool) -> None:
        self._buttons.setEnabled(not busy)
        for edit in (self._name, self._email, self._phone):
            edit.setReadOnly(busy)
