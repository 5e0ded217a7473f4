"""In French, Qt's own widgets speak French too (issue 15): the file dialog's labels, which
PySide6's qtbase_fr.qm lacks with their mnemonics, and the date picker's months and days,
which Qt takes from the default locale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QListView, QToolButton, QTreeView

from moto_desk.simulator import Simulator
from moto_desk.ui.main_window import MainWindow
from tests.ui.conftest import find, screenshot
from tests.ui.test_charge import save_a_card
from tests.ui.test_consent_evidence import open_evidence
from tests.ui.test_history import open_history
from tests.ui.test_translations import french_window  # noqa: F401  a fixture
from tests.ui.test_window_fits import clipped

FRENCH_MONTHS = {QLocale(QLocale.Language.French).standaloneMonthName(m) for m in range(1, 13)}


def test_the_file_dialog_speaks_french(
    qtbot: Any,
    french_window: MainWindow,  # noqa: F811  the fixture imported above
    sim: Simulator,
    desk: dict[str, Any],
    tmp_path: Path,
) -> None:
    window = french_window
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    dialog = open_evidence(qtbot, window, "consentEvidenceButton")
    find(dialog, "exportCsvButton").click()
    files = dialog.findChild(QFileDialog, "evidenceFileDialog")
    assert files is not None
    qtbot.waitExposed(files)
    (tmp_path / "recus").mkdir()
    files.setDirectory(str(tmp_path))
    labels = {label.objectName(): label.text() for label in files.findChildren(QLabel)}
    assert labels["lookInLabel"] == "&Voir dans\u00a0:"
    assert labels["fileNameLabel"] == "&Nom de fichier\u00a0:"
    assert labels["fileTypeLabel"] == "Fichiers de &type\u00a0:"
    tree = files.findChild(QTreeView, "treeView")
    model = tree.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Nom", "Taille", "Type", "Dernière modification"]

    # (The folder is listed by a thread; the root's index changes meanwhile.)
    def types() -> dict[str, str]:
        root = tree.rootIndex()
        rows = range(model.rowCount(root))
        return {model.index(r, 0, root).data(): model.index(r, 2, root).data() for r in rows}

    qtbot.waitUntil(lambda: "recus" in types(), timeout=5000)
    assert types()["recus"] == "Dossier"  # Qt 6.11 asks QAbstractFileIconProvider for it
    # Whole words: every column as wide as its title, every place as wide as its name.
    header = tree.header()
    cut = [
        headers[c]
        for c in range(header.count())
        if header.sectionSize(c) < header.sectionSizeHint(c)
        or header.sectionViewportPosition(c) + header.sectionSize(c) > header.viewport().width()
    ]
    assert cut == []
    places = files.findChild(QListView, "sidebar")
    assert places.sizeHintForColumn(0) <= places.viewport().width()
    assert clipped(files) == []
    screenshot(files, "60-file-dialog-fr")
    files.reject()


def test_the_date_picker_speaks_french(
    qtbot: Any,
    french_window: MainWindow,  # noqa: F811  the fixture imported above
) -> None:
    dialog = open_history(qtbot, french_window)
    since = find(dialog, "historySinceFilter")
    calendar = since.calendarWidget()
    assert calendar.locale().language() == QLocale.Language.French
    month = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month.text() in FRENCH_MONTHS
    assert calendar.locale().dayName(1) == "lundi"
    calendar.show()
    screenshot(calendar, "61-date-picker-fr")
    calendar.hide()
