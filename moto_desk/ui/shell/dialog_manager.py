"""The window's non-modal dialogs: each opened once, raised when asked for again.

After Anki's ``DialogManager``: history, evidence, card health, settings and the charge
dialog are each known by a name; asking for one that is open raises it instead of opening a
second copy, and the manager forgets it when it closes — instead of the same four methods
(open-or-raise, build, on-closed, accessor) written out for every dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QObject

if TYPE_CHECKING:
    # Named for the type checker only: the window is built before any dialog, and making
    # PySide6's QDialog type (on first use) is part of the first dialog's cost, not the
    # first paint's.
    from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound="QDialog")


class DialogManager(QObject):
    """Open dialogs by name; see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open: dict[str, QDialog] = {}

    def current(self, name: str) -> QDialog | None:
        """The dialog open under ``name``, if any (a deleted one is forgotten)."""
        dialog = self._open.get(name)
        if dialog is not None and not shiboken6.isValid(dialog):
            del self._open[name]
            return None
        return dialog

    def raise_open(self, name: str) -> QDialog | None:
        """Bring the dialog open under ``name`` to the front; None when none is open."""
        dialog = self.current(name)
        if dialog is not None:
            dialog.show()
            dialog.raise_()
            dialog.activateWindow()
        return dialog

    def opened(self, name: str, dialog: D, *, modal_to_window: bool = True) -> D:
        """Show ``dialog`` under ``name`` (``open()``: window-modal, or ``show()``) and
        forget it when it finishes."""
        self._open[name] = dialog
        dialog.finished.connect(lambda _result: self._forget(name, dialog))
        if modal_to_window:
            dialog.open()
        else:
            dialog.show()
        return dialog

    def _forget(self, name: str, dialog: QDialog) -> None:
        if self._open.get(name) is dialog:
            del self._open[name]

    def close_all(self) -> None:
        for dialog in list(self._open.values()):
            if shiboken6.isValid(dialog):
                dialog.close()
        self._open.clear()
