"""One error router (clerk errors shown, cancels ignored, bugs logged and reported — from any
thread), and quitting while a payment is open asks first."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

from moto_desk.domain.errors import ErrorKind, MotoDeskError, UserCancelled
from moto_desk.simulator import Simulator
from moto_desk.ui.desk.status_panel import StatusPanel
from moto_desk.ui.shell.error_router import ErrorRouter
from tests.ui.conftest import WindowFactory, find, reader_id, screenshot
from tests.ui.test_save_failures import fill_form


@pytest.fixture
def router(qtbot: Any) -> ErrorRouter:
    panel = StatusPanel()
    qtbot.addWidget(panel)
    return ErrorRouter(panel)


def boxes(router: ErrorRouter) -> list[QMessageBox]:
    return router.parent().findChildren(QMessageBox)  # type: ignore[union-attr]


def test_clerk_errors_go_to_the_panel(qtbot: Any, router: ErrorRouter) -> None:
    panel = router.parent()
    assert isinstance(panel, StatusPanel)
    router.route(MotoDeskError(ErrorKind.READER_OFFLINE), view=panel)
    assert panel.state == "failed"
    assert "reader is offline" in panel.text()
    assert boxes(router) == []


def test_clerk_errors_without_a_panel_get_a_message_box(qtbot: Any, router: ErrorRouter) -> None:
    router.route(MotoDeskError(ErrorKind.NETWORK))
    (box,) = boxes(router)
    assert "could not reach Stripe" in box.text()
    box.close()


def test_user_cancelled_is_ignored(qtbot: Any, router: ErrorRouter) -> None:
    with qtbot.assertNotEmitted(router.bug_reported):
        router.route(UserCancelled())
    assert boxes(router) == []


def test_bugs_are_logged_and_reported(
    qtbot: Any, router: ErrorRouter, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(router.bug_reported) as reported:
        router.route(ZeroDivisionError("division by zero"))
    assert reported.args == ["ZeroDivisionError"]
    (box,) = boxes(router)
    assert box.objectName() == "bugReport"
    assert "Something went wrong inside moto-desk" in box.text()
    assert "What you typed is kept" in box.text()
    assert "ZeroDivisionError" in caplog.text
    box.close()


def test_thread_exceptions_reach_the_router_on_the_gui_thread(
    qtbot: Any, router: ErrorRouter, caplog: pytest.LogCaptureFixture
) -> None:
    def crash() -> None:
        raise KeyError("from a worker thread")

    router.install_hooks()
    try:
        with (
            caplog.at_level(logging.ERROR),
            qtbot.waitSignal(router.bug_reported, timeout=5000) as reported,
        ):
            worker = threading.Thread(target=crash)
            worker.start()
            worker.join()
    finally:
        router.uninstall_hooks()
    assert reported.args == ["KeyError"]
    assert threading.excepthook is not router._on_thread_uncaught
    for box in boxes(router):
        box.close()


def test_quitting_during_a_save_asks_first(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    window = open_window()
    fill_form(qtbot, window)
    find(window, "saveCardButton").click()
    status = find(window, "statusPanel")
    qtbot.waitUntil(lambda: "Key in the card number" in status.text(), timeout=5000)
    assert window.runner.payment_jobs_open == 1

    window.close()
    qtbot.waitUntil(
        lambda: window.findChild(QMessageBox, "quitConfirmation") is not None, timeout=2000
    )
    box = window.findChild(QMessageBox, "quitConfirmation")
    assert window.isVisible()
    assert "still in progress" in box.text()
    screenshot(box, "25-quit-confirmation")
    keep = next(b for b in box.findChildren(QPushButton) if b.text() == "Keep working")
    keep.click()
    assert window.isVisible()
    assert window.runner.payment_jobs_open == 1

    window.close()
    qtbot.waitUntil(
        lambda: window.findChild(QMessageBox, "quitConfirmation") is not None, timeout=2000
    )
    box = window.findChild(QMessageBox, "quitConfirmation")
    box.findChild(QPushButton, "quitAnywayButton").click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    # Quitting canceled the reader's action; the save's journal entry is closed.
    reader = sim.set_reader(reader_id(desk))["reader"]
    assert reader["action"] is None or reader["action"]["status"] != "in_progress"
