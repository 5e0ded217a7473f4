"""The selected customer's saved cards as a table model: card, expiry (expired and
expiring-soon marked), and whether the card may be shown again (``allow_redisplay``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from moto_desk.domain.choices import AllowRedisplay
from moto_desk.ui.assets import dark_palette
from moto_desk.ui.row_table_model import ROW_ROLE, RowTableModel

if TYPE_CHECKING:
    from moto_desk.domain.models import SavedCard

CARD_ROLE = ROW_ROLE
#: A card expiring within this many days is marked "expires soon".
EXPIRING_DAYS = 60

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


class SavedCardsModel(RowTableModel["SavedCard"]):  # quoted: models load after first paint
    """Read-only table of :class:`SavedCard`; ``CARD_ROLE`` on any column gives the card."""

    COLUMNS = 4

    def __init__(self, parent: QObject | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._today = today

    @property
    def today(self) -> date:
        return self._today or date.today()

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("SavedCardsModel", "Card"),
            QCoreApplication.translate("SavedCardsModel", "Expires"),
            QCoreApplication.translate("SavedCardsModel", "State"),
            QCoreApplication.translate("SavedCardsModel", "Shown again"),
        )

    def cell(self, card: SavedCard, column: int, role: int) -> Any:
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
        self._replace(cards)

    def cards(self) -> list[SavedCard]:
        return self._rows_copy()

    def card_at(self, row: int) -> SavedCard | None:
        return self._row_at(row)
