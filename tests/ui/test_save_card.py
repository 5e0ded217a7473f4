"""Saving a card from the window: by keyboard alone, with the steps shown, and cancel (Esc)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from moto_desk.simulator import Simulator
from tests.ui.conftest import WindowFactory, find, key, reader_id, screenshot


def choose_customer_by_keyboard(qtbot: Any, window: Any, text: str) -> None:
    """F2, type, Down into the results, Enter: the customer is chosen, focus on consent."""
    key(qtbot, window, Qt.Key.Key_F2)
    search = find(window, "customerSearch")
    assert QApplication.focusWidget() is search
    qtbot.keyClicks(search, text)
    results = find(window, "customerResults")
    qtbot.waitUntil(lambda: results.model().rowCount() >= 1, timeout=5000)
    key(qtbot, search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is results
    key(qtbot, results, Qt.Key.Key_Return)


def test_full_save_by_keyboard_alone(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    sim.set_reader(reader_id(desk), auto_present={"number": "4242424242424242", "delay_s": 0.2})
    window = open_window()
    screenshot(window, "01-ready")
    save = find(window, "saveCardButton")
    assert not save.isEnabled()
    assert "choose a customer" in save.toolTip()

    choose_customer_by_keyboard(qtbot, window, "okafor")
    consent = find(window, "consentCheck")
    assert QApplication.focusWidget() is consent
    assert "tick the consent box" in save.toolTip()
    key(qtbot, consent, Qt.Key.Key_Space)
    assert consent.isChecked()
    assert save.isEnabled()
    assert "F5" in save.toolTip()
    screenshot(window, "02-form-ready")

    key(qtbot, consent, Qt.Key.Key_F5)
    status = find(window, "statusPanel")
    qtbot.waitUntil(lambda: status.state == "approved", timeout=10_000)
    text = status.text()
    assert "Card saved" in text
    assert "Visa ending in 4242" in text
    assert "Margaret Okafor" in text
    cards = find(window, "savedCards")
    qtbot.waitUntil(lambda: cards.model().rowCount() == 1, timeout=5000)
    assert "4242" in cards.model().index(0, 0).data()
    assert "Limited" in cards.model().index(0, 3).data()
    # The consent was used for this card; the customer stays chosen.
    assert not consent.isChecked()
    assert window.customers.current_customer() is not None
    screenshot(window, "03-approved")


def test_tab_order_follows_the_work(qtbot: Any, open_window: WindowFactory) -> None:
    """Customer, consent, reader, save: Tab walks the form in the order of the work."""
    window = open_window()
    window.customers.search("okafor")
    results = find(window, "customerResults")
    qtbot.waitUntil(lambda: results.model().rowCount() == 1, timeout=5000)
    results.setCurrentIndex(results.model().index(0))
    find(window, "consentCheck").setChecked(True)
    key(qtbot, window, Qt.Key.Key_F2)
    order = [
        "customerResults",
        "consentCheck",
        "channelChoice",
        "allowRedisplayChoice",
        "readerSelector",
        "refreshReadersButton",
        "saveCardButton",
    ]
    seen = []
    for _ in order:
        key(qtbot, None, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget().objectName())
    assert seen == order


def test_steps_are_shown_while_waiting_then_simulated_card_approves(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    window = open_window()
    choose_customer_by_keyboard(qtbot, window, "chen")
    find(window, "consentCheck").setChecked(True)
    find(window, "saveCardButton").click()
    status = find(window, "statusPanel")
    qtbot.waitUntil(lambda: "Key in the card number" in status.text(), timeout=5000)
    text = status.text()
    assert "expiry, CVC and postal code on the reader “Front desk”" in text
    assert "Waiting for the card: 0:0" in text
    assert "✓  Send to the reader" in text
    assert "▶  Card details keyed in on the reader" in text
    assert not find(window, "saveCardButton").isEnabled()
    assert find(window, "cancelButton").isEnabled()
    screenshot(window, "04-waiting-for-card")

    # Training: the simulated-reader panel, open from the start in demo mode, keys in a
    # test card (F9 hides and shows it).
    panel = find(window, "simulatorPanel")
    assert panel.isVisible()
    key(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=2000)
    key(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(panel.isVisible, timeout=2000)
    window.simulator.choose("mastercard")
    present = find(window, "presentCardButton")
    assert "Front desk" in present.text()
    screenshot(window, "05-simulator-panel")
    present.click()
    qtbot.waitUntil(lambda: status.state == "approved", timeout=10_000)
    assert "Mastercard ending in 4444" in status.text()
    assert "David Chen" in status.text()


def test_escape_cancels_the_save_and_keeps_the_form(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    window = open_window()
    choose_customer_by_keyboard(qtbot, window, "raman")
    consent = find(window, "consentCheck")
    key(qtbot, consent, Qt.Key.Key_Space)
    find(window, "channelChoice").setCurrentIndex(1)  # by mail
    key(qtbot, consent, Qt.Key.Key_F5)
    status = find(window, "statusPanel")
    qtbot.waitUntil(lambda: "Key in the card number" in status.text(), timeout=5000)

    key(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: status.state == "canceled", timeout=10_000)
    # Each line says something new (issue 15: "Canceled. No card was saved." under the
    # headline "Canceled — no card saved").
    assert status.text().splitlines() == [
        "Canceled — no card saved",
        "You canceled the save. The reader is free again.",
        "The form is kept: when you are ready, press Save card (F5) to try again.",
    ]
    # The form is as the clerk left it, ready for another try.
    assert consent.isChecked()
    assert find(window, "channelChoice").currentIndex() == 1
    assert window.customers.current_customer().name == "Priya Raman"
    assert find(window, "saveCardButton").isEnabled()
    reader = sim.set_reader(reader_id(desk))["reader"]
    assert reader["action"] is None or reader["action"]["status"] != "in_progress"
    screenshot(window, "06-canceled")
