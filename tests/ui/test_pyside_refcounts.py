"""PySide6 must not lose references to True/False when signals reach Python.

PySide6-Essentials 6.12.0 drops one reference to ``True`` for every emission of a
Python-defined signal received by a Python callable. A desk emits thousands of such signals
a day (every job's result, every reader poll's progress), and when the count reaches zero
the interpreter aborts: "Fatal Python error: bool_dealloc: deallocating True or False".
pyproject.toml pins a release without the bug; this test fails on one that has it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton

EMISSIONS = 200


class Emitter(QObject):
    bare = Signal()
    number = Signal(int)
    flag = Signal(bool)
    thing = Signal(object)

    @Slot()
    def on_bare(self) -> None:
        pass

    @Slot(int)
    def on_number(self, value: int) -> None:
        pass

    @Slot(bool)
    def on_flag(self, value: bool) -> None:
        pass

    def plain(self, *values: Any) -> None:
        pass


def _unchanged(emit: Callable[[], object]) -> tuple[int, int]:
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(EMISSIONS):
        emit()
    return sys.getrefcount(True) - before[0], sys.getrefcount(False) - before[1]


@pytest.mark.parametrize(
    "connect",
    ["lambda", "slot", "method"],
)
@pytest.mark.parametrize("signal", ["bare", "number", "flag", "thing"])
def test_python_signals_keep_true_and_false_alive(
    qapp: QApplication, signal: str, connect: str
) -> None:
    emitter = Emitter()
    args: dict[str, tuple[object, ...]] = {
        "bare": (),
        "number": (7,),
        "flag": (True,),
        "thing": (False,),
    }
    receivers = {
        "lambda": lambda *values: None,
        "slot": {
            "bare": emitter.on_bare,
            "number": emitter.on_number,
            "flag": emitter.on_flag,
            "thing": emitter.plain,
        }[signal],
        "method": emitter.plain,
    }
    instance = getattr(emitter, signal)
    instance.connect(receivers[connect])
    assert _unchanged(lambda: instance.emit(*args[signal])) == (0, 0)


def test_qt_signals_keep_true_and_false_alive(qapp: QApplication) -> None:
    button = QPushButton()
    button.setCheckable(True)
    button.clicked.connect(lambda checked: None)
    box = QCheckBox()
    box.toggled.connect(lambda on: None)
    timer = QTimer()
    timer.timeout.connect(lambda: None)
    assert _unchanged(button.click) == (0, 0)
    assert _unchanged(box.toggle) == (0, 0)
    assert _unchanged(timer.timeout.emit) == (0, 0)
