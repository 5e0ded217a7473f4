"""The Terminal readers this account has, as an item model for the reader selector."""

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
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from moto_desk.domain.models import Reader

READER_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def reader_state_words(reader: Reader) -> str:
    if reader.status == "online":
        return QCoreApplication.translate("ReaderModel", "online")
    if reader.status == "offline":
        return QCoreApplication.translate("ReaderModel", "offline")
    return QCoreApplication.translate("ReaderModel", "status unknown")


def reader_line(reader: Reader) -> str:
    """``Front desk — Main shop (online)``: label, location, state."""
    where = f" — {reader.location_name}" if reader.location_name else ""
    return f"{reader.label}{where} ({reader_state_words(reader)})"


class ReaderModel(QAbstractListModel):
    """Read-only list of :class:`Reader`; offline readers are greyed but still selectable
    (their state may be stale; the save then says exactly what is wrong)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._readers: list[Reader] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802  Qt's signature
        return 0 if parent.isValid() else len(self._readers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._readers):
            return None
        reader = self._readers[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return reader_line(reader)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{reader_line(reader)}\n{reader.device_type} · {reader.id}"
        if role == Qt.ItemDataRole.ForegroundRole and reader.status == "offline":
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == READER_ROLE:
            return reader
        return None

    def set_readers(self, readers: list[Reader]) -> None:
        self.beginResetModel()
        self._readers = list(readers)
        self.endResetModel()

    def reader_at(self, row: int) -> Reader | None:
        return self._readers[row] if 0 <= row < len(self._readers) else None

    def row_of(self, reader_id: str) -> int:
        for row, reader in enumerate(self._readers):
            if reader.id == reader_id:
                return row
        return -1
