"""Qt's own "Save as" dialog, as the evidence and receipt exports open it: sized so that its
column titles and places read whole in French too ("Dernière modification" was cut to
"Dernière modifica…", "Ordinateur" to "Ordinat…")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QSplitter,
    QTreeView,
    QWidget,
)

#: Room for Qt's widgets at their French lengths: the detail view's four columns whole next
#: to the places list, the "Look in" path and the type filter.
SIZE = (780, 460)
SIDEBAR_WIDTH = 170


class SaveFileDialog(QFileDialog):
    """Choose where to save a file (non-blocking: connect ``fileSelected``, then ``open()``).

    Deleted when closed. Where the platform gives a native dialog instead of Qt's widgets,
    the sizing has nothing to act on and is skipped: that dialog sizes itself.
    """

    def __init__(self, parent: QWidget, title: str, path: str, filters: str, suffix: str) -> None:
        super().__init__(parent, title, path, filters)
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.setFileMode(QFileDialog.FileMode.AnyFile)
        self.setDefaultSuffix(suffix)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._fit_french_words()

    def _fit_french_words(self) -> None:
        screen = self.screen().availableGeometry()
        width, height = SIZE
        self.resize(
            min(max(self.width(), width), screen.width()),
            min(max(self.height(), height), screen.height()),
        )
        # Qt's grid gives its Save/Cancel column a pixel less than the French "Enregistrer"
        # button asks for.
        buttons = self.findChild(QDialogButtonBox, "buttonBox")
        if buttons is not None:
            buttons.setMinimumWidth(buttons.minimumSizeHint().width())
        splitter = self.findChild(QSplitter, "splitter")
        if splitter is not None and splitter.count() == 2:
            splitter.setSizes([SIDEBAR_WIDTH, self.width() - SIDEBAR_WIDTH])
        view = self.findChild(QTreeView, "treeView")
        if view is None:
            return
        # The name takes what is left; each other column at least as wide as its title.
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, header.count()):
            header.resizeSection(
                column, max(header.sectionSize(column), header.sectionSizeHint(column))
            )
