"""The selected customer's saved cards as a table model: card, expiry (expired and
expiring-soon marked), and whether the card may be shown again (``allow_redisplay``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from moto_desk.domain.models import AllowRedisplay, SavedCard
from moto_desk.ui.assets import dark_palette

CARD_ROLE = Qt.ItemDataRole.UserRole + 1
#: A card expiring within this many days is marked "expires soon".
EXPIRING_DAYS = 60
_Index = QModelIndex | QPersistentModelIndex

# (light palette, dark palette): readable on either background.
_EXPIRED_COLOURS = (QColor("#b3261e"), QColor("#ef9a9a"))
_SOON_COLOURS = (QColor("#8a5a00"), QColor("#ffcc80"))


def card_words(card: SavedCard) -> str:
    """``Visa •••• 4242``: how a clerk names a card to the customer."""
    return f"{card.brand.title()} •••• {card.last4}"


def expiry_words(card: SavedCard) -> str:
    return f"{card.exp_month:02d}/{card.exp_year}"


def card_state(card: SavedCard, today: date) -> str:
    """``expired``, ``soon`` or ``ok``."""
    if card.is_expired(today):
        return "expired"
    if card.expires_within(EXPIRING_DAYS, today):
        return "soon"
    return "ok"


def card_state_words(card: SavedCard, today: date) -> str:
    state = card_state(card, today)
    if state == "expired":
        return QCoreApplication.translate("SavedCardsModel", "Expired")
    if state == "soon":
        return QCoreApplication.translate("SavedCardsModel", "Expires soon")
    return QCoreApplication.translate("SavedCardsModel", "Valid")


def redisplay_words(value: AllowRedisplay | None) -> str:
    if value is AllowRedisplay.ALWAYS:
        return QCoreApplication.translate("SavedCardsModel", "Always")
    if value is AllowRedisplay.LIMITED:
        return QCoreApplication.translate("SavedCardsModel", "Limited")
    return QCoreApplication.translate("SavedCardsModel", "Not set")


class SavedCardsModel(QAbstractTableModel):
    """Read-only table of :class:`SavedCard`; ``CARD_ROLE`` on any column gives the card."""

    COLUMNS = 4

    def __init__(self, parent: QObject | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._cards: list[SavedCard] = []
        self._today = today

    @property
    def today(self) -> date:
        return self._today or date.today()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802  Qt's signature
        return 0 if parent.isValid() else len(self._cards)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802  Qt's signature
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(  # noqa: N802  Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            QCoreApplication.translate("SavedCardsModel", "Card"),
            QCoreApplication.translate("SavedCardsModel", "Expires"),
            QCoreApplication.translate("SavedCardsModel", "State"),
            QCoreApplication.translate("SavedCardsModel", "Shown again"),
        )
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        column = index.column()
        if role == CARD_ROLE:
            return card
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(card, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate(
                "SavedCardsModel", "{card}, expires {expiry} ({state}); shown again: {redisplay}"
            ).format(
                card=card_words(card),
                expiry=expiry_words(card),
                state=card_state_words(card, self.today),
                redisplay=redisplay_words(card.allow_redisplay),
            )
        state = card_state(card, self.today)
        if role == Qt.ItemDataRole.ForegroundRole and column in (1, 2) and state != "ok":
            colours = _EXPIRED_COLOURS if state == "expired" else _SOON_COLOURS
            return colours[1] if dark_palette() else colours[0]
        if role == Qt.ItemDataRole.FontRole and column == 2 and state != "ok":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, card: SavedCard, column: int) -> str:
        if column == 0:
            return card_words(card)
        if column == 1:
            return expiry_words(card)
        if column == 2:
            return card_state_words(card, self.today)
        return redisplay_words(card.allow_redisplay)

    def set_cards(self, cards: list[SavedCard]) -> None:
        self.beginResetModel()
        self._cards = list(cards)
        self.endResetModel()

    def cards(self) -> list[SavedCard]:
        return list(self._cards)

    def card_at(self, row: int) -> SavedCard | None:
        return self._cards[row] if 0 <= row < len(self._cards) else None
