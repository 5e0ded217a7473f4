"""Help → Create a support bundle… and Help → About moto-desk, in the real window."""

from __future__ import annotations

import json
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from moto_desk.paths import log_dir
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.shell.about_dialog import AboutDialog
from tests.helpers.private_modes import assert_owner_only

from .conftest import OFFSCREEN_NOISE, WindowFactory, find, screenshot


def help_menu_texts(window: MainWindow) -> list[str]:
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    help_menu = next(m for m in menus if m.title() in ("&Help", "&Aide"))
    return [a.text() for a in help_menu.actions() if not a.isSeparator()]


def open_about(qtbot: Any, window: MainWindow) -> AboutDialog:
    window.about_action.trigger()
    qtbot.waitUntil(lambda: window.about_dialog() is not None, timeout=5000)
    dialog = window.about_dialog()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_the_help_menu_creates_a_support_bundle_in_a_job(
    qtbot: Any, open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window()
    assert help_menu_texts(window) == ["Create a support bundle…", "About moto-desk"]
    window.support_bundle_action.trigger()
    action = window.support_bundle()
    assert action is not None and action.dialog is not None
    dialog = action.dialog
    assert dialog.objectName() == "supportBundleFileDialog"
    assert dialog.defaultSuffix() == "zip"
    out = tmp_path / "for-support.zip"
    dialog.selectFile(str(out))
    with qtbot.waitSignal(action.bundle_written, timeout=20_000) as written:
        dialog.accept()
    assert written.args[0].path == out
    assert_owner_only(out)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        doctor = json.loads(archive.read("doctor.json"))
        settings = json.loads(archive.read("settings.json"))
    assert {"versions.json", "doctor.json", "settings.json", "records.json"} <= set(names)
    assert "stripe-requests.jsonl" in names
    assert doctor["mode"] == "demo"
    assert settings["backend"] == "auto"
    box = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "supportBundleWritten"
    )
    assert str(out) in box.text()
    screenshot(box, "support-bundle-written")
    box.close()
    assert not action.running


def test_a_bundle_that_cannot_be_written_is_said_in_words(
    qtbot: Any, open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window()
    window.support_bundle_action.trigger()
    action = window.support_bundle()
    assert action is not None
    out = tmp_path / "no-such-folder" / "bundle.zip"
    action.on_file_chosen(str(out))
    qtbot.waitUntil(lambda: not action.running, timeout=20_000)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    texts = [b.text() for b in boxes if b.isVisible()]
    assert any("could not write the support bundle" in t and str(out) in t for t in texts)
    for box in boxes:
        box.close()
    if action.dialog is not None:
        action.dialog.reject()


# Raising the open About box again: the offscreen platform cannot raise windows and says so.
@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support raise")
def test_about_shows_the_versions_and_where_the_files_are(
    qtbot: Any, open_window: WindowFactory, data_dir: Path
) -> None:
    window = open_window()
    dialog = open_about(qtbot, window)
    assert dialog.value("aboutAppVersion") == version("moto-desk")
    assert dialog.value("aboutQtVersion") == version("PySide6-Essentials")
    assert dialog.value("aboutStripeVersion") == version("stripe")
    assert dialog.value("aboutPythonVersion") == ".".join(map(str, sys.version_info[:3]))
    assert dialog.value("aboutDataFolder") == str(data_dir)
    assert dialog.value("aboutLogsFolder") == str(log_dir(data_dir))
    assert dialog.value("aboutSettingsFile") == str(data_dir / "settings.json")
    window.about_action.trigger()  # a second time raises the same box
    assert window.about_dialog() is dialog
    screenshot(dialog, "about-en")
    find(dialog, "aboutCloseButton").click()
    qtbot.waitUntil(lambda: window.about_dialog() is None, timeout=5000)


def test_about_in_french(qtbot: Any, open_window: WindowFactory) -> None:
    from moto_desk.ui.shell.translations import install_translators

    app = QApplication.instance()
    assert app is not None
    installed = install_translators(app, "fr")
    try:
        window = open_window(language="fr")
        assert help_menu_texts(window) == [
            "Créer un dossier d’assistance…",
            "À propos de moto-desk",
        ]
        dialog = open_about(qtbot, window)
        assert dialog.windowTitle() == "À propos de moto-desk"
        assert find(dialog, "aboutCloseButton").text() == "Fermer"
        screenshot(dialog, "about-fr")
        dialog.close()
    finally:
        for translator in installed:
            app.removeTranslator(translator)
