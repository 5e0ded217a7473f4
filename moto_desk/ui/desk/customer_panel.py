"""Finding the customer: a search box (F2) with debounced type-ahead over this desk's index
and Stripe, a result list, and "New customer" (Ctrl+N).

A search shows the local index's matches as soon as they are read (a few milliseconds), then
adds Stripe's answer below them when it arrives: the rows already shown stay in place, so a
customer the clerk has already highlighted stays highlighted.

Keyboard path: type, Down moves into the results, Enter confirms the highlighted customer
and hands focus on to the consent (the next step of the work).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moto_desk.domain.errors import MotoDeskError
from moto_desk.ui.desk.customer_model import CustomerModel
from moto_desk.ui.operations import desk as operations
from moto_desk.ui.shell.assets import icon
from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from moto_desk.domain.models import Customer
    from moto_desk.ui.desk.new_customer_dialog import NewCustomerDialog
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession

#: Type-ahead waits this long after the last key before asking (local index + Stripe).
DEBOUNCE_MS = 150  # a word typed at speed is one search; a pause feels immediate


class CustomerPanel(QGroupBox):
    """Search, results and new customer.

    Signals:
        customer_changed(object): the chosen :class:`Customer`, or None.
        customer_confirmed(): Enter on a result — the clerk is ready for the next step.
        search_finished(int): a search answered with this many customers.
    """

    customer_changed = Signal(object)
    customer_confirmed = Signal()
    search_finished = Signal(int)

    def __init__(
        self,
        runner: JobRunner,
        router: ErrorRouter,
        phone_country: str = "US",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("1 · Customer"))
        self._runner = runner
        self._router = router
        self._phone_country = phone_country
        self._session: DeskSession | None = None
        # The newest search's local matches are on screen (Stripe's answer extends them).
        self._local_shown = False
        # The chosen customer while a search's local part does not list it: held until the
        # full answer says whether the customer is still found (no selection blink).
        self._held: Customer | None = None
        self._dialog: NewCustomerDialog | None = None

        self._search = _SearchBox(self._on_search_key, self)
        self._search.setObjectName("customerSearch")
        self._search.setPlaceholderText(self.tr("Name, email or phone"))
        self._search.setAccessibleName(self.tr("Search customers"))
        self._search.setToolTip(self.tr("Search by name, email or phone (F2)"))
        self._search.setClearButtonEnabled(True)
        self._search.textEdited.connect(self.on_search_edited)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        # The default coarse timer may fire up to 5 % late: that is on every search.
        self._debounce.setTimerType(Qt.TimerType.PreciseTimer)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.on_debounce_elapsed)

        self._model = CustomerModel(self)
        self._results = QListView(self)
        self._results.setObjectName("customerResults")
        self._results.setModel(self._model)
        self._results.setAccessibleName(self.tr("Customers found"))
        self._results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._results.setUniformItemSizes(True)
        self._results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._results.setSpacing(2)
        self._results.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self._results.activated.connect(self.on_result_activated)

        self._note = QLabel(self)
        self._note.setObjectName("customerNote")
        self._note.setWordWrap(True)

        self._new = QPushButton(icon("person-add"), self.tr("New customer…"), self)
        self._new.setObjectName("newCustomerButton")
        self._new.setAccessibleName(self.tr("New customer"))
        self._new.setToolTip(self.tr("Create a customer (Ctrl+N)"))
        self._new.clicked.connect(self.on_new_customer_requested)

        layout = QVBoxLayout(self)
        layout.addWidget(self._search)
        layout.addWidget(self._results, 1)
        layout.addWidget(self._note)
        layout.addWidget(self._new)
        self._set_note(self.tr("Type a name, an email or a phone number."))

    # ------------------------------------------------------------------ public
    def set_session(self, session: DeskSession | None) -> None:
        self._session = session
        self._new.setEnabled(session is not None)
        if session is not None and self._search.text().strip():
            self._debounce.start()

    def set_phone_country(self, country: str) -> None:
        self._phone_country = country

    def focus_search(self) -> None:
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def current_customer(self) -> Customer | None:
        rows = self._results.selectionModel().selectedRows()
        return self._model.customer_at(rows[0].row()) if rows else None

    def tab_chain(self) -> list[QWidget]:
        return [self._search, self._results]

    def new_customer_button(self) -> QPushButton:
        return self._new

    def set_enabled_for_work(self, enabled: bool) -> None:
        """While a save runs the customer must not change under it."""
        for widget in (self._search, self._results, self._new):
            widget.setEnabled(enabled)
        if enabled:
            self._new.setEnabled(self._session is not None)

    # ------------------------------------------------------------------ searching
    @Slot(str)
    def on_search_edited(self, _text: str) -> None:
        self._debounce.start()

    def stop(self) -> None:
        """The window is closing: a search typed a moment ago is not started any more."""
        self._debounce.stop()

    @Slot()
    def on_debounce_elapsed(self) -> None:
        self.search(self._search.text())

    def search(self, text: str) -> None:
        """Ask the local index and Stripe; only the newest search's answer is shown."""
        self._local_shown = False
        session = self._session
        if not text.strip() or session is None:
            self._runner.drop_pending(self, "search")
            self._release_held()  # the search that would have shown it will not run
            if not text.strip():
                self._set_note(self.tr("Type a name, an email or a phone number."))
            else:
                self._set_note(self.tr("Connecting… the search will run when moto-desk is ready."))
            return
        self._set_note(self.tr("Searching…"))

        (
            operations.find_customers(self._runner, session, text, owner=self)
            .on_progress(self.on_local_customers_found)
            .on_success(self.on_customers_found)
            .on_failure(self.on_search_failed)
            .run()
        )

    def on_local_customers_found(self, local: list[Customer]) -> None:
        """The local index's matches, before Stripe answers: shown at once, if any.

        With none, the list is left as it is until Stripe answers (an empty list now, then
        Stripe's customers, would blink; and "no customer found" may not be true).
        """
        if not local:
            return
        self._local_shown = True
        self._show(local, extend=False, final=False)

    def on_customers_found(self, found: list[Customer]) -> None:
        self._show(found, extend=self._local_shown, final=True)
        if found:
            self._set_note("")
        else:
            self._set_note(self.tr("No customer found. Create one with New customer (Ctrl+N)."))
        self.search_finished.emit(len(found))

    def on_search_failed(self, error: BaseException) -> None:
        self._release_held()
        if isinstance(error, MotoDeskError):
            self._set_note(
                self.tr("The search did not work: {reason}").format(reason=clerk_text(error))
            )
            self.search_finished.emit(0)
        else:
            self._router.route(error)

    def _show(self, customers: list[Customer], *, extend: bool, final: bool) -> None:
        """Show ``customers``; the chosen customer stays chosen if it is among them.

        ``extend``: they begin with the rows shown (this search's local part), which stay in
        place. ``final``: this is the search's whole answer — a chosen customer it does not
        list is no longer chosen; before that, it is only held.
        """
        keep = self.current_customer() or self._held
        self._held = None
        if extend:
            self._model.extend_customers(customers)
        else:
            self._model.set_customers(customers)
        if keep is None:
            return
        row = self._model.row_of(keep.id)
        shown = self.current_customer()
        if row < 0:
            if final:
                self.customer_changed.emit(None)
            else:
                self._held = keep
        elif shown is None or shown.id != keep.id:
            self._results.setCurrentIndex(self._model.index(row))
        elif shown != keep:
            self.customer_changed.emit(shown)  # the same customer, with fresher details

    def _release_held(self) -> None:
        """A held customer is not coming back (the search failed): it is no longer chosen."""
        if self._held is not None:
            self._held = None
            self.customer_changed.emit(None)

    # ------------------------------------------------------------------ choosing
    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        customer = self.current_customer()
        if customer is not None:
            self._held = None  # the clerk chose again: nothing to hold any more
        self.customer_changed.emit(customer)

    @Slot()
    def on_result_activated(self) -> None:
        if self.current_customer() is not None:
            self.customer_confirmed.emit()

    def _on_search_key(self, key: int) -> bool:
        """Down in the search box moves into the results; Enter there picks the first.
        True when the key was used here."""
        if key == Qt.Key.Key_Down and self._model.rowCount():
            self._results.setFocus(Qt.FocusReason.TabFocusReason)
            if self.current_customer() is None:
                self._results.setCurrentIndex(self._model.index(0))
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._debounce.isActive():
                self._debounce.stop()
                self.search(self._search.text())
            elif self._model.rowCount() == 1:
                self._results.setCurrentIndex(self._model.index(0))
                self.customer_confirmed.emit()
            return True
        return False

    # ------------------------------------------------------------------ new customer
    @Slot()
    def on_new_customer_requested(self) -> None:
        session = self._session
        if session is None:
            return
        if self._dialog is not None:
            self._dialog.raise_()
            self._dialog.activateWindow()
            return
        from moto_desk.ui.desk.new_customer_dialog import NewCustomerDialog  # first use: start-up

        dialog = NewCustomerDialog(
            self._runner, self._router, session, self._phone_country, self.window()
        )
        # Start from what was searched: often the name or email the clerk just typed.
        dialog.prefill(self._search.text())
        dialog.customer_created.connect(self.on_customer_created)
        dialog.finished.connect(self.on_dialog_finished)
        self._dialog = dialog
        dialog.open()

    @Slot(object)
    def on_customer_created(self, customer: Customer) -> None:
        row = self._model.put_first(customer)
        self._results.setCurrentIndex(self._model.index(row))
        self._set_note("")
        self.customer_confirmed.emit()

    @Slot(int)
    def on_dialog_finished(self, _result: int) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
            self._dialog = None

    def dialog(self) -> NewCustomerDialog | None:
        return self._dialog

    def _set_note(self, text: str) -> None:
        self._note.setText(text)
        self._note.setVisible(bool(text))


class _SearchBox(QLineEdit):
    """The search field, with Down and Enter handled by the panel.

    Its keys reach Python through ``keyPressEvent`` alone: an event filter saw every event
    of the field (paints, hovers, timers, several per key typed), each a call into Python
    on the GUI thread — and a wait for the GIL whenever a job was running.
    """

    def __init__(self, on_key: Callable[[int], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_key = on_key

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802  Qt's name
        if not self._on_key(event.key()):
            super().keyPressEvent(event)
