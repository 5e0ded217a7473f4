"""Two desks (two windows, two data folders) on one simulated account and one reader.

Desk A starts a save on the Front desk reader. Desk B, pressing Save on the same reader, is
told that another desk holds it — and cancels nothing of A's: A's customer finishes keying
the card in and A's card is saved. B may then clear the reader, but only on purpose: its
"Clear the reader…" first looks again at what the reader is doing *now* and shows it in a
confirmation; declining leaves A's next save alone, accepting stops it, and A's window says
so. (Two windows on ONE data folder are refused: tests/test_single_instance.py.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from moto_desk.flows.context import open_records
from moto_desk.paths import database_path
from moto_desk.records.journal import JournalKind, JournalState
from moto_desk.settings import DeskSettings
from moto_desk.simulator import Simulator
from moto_desk.ui.main_window import MainWindow
from tests.conftest import make_client
from tests.ui.conftest import WindowFactory, find, reader_id, screenshot

WAITING = "Key in the card number"


class AnswerTheQuestion:
    """Answers the next modal message box with ``button``, keeping what it said.

    ``QMessageBox.question`` runs its own event loop; a timer polling for the modal box is
    how the test, like a clerk, reads it and presses a button (no mock of the dialog).
    """

    def __init__(self, button: QMessageBox.StandardButton) -> None:
        self.button = button
        self.texts: list[str] = []
        self.titles: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            self._timer.stop()
            self.titles.append(box.windowTitle())
            self.texts.append(box.text())
            answer = box.button(self.button)
            assert answer is not None, f"the question has no {self.button} button"
            answer.click()

    @property
    def answered(self) -> bool:
        return bool(self.texts)


def reader_action(sim: Simulator, reader: str) -> tuple[str | None, str | None]:
    """What the reader is doing, seen from Stripe: (SetupIntent, status) or (None, None)."""
    action = make_client(sim).v1.terminal.readers.retrieve(reader).action
    if action is None:
        return None, None
    process = action.process_setup_intent
    assert process is not None, action
    intent = process.setup_intent
    return intent if isinstance(intent, str) else intent.id, action.status


def customer_name(window: MainWindow) -> str | None:
    customer = window.customers.current_customer()
    return customer.name if customer is not None else None


def start_save(qtbot: Any, window: MainWindow, name: str) -> Any:
    """As ``fill_form`` does, but waiting for the search's own results, not the list an
    earlier search left; then press Save card. The status panel."""
    window.customers.search(name.rsplit(maxsplit=1)[-1].lower())
    results = find(window, "customerResults")
    qtbot.waitUntil(
        lambda: results.model().rowCount() == 1 and name in str(results.model().index(0, 0).data()),
        timeout=5000,
    )
    results.setCurrentIndex(results.model().index(0, 0))
    find(window, "channelChoice").setCurrentIndex(1)  # by mail
    find(window, "consentCheck").setChecked(True)
    assert customer_name(window) == name
    status = find(window, "statusPanel")
    find(window, "saveCardButton").click()
    return status


def test_the_second_desk_is_refused_cancels_nothing_and_clears_only_when_confirmed(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    tmp_path: Path,
) -> None:
    front = reader_id(desk)
    a = open_window(settings=DeskSettings(desk_name="Desk A", clerk_name="alice"))
    b_folder = tmp_path / "desk-b"
    b = open_window(folder=b_folder, settings=DeskSettings(desk_name="Desk B", clerk_name="bob"))
    assert a.session is not None and b.session is not None
    assert a.session.data_dir != b.session.data_dir

    # Desk A: a save on the Front desk reader, waiting for the customer's card.
    a_status = start_save(qtbot, a, "Margaret Okafor")
    qtbot.waitUntil(lambda: WAITING in a_status.text(), timeout=10_000)
    first_intent, state = reader_action(sim, front)
    assert first_intent is not None and state == "in_progress"

    # Desk B: the same reader. Refused, in words, with a way to clear it on purpose.
    b_status = start_save(qtbot, b, "David Chen")
    qtbot.waitUntil(lambda: b_status.state == "failed", timeout=10_000)
    words = b_status.text()
    assert "✗ Problem with the reader" in words
    assert (
        "The card reader is being used by another desk or program. "
        "Wait for them to finish, or choose another reader." in words
    )
    assert "The form is kept" in words
    clear = find(b, "clearReaderButton")
    assert clear.isVisible()
    assert customer_name(b) == "David Chen"
    assert find(b, "consentCheck").isChecked()
    screenshot(b, "08c-second-desk-refused")

    # B cancelled nothing of A's: the reader still waits for A's card, A still waits too.
    assert reader_action(sim, front) == (first_intent, "in_progress")
    assert a_status.state == "working" and WAITING in a_status.text()
    assert a.save_action.running
    client = make_client(sim)
    assert client.v1.setup_intents.retrieve(first_intent).status != "canceled"
    with open_records(database_path(b_folder)) as records:
        (refused,) = records.journal.list(kind=JournalKind.SAVE_CARD)
    assert refused.state is JournalState.FAILED
    assert refused.stripe_object_id != first_intent
    assert client.v1.setup_intents.retrieve(refused.stripe_object_id or "").status == "canceled"

    # A's customer keys the card in (the simulated-reader panel on A): A's card is saved.
    a.activateWindow()
    panel = find(a, "simulatorPanel")  # open from the start in demo mode
    qtbot.waitUntil(panel.isVisible, timeout=5000)
    assert a.simulator is not None
    a.simulator.choose("visa")
    find(a, "presentCardButton").click()
    qtbot.waitUntil(lambda: a_status.state == "approved", timeout=10_000)
    assert "Visa ending in 4242" in a_status.text()
    assert client.v1.setup_intents.retrieve(first_intent).status == "succeeded"

    # A starts another save. B's clear looks at the reader again: the question names what
    # the reader does now (A's new save), not what B saw when it was refused.
    a_status = start_save(qtbot, a, "Priya Raman")
    qtbot.waitUntil(lambda: WAITING in a_status.text(), timeout=10_000)
    second_intent, state = reader_action(sim, front)
    assert second_intent not in (None, first_intent) and state == "in_progress"

    declined = AnswerTheQuestion(QMessageBox.StandardButton.No)
    clear.click()
    qtbot.waitUntil(lambda: declined.answered, timeout=10_000)
    (asked,) = declined.texts
    assert declined.titles == ["Clear the reader?"]
    assert f"The reader “Front desk” is busy with another desk's card entry ({second_intent})" in (
        asked
    )
    assert "Clearing it stops that desk's customer in the middle of their entry." in asked
    assert first_intent not in asked
    # Declined: nothing was sent, A's save goes on.
    assert reader_action(sim, front) == (second_intent, "in_progress")
    assert a.save_action.running and WAITING in a_status.text()
    assert b_status.state == "failed"

    accepted = AnswerTheQuestion(QMessageBox.StandardButton.Yes)
    clear.click()
    qtbot.waitUntil(lambda: accepted.answered, timeout=10_000)
    assert second_intent in accepted.texts[0]
    qtbot.waitUntil(lambda: "Reader cleared" in b_status.text(), timeout=10_000)
    assert "The reader “Front desk” is free again." in b_status.text()
    assert reader_action(sim, front) == (None, None)
    assert customer_name(b) == "David Chen"  # B's form is kept
    assert find(b, "consentCheck").isChecked()

    # A's window says its save was stopped by another desk; no card saved.
    qtbot.waitUntil(lambda: a_status.state == "canceled", timeout=10_000)
    assert "Canceled — no card saved" in a_status.text()
    assert (
        "The reader stopped this save before a card was entered — it was canceled or taken "
        "over by another desk. No card was saved." in a_status.text()
    )
    assert customer_name(a) == "Priya Raman"  # A's form is kept as well
    assert find(a, "consentCheck").isChecked()
    assert find(a, "saveCardButton").isEnabled()
    screenshot(a, "08d-save-stopped-by-another-desk")
    assert client.v1.setup_intents.retrieve(second_intent).status == "canceled"
    with open_records(database_path(b_folder)) as records:
        (cleared,) = records.journal.list(kind=JournalKind.CLEAR_READER)
    assert cleared.state is JournalState.SUCCEEDED
    assert cleared.details["intent"] == second_intent
    with open_records(a.session.records_at) as records:
        saves = {e.stripe_object_id: e for e in records.journal.list(kind=JournalKind.SAVE_CARD)}
        assert saves[first_intent].state is JournalState.SUCCEEDED
        assert saves[second_intent].state is JournalState.CANCELED
        assert records.ledger.verify().ok
