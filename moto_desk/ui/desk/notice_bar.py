"""A quiet strip under the mode banner for things the clerk should know but need not
answer at once: operations from last time that needed attention, a missing keyring."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from moto_desk.ui.shell.assets import restyle


class NoticeBar(QFrame):
    """Shows one notice at a time until the clerk dismisses it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setAccessibleName(self.tr("Notice"))
        self._text = QLabel(self)
        self._text.setObjectName("noticeText")
        self._text.setWordWrap(True)
        self._close = QPushButton(self.tr("Dismiss"), self)
        self._close.setObjectName("dismissNoticeButton")
        self._close.setAccessibleName(self.tr("Dismiss the notice"))
        self._close.clicked.connect(self.on_dismiss_clicked)
        layout = QHBoxLayout(self)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._close)
        self.hide()

    def show_notice(self, text: str, kind: str = "info") -> None:
        """``kind`` is info or warning (styled in the stylesheet)."""
        self.setProperty("kind", kind)
        restyle(self)
        self._text.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def text(self) -> str:
        return self._text.text() if not self.isHidden() else ""

    @Slot()
    def on_dismiss_clicked(self) -> None:
        self.hide()
