"""The selected customer's saved cards: charge one (F6), see the consent evidence behind them,
or remove one because the customer withdrew consent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from moto_desk.domain.errors import MotoDeskError
from moto_desk.ui.desk.saved_cards_model import SavedCardsModel, card_words
from moto_desk.ui.operations import desk as operations
from moto_desk.ui.shell.assets import icon
from moto_desk.ui.shell.changes import Change, Topic
from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text

if TYPE_CHECKING:
    from moto_desk.domain.models import Customer, SavedCard
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession


class SavedCardsPanel(QGroupBox):
    """Cards on file for one customer.

    Signals:
        charge_requested(): the clerk asked to charge a saved card.
        evidence_requested(): the clerk asked for the customer's consent evidence.
        removal_requested(object): the clerk asked to remove a card (the SavedCard) because
            the customer withdrew consent.
    """

    charge_requested = Signal()
    evidence_requested = Signal()
    removal_requested = Signal(object)

    def __init__(self, runner: JobRunner, router: ErrorRouter, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Saved cards"))
        self._runner = runner
        self._router = router
        self._session: DeskSession | None = None
        self._customer: Customer | None = None

        self._model = SavedCardsModel(self)
        self._table = QTableView(self)
        self._table.setObjectName("savedCards")
        self._table.setModel(self._model)
        self._table.setAccessibleName(self.tr("Saved cards of the customer"))
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.verticalHeader().hide()
        self._table.setShowGrid(False)
        self._table.setWordWrap(False)
        header = self._table.horizontalHeader()
        # The card's name must never be cut: size columns to their text, pad the last. Sized
        # once per load (on_cards_found): in ResizeToContents mode Qt measures every cell
        # again at each selection, show and layout — milliseconds each time.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        self._table.doubleClicked.connect(self.on_card_activated)

        self._note = QLabel(self)
        self._note.setObjectName("savedCardsNote")
        self._note.setWordWrap(True)
        self._note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self._charge = QPushButton(icon("charge"), self.tr("Charge saved card…"), self)
        self._charge.setObjectName("chargeButton")
        self._charge.setAccessibleName(self.tr("Charge a saved card"))
        self._charge.setToolTip(self.tr("Charge one of the customer's saved cards (F6)"))
        self._charge.clicked.connect(self.on_charge_clicked)

        self._evidence = QPushButton(self.tr("Consent evidence…"), self)
        self._evidence.setObjectName("consentEvidenceButton")
        self._evidence.setAccessibleName(self.tr("Show the customer's consent evidence"))
        self._evidence.setToolTip(
            self.tr("The customer's consents, for a bank or an auditor: view, PDF, CSV (Ctrl+E)")
        )
        self._evidence.clicked.connect(self.on_evidence_clicked)
        self._withdraw = QPushButton(self.tr("Remove card…"), self)
        self._withdraw.setObjectName("withdrawCardButton")
        self._withdraw.setAccessibleName(self.tr("Remove card (consent withdrawn)"))
        self._withdraw.clicked.connect(self.on_withdraw_clicked)
        self._table.selectionModel().selectionChanged.connect(self.on_selection_changed)

        more = QHBoxLayout()
        more.addWidget(self._evidence)
        more.addWidget(self._withdraw)

        # The cards, or a note in their place (loading, none yet, could not load). A stack
        # rather than showing and hiding each: the panel keeps its size, and a reload
        # (after every save) does not make Qt lay the whole window out twice.
        cards_or_note = QWidget(self)
        self._cards_or_note = QStackedLayout(cards_or_note)
        self._cards_or_note.addWidget(self._table)
        self._cards_or_note.addWidget(self._note)

        layout = QVBoxLayout(self)
        layout.addWidget(cards_or_note, 1)
        layout.addWidget(self._charge)
        layout.addLayout(more)
        self.show_customer(None)

    # ------------------------------------------------------------------ public
    def set_session(self, session: DeskSession | None) -> None:
        self._session = session
        self.reload()

    def show_customer(self, customer: Customer | None) -> None:
        self._customer = customer
        self.reload()

    def customer(self) -> Customer | None:
        return self._customer

    @Slot(object)
    def on_changed(self, change: Change) -> None:
        """A customer's cards changed (saved, removed — here or elsewhere): reload them if
        they are this customer's."""
        customer = self._customer
        if customer is not None and change.touches(Topic.CARDS, customer.id):
            self.reload()

    def cards(self) -> list[SavedCard]:
        return self._model.cards()

    def selected_card(self) -> SavedCard | None:
        rows = self._table.selectionModel().selectedRows()
        return self._model.card_at(rows[0].row()) if rows else None

    def tab_chain(self) -> list[QWidget]:
        return [self._table, self._charge, self._evidence, self._withdraw]

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        """(Re)load the current customer's cards; older answers are ignored."""
        self._runner.drop_pending(self, "cards")  # another customer's cards, still coming
        self._model.set_cards([])
        self._update_charge()
        customer, session = self._customer, self._session
        if customer is None:
            self._set_note(self.tr("Choose a customer to see their saved cards."))
            return
        if session is None:
            self._set_note(self.tr("Connecting…"))
            return
        self._set_note(self.tr("Loading saved cards…"))

        (
            operations.list_saved_cards(self._runner, session, customer.id, owner=self)
            .on_success(self.on_cards_found)
            .on_failure(self.on_cards_failed)
            .run()
        )

    def on_cards_found(self, cards: list[SavedCard]) -> None:
        self._model.set_cards(cards)
        self._table.resizeColumnsToContents()
        if cards:
            self._table.selectRow(0)
            self._set_note("")
        else:
            self._set_note(self.tr("No saved card yet."))
        self._update_charge()

    def on_cards_failed(self, error: BaseException) -> None:
        if isinstance(error, MotoDeskError):
            self._set_note(
                self.tr("Could not load the saved cards: {reason}").format(reason=clerk_text(error))
            )
        else:
            self._router.route(error)

    # ------------------------------------------------------------------ charge
    def _update_charge(self) -> None:
        self._update_consent_buttons()
        ready = self._customer is not None and bool(self._model.cards())
        self._charge.setEnabled(ready)
        if ready:
            self._charge.setToolTip(self.tr("Charge one of the customer's saved cards (F6)"))
        elif self._customer is None:
            self._charge.setToolTip(self.tr("Choose a customer first (F6 charges a saved card)"))
        else:
            self._charge.setToolTip(self.tr("This customer has no saved card yet (F6)"))

    def can_charge(self) -> bool:
        return self._charge.isEnabled()

    # ------------------------------------------------------------------ consent
    def _update_consent_buttons(self) -> None:
        self._evidence.setEnabled(self._customer is not None and self._session is not None)
        card = self.selected_card()
        self._withdraw.setEnabled(card is not None)
        if card is None:
            self._withdraw.setToolTip(self.tr("Choose a saved card to remove"))
        else:
            self._withdraw.setToolTip(
                self.tr(
                    "Remove {card} because the customer withdrew consent: detached in Stripe, "
                    "recorded in the consent ledger with a reason"
                ).format(card=card_words(card))
            )

    @Slot()
    def on_selection_changed(self) -> None:
        self._update_consent_buttons()

    @Slot()
    def on_evidence_clicked(self) -> None:
        self.evidence_requested.emit()

    @Slot()
    def on_withdraw_clicked(self) -> None:
        card = self.selected_card()
        if card is not None:
            self.removal_requested.emit(card)

    @Slot()
    def on_charge_clicked(self) -> None:
        self.charge_requested.emit()

    @Slot()
    def on_card_activated(self) -> None:
        if self.can_charge():
            self.charge_requested.emit()

    def _set_note(self, text: str) -> None:
        self._note.setText(text)
        shown = self._table if not text or self._model.cards() else self._note
        if self._cards_or_note.currentWidget() is not shown:
            # Showing a widget makes Qt lay out at once every layout up to the window. With
            # the stack's layout off while the page changes, it is laid out once, on the
            # LayoutRequest the change posts (before the paint).
            if self._table.hasFocus():
                # As when the table was hidden: the focus goes on to the next widget (the
                # stack would give it to the note).
                self.focusNextChild()
            self._cards_or_note.setEnabled(False)
            self._cards_or_note.setCurrentWidget(shown)
            self._cards_or_note.setEnabled(True)
        self._table.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if self._model.cards() else Qt.FocusPolicy.NoFocus
        )
