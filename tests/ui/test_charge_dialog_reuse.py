"""The window keeps one charge dialog, built before the first F6 and filled in at each F6:
each opening must look and behave like a new dialog, and nothing from an earlier opening
may reach a later one."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import moto_desk.ui.operations.payments
from moto_desk.simulator import Simulator
from moto_desk.ui.payments.charge_dialog import ChargeDialog
from tests.ui.conftest import WindowFactory, find, key
from tests.ui.test_charge import open_charge, save_a_card


def test_the_dialog_is_built_before_the_first_f6(qtbot: Any, open_window: WindowFactory) -> None:
    window = open_window()
    qtbot.waitUntil(lambda: window.findChild(ChargeDialog) is not None, timeout=5000)
    dialog = window.findChild(ChargeDialog)
    assert dialog is not None
    # Every page, down to the result's Close button, is ready before the clerk asks.
    qtbot.waitUntil(lambda: dialog.findChild(object, "doneButton") is not None, timeout=5000)
    assert window.charge_dialog() is None
    assert not dialog.isVisible()


def test_a_reopened_dialog_starts_over(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    window = open_window()
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    dialog = open_charge(qtbot, window)
    fresh_feedback = find(dialog, "amountFeedback").text()
    qtbot.keyClicks(find(dialog, "amountEdit"), "7")
    find(dialog, "descriptionEdit").setText("Repair")
    find(dialog, "receiptEmailEdit").setText("not-an-email")
    find(dialog, "currencyChoice").setCurrentIndex(find(dialog, "currencyChoice").findData("eur"))
    find(dialog, "reviewChargeButton").click()
    assert not find(dialog, "receiptEmailError").isHidden()
    key(qtbot, dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.charge_dialog() is None, timeout=2000)

    again = open_charge(qtbot, window)
    assert again is dialog  # the same dialog, filled in again
    assert again.page == "form"
    assert find(again, "amountEdit").text() == ""
    assert find(again, "descriptionEdit").text() == ""
    assert find(again, "receiptEmailEdit").text() == ""
    assert find(again, "receiptEmailError").isHidden()
    assert find(again, "cardError").isHidden()
    assert find(again, "currencyChoice").currentText() == "USD"
    assert find(again, "amountFeedback").text() == fresh_feedback
    amount = find(again, "amountEdit")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is amount, timeout=2000)


def test_an_answer_for_a_closed_dialog_does_not_reach_the_next_charge(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The consent looked up for a charge the clerk closed answers late: the next charge
    keeps showing its own consent."""
    real_lookup = moto_desk.ui.operations.payments.active_consent
    release = threading.Event()
    calls: list[str] = []

    def lookup(session: Any, payment_method_id: str) -> Any:
        calls.append(payment_method_id)
        if len(calls) == 1:
            release.wait(10)
            return None  # "no consent recorded", were it shown
        return real_lookup(session, payment_method_id)

    monkeypatch.setattr(moto_desk.ui.operations.payments, "active_consent", lookup)
    window = open_window()
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    try:
        dialog = open_charge(qtbot, window)
        edit = find(dialog, "amountEdit")
        qtbot.keyClicks(edit, "5")
        key(qtbot, edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.page == "confirm", timeout=2000)
        assert "Looking up the consent on record" in dialog.confirm_text()
        key(qtbot, dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.charge_dialog() is None, timeout=2000)

        dialog = open_charge(qtbot, window)
        edit = find(dialog, "amountEdit")
        qtbot.keyClicks(edit, "6")
        key(qtbot, edit, Qt.Key.Key_Return)
        qtbot.waitUntil(find(dialog, "confirmChargeButton").isEnabled, timeout=5000)
        assert "Consent on record: given by mail" in dialog.confirm_text()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=5000)
    assert len(calls) == 2
    text = dialog.confirm_text()
    assert "Amount: $6.00" in text
    assert "Consent on record: given by mail" in text
    assert "No consent for this card" not in text
    assert find(dialog, "confirmChargeButton").isEnabled()
