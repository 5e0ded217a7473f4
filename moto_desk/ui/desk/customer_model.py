"""The customers found by a search, as a Qt item model (the list can grow; DESIGN: models)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

if TYPE_CHECKING:
    from moto_desk.domain.models import Customer

CUSTOMER_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def customer_label(customer: Customer) -> str:
    """One line a clerk recognises a customer by: name, then email and phone."""
    name = customer.name or QCoreApplication.translate("CustomerModel", "(no name)")
    return f"{name} — {contact}" if (contact := contact_words(customer)) else name


def contact_words(customer: Customer) -> str:
    """Email and phone, the phone written for reading aloud (stored as E.164)."""
    from moto_desk.domain.phone import format_phone  # with the first results, not at start

    phone = format_phone(customer.phone) if customer.phone else None
    return " · ".join(part for part in (customer.email, phone) if part)


class CustomerModel(QAbstractListModel):
    """Read-only list of :class:`Customer`; ``CUSTOMER_ROLE`` gives the customer itself."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._customers: list[Customer] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802  Qt's signature
        return 0 if parent.isValid() else len(self._customers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._customers):
            return None
        customer = self._customers[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # Two lines, so a long email never hides the name behind a scroll bar.
            name = customer.name or QCoreApplication.translate("CustomerModel", "(no name)")
            contact = contact_words(customer)
            return f"{name}\n{contact}" if contact else name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return customer_label(customer)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{customer_label(customer)}\n{customer.id}"
        if role == CUSTOMER_ROLE:
            return customer
        return None

    def customer_at(self, row: int) -> Customer | None:
        return self._customers[row] if 0 <= row < len(self._customers) else None

    def row_of(self, customer_id: str) -> int:
        for row, customer in enumerate(self._customers):
            if customer.id == customer_id:
                return row
        return -1

    def set_customers(self, customers: list[Customer]) -> None:
        """Replace the list (a new search result)."""
        self.beginResetModel()
        self._customers = list(customers)
        self.endResetModel()

    def extend_customers(self, customers: list[Customer]) -> None:
        """Show ``customers``, which begin with the customers shown now (a search's full answer
        after its local part): those rows stay where they are — refreshed when their details
        changed — and the rest are added below them, so neither the selection nor the scroll
        position moves. Any other list replaces the shown one (:meth:`set_customers`).
        """
        shown = len(self._customers)
        new = list(customers)
        if [c.id for c in new[:shown]] != [c.id for c in self._customers]:
            self.set_customers(new)
            return
        for row, customer in enumerate(new[:shown]):
            if customer != self._customers[row]:
                self._customers[row] = customer
                changed = self.index(row)
                self.dataChanged.emit(changed, changed)
        if len(new) > shown:
            self.beginInsertRows(QModelIndex(), shown, len(new) - 1)
            self._customers.extend(new[shown:])
            self.endInsertRows()

    def put_first(self, customer: Customer) -> int:
        """Show ``customer`` at the top (just created), replacing an older copy; its row."""
        existing = self.row_of(customer.id)
        if existing >= 0:
            self.beginRemoveRows(QModelIndex(), existing, existing)
            del self._customers[existing]
            self.endRemoveRows()
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._customers.insert(0, customer)
        self.endInsertRows()
        return 0
