"""One change event: screens left open show what happened after they opened, without being
reloaded by hand — the defect "panels that are not told when data changes"."""

from __future__ import annotations

from typing import Any

from moto_desk.records.journal import JournalKind
from moto_desk.simulator import Simulator
from moto_desk.ui.after_sale.history_dialog import HistoryDialog
from moto_desk.ui.after_sale.history_model import ROW_ROLE
from moto_desk.ui.shell.changes import Change, ChangeHub, Topic
from tests.ui.conftest import WindowFactory
from tests.ui.test_charge import confirm, open_charge, review, save_a_card
from tests.ui.test_history import open_history


def kinds(history: HistoryDialog) -> list[JournalKind]:
    model = history.model
    return [model.index(r, 0).data(ROW_ROLE).kind for r in range(model.rowCount())]


def test_an_open_history_shows_a_save_and_a_charge_made_after_it_opened(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    window = open_window()
    history = open_history(qtbot, window)
    assert history.model.rowCount() == 0
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    qtbot.waitUntil(lambda: JournalKind.SAVE_CARD in kinds(history), timeout=5000)
    history.hide()  # the charge dialog is window-modal; the history stays open behind it
    dialog = open_charge(qtbot, window)
    review(qtbot, dialog, "12.50")
    confirm(qtbot, dialog)
    assert dialog.page == "result"
    qtbot.waitUntil(lambda: JournalKind.CHARGE in kinds(history), timeout=5000)
    assert window.history_dialog() is history  # the same window, refreshed in place


def test_a_change_names_what_it_touches() -> None:
    for_one = Change(frozenset({Topic.CARDS}), "cus_1")
    assert for_one.touches(Topic.CARDS, "cus_1") and for_one.touches(Topic.CARDS)
    assert not for_one.touches(Topic.CARDS, "cus_2")
    assert not for_one.touches(Topic.HISTORY, "cus_1")
    for_all = Change(frozenset({Topic.HISTORY}))
    assert for_all.touches(Topic.HISTORY, "cus_2")


def test_the_hub_delivers_every_change(qtbot: Any) -> None:
    hub = ChangeHub()
    with qtbot.waitSignal(hub.changed) as seen:
        hub.publish(Topic.CARDS, Topic.HISTORY, customer_id="cus_9")
    assert seen.args == [Change(frozenset({Topic.CARDS, Topic.HISTORY}), "cus_9")]
