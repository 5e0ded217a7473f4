"""The shop's card-on-file health: every saved card that is expired, expires within 60 days,
or is saved on several customers — the list to work through before charges start failing.

Checking means listing the cards of every customer this desk knows (one Stripe request each),
so it runs in a job with a visible "checking…" state; closing the dialog cancels it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QObject,
    Qt,
    Slot,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.flows.card_health import EXPIRING_DAYS, CardHealth, CardProblem
from moto_desk.ui.desk.saved_cards_model import card_words, expiry_words
from moto_desk.ui.operations import after_sale as operations
from moto_desk.ui.shell.assets import dark_palette
from moto_desk.ui.shell.changes import Change, Topic
from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text
from moto_desk.ui.shell.row_table_model import ROW_ROLE, RowTableModel

if TYPE_CHECKING:
    from moto_desk.domain.models import Customer
    from moto_desk.ui.shell.jobs import Job, JobRunner
    from moto_desk.ui.shell.session import DeskSession

HEALTH_ROLE = ROW_ROLE
# (light palette, dark palette), as in the Saved cards list.
_COLOURS = {
    CardProblem.EXPIRED: (QColor("#b3261e"), QColor("#ef9a9a")),
    CardProblem.EXPIRING: (QColor("#8a5a00"), QColor("#ffcc80")),
    CardProblem.SHARED: (QColor("#6a1b9a"), QColor("#ce93d8")),
}


def customer_words(customer: Customer) -> str:
    return customer.name or customer.id


class CardHealthModel(RowTableModel[CardHealth]):
    """Read-only table of :class:`CardHealth`; ``HEALTH_ROLE`` on any column gives the item."""

    COLUMNS = 5

    def __init__(self, parent: QObject | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._today = today

    @property
    def today(self) -> date:
        return self._today or date.today()

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("CardHealthModel", "Customer"),
            QCoreApplication.translate("CardHealthModel", "Card"),
            QCoreApplication.translate("CardHealthModel", "Expires"),
            QCoreApplication.translate("CardHealthModel", "Problem"),
            QCoreApplication.translate("CardHealthModel", "What to do"),
        )

    def cell(self, item: CardHealth, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate(
                "CardHealthModel", "{customer} ({id}): {card} — {problem}. {advice}"
            ).format(
                customer=customer_words(item.customer),
                id=item.customer.id,
                card=card_words(item.card),
                problem=self.problem_words(item.problem),
                advice=self.advice(item),
            )
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            light, dark = _COLOURS[item.problem]
            return dark if dark_palette() else light
        if role == Qt.ItemDataRole.FontRole and column == 3:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, item: CardHealth, column: int) -> str:
        if column == 0:
            return customer_words(item.customer)
        if column == 1:
            return card_words(item.card)
        if column == 2:
            return expiry_words(item.card)
        if column == 3:
            return self.problem_words(item.problem)
        return self.advice(item)

    @staticmethod
    def problem_words(problem: CardProblem) -> str:
        if problem is CardProblem.EXPIRED:
            return QCoreApplication.translate("CardHealthModel", "Expired")
        if problem is CardProblem.EXPIRING:
            return QCoreApplication.translate("CardHealthModel", "Expires soon")
        return QCoreApplication.translate("CardHealthModel", "Shared card")

    def advice(self, item: CardHealth) -> str:
        if item.problem is CardProblem.EXPIRED:
            return QCoreApplication.translate(
                "CardHealthModel", "Cannot be charged: ask the customer for a new card"
            )
        if item.problem is CardProblem.EXPIRING:
            last = item.card.last_valid_day
            return QCoreApplication.translate(
                "CardHealthModel", "Works until {date}: ask the customer for the new expiry date"
            ).format(date=QLocale().toString(QDate(last.year, last.month, last.day), "d MMM yyyy"))
        return QCoreApplication.translate(
            "CardHealthModel", "Same card as {others}: check it is not a duplicate customer"
        ).format(others=", ".join(customer_words(c) for c in item.shared_with))

    def set_items(self, items: list[CardHealth]) -> None:
        self._replace(items)

    def items(self) -> list[CardHealth]:
        return self._rows_copy()

    def item_at(self, row: int) -> CardHealth | None:
        return self._row_at(row)


class CardHealthDialog(QDialog):
    """The shop's cards that need attention.

    Signals:
    """

    def __init__(
        self,
        runner: JobRunner,
        router: ErrorRouter,
        session: DeskSession,
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cardHealthDialog")
        self.setWindowTitle(self.tr("Card health — saved cards that need attention"))
        self._runner = runner
        self._router = router
        self._session = session
        self._today = today
        # The running check, if any (cancelled when a newer one starts or the dialog closes).
        self._job: Job[list[CardHealth]] | None = None

        self._summary = QLabel(self)
        self._summary.setObjectName("cardHealthSummary")
        self._summary.setWordWrap(True)

        self._model = CardHealthModel(self, today)
        self._table = QTableView(self)
        self._table.setObjectName("cardHealthTable")
        self._table.setModel(self._model)
        self._table.setAccessibleName(self.tr("Saved cards that need attention"))
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.verticalHeader().hide()
        self._table.setShowGrid(False)
        self._table.setWordWrap(False)
        header = self._table.horizontalHeader()
        for column in range(CardHealthModel.COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self._refresh = QPushButton(self.tr("Check again"), self)
        self._refresh.setObjectName("cardHealthRefresh")
        self._refresh.setToolTip(self.tr("List the saved cards of every customer again (F5)"))
        self._refresh.setShortcut("F5")
        self._refresh.clicked.connect(self.on_refresh_clicked)
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("closeCardHealthButton")
        close.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self._refresh)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self._summary)
        layout.addWidget(self._table, 1)
        layout.addLayout(buttons)
        self.resize(860, 440)
        self.finished.connect(self.on_closed)
        self.check()

    # ------------------------------------------------------------------ public
    def model(self) -> CardHealthModel:
        return self._model

    def summary(self) -> str:
        return self._summary.text()

    @property
    def checking(self) -> bool:
        return self._job is not None

    # ------------------------------------------------------------------ checking
    @Slot(object)
    def on_changed(self, change: Change) -> None:
        """Cards were saved or removed: the list is checked again."""
        if change.touches(Topic.CARDS):
            self.check()

    def check(self) -> None:
        """List every known customer's cards again (in a job); an older answer is ignored."""
        if self._job is not None:
            self._job.cancel()
        self._refresh.setEnabled(False)
        self._summary.setText(
            self.tr("Checking the saved cards of every customer this desk knows…")
        )
        session, today = self._session, self._today or date.today()

        self._job = (
            operations.check_card_health(self._runner, session, today, owner=self)
            .on_success(self.on_checked)
            .on_failure(self.on_check_failed)
            .run()
        )

    def on_checked(self, items: list[CardHealth]) -> None:
        self._done()
        self._model.set_items(items)
        if items:
            self._table.selectRow(0)
        counts = {problem: 0 for problem in CardProblem}
        for item in items:
            counts[item.problem] += 1
        if not items:
            self._summary.setText(
                self.tr(
                    "All saved cards are in order: none expired, none expiring within {days} "
                    "days, none saved on several customers."
                ).format(days=EXPIRING_DAYS)
            )
        else:
            self._summary.setText(
                self.tr(
                    "Expired: {expired} · Expiring within {days} days: {expiring} · "
                    "Saved on several customers: {shared}"
                ).format(
                    expired=counts[CardProblem.EXPIRED],
                    expiring=counts[CardProblem.EXPIRING],
                    shared=counts[CardProblem.SHARED],
                    days=EXPIRING_DAYS,
                )
            )

    def on_check_failed(self, error: BaseException) -> None:
        self._done()
        if isinstance(error, MotoDeskError):
            if error.kind is ErrorKind.CANCELED:
                return
            self._summary.setText(
                self.tr("Could not check the saved cards: {reason}").format(
                    reason=clerk_text(error)
                )
            )
        else:
            self._router.route(error)

    def _done(self) -> None:
        self._job = None
        self._refresh.setEnabled(True)

    @Slot()
    def on_refresh_clicked(self) -> None:
        self.check()

    @Slot(int)
    def on_closed(self, _result: int) -> None:
        if self._job is not None:
            self._job.cancel()
