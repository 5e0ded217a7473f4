"""Every internal error reaches the log file with its traceback, through the one router —
whether a widget shows it in place or the router reports it — and the redaction filter still
withholds a traceback that quotes a card number (issue 15)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from moto_desk.domain.errors import Declined
from moto_desk.simulator import Simulator
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.shell.log_setup import setup_logging
from tests.helpers.desk_windows import close_message_boxes
from tests.ui.conftest import WindowFactory, find
from tests.ui.test_customer_search import SEARCH_PATH


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The window's real log file (``setup_logging``), removed from the root logger after."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    path = setup_logging(tmp_path / "logs-home")
    assert path is not None
    yield path
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def written(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def fail_in_a_job(qtbot: Any, window: MainWindow, error: BaseException) -> None:
    """A job whose work raises ``error``, its failure routed as every widget routes bugs."""

    def work_that_breaks() -> None:
        raise error

    with qtbot.waitSignal(window.router.bug_reported, timeout=5000):
        window.runner.job(work_that_breaks).on_failure(window.router.route).run()
    assert close_message_boxes() == [
        "Something went wrong inside moto-desk. What you typed is kept.\n\nPlease tell your "
        "administrator (the details are in moto-desk's log), and check the payment history "
        "before trying a payment again."
    ]


def test_every_bug_is_written_with_its_traceback_every_time(
    qtbot: Any, open_window: WindowFactory, log_file: Path
) -> None:
    window = open_window()
    fail_in_a_job(qtbot, window, ZeroDivisionError("first"))
    fail_in_a_job(qtbot, window, ZeroDivisionError("second"))
    text = written(log_file)
    assert (
        text.count("ERROR moto_desk.ui.shell.error_router: internal error ZeroDivisionError") == 2
    )
    assert text.count("Traceback (most recent call last):") == 2
    # The worker's frames, not only the GUI thread's.
    assert text.count("in work_that_breaks") == 2
    assert "ZeroDivisionError: first" in text and "ZeroDivisionError: second" in text


def test_a_bug_kind_shown_in_place_is_logged_too(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, log_file: Path
) -> None:
    """Stripe refuses a request we should never send (a 400 with no code the gateway knows):
    the customer panel shows "something went wrong" in its own note and routes nothing,
    and the log still holds the traceback down to the gateway's mapping."""
    window = open_window()
    sim.faults.add(kind="status", method="GET", path=SEARCH_PATH, status=400)
    with qtbot.waitSignal(window.customers.search_finished, timeout=10_000):
        window.customers.search("zz-nobody")
    note = find(window, "customerNote").text()
    assert note.startswith("The search did not work: Something went wrong inside moto-desk")
    text = written(log_file)
    assert "internal error bug: stripe InvalidRequestError http=400 code=None" in text
    assert "Traceback (most recent call last):" in text
    assert "in search_customers" in text  # the worker's frames, down to the gateway
    assert "clerk error" not in text


def test_a_traceback_holding_a_card_number_is_withheld(
    qtbot: Any, open_window: WindowFactory, log_file: Path
) -> None:
    window = open_window()
    fail_in_a_job(qtbot, window, ValueError("could not parse 4242 4242 4242 4242"))
    text = written(log_file)
    assert "[log line withheld: text: looks like a card number]" in text
    assert "4242 4242" not in text
    assert "Traceback" not in text


def test_a_clerk_error_logs_only_the_facts_it_has(
    qtbot: Any, open_window: WindowFactory, log_file: Path
) -> None:
    """A decline with no detail was logged as "clerk error declined: None (None)"."""
    window = open_window()
    window.router.route(Declined(), view=window.status)
    window.router.route(
        Declined("insufficient_funds", detail="stripe CardError http=402", request_id="req_1"),
        view=window.status,
    )
    lines = [line for line in written(log_file).splitlines() if "clerk error" in line]
    assert [line.split(": ", 1)[1] for line in lines] == [
        "clerk error declined",
        "clerk error declined: stripe CardError http=402; request req_1",
    ]
