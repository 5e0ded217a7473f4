"""The window speaks French: every source string has its French text, the committed .qm is
what lrelease makes of the .ts, and ``--lang fr`` shows a French window."""

from __future__ import annotations

import argparse
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.simulator import Simulator
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.shell.app import build_window
from moto_desk.ui.shell.translations import choose_language
from tests.ui.conftest import find, screenshot, wait_ready_window

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "translations_script", ROOT / "packaging" / "translations.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_source_string_has_french_and_the_files_are_current() -> None:
    script = _script()
    assert script.check("fr") == []


def test_untranslated_strings_are_found(tmp_path: Path) -> None:
    """The check itself can fail: a .ts with an unfinished entry is reported."""
    script = _script()
    ts = tmp_path / "x.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="fr"><context><name>C</name>'
        "<message><source>Hello</source>"
        '<translation type="unfinished"></translation></message>'
        "<message><source>Done</source><translation>Fait</translation></message>"
        "</context></TS>\n",
        encoding="utf-8",
    )
    assert script.untranslated(ts) == ["Hello"]


def test_language_choice() -> None:
    assert choose_language("fr", "en") == "fr"
    assert choose_language(None, "fr") == "fr"
    assert choose_language("de", "xx") in ("en", "fr")


@pytest.fixture
def french_window(
    qtbot: Any, qapp: QApplication, sim: Simulator, desk: dict[str, Any], data_dir: Path
) -> Iterator[MainWindow]:
    """The window as ``moto-desk --lang fr`` builds it (translators installed)."""
    args = argparse.Namespace(data_dir=data_dir, api_base=sim.url, demo=True, lang="fr")
    locale = QLocale()  # build_window makes French the default locale
    before = set(qapp.findChildren(QTranslator))
    window = build_window(args, data_dir, qapp)
    translators = [t for t in qapp.findChildren(QTranslator) if t not in before]
    assert translators, "no French catalogue was installed"
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.start()
    wait_ready_window(qtbot, window)
    yield window
    window.close()
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(locale)
    qapp.setStyleSheet("")


def test_french_window(qtbot: Any, french_window: MainWindow) -> None:
    window = french_window
    assert find(window, "saveCardButton").text() == "Enregistrer la carte"
    assert find(window, "modeBanner").text().startswith("DÉMO")
    assert "(en ligne)" in find(window, "readerSelector").currentText()
    assert "Cochez" not in find(window, "saveCardButton").toolTip()
    assert "choisir un client" in find(window, "saveCardButton").toolTip()
    terms = find(window, "consentTerms").toPlainText()
    assert "Notre boutique" in terms or "notre boutique" in terms
    assert "Prêt" in find(window, "statusPanel").text()
    # The core's clerk messages come in French too (the lead's "clerk" catalogue).
    status = window.status
    status.show_failure(MotoDeskError(ErrorKind.READER_OFFLINE))
    assert "Problème de lecteur" in status.text()
    assert "The card reader is offline" not in status.text()
    screenshot(window, "26-french")
