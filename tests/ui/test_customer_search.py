"""Type-ahead: the local index's matches at once, Stripe's answer added below them when it
comes, the clerk's choice kept throughout, and only the newest search ever shown."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from moto_desk.domain.models import Customer
from moto_desk.flows.context import open_records
from moto_desk.paths import database_path
from moto_desk.simulator import Simulator
from moto_desk.ui.desk.customer_model import CustomerModel
from moto_desk.ui.desk.customer_panel import DEBOUNCE_MS
from moto_desk.ui.main_window import MainWindow
from tests.conftest import make_client
from tests.ui.conftest import WindowFactory, find

CREATED = datetime(2026, 10, 1, tzinfo=UTC)
# Long enough that the local part is certainly shown first; the tests wait on signals.
STRIPE_SEARCH_LATENCY_MS = 1500
SEARCH_PATH = "^/v1/customers/search"


def person(n: int, name: str | None = None) -> Customer:
    return Customer(f"cus_{n}", name or f"Name {n}", f"n{n}@example.com", None, CREATED)


def names(window: MainWindow) -> list[str]:
    model = find(window, "customerResults").model()
    return [model.customer_at(row).name for row in range(model.rowCount())]


def search_and_wait(qtbot: Any, window: MainWindow, text: str) -> None:
    with qtbot.waitSignal(window.customers.search_finished, timeout=10_000):
        window.customers.search(text)


def slow_stripe_search(sim: Simulator, times: int | None = None) -> None:
    sim.faults.add(
        kind="latency",
        method="GET",
        path=SEARCH_PATH,
        latency_ms=STRIPE_SEARCH_LATENCY_MS,
        times=times,
    )


def test_extending_keeps_the_rows_shown_in_place(qtbot: Any, qtmodeltester: Any) -> None:
    model = CustomerModel()
    model.set_customers([person(1), person(2)])
    fresher = person(1, "Name 1 (renamed at Stripe)")
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.waitSignal(model.rowsInserted) as inserted,
        qtbot.waitSignal(model.dataChanged) as changed,
    ):
        model.extend_customers([fresher, person(2), person(3), person(4)])
    assert inserted.args[1:] == [2, 3]
    assert changed.args[0].row() == changed.args[1].row() == 0
    assert [model.customer_at(r) for r in range(4)] == [fresher, person(2), person(3), person(4)]
    qtmodeltester.check(model)
    # Not the rows shown first (another search's answer): the list is replaced.
    with qtbot.waitSignal(model.modelReset):
        model.extend_customers([person(5), fresher])
    assert [model.customer_at(r) for r in range(2)] == [person(5), fresher]
    qtmodeltester.check(model)


def test_the_debounce_is_short_and_precise(open_window: WindowFactory) -> None:
    timer = open_window().customers._debounce
    assert timer.interval() == DEBOUNCE_MS <= 150
    assert timer.timerType() is Qt.TimerType.PreciseTimer


def test_local_matches_show_at_once_and_the_choice_survives_stripes_answer(
    qtbot: Any, open_window: WindowFactory, sim: Simulator
) -> None:
    window = open_window()
    panel = window.customers
    search_and_wait(qtbot, window, "okafor")  # the desk has now seen Margaret Okafor
    make_client(sim).v1.customers.create({"name": "Obi Okafor"})  # only Stripe knows him
    slow_stripe_search(sim)
    results = find(window, "customerResults")
    model = results.model()
    finished: list[int] = []
    panel.search_finished.connect(finished.append)

    with qtbot.waitSignal(model.modelReset, timeout=5000):
        qtbot.keyClicks(find(window, "customerSearch"), "okafor")
    assert names(window) == ["Margaret Okafor"]
    assert finished == []  # Stripe has not answered yet
    assert find(window, "customerNote").text() == "Searching…"

    # The clerk goes on at once: Down, then Enter on the local match.
    qtbot.keyClick(find(window, "customerSearch"), Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.customer_confirmed):
        qtbot.keyClick(results, Qt.Key.Key_Return)
    chosen = panel.current_customer()
    assert chosen is not None and chosen.name == "Margaret Okafor"
    changes: list[object] = []
    panel.customer_changed.connect(changes.append)

    # Stripe's answer is added below, without a reset: no blink, the choice stays.
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.waitSignal(panel.search_finished, timeout=10_000) as answered,
    ):
        pass
    assert answered.args == [2]
    assert names(window) == ["Margaret Okafor", "Obi Okafor"]
    assert panel.current_customer() == chosen
    assert results.currentIndex().row() == 0
    assert changes == []
    assert not find(window, "customerNote").isVisible()


def test_a_choice_the_local_part_misses_is_held_for_stripes_answer(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, data_dir: Path
) -> None:
    window = open_window()
    panel = window.customers
    search_and_wait(qtbot, window, "okafor")
    results = find(window, "customerResults")
    results.setCurrentIndex(results.model().index(0))
    consent = find(window, "consentCheck")
    consent.setChecked(True)
    chosen = panel.current_customer()
    assert chosen is not None
    # This desk's index now lists another Okafor, and no longer the chosen one.
    with open_records(database_path(data_dir)) as records:
        records.customers.forget(chosen.id)
        records.customers.remember(Customer("cus_local_only", "Ngozi Okafor", None, None, None))
    slow_stripe_search(sim)
    changes: list[object] = []
    panel.customer_changed.connect(changes.append)

    with qtbot.waitSignal(results.model().modelReset, timeout=5000):
        panel.search("okafor")
    assert names(window) == ["Ngozi Okafor"]
    assert changes == []  # held, not dropped: Stripe may still list the customer

    with qtbot.waitSignal(panel.search_finished, timeout=10_000):
        pass
    assert names(window) == ["Ngozi Okafor", "Margaret Okafor"]
    current = panel.current_customer()
    assert current is not None and current.id == chosen.id
    assert None not in changes
    assert consent.isChecked()  # the same customer all along: the consent stands


def test_a_late_answer_never_replaces_a_newer_searchs(
    qtbot: Any, open_window: WindowFactory, sim: Simulator
) -> None:
    window = open_window()
    panel = window.customers
    search_and_wait(qtbot, window, "okafor")
    search_and_wait(qtbot, window, "chen")
    slow_stripe_search(sim, times=1)  # whichever search asks Stripe first is the slow one
    finished: list[int] = []
    panel.search_finished.connect(finished.append)

    panel.search("okafor")
    panel.search("chen")
    qtbot.waitUntil(lambda: bool(finished), timeout=10_000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)  # the older one too
    assert finished == [1]
    assert names(window) == ["David Chen"]
    assert sim.faults.rules() == []  # the slow answer did come, and was not shown
