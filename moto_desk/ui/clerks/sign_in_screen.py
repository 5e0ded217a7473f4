"""The sign-in screen: pick your name, type your PIN — keyboard only.

Shown instead of the desk when the window starts on a shop with clerk accounts, when a clerk
locks the desk (Ctrl+L, or "Switch clerk") and after the idle time. The desk stays behind it,
untouched: a save or a charge running when it locked goes on and its result waits there.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class SignInScreen(QWidget):
    """Names of the shop's active clerks, a PIN field and Sign in.

    Signals:
        sign_in_requested(str, str): a clerk's name and the PIN typed.
    """

    sign_in_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInScreen")
        self._roles: dict[str, str] = {}
        box = QFrame(self)
        box.setObjectName("signInBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setMaximumWidth(460)

        title = QLabel(self.tr("Who is at the desk?"), box)
        title.setObjectName("signInTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        self.names = QListWidget(box)
        self.names.setObjectName("clerkList")
        self.names.setAccessibleName(self.tr("Your name"))
        self.names.setToolTip(self.tr("Choose your name with the arrow keys, then press Tab"))
        pin_label = QLabel(self.tr("&PIN"), box)
        self.pin = QLineEdit(box)
        self.pin.setObjectName("pinEdit")
        self.pin.setAccessibleName(self.tr("PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self))
        self.pin.returnPressed.connect(self.on_sign_in_clicked)
        pin_label.setBuddy(self.pin)
        self.names.itemActivated.connect(lambda _item: self.pin.setFocus())
        self.button = QPushButton(self.tr("Sign in"), box)
        self.button.setObjectName("signInButton")
        self.button.setAccessibleName(self.tr("Sign in"))
        self.button.setToolTip(self.tr("Sign in (Enter)"))
        self.button.clicked.connect(self.on_sign_in_clicked)
        self.message = QLabel(box)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")
        self.demo_pins = QLabel(box)
        self.demo_pins.setObjectName("demoPins")
        self.demo_pins.setWordWrap(True)
        self.demo_pins.hide()

        row = QHBoxLayout()
        row.addWidget(pin_label)
        row.addWidget(self.pin, 1)
        row.addWidget(self.button)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(self.names, 1)
        inner.addLayout(row)
        inner.addWidget(self.message)
        inner.addWidget(self.demo_pins)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(box, 2)
        centre.addStretch(1)
        outer.addLayout(centre, 3)
        outer.addStretch(1)
        self.setTabOrder(self.names, self.pin)
        self.setTabOrder(self.pin, self.button)

    def set_accounts(
        self, names: tuple[tuple[str, str], ...], demo_pins: dict[str, str] | None = None
    ) -> None:
        """The active clerks (name, role); in demo training, their PINs shown too."""
        current = self.chosen()
        self.names.clear()
        self._roles = dict(names)
        for name, role in names:
            self.names.addItem(name)
            self.names.item(self.names.count() - 1).setData(Qt.ItemDataRole.UserRole, role)
        found = self.names.findItems(current, Qt.MatchFlag.MatchExactly) if current else []
        self.names.setCurrentRow(self.names.row(found[0]) if found else 0)
        if demo_pins:
            lines = ", ".join(f"{name}: {pin}" for name, pin in demo_pins.items())
            text = self.tr("Training PINs (demo mode only): {pins}")
            self.demo_pins.setText(text.format(pins=lines))
            self.demo_pins.show()
        else:
            self.demo_pins.hide()

    def chosen(self) -> str:
        item = self.names.currentItem()
        return item.text() if item is not None else ""

    def reset(self, message: str = "") -> None:
        """Ready for the next clerk: PIN cleared, the focus on the list of names."""
        self.pin.clear()
        self.show_message(message)
        self.set_busy(False)
        self.names.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.pin.setEnabled(not busy)

    @Slot()
    def on_sign_in_clicked(self) -> None:
        name = self.chosen()
        if not name:
            return
        if not self.pin.text():
            self.show_message(self.tr("Type your PIN."))
            self.pin.setFocus()
            return
        self.set_busy(True)
        self.show_message("")
        self.sign_in_requested.emit(name, self.pin.text())
