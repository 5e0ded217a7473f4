"""The history (Ctrl+H): every save, charge, refund and removal this desk journaled, filtered
by customer, days and outcome — and, from a line, a refund, a receipt, or the object in Stripe.

Loading goes through a job (:func:`moto_desk.flows.history.load_history`), so a long journal
never freezes the window; a load started by an older filter is dropped when a newer one
answers. The dialog is not modal: a clerk can keep it open beside the desk while on the phone.

Receipts are laid out and written on the GUI thread: ``QTextDocument`` and ``QPrinter`` are GUI
objects, and one page takes milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QStandardPaths, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from moto_desk.domain.errors import MotoDeskError
from moto_desk.flows.history import (
    HistoryFilters,
    HistoryRow,
    Outcome,
    dashboard_target,
    dashboard_url,
)
from moto_desk.gateway.keys import Mode
from moto_desk.records.journal import JournalKind
from moto_desk.ui.after_sale.history_model import ROW_ROLE, Column, HistoryModel, outcome_words
from moto_desk.ui.after_sale.receipt import Receipt
from moto_desk.ui.operations import after_sale as operations
from moto_desk.ui.payments.refund_dialog import RefundDialog
from moto_desk.ui.shell.assets import restyle
from moto_desk.ui.shell.changes import Change, ChangeHub, Topic
from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text
from moto_desk.ui.shell.save_file_dialog import SaveFileDialog

if TYPE_CHECKING:
    from moto_desk.settings import DeskSettings
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession

#: Days shown when the dialog opens (the clerk widens the range with the date fields).
DEFAULT_DAYS = 90
#: Milliseconds the customer filter waits for the clerk to stop typing before loading.
TYPING_PAUSE_MS = 250


def stripe_link(row: HistoryRow, mode: Mode) -> str | None:
    """The Dashboard address for ``row`` in ``mode`` (``demo``/``test``/``live``).

    None in demo mode — the built-in simulator has no Dashboard — and for a line with nothing
    to open.
    """
    if mode is Mode.DEMO:
        return None
    target = dashboard_target(row)
    return dashboard_url(target, live=mode is Mode.LIVE) if target else None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class HistoryDialog(QDialog):
    """The desk's history, with refunds, receipts and links to Stripe.

    Signals:
        history_loaded(int): a load finished and is shown; the argument is the row count.
    """

    history_loaded = Signal(int)

    def __init__(
        self,
        runner: JobRunner,
        router: ErrorRouter,
        session: DeskSession,
        *,
        settings: Callable[[], DeskSettings],
        locale: str,
        changes: ChangeHub | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._changes = changes
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History"))
        self.setAccessibleName(self.tr("History"))
        self._runner = runner
        self._router = router
        self._session = session
        self._settings = settings
        self._locale = locale
        self._mode = session.mode
        # A load is running whose answer is not on screen yet.
        self._loading = False
        # A payment to select once the history shows it (the charge dialog's Receipt…).
        self._wanted_payment: str | None = None
        self._refund_dialog: RefundDialog | None = None
        self._printer: QPrinter | None = None
        today = today or date.today()

        self.model = HistoryModel(self, locale=locale)
        self._build(today)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.reload)
        self._customer.textChanged.connect(self.on_customer_typed)
        self._desk.textChanged.connect(self.on_customer_typed)
        self._clerk.textChanged.connect(self.on_customer_typed)
        self._since.dateChanged.connect(self.on_since_changed)
        self._until.dateChanged.connect(self.on_until_changed)
        self._outcome.currentIndexChanged.connect(self.on_outcome_changed)
        self._update_actions()
        self.reload()

    # ================================================================== building
    def _build(self, today: date) -> None:
        self._customer = QLineEdit(self)
        self._customer.setObjectName("historyCustomerFilter")
        self._customer.setAccessibleName(self.tr("Customer filter"))
        self._customer.setPlaceholderText(self.tr("Name, email or customer id"))
        self._customer.setClearButtonEnabled(True)

        self._since = self._date_edit("historySinceFilter", self.tr("From date"))
        self._since.setDate(_qdate(today - timedelta(days=DEFAULT_DAYS)))
        self._until = self._date_edit("historyUntilFilter", self.tr("To date"))
        self._until.setDate(_qdate(today))

        self._outcome = QComboBox(self)
        self._outcome.setObjectName("historyOutcomeFilter")
        self._outcome.setAccessibleName(self.tr("Outcome filter"))
        self._outcome.addItem(self.tr("All outcomes"), "")
        for outcome in Outcome:
            self._outcome.addItem(outcome_words(outcome), outcome.value)

        # With the shop's records the history is every desk's: narrow it to one desk or clerk.
        self._desk = self._name_filter("historyDeskFilter", self.tr("Desk filter"))
        self._desk.setPlaceholderText(self.tr("All desks"))
        self._clerk = self._name_filter("historyClerkFilter", self.tr("Clerk filter"))
        self._clerk.setPlaceholderText(self.tr("All clerks"))
        shop = bool(self._session.records_url)

        self._refresh = self._button("historyRefreshButton", self.tr("Refresh"), self.reload)
        self._refresh.setShortcut(QKeySequence("F5"))
        self._refresh.setToolTip(self.tr("Load the history again (F5)"))

        filters = QHBoxLayout()
        fields: list[tuple[str, QWidget]] = [
            (self.tr("C&ustomer"), self._customer),
            (self.tr("&From"), self._since),
            (self.tr("&To"), self._until),
            (self.tr("&Outcome"), self._outcome),
        ]
        if shop:
            fields += [(self.tr("Des&k"), self._desk), (self.tr("C&lerk"), self._clerk)]
        else:
            self._desk.hide()
            self._clerk.hide()
        for text, widget in fields:
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 3 if widget is self._customer else 0)
        filters.addWidget(self._refresh)

        self.table = QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName(self.tr("Operations"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.TIME, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        # Every column as wide as what it shows, except the ids (last): they are long, the
        # least read, and whole in their tooltip — so they give way first, never the customer.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.STRIPE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)

        self._status = QLabel(self)
        self._status.setObjectName("historyStatus")
        self._status.setWordWrap(True)
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._refund = self._button(
            "historyRefundButton", self.tr("&Refund…"), self.on_refund_clicked
        )
        self._print = self._button(
            "historyPrintButton", self.tr("&Print receipt…"), self.on_print_clicked
        )
        self._pdf = self._button(
            "historyPdfButton", self.tr("Save receipt as P&DF…"), self.on_pdf_clicked
        )
        self._stripe = self._button(
            "historyStripeButton", self.tr("Open in &Stripe"), self.on_stripe_clicked
        )
        close = self._button("historyCloseButton", self.tr("Close"), self.reject)
        actions = QHBoxLayout()
        for button in (self._refund, self._print, self._pdf, self._stripe):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._status)
        layout.addLayout(actions)
        self.setMinimumSize(980, 520)
        self.resize(1180, 620)
        self._customer.setFocus(Qt.FocusReason.OtherFocusReason)

    def _name_filter(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setClearButtonEnabled(True)
        edit.setMaximumWidth(140)
        return edit

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.setAutoDefault(False)  # Enter in a filter field must not refund or print
        button.clicked.connect(slot)
        return button

    # ================================================================== loading
    def filters(self) -> HistoryFilters:
        """The filters as the clerk set them."""
        outcome = str(self._outcome.currentData() or "")
        return HistoryFilters(
            customer=self._customer.text().strip(),
            since=_pydate(self._since.date()),
            until=_pydate(self._until.date()),
            outcome=Outcome(outcome) if outcome else None,
            desk=self._desk.text().strip(),
            clerk=self._clerk.text().strip(),
        )

    @property
    def loading(self) -> bool:
        """True until the newest load has answered."""
        return self._loading

    @Slot()
    def reload(self) -> None:
        """Load the history again with the current filters (in a job)."""
        self._typing.stop()
        self._loading = True
        filters = self.filters()
        self._status.setText(self.tr("Loading the history…"))
        self._status.setProperty("role", "")
        (
            # An older filter's answer, overtaken by a newer one, is dropped.
            operations.load_history(self._runner, self._session, filters, owner=self)
            .on_success(lambda rows: self.on_loaded(filters, rows))
            .on_failure(self.on_load_failed)
            .run()
        )

    def on_loaded(self, filters: HistoryFilters, rows: list[HistoryRow]) -> None:
        self._loading = False
        selected = self.selected_row()
        self.model.set_rows(rows)
        if selected is not None and (row := self.model.row_of(selected.entry_id)) >= 0:
            self.table.selectRow(row)
        self._select_wanted_payment()
        if not rows:
            text = self.tr("No operation matches these filters.")
        elif len(rows) >= filters.limit:
            text = self.tr(
                "Showing the newest {count} operations: narrow the dates or the customer to "
                "see older ones."
            ).format(count=len(rows))
        elif len(rows) == 1:
            text = self.tr("1 operation")
        else:  # no English catalogue: %n plurals would show "(s)" to an English clerk
            text = self.tr("{count} operations").format(count=len(rows))
        self._say(text)
        self._update_actions()
        self.history_loaded.emit(len(rows))

    def on_load_failed(self, error: BaseException) -> None:
        self._loading = False
        if not isinstance(error, MotoDeskError):
            self._router.route(error)
            return
        self._say(
            self.tr("The history could not be read: {reason}").format(reason=clerk_text(error)),
            "error",
        )
        self.history_loaded.emit(0)

    def _say(self, text: str, role: str = "") -> None:
        self._status.setText(text)
        self._status.setProperty("role", role)
        restyle(self._status)

    def status_text(self) -> str:
        return self._status.text()

    # ================================================================== filters
    @Slot(str)
    def on_customer_typed(self, _text: str) -> None:
        self._typing.start()

    @Slot(QDate)
    def on_since_changed(self, day: QDate) -> None:
        if day > self._until.date():
            self._until.setDate(day)  # reloads through its own signal
        else:
            self.reload()

    @Slot(QDate)
    def on_until_changed(self, day: QDate) -> None:
        if day < self._since.date():
            self._since.setDate(day)
        else:
            self.reload()

    @Slot(int)
    def on_outcome_changed(self, _index: int) -> None:
        self.reload()

    # ================================================================== the selected line
    def select_payment(self, payment_intent_id: str) -> None:
        """Select the charge of ``payment_intent_id`` — now if it is shown, else when the
        load under way (or the next) brings it."""
        self._wanted_payment = payment_intent_id
        if not self._loading:
            self._select_wanted_payment()

    def _select_wanted_payment(self) -> None:
        wanted = self._wanted_payment
        if wanted is None:
            return
        for index in range(self.model.rowCount()):
            row = self.model.index(index, 0).data(ROW_ROLE)
            if (
                isinstance(row, HistoryRow)
                and row.kind is JournalKind.CHARGE
                and row.stripe_object_id == wanted
            ):
                self._wanted_payment = None
                self.table.selectRow(index)
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def selected_row(self) -> HistoryRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].data(ROW_ROLE)
        return row if isinstance(row, HistoryRow) else None

    @Slot()
    def on_selection_changed(self) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.selected_row()
        refund_ok, refund_tip = self._refund_state(row)
        self._refund.setEnabled(refund_ok)
        self._refund.setToolTip(refund_tip)
        receipt_ok = row is not None and row.has_receipt
        receipt_tip = (
            self.tr("A receipt for this line (Alt+P prints it, Alt+D saves it as PDF)")
            if receipt_ok
            else self.tr("Receipts exist for charges and refunds that went through.")
        )
        for button in (self._print, self._pdf):
            button.setEnabled(receipt_ok)
            button.setToolTip(receipt_tip)
        link = stripe_link(row, self._mode) if row is not None else None
        self._stripe.setEnabled(link is not None)
        if self._mode is Mode.DEMO:
            self._stripe.setToolTip(
                self.tr(
                    "Not available in demo mode: the demo runs on moto-desk's built-in "
                    "simulator, which has no Stripe Dashboard."
                )
            )
        elif link is None:
            self._stripe.setToolTip(self.tr("Choose a line to open it in Stripe's Dashboard."))
        else:
            self._stripe.setToolTip(
                self.tr("Open this line in Stripe's Dashboard, in your web browser (Alt+S)")
            )

    def _refund_state(self, row: HistoryRow | None) -> tuple[bool, str]:
        """Whether the line can be refunded, and the tooltip that says why (not)."""
        if row is None:
            return False, self.tr("Choose a charge in the list to refund it.")
        if row.kind is not JournalKind.CHARGE:
            return False, self.tr("Only a charge can be refunded.")
        if row.outcome is not Outcome.SUCCEEDED:
            return False, self.tr("Only a charge that went through can be refunded.")
        if row.refund_open:
            return False, self.tr(
                "A refund of this payment has no known result yet. Do not refund again: "
                "moto-desk checks it with Stripe at every start."
            )
        if not row.refundable:
            return False, self.tr(
                "Nothing is left to refund: this payment has been refunded in full."
            )
        return True, self.tr("Refund all or part of this payment (Alt+R)")

    # ================================================================== refund
    @Slot()
    def on_refund_clicked(self) -> None:
        row = self.selected_row()
        if row is None or not self._refund_state(row)[0] or self._refund_dialog is not None:
            return
        dialog = RefundDialog(
            self._runner, self._router, self._session, row=row, locale=self._locale, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.refund_completed.connect(self.on_refund_completed)
        dialog.finished.connect(self.on_refund_closed)
        self._refund_dialog = dialog
        dialog.open()

    @Slot(object)
    def on_refund_completed(self, _result: object) -> None:
        if self._changes is not None:
            self._changes.publish(Topic.HISTORY)

    @Slot(object)
    def on_changed(self, change: Change) -> None:
        """Something was saved, charged, refunded or removed: show it."""
        if change.touches(Topic.HISTORY):
            self.reload()

    @Slot(int)
    def on_refund_closed(self, _result: int) -> None:
        self._refund_dialog = None
        self.reload()  # whatever happened — refunded, refused, not known — show it

    def refund_dialog(self) -> RefundDialog | None:
        return self._refund_dialog

    # ================================================================== receipts
    def receipt(self) -> Receipt | None:
        """The receipt of the selected line, if it has one."""
        row = self.selected_row()
        if row is None or not row.has_receipt:
            return None
        settings = self._settings()
        return Receipt(
            row,
            shop_name=settings.shop_name,
            shop_address=settings.shop_address,
            locale=self._locale,
        )

    def _after_receipt(self, done: str) -> None:
        if self._settings().shop_name.strip():
            self._say(done, "ok")
        else:
            self._say(
                done
                + " "
                + self.tr(
                    "The receipt has no shop name: set the shop's name and address in "
                    "Settings (Ctrl+,)."
                ),
                "warning",
            )

    @Slot()
    def on_print_clicked(self) -> None:
        receipt = self.receipt()
        if receipt is None:
            return
        # One printer for the dialog's life: QPrintDialog keeps a pointer to its printer, so
        # the printer must outlive every print dialog; it also remembers the printer the
        # clerk chose last time.
        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer = self._printer
        printer.setDocName(receipt.file_name())
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("receiptPrintDialog")
        dialog.setWindowTitle(self.tr("Print the receipt"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def print_it() -> None:
            receipt.print_to(printer)
            self._after_receipt(self.tr("The receipt was sent to the printer."))

        dialog.accepted.connect(print_it)
        # What QDialog.open() does; PySide6's stubs know only QPrintDialog's open(receiver…).
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    @Slot()
    def on_pdf_clicked(self) -> None:
        receipt = self.receipt()
        if receipt is None:
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        dialog = SaveFileDialog(
            self,
            self.tr("Save the receipt as PDF"),
            str(Path(folder) / receipt.file_name()),
            self.tr("PDF documents (*.pdf)"),
            "pdf",
        )
        dialog.setObjectName("receiptFileDialog")
        dialog.fileSelected.connect(lambda name: self.save_receipt(receipt, Path(name)))
        dialog.open()

    def save_receipt(self, receipt: Receipt, path: Path) -> bool:
        """Write ``receipt`` as PDF at ``path`` and say where (or why not)."""
        try:
            receipt.save_pdf(path)
        except OSError as error:
            self._say(
                self.tr("The receipt could not be saved: {reason}").format(
                    reason=error.strerror or str(error)
                ),
                "error",
            )
            return False
        self._after_receipt(self.tr("Receipt saved as {path}.").format(path=str(path)))
        return True

    # ================================================================== Stripe
    def stripe_link(self) -> str | None:
        """The Dashboard address of the selected line in this desk's mode, if any."""
        row = self.selected_row()
        return stripe_link(row, self._mode) if row is not None else None

    @Slot()
    def on_stripe_clicked(self) -> None:
        link = self.stripe_link()
        if link is not None:
            QDesktopServices.openUrl(QUrl(link))
