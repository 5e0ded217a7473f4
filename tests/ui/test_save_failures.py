"""Every way a save can fail, as the clerk sees it: the status panel says what happened and
what to do next, and the form is kept exactly as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from moto_desk.simulator import Simulator
from moto_desk.ui.main_window import MainWindow
from tests.ui.conftest import WindowFactory, find, reader_id, screenshot, wait_ready_window


def fill_form(qtbot: Any, window: MainWindow, search: str = "okafor") -> None:
    """Choose the customer, tick consent, pick limited redisplay and mail — then save."""
    window.customers.search(search)
    results = find(window, "customerResults")
    qtbot.waitUntil(lambda: results.model().rowCount() >= 1, timeout=5000)
    results.setCurrentIndex(results.model().index(0, 0))
    find(window, "channelChoice").setCurrentIndex(1)
    find(window, "consentCheck").setChecked(True)


def save_and_wait_for_the_end(qtbot: Any, window: MainWindow) -> str:
    status = find(window, "statusPanel")
    find(window, "saveCardButton").click()
    qtbot.waitUntil(
        lambda: status.state in ("failed", "canceled", "approved", "unknown"), timeout=15_000
    )
    return str(status.text())


def assert_form_kept(window: MainWindow, name: str = "Margaret Okafor") -> None:
    customer = window.customers.current_customer()
    assert customer is not None
    assert customer.name == name
    assert find(window, "consentCheck").isChecked()
    assert find(window, "channelChoice").currentIndex() == 1
    assert find(window, "saveCardButton").isEnabled()
    assert not find(window, "cancelButton").isEnabled()


DECLINES = [
    ("4000000000000002", "declined by the customer's bank"),
    ("4000000000009995", "not enough funds"),
    ("4000000000009987", "reported lost"),
    ("4000000000009979", "reported stolen"),
    ("4000000000000069", "it has expired"),
    ("4000000000000127", "security code (CVC) is wrong"),
    ("4000000000000119", "error at the bank"),
    ("4242424242424241", "card number is wrong"),
]


@pytest.mark.parametrize(("number", "words"), DECLINES, ids=[n[-4:] for n, _ in DECLINES])
def test_each_decline_is_explained_and_the_form_kept(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    number: str,
    words: str,
) -> None:
    sim.set_reader(reader_id(desk), auto_present={"number": number, "delay_s": 0.05})
    window = open_window()
    fill_form(qtbot, window)
    text = save_and_wait_for_the_end(qtbot, window)
    assert find(window, "statusPanel").state == "failed"
    assert "Card declined — no card saved" in text or "no card saved" in text
    assert words in text
    assert "The form is kept" in text
    assert_form_kept(window)
    # What went wrong can be selected and copied into a message to the shop's support.
    detail = find(window, "statusDetail")
    assert words in detail.text()
    assert detail.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    if number.endswith("0002"):
        screenshot(window, "07-declined")


def test_reader_busy(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    sim.set_reader(reader_id(desk), busy=True)
    window = open_window()
    fill_form(qtbot, window)
    text = save_and_wait_for_the_end(qtbot, window)
    assert "Problem with the reader" in text
    assert "card reader is busy" in text
    assert_form_kept(window)
    screenshot(window, "08-reader-busy")


def test_a_reader_held_by_another_desk_is_cleared_only_when_confirmed(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.conftest import make_client

    client = make_client(sim)
    reader = reader_id(desk)
    other = client.v1.customers.create({"name": "Another desk's customer"})
    intent = client.v1.setup_intents.create(
        {"customer": other.id, "allowed_payment_method_types": ["card"]}
    )
    client.v1.terminal.readers.process_setup_intent(
        reader,
        {"setup_intent": intent.id, "allow_redisplay": "limited", "process_config": {"moto": True}},  # type: ignore[typeddict-item]
    )
    window = open_window()
    fill_form(qtbot, window)
    text = save_and_wait_for_the_end(qtbot, window)
    assert "being used by another desk" in text
    clear = find(window, "clearReaderButton")
    assert clear.isVisible()
    screenshot(window, "08b-reader-held-by-another-desk")

    asked: list[str] = []

    def answer(no_or_yes: QMessageBox.StandardButton) -> Any:
        def question(parent: Any, title: str, text: str, *args: Any) -> Any:
            asked.append(text)
            return no_or_yes

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    clear.click()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=5000)
    assert intent.id in asked[0]
    assert client.v1.terminal.readers.retrieve(reader).action is not None  # said no

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    clear.click()
    status = find(window, "statusPanel")
    qtbot.waitUntil(lambda: "Reader cleared" in status.text(), timeout=5000)
    assert client.v1.terminal.readers.retrieve(reader).action is None
    assert_form_kept(window)


def test_reader_offline(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    window = open_window()
    # Goes offline after the list was loaded: the selector still says online.
    sim.set_reader(reader_id(desk), status="offline")
    fill_form(qtbot, window)
    text = save_and_wait_for_the_end(qtbot, window)
    assert "Problem with the reader" in text
    assert "offline" in text
    assert_form_kept(window)
    # Refresh shows it offline, greyed, with a note.
    selector = find(window, "readerSelector")
    find(window, "refreshReadersButton").click()
    qtbot.waitUntil(lambda: "(offline)" in selector.currentText(), timeout=5000)
    assert "is offline" in find(window, "readerNote").text()
    screenshot(window, "09-reader-offline")


def test_customer_cancels_on_the_reader(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    window = open_window()
    fill_form(qtbot, window)
    status = find(window, "statusPanel")
    find(window, "saveCardButton").click()
    qtbot.waitUntil(lambda: "Key in the card number" in status.text(), timeout=5000)
    sim.set_reader(reader_id(desk), customer_cancel=True)
    qtbot.waitUntil(lambda: status.state == "canceled", timeout=10_000)
    assert "canceled on the reader" in status.text()
    assert_form_kept(window)


def lose_the_answer(qtbot: Any, window: MainWindow, sim: Simulator) -> str:
    """Save a card whose outcome cannot be read back: every attempt (and the SDK's retries)
    to read the SetupIntent fails, although the reader saved the card."""
    fill_form(qtbot, window)
    sim.faults.add(kind="drop_before", method="GET", path="^/v1/setup_intents/", times=3)
    return save_and_wait_for_the_end(qtbot, window)


def test_a_lost_answer_never_invites_a_second_save(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    sim.set_reader(reader_id(desk), auto_present={"number": "4242424242424242", "delay_s": 0.05})
    window = open_window()
    text = lose_the_answer(qtbot, window, sim)
    status = find(window, "statusPanel")
    assert status.state == "unknown"
    assert "Result not known yet" in text
    assert "could not find out whether this went through" in text
    assert "Do not save it again" in text
    assert "then try again" not in text  # the network message's invitation: not here
    check = find(window, "checkAgainButton")
    assert check.isVisible()
    save = find(window, "saveCardButton")
    assert not save.isEnabled()
    assert "Check again" in save.toolTip()
    screenshot(window, "10-result-not-known")

    check.click()
    qtbot.waitUntil(lambda: status.state == "approved", timeout=10_000)
    assert "Stripe confirms that the card was saved" in status.text()
    cards = find(window, "savedCards")
    qtbot.waitUntil(lambda: cards.model().rowCount() == 1, timeout=5000)
    assert not find(window, "consentCheck").isChecked()  # used for this card
    assert not check.isVisible()
    find(window, "consentCheck").setChecked(True)
    assert save.isEnabled()  # known again: another card may be saved


def test_a_lost_answer_is_reconciled_at_the_next_start(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    data_dir: Path,
) -> None:
    sim.set_reader(reader_id(desk), auto_present={"number": "4242424242424242", "delay_s": 0.05})
    window = open_window()
    lose_the_answer(qtbot, window, sim)
    assert_form_kept_but_unknown(window)
    window.close()  # no payment job open any more: closes without asking

    again = open_window(wait_ready=False)
    with qtbot.waitSignal(again.reconciled, timeout=10_000) as reconciled:
        pass
    wait_ready_window(qtbot, again)
    assert any(item.needs_attention for item in reconciled.args[0])
    notice = find(again, "noticeBar")
    assert "unfinished last time" in notice.text()
    assert "visa •••• 4242 was saved" in notice.text()
    screenshot(again, "11-reconciled-at-start")


def assert_form_kept_but_unknown(window: MainWindow) -> None:
    assert find(window, "statusPanel").state == "unknown"
    assert window.customers.current_customer() is not None
    assert find(window, "consentCheck").isChecked()


def test_readers_that_cannot_be_loaded_say_why(
    qtbot: Any, open_window: WindowFactory, sim: Simulator
) -> None:
    window = open_window()
    sim.faults.add(kind="status", status=503, method="GET", path="^/v1/terminal/readers", times=3)
    find(window, "refreshReadersButton").click()
    note = find(window, "readerNote")
    qtbot.waitUntil(lambda: "Could not load the readers" in note.text(), timeout=10_000)
    assert "could not reach Stripe" in note.text()
    # The readers already known stay usable.
    assert len(window.readers.readers()) == 2


def test_a_stalled_reader_is_a_result_not_known_and_can_be_stopped(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    """The reader shows no result by the deadline: no "try again" (the card may still be
    keyed in), a check or a stop instead, and Save blocked for this customer meanwhile."""
    sim.set_reader(reader_id(desk), hang=True)
    window = open_window()
    window.save_action.reader_wait_s = 0.8
    fill_form(qtbot, window)
    status = find(window, "statusPanel")
    find(window, "saveCardButton").click()
    qtbot.waitUntil(lambda: status.state == "unknown", timeout=10_000)
    assert "has shown no result" in status.text()
    assert not find(window, "saveCardButton").isEnabled()
    stop = find(window, "stopReaderButton")
    assert stop.isVisible()
    screenshot(window, "27-reader-stalled")
    stop.click()
    qtbot.waitUntil(lambda: "No card was saved" in status.text(), timeout=10_000)
    with sim.state.lock:
        assert sim.state.get(reader_id(desk))["action"] is None
    assert not window.save_action.running
