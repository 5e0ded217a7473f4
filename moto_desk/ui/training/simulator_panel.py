"""The simulated reader (F9, demo and test mode only): key a Stripe test card into the
selected simulated reader, as the clerk would on a real one.

It goes through ``Gateway.present_test_card`` — Stripe's own test-helper endpoint — so the
same panel trains clerks on the built-in simulator and on Stripe's simulated readers in test
mode. The main window never creates it in live mode, and the gateway refuses there too.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moto_desk.domain.errors import MotoDeskError
from moto_desk.ui.operations import training as operations
from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text
from moto_desk.ui.training.training_cards import TEST_CARDS, TestCard

if TYPE_CHECKING:
    from moto_desk.domain.models import Reader
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession


class SimulatorPanel(QWidget):
    """Choose a test card and present it to the selected reader."""

    def __init__(self, runner: JobRunner, router: ErrorRouter, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("simulatorPanel")
        self.setAccessibleName(self.tr("Simulated reader"))
        self._runner = runner
        self._router = router
        self._session: DeskSession | None = None
        self._reader: Reader | None = None

        intro = QLabel(
            self.tr(
                "Training only. While a reader waits for a card, pick a Stripe test card and "
                "present it, as if you keyed it in on the reader."
            ),
            self,
        )
        intro.setWordWrap(True)
        self._cards = QComboBox(self)
        self._cards.setObjectName("testCardChoice")
        self._cards.setAccessibleName(self.tr("Test card"))
        for card in TEST_CARDS:
            self._cards.addItem(f"{card.description} (…{card.last4})", card.key)
        self._present = QPushButton(self)
        self._present.setObjectName("presentCardButton")
        self._present.setAccessibleName(self.tr("Present the test card to the reader"))
        self._present.clicked.connect(self.on_present_clicked)
        self._result = QLabel(self)
        self._result.setObjectName("simulatorResult")
        self._result.setWordWrap(True)

        label = QLabel(self.tr("Test &card"), self)
        label.setBuddy(self._cards)
        # The card and the button on one row: on a 1366×768 or 1280×720 laptop every line
        # this dock takes is a line less for the customer list and the saved cards.
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self._cards, 1)
        row.addWidget(self._present)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self._result)
        layout.addStretch(1)
        self._update_button()

    def set_session(self, session: DeskSession | None) -> None:
        self._session = session
        self._update_button()

    @Slot(object)
    def on_reader_changed(self, reader: Reader | None) -> None:
        self._reader = reader
        self._update_button()

    def choose(self, key: str) -> None:
        self._cards.setCurrentIndex(self._cards.findData(key))

    def selected_card(self) -> TestCard:
        key = str(self._cards.currentData())
        return next(card for card in TEST_CARDS if card.key == key)

    def _update_button(self) -> None:
        reader = self._reader
        if reader is None:
            self._present.setText(self.tr("Present to the reader"))
        else:
            self._present.setText(self.tr("Present to “{reader}”").format(reader=reader.label))
        self._present.setEnabled(reader is not None and self._session is not None)

    def on_save_started(self) -> None:
        """A new save waits for a card: what the last card did is no longer news (a trainee
        read "Presented: Declined…" while the next save waited)."""
        self._result.setText(
            self.tr(
                "The reader waits for a card: choose a test card, then press Present to the reader."
            )
        )

    @Slot()
    def on_present_clicked(self) -> None:
        session, reader = self._session, self._reader
        if session is None or reader is None:
            return
        card = self.selected_card()
        expiry_year = date.today().year + 3
        self._present.setEnabled(False)
        self._result.setText(self.tr("Presenting…"))

        (
            operations.present_test_card(
                self._runner, session, reader.id, card.number, expiry_year, card.cvc, owner=self
            )
            .on_success(lambda presented: self.on_presented(card, reader, presented))
            .on_failure(self.on_present_failed)
            .on_finished(self._update_button)
            .run()
        )

    def on_presented(self, card: TestCard, reader: Reader, presented: bool) -> None:
        if not presented:
            self._result.setText(
                self.tr(
                    "The reader “{reader}” is not waiting for a card: press Save card (F5) "
                    "first, then present the card."
                ).format(reader=reader.label)
            )
            return
        self._result.setText(self.tr("Presented: {card}.").format(card=card.description))

    @Slot(object)
    def on_present_failed(self, error: BaseException) -> None:
        if isinstance(error, MotoDeskError):
            self._result.setText(clerk_text(error))
        else:
            self._router.route(error)
