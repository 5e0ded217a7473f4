"""Real desk windows for tests outside ``tests/ui`` (whose conftest fixtures they cannot see).

Built the way ``tests/ui/conftest.py``'s ``open_window`` builds them — a started
:class:`MainWindow` on a given data folder and Stripe address, through the real backend and
flows — and closed (workers joined) by :meth:`DeskWindows.close_all`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from moto_desk.settings import SettingsStore
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.shell.session import StartOptions

#: Printed by Qt's offscreen platform for every top-level window; says nothing about our code.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


class DeskWindows:
    """Opens started windows; the test's fixture calls :meth:`close_all` at the end."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.windows: list[MainWindow] = []

    def open(
        self,
        data_dir: Path,
        *,
        api_base: str | None,
        demo: bool,
        settings_file: Path | None = None,
        readers: int = 2,
    ) -> MainWindow:
        store = SettingsStore(settings_file or data_dir / "settings.json")
        options = StartOptions(data_dir, api_base=api_base, demo=demo, lang="en")
        window = MainWindow(options, store, store.load(), "en")
        window.resize(1280, 800)
        self.windows.append(window)
        self.qtbot.addWidget(window)
        window.show()
        self.qtbot.waitExposed(window)
        window.activateWindow()
        window.start()
        self.qtbot.waitUntil(
            lambda: window.session is not None and len(window.readers.readers()) == readers,
            timeout=15_000,
        )
        return window

    def close(self, window: MainWindow) -> None:
        window._quit_confirmed = True
        window.close()
        window.shutdown()

    def close_all(self) -> None:
        for window in self.windows:
            self.close(window)


def child(window: QWidget, name: str) -> Any:
    """The child widget called ``name``."""
    widget = window.findChild(QWidget, name)
    assert widget is not None, f"no widget named {name!r}"
    return widget


def close_message_boxes() -> list[str]:
    """Close every message box left open (bug reports, warnings); the texts they showed."""
    texts: list[str] = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            texts.append(widget.text())
            widget.close()
    return texts
