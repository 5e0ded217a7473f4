"""The window's part of ``moto-desk --self-test``: one save driven through the real GUI.

The core steps prove the flows; this proves the window on top of them — the widgets, the
job runner that moves every Stripe call off the GUI thread, the signals back, the status
panel — by choosing a customer, ticking consent and pressing Save card, offscreen, against
the self-test's simulator. Any Qt warning fails it (qutebrowser's rule for release builds):
a frozen build missing a plugin or a translation shows up here first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from moto_desk.settings import SettingsStore
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.shell.session import StartOptions

#: Printed by Qt's offscreen platform for every top-level window; harmless there.
_EXPECTED = ("This plugin does not support propagateSizeHints()",)


def _wait(condition: Callable[[], bool], seconds: float) -> bool:
    """Run the event loop until ``condition`` holds (checked every 20 ms) or time runs out."""
    loop = QEventLoop()
    deadline = time.monotonic() + seconds
    timer = QTimer()
    timer.setInterval(20)

    def check() -> None:
        if condition() or time.monotonic() > deadline:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    if not condition():
        loop.exec()
    timer.stop()
    return condition()


def _child(window: QWidget, name: str) -> Any:
    widget = window.findChild(QWidget, name)
    if widget is None:
        raise RuntimeError(f"the window has no {name!r}")
    return widget


def save_through_window(data_dir: Path, api_base: str, customer_name: str) -> str:
    """Save a card for ``customer_name`` through the window; the approved panel's text.

    The caller has set the simulated reader to key a card in by itself.
    """
    warnings: list[str] = []

    def on_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg and not message.startswith(_EXPECTED):
            warnings.append(message)

    previous = qInstallMessageHandler(on_message)
    app = QApplication.instance() or QApplication(["moto-desk-self-test"])
    store = SettingsStore(data_dir / "settings.json")
    window = MainWindow(StartOptions(data_dir, api_base=api_base, demo=True), store, store.load())
    try:
        window.show()
        window.start()
        if not _wait(lambda: window.session is not None and bool(window.readers.readers()), 20):
            raise RuntimeError("the window did not connect to the simulator")
        window.customers.search(customer_name)
        results = _child(window, "customerResults")
        if not _wait(lambda: results.model().rowCount() >= 1, 10):
            raise RuntimeError(f"the window did not find the customer {customer_name!r}")
        results.setCurrentIndex(results.model().index(0, 0))
        _child(window, "consentCheck").setChecked(True)
        save = _child(window, "saveCardButton")
        if not _wait(save.isEnabled, 5):
            raise RuntimeError(f"Save card stayed disabled: {save.toolTip()}")
        save.click()
        status = _child(window, "statusPanel")
        ended = ("approved", "failed", "canceled", "unknown")
        if not _wait(lambda: status.state in ended, 30):
            raise RuntimeError("the save did not end in the status panel")
        if status.state != "approved":
            raise RuntimeError(f"the window's save ended {status.state}: {status.text()}")
        text = str(status.text())
    finally:
        window.shutdown()
        window.deleteLater()
        _wait(lambda: False, 0.05)  # let deferred deletions run
        qInstallMessageHandler(previous)
    del app
    if warnings:
        raise RuntimeError("unexpected Qt output: " + " | ".join(warnings))
    return text
