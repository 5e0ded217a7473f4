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
    """Read-only table of :class:`SavedCard`; ``CARD_ROLE`` on any column gives the card.

    What each card shows is worked out once, when the cards are set: Qt asks ``data()``
    for every cell and role at each paint and when the columns are sized, on the GUI
    thread, and the words (expiry state, translations) cost more than a lookup.
    """

    COLUMNS = 4

    def __init__(self, parent: QObject | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._shown: dict[int, _Shown] = {}  # by id() of a card in the rows

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
        shown = self._shown_for(card)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return shown.texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return shown.tooltip
        if role == Qt.ItemDataRole.ForegroundRole and column in (1, 2):
            return shown.colour
        if role == Qt.ItemDataRole.FontRole and column == 2:
            return shown.font
        return None

    def _shown_for(self, card: SavedCard) -> _Shown:
        shown = self._shown.get(id(card))
        return shown if shown is not None and shown.card is card else _Shown.of(card, self.today)

    def set_cards(self, cards: list[SavedCard]) -> None:
        today = self.today
        # Before the reset: the views ask for cells as soon as it ends.
        self._shown = {id(card): _Shown.of(card, today) for card in cards}
        self._replace(cards)

    def cards(self) -> list[SavedCard]:
        return self._rows_copy()

    def card_at(self, row: int) -> SavedCard | None:
        return self._row_at(row)


class _Shown:
    """One card's cells: texts, tooltip, and the colour and font that mark its expiry."""

    __slots__ = ("card", "colour", "font", "texts", "tooltip")

    def __init__(
        self,
        card: SavedCard,
        texts: tuple[str, str, str, str],
        tooltip: str,
        colour: QColor | None,
        font: QFont | None,
    ) -> None:
        self.card = card
        self.texts = texts
        self.tooltip = tooltip
        self.colour = colour
        self.font = font

    @classmethod
    def of(cls, card: SavedCard, today: date) -> _Shown:
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
        colour = font = None
        if state != "ok":
            colours = _EXPIRED_COLOURS if state == "expired" else _SOON_COLOURS
            colour = colours[1] if dark_palette() else colours[0]
            font = QFont()
            font.setBold(True)
        return cls(card, texts, tooltip, colour, font)
