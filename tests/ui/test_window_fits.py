"""The window fits a 1366×768 and a 1280×720 laptop with the simulated reader open, and uses
a 1920×1080 screen well (issue 15: the bottom 20 px were under the taskbar).

Each screen's free area is its size less a 40 px taskbar; a maximized window then loses a
title bar (openbox draws 19 px, GNOME and Windows 30-32) — the tests keep 32.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QMainWindow,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from moto_desk.simulator import Simulator
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.shell.screen_fit import FRAME_ALLOWANCE, fitted_size, window_geometry
from tests.ui.conftest import WindowFactory, find, screenshot
from tests.ui.test_charge import save_a_card
from tests.ui.test_translations import french_window  # noqa: F401  a fixture

TASKBAR = 40
TITLE_BAR = 32
SCREENS = {
    "1366x768": QRect(0, 0, 1366, 768 - TASKBAR),
    "1280x720": QRect(0, 0, 1280, 720 - TASKBAR),
    "1920x1080": QRect(0, 0, 1920, 1080 - TASKBAR),
}


def client_size(available: QRect) -> QSize:
    """The client area the window gets on that screen: as planned, or maximized."""
    plan = window_geometry(available)
    if plan is None:
        return QSize(available.width(), available.height() - TITLE_BAR)
    return plan.size()


@pytest.mark.parametrize("screen", SCREENS)
def test_the_window_and_its_frame_fit_the_free_area(screen: str) -> None:
    available = SCREENS[screen]
    plan = window_geometry(available)
    if plan is None:
        return  # maximized: the window manager fits the frame into the free area
    half = FRAME_ALLOWANCE.width() // 2
    frame = plan.adjusted(-half, -(FRAME_ALLOWANCE.height() - half), half, half)
    assert available.contains(frame), (screen, plan, frame)
    assert plan.width() >= 1280 and plan.height() >= 800


def test_small_laptops_get_the_window_maximized() -> None:
    """Sized by hand (1280×800 less nothing for the title bar) it overflowed by 20 px."""
    assert window_geometry(SCREENS["1366x768"]) is None
    assert window_geometry(SCREENS["1280x720"]) is None
    assert window_geometry(SCREENS["1920x1080"]) == QRect(144, 64, 1632, 936)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_consent_evidence_fits_too(screen: str) -> None:
    available = SCREENS[screen]
    size = fitted_size(QSize(820, 720), available)
    assert size.height() + FRAME_ALLOWANCE.height() <= available.height()
    assert size.width() + FRAME_ALLOWANCE.width() <= available.width()
    if screen == "1920x1080":
        assert size == QSize(820, 720)


def laid_out(qtbot: Any, window: QMainWindow, size: QSize) -> None:
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size, timeout=2000)
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def inside_a_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def text_fits(combo: QComboBox) -> bool:
    """The chosen entry reads whole in the closed box (a combo box's minimum size hint
    does not promise that)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox,
        option,
        QStyle.SubControl.SC_ComboBoxEditField,
        combo,
    )
    icon = combo.iconSize().width() + 4 if not combo.itemIcon(combo.currentIndex()).isNull() else 0
    return combo.fontMetrics().horizontalAdvance(combo.currentText()) + icon <= field.width()


def clipped(window: QWidget) -> list[str]:
    """Every visible widget that does not get its minimum size or sticks out of its parent."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or inside_a_scroll_area(widget):
            continue
        parent = widget.parentWidget()
        name = widget.objectName() or type(widget).__name__
        if parent is not None and not parent.rect().contains(widget.geometry()):
            problems.append(f"{name} {widget.geometry()} outside {parent.rect()}")
        if isinstance(widget, QComboBox) and not text_fits(widget):
            problems.append(f"{name} cuts “{widget.currentText()}”")
        hint = widget.minimumSizeHint()
        if not hint.isValid():
            continue
        # As layouts do: a minimum size set on purpose (a three-line address field) wins.
        need_width = widget.minimumWidth() or hint.width()
        # A word-wrapped label needs the height of its lines at the width it got; a
        # container's heightForWidth is its preferred height, so its minimum is the hint
        # (and its labels are checked one by one).
        wraps = widget.hasHeightForWidth() and widget.layout() is None
        need_height = (
            widget.heightForWidth(widget.width())
            if wraps
            else (widget.minimumHeight() or hint.height())
        )
        if widget.width() < need_width or widget.height() < need_height:
            problems.append(f"{name} {widget.size()} smaller than {need_width}x{need_height}")
    return problems


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("screen", SCREENS)
def test_nothing_is_clipped_with_the_simulated_reader_open(
    qtbot: Any, request: pytest.FixtureRequest, screen: str, language: str
) -> None:
    if language == "fr":
        window: MainWindow = request.getfixturevalue("french_window")
    else:
        window = request.getfixturevalue("open_window")()
    dock = find(window, "simulatorDock")
    assert dock.isVisible()  # open from the start in demo mode
    size = client_size(SCREENS[screen])
    central = window.centralWidget()
    assert window.minimumSizeHint().width() <= size.width()
    assert window.minimumSizeHint().height() <= size.height()
    assert window.minimumSize().width() <= size.width()
    assert window.minimumSize().height() <= size.height()
    laid_out(qtbot, window, size)
    screenshot(window, f"50-window-{screen}-{language}")
    assert central.size().height() >= central.minimumSizeHint().height()
    assert dock.size().height() >= dock.minimumSizeHint().height()
    assert clipped(window) == []
    if screen == "1920x1080":
        # A big screen gives every panel at least the room it asks for.
        assert central.height() >= central.sizeHint().height()
        assert central.width() >= central.sizeHint().width()
        assert dock.height() >= dock.sizeHint().height()


@pytest.mark.parametrize("screen", ["1366x768", "1280x720"])
def test_nothing_is_clipped_after_a_save_with_the_simulator_speaking(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any], screen: str
) -> None:
    """The busiest screen: a saved card listed, the status panel's result, and a sentence
    in the simulated-reader panel (each grows its panel)."""
    window = open_window()
    size = client_size(SCREENS[screen])
    laid_out(qtbot, window, size)
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    assert window.simulator is not None
    find(window, "presentCardButton").click()  # no save waits: the panel says so
    result = find(window, "simulatorResult")
    qtbot.waitUntil(lambda: "not waiting" in result.text(), timeout=10_000)
    laid_out(qtbot, window, size)
    screenshot(window, f"51-window-after-save-{screen}")
    assert clipped(window) == []
