"""The simulated-reader panel says what is happening when the reader waits for no card
(issue 15: "Present to …" then read "Something went wrong inside moto-desk")."""

from __future__ import annotations

from typing import Any

from moto_desk.ui.main_window import MainWindow
from tests.helpers.desk_windows import close_message_boxes
from tests.ui.conftest import WindowFactory, find, screenshot
from tests.ui.test_translations import french_window  # noqa: F401  a fixture


def present_to_an_idle_reader(qtbot: Any, window: MainWindow) -> str:
    """Press Present with no save running; the panel's answer."""
    assert window.simulator is not None
    window.simulator.choose("visa")
    present = find(window, "presentCardButton")
    result = find(window, "simulatorResult")
    present.click()
    qtbot.waitUntil(present.isEnabled, timeout=10_000)
    assert close_message_boxes() == []
    return str(result.text())


def test_presenting_to_an_idle_reader_says_to_start_the_save_first(
    qtbot: Any, open_window: WindowFactory
) -> None:
    window = open_window()
    assert window.save_action.running is False
    with qtbot.assertNotEmitted(window.router.bug_reported):
        text = present_to_an_idle_reader(qtbot, window)
    assert text == (
        "The reader “Front desk” is not waiting for a card: press Save card (F5) first, "
        "then present the card."
    )
    screenshot(find(window, "simulatorDock"), "05b-simulator-reader-not-waiting")


def test_in_french_too(
    qtbot: Any,
    french_window: MainWindow,  # noqa: F811  the fixture imported above
) -> None:
    text = present_to_an_idle_reader(qtbot, french_window)
    assert text == (
        "Le lecteur «\u00a0Front desk\u00a0» n’attend pas de carte\u00a0: "
        "appuyez d’abord sur Enregistrer la carte (F5), puis présentez la carte."
    )
    screenshot(find(french_window, "simulatorDock"), "05c-simulator-reader-not-waiting-fr")


def test_a_new_save_clears_what_the_last_card_did(
    qtbot: Any, open_window: WindowFactory, sim: Any, desk: dict[str, Any]
) -> None:
    """Rough edge of issue 15: "Presented: Declined…" stayed while the next save waited."""
    from tests.ui.test_save_failures import fill_form

    window = open_window()
    assert window.simulator is not None
    result = find(window, "simulatorResult")
    fill_form(qtbot, window)
    find(window, "saveCardButton").click()
    qtbot.waitUntil(lambda: window.save_action.running, timeout=5000)
    assert "waits for a card" in result.text()
    status = find(window, "statusPanel")
    qtbot.waitUntil(lambda: "Key in the card number" in status.text(), timeout=10_000)
    window.simulator.choose("declined")
    present = find(window, "presentCardButton")
    qtbot.waitUntil(present.isEnabled, timeout=10_000)
    present.click()
    qtbot.waitUntil(lambda: result.text().startswith("Presented"), timeout=10_000)
    qtbot.waitUntil(lambda: not window.save_action.running, timeout=10_000)
    fill_form(qtbot, window)
    find(window, "saveCardButton").click()
    qtbot.waitUntil(lambda: window.save_action.running, timeout=5000)
    assert "waits for a card" in result.text()
    find(window, "cancelButton").click()
    qtbot.waitUntil(lambda: not window.save_action.running, timeout=10_000)
