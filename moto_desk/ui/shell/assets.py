"""The window's files under ``resources/``: the one stylesheet, SVG icons, translations.

The folder is found the same way as the consent terms (from source or from a PyInstaller
bundle), so the frozen build needs only to ship ``resources/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from moto_desk.domain.consent import resources_dir


def icons_dir() -> Path:
    return resources_dir() / "icons"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def stylesheet_path() -> Path:
    return resources_dir() / "style.qss"


def stylesheet() -> str:
    """The stylesheet, or nothing if the file is missing (the window still works)."""
    try:
        return stylesheet_path().read_text(encoding="utf-8")
    except OSError:
        return ""


def dark_palette() -> bool:
    """True when the OS palette is dark: the stylesheet then uses its light accents
    (``*[theme="dark"]`` rules), since a stylesheet cannot ask the palette itself."""
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` (an empty icon if it is missing)."""
    path = icons_dir() / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def restyle(*widgets: QWidget) -> None:
    """Apply the stylesheet again after a dynamic property changed (Qt does not by itself).

    A widget not polished yet (before its first show) is left alone: it is polished, with
    its current properties, when it is shown — and asking for its ``style()`` would create
    ``QStyle``'s Python enums (about 15 ms) before the window's first paint.
    """
    for widget in widgets:
        if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            style = widget.style()
            style.unpolish(widget)
            style.polish(widget)
