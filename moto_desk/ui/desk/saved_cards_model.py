"""The selected customer's saved cards as a table model: card, expiry (expired and
expiring-soon marked), and whether the card may be shown again (``allow_redisplay``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel

from moto_desk.domain.choices import AllowRedisplay
from moto_desk.ui.shell.assets import dark_palette
from moto_desk.ui.shell.row_table_model import ROW_ROLE

if TYPE_CHECKING:
    from datetime import date

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


class SavedCardsModel(QStandardItemModel):
    """Read-only table of :class:`SavedCard`; ``CARD_ROLE`` on any column gives the card.

    The cells are worked out once, when the cards are set, and kept by Qt: the table is
    painted and sized without calling into Python. (As a Python model answering ``data()``
    for every cell and role, a paint of three cards took 1.75 ms on the GUI thread; as
    items, 0.5 ms.)
    """

    COLUMNS = 4

    def __init__(self, parent: QObject | None = None, today: date | None = None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        self._today = today
        self._cards: list[SavedCard] = []
        self.setHorizontalHeaderLabels(list(self.headers()))

    @property
    def today(self) -> date:
        from datetime import date  # after the first paint: the cards arrive with the session

        return self._today or date.today()

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("SavedCardsModel", "Card"),
            QCoreApplication.translate("SavedCardsModel", "Expires"),
            QCoreApplication.translate("SavedCardsModel", "State"),
            QCoreApplication.translate("SavedCardsModel", "Shown again"),
        )

    def set_cards(self, cards: list[SavedCard]) -> None:
        self._cards = list(cards)
        self.removeRows(0, self.rowCount())
        if self._cards:  # the window's first, empty list needs no date
            today = self.today
            for card in self._cards:
                self.appendRow(_row(card, today))

    def cards(self) -> list[SavedCard]:
        return list(self._cards)

    def card_at(self, row: int) -> SavedCard | None:
        return self._cards[row] if 0 <= row < len(self._cards) else None


def _row(card: SavedCard, today: date) -> list[QStandardItem]:
    """One card's cells: texts, tooltip, the colour and font that mark its expiry."""
    state = card_state(card, today)
    texts = (
        card_words(card),
        expiry_words(card),
        card_state_words(card, today),
        redisplay_words(card.allow_redisplay),
    )
    tooltip = QCoreApplication.translate(
        "SavedCardsModel", "{card}, expires {expiry} ({state}); shown again: {redisplay}"
    ).format(card=texts[0], expiry=texts[1], state=texts[2], redisplay=texts[3])
    items = []
    for column, text in enumerate(texts):
        item = QStandardItem(text)
        item.setEditable(False)
        item.setData(text, Qt.ItemDataRole.AccessibleTextRole)
        item.setToolTip(tooltip)
        item.setData(card, CARD_ROLE)
        if state != "ok" and column in (1, 2):
            colours = _EXPIRED_COLOURS if state == "expired" else _SOON_COLOURS
            item.setForeground(colours[1] if dark_palette() else colours[0])
        if state != "ok" and column == 2:
            font = QFont()
            font.setBold(True)
            item.setFont(font)
        items.append(item)
    return items
