"""The baseline for moto-desk's frozen size and start-up: a bare PySide6 ``QMainWindow``
with a few widgets, built by ``bare-window.spec`` exactly as the app is built.

With ``MOTO_DESK_REPORT_FIRST_PAINT=1`` (the variable the app honours too) it prints one JSON
line at its first paint and quits, so both are timed the same way
(``tests/benchmarks/bench_frozen.py``). With ``MOTO_DESK_BARE_TOUCH_QT=1`` it first touches
PySide6's ``Qt`` namespace once, as any real window does (an alignment, a key, an item role):
PySide6 then makes the namespace's 94 Python enums — the "bare+Qt" baseline of the start-up
budget (issue 17).
"""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

REPORT_ENV = "MOTO_DESK_REPORT_FIRST_PAINT"
TOUCH_QT_ENV = "MOTO_DESK_BARE_TOUCH_QT"


class BareWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("bare window")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(QLabel("A bare PySide6 window"))
        form = QFormLayout()
        form.addRow("Name", QLineEdit())
        form.addRow("Email", QLineEdit())
        layout.addLayout(form)
        layout.addWidget(QPushButton("Save"))
        self.setCentralWidget(central)
        self.resize(640, 400)
        # As the app's window does: a minimum size set before the platform window exists
        # (set later by the layout, Qt's offscreen plugin warns it cannot propagate it).
        self.setMinimumSize(480, 320)
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802  Qt's name
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if os.environ.get(REPORT_ENV):
                # After this paint pass (the children paint after the window), as the app
                # reports its first frame.
                QTimer.singleShot(0, _report_and_quit)


def _report_and_quit() -> None:
    print(json.dumps({"first_paint": True}), flush=True)
    QApplication.quit()


def main() -> int:
    if os.environ.get(TOUCH_QT_ENV):
        from PySide6.QtCore import Qt

        Qt.AlignmentFlag  # noqa: B018  the first touch is the cost measured
    app = QApplication(sys.argv[:1])
    window = BareWindow()
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
