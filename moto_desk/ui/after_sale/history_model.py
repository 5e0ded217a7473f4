"""The desk's history as a table model: one row per journal operation, in the clerk's words.

Rows are :class:`~moto_desk.flows.history.HistoryRow` values loaded by a job; the model only
formats them (local time, translated operation and outcome, amounts in the window's language)
and sorts them by the real value of a column — a time by its instant, an amount by its minor
units — never by the text shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
)
from PySide6.QtGui import QColor

from moto_desk.domain.money import Money, format_money
from moto_desk.flows.history import HistoryRow, Outcome
from moto_desk.records.journal import JournalKind
from moto_desk.ui.shell.assets import dark_palette
from moto_desk.ui.shell.row_table_model import ROW_ROLE, RowTableModel

__all__ = ["ROW_ROLE", "Column", "HistoryModel"]

# (light palette, dark palette): readable on either background.
_COLOURS = {
    Outcome.SUCCEEDED: (QColor("#2e7d32"), QColor("#a5d6a7")),
    Outcome.FAILED: (QColor("#b3261e"), QColor("#ef9a9a")),
    Outcome.CANCELED: (QColor("#8a5a00"), QColor("#ffcc80")),
    Outcome.UNKNOWN: (QColor("#8a5a00"), QColor("#ffcc80")),
}


class Column(IntEnum):
    TIME = 0
    KIND = 1
    CLERK = 2
    DESK = 3
    CUSTOMER = 4
    AMOUNT = 5
    CARD = 6
    OUTCOME = 7
    STRIPE = 8


def kind_words(kind: JournalKind) -> str:
    """The operation as the clerk names it."""
    words = {
        JournalKind.SAVE_CARD: QCoreApplication.translate("HistoryModel", "Save card"),
        JournalKind.CHARGE: QCoreApplication.translate("HistoryModel", "Charge"),
        JournalKind.REFUND: QCoreApplication.translate("HistoryModel", "Refund"),
        JournalKind.DETACH: QCoreApplication.translate("HistoryModel", "Remove card"),
        JournalKind.CREATE_CUSTOMER: QCoreApplication.translate("HistoryModel", "New customer"),
        JournalKind.CLEAR_READER: QCoreApplication.translate("HistoryModel", "Clear reader"),
    }
    return words[kind]


def outcome_words(outcome: Outcome) -> str:
    words = {
        Outcome.SUCCEEDED: QCoreApplication.translate("HistoryModel", "Succeeded"),
        Outcome.FAILED: QCoreApplication.translate("HistoryModel", "Failed"),
        Outcome.CANCELED: QCoreApplication.translate("HistoryModel", "Canceled"),
        Outcome.UNKNOWN: QCoreApplication.translate("HistoryModel", "Not known yet"),
    }
    return words[outcome]


def charge_outcome_words(row: HistoryRow) -> str:
    """The outcome, saying for a charge whether it was refunded since ("did it go through?"
    is often followed by "and did we give it back?")."""
    left = row.remaining
    if left is None or row.refunded is None or row.refunded.amount <= 0:
        return outcome_words(row.outcome)
    if left.amount <= 0:
        return QCoreApplication.translate("HistoryModel", "Succeeded, refunded in full")
    return QCoreApplication.translate("HistoryModel", "Succeeded, partly refunded")


def reason_words(reason: str | None) -> str:
    """A refund reason (Stripe's code) in the clerk's words."""
    words = {
        "requested_by_customer": QCoreApplication.translate(
            "HistoryModel", "Requested by the customer"
        ),
        "duplicate": QCoreApplication.translate("HistoryModel", "Duplicate payment"),
        "fraudulent": QCoreApplication.translate("HistoryModel", "Fraudulent payment"),
    }
    return words.get(reason or "", reason or "")


def card_text(row: HistoryRow) -> str:
    """``Visa •••• 4242`` (as the saved-cards list names a card), or nothing when unknown."""
    if not row.card_brand or not row.card_last4:
        return ""
    return f"{row.card_brand.title()} •••• {row.card_last4}"


def customer_text(row: HistoryRow) -> str:
    """The customer's name when this desk knows it, else the Stripe id."""
    return row.customer_name or row.customer_id or ""


def local_time(moment: datetime, *, seconds: bool = False) -> str:
    """An instant in this computer's time zone, as the other dialogs show times.

    The history shows seconds: two operations a few seconds apart (a charge and its repeat)
    must not look simultaneous.
    """
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def stripe_ids(row: HistoryRow) -> str:
    """The Stripe ids of an operation, the object it made first."""
    ids = [row.stripe_object_id, row.payment_intent_id]
    if row.kind is JournalKind.SAVE_CARD:
        ids.append(row.payment_method_id)
    seen: list[str] = []
    for value in ids:
        if value and value not in seen:
            seen.append(value)
    return " · ".join(seen)


def outcome_message(row: HistoryRow) -> str:
    """The recorded outcome message, in the clerk's language when the catalogue has it.

    The journal keeps the English text (it is also read in logs and by the CLI); a message
    without placeholders is exactly its template, so the clerk catalogue can translate it.
    """
    if not row.outcome_message:
        return ""
    return QCoreApplication.translate("clerk", row.outcome_message) or row.outcome_message


class HistoryModel(RowTableModel[HistoryRow]):
    """Read-only, sortable table of :class:`HistoryRow`; ``ROW_ROLE`` gives the row."""

    def __init__(self, parent: QObject | None = None, *, locale: str = "en") -> None:
        super().__init__(parent)
        self._locale = locale
        self._sort: tuple[int, Qt.SortOrder] = (Column.TIME, Qt.SortOrder.DescendingOrder)

    # ------------------------------------------------------------------ shape
    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("HistoryModel", "Time"),
            QCoreApplication.translate("HistoryModel", "Operation"),
            QCoreApplication.translate("HistoryModel", "Clerk"),
            QCoreApplication.translate("HistoryModel", "Desk"),
            QCoreApplication.translate("HistoryModel", "Customer"),
            QCoreApplication.translate("HistoryModel", "Amount"),
            QCoreApplication.translate("HistoryModel", "Card"),
            QCoreApplication.translate("HistoryModel", "Outcome"),
            QCoreApplication.translate("HistoryModel", "Stripe ids"),
        )

    # ------------------------------------------------------------------ data
    def cell(self, row: HistoryRow, index: int, role: int) -> Any:
        column = Column(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.OUTCOME:
            light, dark = _COLOURS[row.outcome]
            return dark if dark_palette() else light
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _money(self, money: Money | None) -> str:
        return format_money(money, self._locale) if money is not None else ""

    def _text(self, row: HistoryRow, column: Column) -> str:
        texts: dict[Column, Callable[[], str]] = {
            Column.TIME: lambda: local_time(row.created_at, seconds=True),
            Column.KIND: lambda: kind_words(row.kind),
            Column.CLERK: lambda: row.clerk or "",
            Column.DESK: lambda: row.desk or "",
            Column.CUSTOMER: lambda: customer_text(row),
            Column.AMOUNT: lambda: self._money(row.amount),
            Column.CARD: lambda: card_text(row),
            Column.OUTCOME: lambda: charge_outcome_words(row),
            Column.STRIPE: lambda: stripe_ids(row),
        }
        return texts[column]()

    def _tooltip(self, row: HistoryRow, column: Column) -> str | None:
        if column is Column.OUTCOME:
            return outcome_message(row) or outcome_words(row.outcome)
        if column is Column.AMOUNT and row.remaining is not None:
            text = QCoreApplication.translate(
                "HistoryModel", "Refunded so far: {refunded}. Left to refund: {left}."
            ).format(refunded=self._money(row.refunded), left=self._money(row.remaining))
            if row.refund_open:
                text += " " + QCoreApplication.translate(
                    "HistoryModel", "A refund of this payment is not settled yet."
                )
            return text
        if column is Column.CUSTOMER and row.customer_id:
            return " · ".join(
                p for p in (row.customer_name, row.customer_email, row.customer_id) if p
            )
        if column is Column.KIND and row.reason:
            return QCoreApplication.translate("HistoryModel", "Reason: {reason}").format(
                reason=reason_words(row.reason)
            )
        if column is Column.STRIPE:
            return stripe_ids(row) or None
        return None

    # ------------------------------------------------------------------ sorting
    def _key(self, row: HistoryRow, column: Column) -> tuple[Any, ...]:
        if column is Column.TIME:
            return (row.created_at, row.entry_id)
        if column is Column.AMOUNT:
            if row.amount is None:
                return (0, "", 0)
            return (1, row.amount.currency, row.amount.amount)
        return (self._text(row, column).casefold(), row.created_at)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sort = (column, order)
        # PySide6 exposes only the argument-less overloads of the layout signals.
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        descending = order == Qt.SortOrder.DescendingOrder
        ranked = sorted(
            range(len(old)), key=lambda i: self._key(old[i], Column(column)), reverse=descending
        )
        self._rows = [old[i] for i in ranked]
        moved_to = {before: after for after, before in enumerate(ranked)}
        previous = self.persistentIndexList()
        self.changePersistentIndexList(
            previous,
            [self.index(moved_to[i.row()], i.column()) for i in previous],
        )
        self.layoutChanged.emit()

    # ------------------------------------------------------------------ contents
    def set_rows(self, rows: list[HistoryRow]) -> None:
        """Replace the rows, keeping the clerk's chosen sort."""
        column, order = self._sort
        self.beginResetModel()
        self._rows = sorted(
            rows,
            key=lambda r: self._key(r, Column(column)),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.endResetModel()

    def row_of(self, entry_id: str) -> int:
        """The row showing journal entry ``entry_id``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.entry_id == entry_id), -1)
