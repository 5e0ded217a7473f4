"""The strip across the top that says which money is at stake: LIVE, TEST or DEMO.

A clerk must never wonder whether a card is really being charged, so the banner is always
visible, styled by its ``mode`` property (see ``resources/style.qss``: LIVE is red).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from moto_desk.ui.shell.assets import restyle


class ModeBanner(QLabel):
    """Shows the current mode; ``mode`` is one of connecting, demo, test, live."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modeBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Mode"))
        self.show_connecting()

    @property
    def mode(self) -> str:
        return str(self.property("mode"))

    def _set(self, mode: str, text: str) -> None:
        self.setProperty("mode", mode)
        self.setText(text)
        self.setAccessibleDescription(text)
        restyle(self)

    def show_connecting(self) -> None:
        self._set("connecting", self.tr("Connecting…"))

    def show_demo(self, note: str = "") -> None:
        text = self.tr("DEMO — practice on the built-in card reader simulator. No real money.")
        self._set("demo", f"{text}\n{note}" if note else text)

    def show_test(self) -> None:
        self._set("test", self.tr("TEST — Stripe test mode with simulated readers. No real money."))

    def show_live(self) -> None:
        self._set("live", self.tr("LIVE — real cards, real money."))

    def show_offline(self) -> None:
        self._set("offline", self.tr("Not connected to Stripe."))
