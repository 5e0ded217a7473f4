"""The fault matrix, driven through the real window (issue 7).

Each test runs a MOTO save (a SetupIntent on a simulated reader) and a charge (the charge
dialog) through real widgets, the real flows and the official SDK against the simulator,
with one fault injected — latency, 500, 503, 429 with and without ``Stripe-Should-Retry``,
connections dropped before or after the work, a reader offline, busy, timing out although
the command was delivered, or never finishing, and a desk that dies in the middle of a save
or a charge (its worker frozen for good at the point of death, its window gone without any
cancel, a new window started on the same data folder). For every fault it checks, in a few
plain words, what the clerk sees, then the same invariants (:func:`assert_invariants`), read
from the simulator's state and the desk's SQLite records:

* each save or charge journal entry owns exactly the one intent it recorded — none when its
  request never reached Stripe — and no intent is owned by no entry;
* one succeeded PaymentIntent per charge the clerk meant, however many times Charge or
  Check again was pressed;
* the consent ledger verifies, with exactly one ``card_saved`` record per card Stripe saved;
* once settled (Check again, or a new window on the same data folder), no entry is open and
  no reader is left working.

The exact wording of each message is tested in test_save_failures.py and test_charge.py;
here the words are only checked enough to tell the outcomes apart. The SDK's retry settings
are the app's own (2 retries, 0.5 s then up to 1 s apart); faults outlast them only where
that is the point.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import stripe
from PySide6.QtCore import Qt, QTimer

import moto_desk.flows.writes
from moto_desk.domain.consent import load_terms
from moto_desk.domain.errors import UserCancelled
from moto_desk.domain.models import AllowRedisplay, Channel, SavedCard
from moto_desk.flows.context import open_records
from moto_desk.gateway.client import Gateway
from moto_desk.paths import database_path
from moto_desk.records.journal import JournalEntry, JournalKind, JournalState
from moto_desk.records.ledger import ConsentRecord, LedgerKind
from moto_desk.simulator import Simulator
from moto_desk.ui.desk.status_panel import StatusPanel
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.payments.charge_dialog import ChargeDialog
from tests.conftest import make_client
from tests.ui.conftest import WindowFactory, find, key, reader_id, wait_ready_window
from tests.ui.test_charge import open_charge, review
from tests.ui.test_save_failures import fill_form

SI_CREATE = r"^/v1/setup_intents$"
PROCESS = r"^/v1/terminal/readers/[^/]+/process_setup_intent$"
PI_CREATE = r"^/v1/payment_intents$"
EVERY_WRITE = (SI_CREATE, PROCESS, PI_CREATE)

CARD = "4242424242424242"
CART: stripe.params.terminal.ReaderSetReaderDisplayParams = {
    "type": "cart",
    "cart": {
        "currency": "usd",
        "line_items": [{"amount": 100, "description": "x", "quantity": 1}],
        "total": 100,
    },
}
AMOUNT = "12.50"
CHARGED = "✓ Charged $12.50"
# Long enough that a request on the GUI thread would show as a frozen window; well under the
# SDK's 30 s read timeout.
LATENCY_S = 1.5
WAIT = 20_000  # ms: the slowest case here (every answer lost) takes about 3 s


# ====================================================================== the invariants
@dataclass(frozen=True)
class Books:
    """The desk's journal and ledger, and the intents Stripe holds, read at one moment."""

    entries: list[JournalEntry]  # oldest first
    intents: dict[str, list[dict[str, Any]]]  # journal entry id -> its Stripe intents
    ledger: list[ConsentRecord]

    def of(self, kind: JournalKind) -> list[JournalEntry]:
        return [entry for entry in self.entries if entry.kind is kind]

    def per_entry(self, kind: JournalKind) -> list[int]:
        """How many intents each entry of ``kind`` owns, oldest entry first."""
        return [len(self.intents[entry.id]) for entry in self.of(kind)]

    def states(self, kind: JournalKind) -> list[JournalState]:
        return [entry.state for entry in self.of(kind)]


def stripe_objects(sim: Simulator, kind: str) -> list[dict[str, Any]]:
    """The simulator's objects of ``kind`` as Stripe would show them now (oldest first)."""
    with sim.state.lock:
        sim.advance(sim.state.now())  # what a reader did meanwhile, as any request would see
        return copy.deepcopy(list(reversed(sim.state.newest_first(kind))))


def read_books(sim: Simulator, data_dir: Path) -> tuple[Books, list[JournalEntry]]:
    """The books, and the journal entries still open; the ledger must verify."""
    with open_records(database_path(data_dir)) as records:
        entries = list(reversed(records.journal.list(limit=1000)))
        still_open = records.journal.open_entries()
        verified = records.ledger.verify()
        ledger = records.ledger.records()
    assert verified.ok, verified.problems
    owned: dict[str, list[dict[str, Any]]] = {entry.id: [] for entry in entries}
    for intent in stripe_objects(sim, "setup_intent") + stripe_objects(sim, "payment_intent"):
        journal_id = (intent.get("metadata") or {}).get("journal_id")
        assert journal_id in owned, f"{intent['id']} belongs to no journal entry"
        owned[journal_id].append(intent)
    return Books(entries, owned, ledger), still_open


def assert_invariants(sim: Simulator, data_dir: Path, *, saved: int, charged: int) -> Books:
    """Check every invariant of the module docstring; ``saved`` cards and ``charged``
    payments are what the clerk's intentions should have produced, no more."""
    books, still_open = read_books(sim, data_dir)
    assert still_open == [], f"journal entries left open: {still_open}"

    succeeded: dict[JournalKind, list[dict[str, Any]]] = defaultdict(list)
    for kind, object_name in (
        (JournalKind.SAVE_CARD, "setup_intent"),
        (JournalKind.CHARGE, "payment_intent"),
    ):
        for entry in books.of(kind):
            owned = books.intents[entry.id]
            assert all(intent["object"] == object_name for intent in owned), entry
            # Exactly the intent the entry recorded; none if the request never reached Stripe.
            recorded = [entry.stripe_object_id] if entry.stripe_object_id else []
            assert [intent["id"] for intent in owned] == recorded, entry
            done = [intent for intent in owned if intent["status"] == "succeeded"]
            assert (entry.state is JournalState.SUCCEEDED) == bool(done), (entry, owned)
            succeeded[kind] += done
            if kind is JournalKind.SAVE_CARD and owned and not done:
                # A save that did not succeed leaves no SetupIntent a reader could complete.
                assert owned[0]["status"] == "canceled", owned[0]
    assert len(succeeded[JournalKind.SAVE_CARD]) == saved, succeeded[JournalKind.SAVE_CARD]
    assert len(succeeded[JournalKind.CHARGE]) == charged, succeeded[JournalKind.CHARGE]

    # The ledger: one card_saved per card Stripe saved, under the consent its save recorded.
    consents = {r.record_id: r for r in books.ledger if r.kind is LedgerKind.CONSENT}
    cards = sorted(
        (r.setup_intent_id or "", r.payment_method_id or "", r.refers_to or "")
        for r in books.ledger
        if r.kind is LedgerKind.CARD_SAVED
    )
    expected = []
    for entry in books.of(JournalKind.SAVE_CARD):
        consent_id = entry.details.get("consent_id")
        assert consent_id in consents, entry
        assert consents[str(consent_id)].customer_id == entry.customer_id
        for intent in books.intents[entry.id]:
            if intent["status"] == "succeeded":
                assert entry.payment_method_id == intent["payment_method"]
                expected.append((intent["id"], intent["payment_method"], str(consent_id)))
    assert cards == sorted(expected)

    for reader in stripe_objects(sim, "terminal.reader"):
        action = reader["action"]
        assert action is None or action["status"] != "in_progress", reader
    return books


# ====================================================================== faults
def inject(
    sim: Simulator, kind: str, paths: tuple[str, ...], times: int = 1, **fields: Any
) -> None:
    """Arm a fault on the POST to each of ``paths`` (each fires ``times`` times)."""
    for path in paths:
        sim.faults.add(kind=kind, method="POST", path=path, times=times, **fields)


def keyed_on_the_reader(sim: Simulator, desk: dict[str, Any], delay_s: float = 0.05) -> None:
    """The customer's card will be keyed in on the reader as soon as it asks for one."""
    sim.set_reader(reader_id(desk), auto_present={"number": CARD, "delay_s": delay_s})


def the_reader_finished(sim: Simulator, desk: dict[str, Any]) -> bool:
    """The customer has keyed the card and the reader's action is over (as Stripe says)."""
    reader = make_client(sim).v1.terminal.readers.retrieve(reader_id(desk))
    action = reader.action
    return action is not None and action.status == "succeeded"


class ProcessKilled(UserCancelled):
    """Raised in a frozen worker when the test lets it go: unwinds without any bookkeeping
    (the flows only handle MotoDeskError), and the window ignores it like a cancel."""


@dataclass
class Freeze:
    reached: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)


@contextmanager
def desk_dies_in(
    monkeypatch: pytest.MonkeyPatch, method: str, *, after_the_request: bool
) -> Iterator[Freeze]:
    """The first call of ``Gateway.method`` is where the desk process dies: its worker stops
    there for good — before the request, or after Stripe did the work but before the
    journal heard of it — and nothing more is written. Later calls (a new window) pass."""
    original = getattr(Gateway, method)
    freeze = Freeze()

    def dying(gateway: Gateway, *args: Any, **kwargs: Any) -> Any:
        if freeze.reached.is_set():
            return original(gateway, *args, **kwargs)
        if after_the_request:
            original(gateway, *args, **kwargs)
        freeze.reached.set()
        freeze.released.wait(timeout=60)
        raise ProcessKilled

    monkeypatch.setattr(Gateway, method, dying)
    try:
        yield freeze
    finally:
        freeze.released.set()


def restart(qtbot: Any, open_window: WindowFactory, dead: MainWindow) -> tuple[MainWindow, str]:
    """The dead desk's window is gone (nothing canceled); a new window on the same data
    folder reconciles at start. Returns it and its notice."""
    dead.hide()
    again = open_window(wait_ready=False)
    with qtbot.waitSignal(again.reconciled, timeout=WAIT):
        pass
    wait_ready_window(qtbot, again)
    return again, str(find(again, "noticeBar").text())


def die_while_charging(
    qtbot: Any, open_window: WindowFactory, window: MainWindow, freeze: Freeze
) -> tuple[MainWindow, str]:
    """Confirm a charge; the desk dies where ``freeze`` stops it; a new window starts."""
    dialog = start_charge(qtbot, window)
    find(dialog, "confirmChargeButton").click()
    qtbot.waitUntil(freeze.reached.is_set, timeout=WAIT)
    return restart(qtbot, open_window, window)


def check_again_waits_then_records_the_card(
    qtbot: Any, sim: Simulator, data_dir: Path, window: MainWindow, reader: str
) -> None:
    """Check again while the reader still waits changes nothing; once the customer keys
    the card, the next Check again records it."""
    status = find(window, "statusPanel")
    check = find(window, "checkAgainButton")
    check.click()
    qtbot.waitUntil(lambda: "has not answered yet" in status.text(), timeout=WAIT)
    settled(qtbot, window)
    books, still_open = read_books(sim, data_dir)
    assert [entry.state for entry in still_open] == [JournalState.SENT]
    assert [si["status"] for si in books.intents[still_open[0].id]] == ["requires_payment_method"]

    sim.set_reader(reader, hang=False, auto_present={"number": CARD, "delay_s": 0})
    check.click()
    qtbot.waitUntil(lambda: status.state == "approved", timeout=WAIT)
    assert "Stripe confirms that the card was saved" in status.text()


class EventLoopWatch:
    """Ticks every 20 ms on the GUI thread; the longest pause between ticks tells whether
    the window froze."""

    def __init__(self) -> None:
        self.ticks: list[float] = [time.monotonic()]
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(lambda: self.ticks.append(time.monotonic()))
        self._timer.start()

    def stop(self) -> float:
        """Stop; the longest gap between two ticks, in seconds."""
        self._timer.stop()
        return max(b - a for a, b in pairwise(self.ticks))


# ====================================================================== the clerk's work
def press_save(qtbot: Any, window: MainWindow) -> StatusPanel:
    """Press Save card and wait for the save to end; the status panel then says how."""
    status: StatusPanel = find(window, "statusPanel")
    save = find(window, "saveCardButton")
    assert save.isEnabled(), save.toolTip()
    save.click()
    assert window.save_action.running
    qtbot.waitUntil(lambda: not window.save_action.running, timeout=WAIT)
    return status


def save(qtbot: Any, window: MainWindow) -> StatusPanel:
    """Choose Margaret Okafor, tick consent and save."""
    fill_form(qtbot, window)
    return press_save(qtbot, window)


def start_charge(qtbot: Any, window: MainWindow, amount: str = AMOUNT) -> ChargeDialog:
    qtbot.waitUntil(window.saved_cards.can_charge, timeout=5000)
    dialog = open_charge(qtbot, window)
    review(qtbot, dialog, amount)
    return dialog


def press_charge(qtbot: Any, dialog: ChargeDialog, presses: int = 3) -> str:
    """Press the confirm button ``presses`` times in a row (an impatient clerk); the result."""
    button = find(dialog, "confirmChargeButton")
    for _ in range(presses):
        button.click()
    qtbot.waitUntil(lambda: dialog.page != "working", timeout=WAIT)
    return dialog.result_text()


def close_dialog(qtbot: Any, window: MainWindow, dialog: ChargeDialog) -> None:
    dialog.reject()
    qtbot.waitUntil(lambda: window.charge_dialog() is None, timeout=2000)


def charge(qtbot: Any, window: MainWindow, presses: int = 3) -> str:
    dialog = start_charge(qtbot, window)
    text = press_charge(qtbot, dialog, presses)
    close_dialog(qtbot, window, dialog)
    return text


def settled(qtbot: Any, window: MainWindow) -> None:
    """Wait until the window runs no background job (the records are then at rest)."""
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT)


def assert_form_kept(window: MainWindow) -> None:
    customer = window.customers.current_customer()
    assert customer is not None
    assert customer.name == "Margaret Okafor"
    assert find(window, "consentCheck").isChecked()
    assert find(window, "saveCardButton").isEnabled()


# ====================================================================== faults the SDK absorbs
@dataclass(frozen=True)
class Transient:
    kind: str
    paths: tuple[str, ...]
    times: int = 1
    fields: dict[str, Any] = field(default_factory=dict)


TRANSIENT = {
    "500": Transient("status", EVERY_WRITE, fields={"status": 500}),
    "503": Transient("status", EVERY_WRITE, fields={"status": 503}),
    "429-should-retry": Transient(
        "status", EVERY_WRITE, fields={"status": 429, "should_retry": True}
    ),
    "dropped-before-the-work": Transient("drop_before", EVERY_WRITE),
    "dropped-after-the-work": Transient("drop_after", EVERY_WRITE),
    # Stripe charged, and the answers to the SDK's two retries were lost too: the flow's own
    # repeat, with the same idempotency key, gets Stripe's replay.
    "dropped-after-the-charge-beyond-sdk-retries": Transient("drop_after", (PI_CREATE,), times=3),
}


@pytest.mark.parametrize("fault", TRANSIENT.values(), ids=TRANSIENT.keys())
def test_a_fault_the_retries_absorb_is_invisible_and_leaves_one_intent(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    data_dir: Path,
    fault: Transient,
) -> None:
    keyed_on_the_reader(sim, desk)
    window = open_window()
    inject(sim, fault.kind, fault.paths, fault.times, **fault.fields)

    status = save(qtbot, window)
    assert status.state == "approved", status.text()
    assert "✓ Card saved" in status.text()
    assert CHARGED in charge(qtbot, window)
    assert sim.faults.rules() == []  # every injected fault did fire

    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=1, charged=1)
    assert books.per_entry(JournalKind.SAVE_CARD) == [1]
    assert books.per_entry(JournalKind.CHARGE) == [1]


# ====================================================================== latency
def test_latency_keeps_the_window_alive_and_changes_nothing(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any], data_dir: Path
) -> None:
    keyed_on_the_reader(sim, desk)
    window = open_window()
    inject(sim, "latency", (SI_CREATE, PI_CREATE), latency_ms=int(LATENCY_S * 1000))

    fill_form(qtbot, window)
    status: StatusPanel = find(window, "statusPanel")
    watch = EventLoopWatch()
    started = time.monotonic()
    find(window, "saveCardButton").click()
    qtbot.waitUntil(lambda: "Preparing the save with Stripe" in status.text(), timeout=5000)
    assert find(window, "cancelButton").isEnabled()  # Esc still works while Stripe is slow
    qtbot.waitUntil(lambda: not window.save_action.running, timeout=WAIT)
    assert time.monotonic() - started >= LATENCY_S
    assert watch.stop() < LATENCY_S * 2 / 3, "the window froze while Stripe was slow"
    assert status.state == "approved", status.text()

    dialog = start_charge(qtbot, window)
    watch = EventLoopWatch()
    find(dialog, "confirmChargeButton").click()
    working = find(dialog, "chargeWorking")
    assert "Please wait; do not close moto-desk" in working.text()
    key(qtbot, dialog, Qt.Key.Key_Escape)  # refused while the charge is on its way
    assert window.charge_dialog() is dialog
    qtbot.waitUntil(lambda: dialog.page != "working", timeout=WAIT)
    assert watch.stop() < LATENCY_S * 2 / 3, "the window froze while Stripe was slow"
    assert CHARGED in dialog.result_text()
    close_dialog(qtbot, window, dialog)

    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=1, charged=1)
    assert books.per_entry(JournalKind.CHARGE) == [1]


# ====================================================================== 429, not to be retried
def test_429_on_the_setup_intent_says_wait_and_the_second_save_works(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any], data_dir: Path
) -> None:
    keyed_on_the_reader(sim, desk)
    window = open_window()
    inject(sim, "status", (SI_CREATE,), status=429)

    status = save(qtbot, window)
    assert status.state == "failed", status.text()
    assert "Could not reach Stripe" in status.text()
    assert "Wait a few seconds, then try again" in status.text()
    assert_form_kept(window)
    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=0, charged=0)
    assert books.per_entry(JournalKind.SAVE_CARD) == [0]  # never reached Stripe

    status = press_save(qtbot, window)
    assert status.state == "approved", status.text()
    assert CHARGED in charge(qtbot, window)
    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=1, charged=1)
    assert books.per_entry(JournalKind.SAVE_CARD) == [0, 1]


def test_429_on_the_reader_command_says_wait_and_keeps_the_form(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any], data_dir: Path
) -> None:
    keyed_on_the_reader(sim, desk)
    window = open_window()
    inject(sim, "status", (PROCESS,), status=429)

    status = save(qtbot, window)
    settled(qtbot, window)
    # The books are right: the reader never had the command, the SetupIntent is canceled.
    books = assert_invariants(sim, data_dir, saved=0, charged=0)
    assert books.per_entry(JournalKind.SAVE_CARD) == [1]
    assert books.states(JournalKind.SAVE_CARD) == [JournalState.FAILED]
    # What the clerk is told should say the same.
    assert status.state == "failed", status.text()
    assert "Could not reach Stripe" in status.text()
    assert "Wait a few seconds, then try again" in status.text()
    assert_form_kept(window)

    status = press_save(qtbot, window)
    assert status.state == "approved", status.text()
    assert CHARGED in charge(qtbot, window)
    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=1, charged=1)
    assert books.per_entry(JournalKind.SAVE_CARD) == [1, 1]


def test_429_on_the_charge_says_not_charged_and_the_second_try_charges_once(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any], data_dir: Path
) -> None:
    keyed_on_the_reader(sim, desk)
    window = open_window()
    assert save(qtbot, window).state == "approved"
    inject(sim, "status", (PI_CREATE,), status=429)

    dialog = start_charge(qtbot, window)
    text = press_charge(qtbot, dialog)
    assert "✗ Not charged" in text
    assert "Wait a few seconds, then try again" in text
    assert find(dialog, "checkChargeButton").isHidden()
    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=1, charged=0)
    assert books.per_entry(JournalKind.CHARGE) == [0]

    # Change the charge → the same amount again: charged at once (a duplicate would be asked
    # first), since nothing was charged.
    find(dialog, "changeChargeButton").click()
    review(qtbot, dialog, AMOUNT)
    assert CHARGED in press_charge(qtbot, dialog)
    close_dialog(qtbot, window, dialog)
    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=1, charged=1)
    assert books.per_entry(JournalKind.CHARGE) == [0, 1]


# ====================================================================== every answer lost
@pytest.fixture
def quick_repeats(monkeypatch: pytest.MonkeyPatch) -> int:
    """One repeat of an unknown write instead of three (0.5, 1, 2 s apart): the SDK's
    retries are untouched. Returns how many attempts make an outcome unknown."""
    monkeypatch.setattr(moto_desk.flows.writes, "RESOLVE_PAUSES_S", (0.0,))
    return 2 * 3  # two sends of the same key, three SDK attempts each


def test_every_answer_to_the_setup_intent_lost_then_check_again_cancels_it(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    data_dir: Path,
    quick_repeats: int,
) -> None:
    """The SetupIntent was created but the desk never learned its id: Check again finds it
    by its journal metadata and cancels it; the next save is a new, separate one."""
    keyed_on_the_reader(sim, desk)
    window = open_window()
    inject(sim, "drop_after", (SI_CREATE,), times=quick_repeats)

    status = save(qtbot, window)
    assert status.state == "unknown", status.text()
    assert "Result not known yet" in status.text()
    assert not find(window, "saveCardButton").isEnabled()
    check = find(window, "checkAgainButton")
    for _ in range(3):
        check.click()  # disabled while Stripe is asked: extra presses do nothing
    qtbot.waitUntil(lambda: status.state != "unknown", timeout=WAIT)
    assert "Stripe confirms that no card was saved" in status.text()
    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=0, charged=0)
    assert books.per_entry(JournalKind.SAVE_CARD) == [1]  # six requests, one SetupIntent

    assert_form_kept(window)
    assert press_save(qtbot, window).state == "approved"
    assert CHARGED in charge(qtbot, window)
    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=1, charged=1)
    assert books.per_entry(JournalKind.SAVE_CARD) == [1, 1]


def test_every_answer_to_the_charge_lost_then_check_again_finds_one_payment(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    data_dir: Path,
    quick_repeats: int,
) -> None:
    keyed_on_the_reader(sim, desk)
    window = open_window()
    assert save(qtbot, window).state == "approved"
    inject(sim, "drop_after", (PI_CREATE,), times=quick_repeats)

    dialog = start_charge(qtbot, window)
    assert "Result not known yet" in press_charge(qtbot, dialog)
    settled(qtbot, window)
    _, still_open = read_books(sim, data_dir)
    assert [entry.state for entry in still_open] == [JournalState.UNKNOWN]
    check = find(dialog, "checkChargeButton")
    for _ in range(3):
        check.click()
    qtbot.waitUntil(lambda: CHARGED in dialog.result_text(), timeout=WAIT)
    close_dialog(qtbot, window, dialog)

    # The same charge again: the desk knows it was made and asks before a second payment.
    dialog = start_charge(qtbot, window)
    press_charge(qtbot, dialog, presses=1)
    assert dialog.page == "confirm"
    assert "charged the same amount" in dialog.confirm_text()
    close_dialog(qtbot, window, dialog)
    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=1, charged=1)
    assert books.per_entry(JournalKind.CHARGE) == [1]  # six requests, one PaymentIntent


# ====================================================================== reader faults
READER_FAULTS: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    "offline": ({"status": "offline"}, {"status": "online"}, "offline"),
    "busy": ({"busy": True}, {"busy": False}, "card reader is busy"),
}


@pytest.mark.parametrize("name", READER_FAULTS)
def test_a_reader_that_refuses_fails_the_save_cleanly_and_never_blocks_a_charge(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    data_dir: Path,
    name: str,
) -> None:
    fault, cleared, words = READER_FAULTS[name]
    keyed_on_the_reader(sim, desk)
    window = open_window()
    reader = reader_id(desk)
    sim.set_reader(reader, **fault)

    status = save(qtbot, window)
    assert status.state == "failed", status.text()
    assert "Problem with the reader" in status.text()
    assert words in status.text()
    assert_form_kept(window)
    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=0, charged=0)
    assert books.per_entry(JournalKind.SAVE_CARD) == [1]  # created, then canceled

    sim.set_reader(reader, **cleared)
    assert press_save(qtbot, window).state == "approved"
    sim.set_reader(reader, **fault)  # a charge of a saved card needs no reader
    assert CHARGED in charge(qtbot, window)
    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=1, charged=1)
    assert books.per_entry(JournalKind.SAVE_CARD) == [1, 1]


def test_a_reader_timeout_although_delivered_goes_on_with_the_same_command(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any], data_dir: Path
) -> None:
    keyed_on_the_reader(sim, desk)
    window = open_window()
    sim.set_reader(reader_id(desk), timeout_delivered=1)

    status = save(qtbot, window)
    assert status.state == "approved", status.text()
    assert CHARGED in charge(qtbot, window)
    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=1, charged=1)
    assert books.per_entry(JournalKind.SAVE_CARD) == [1]
    # The command that "timed out" had reached the reader: it was not sent a second time.
    with open_records(database_path(data_dir)) as records:
        steps = records.journal.steps(books.of(JournalKind.SAVE_CARD)[0].id)
    sent = [(step.step, step.http_outcome) for step in steps]
    assert sent == [
        ("create_setup_intent", "ok"),
        ("process_setup_intent", "error:reader_timeout"),
    ]


def test_a_stalled_reader_keeps_the_save_open_until_it_finishes(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any], data_dir: Path
) -> None:
    """The reader shows no result by the deadline; Check again while it still waits cancels
    nothing; the customer finishes late and the next Check again records the card."""
    reader = reader_id(desk)
    sim.set_reader(reader, hang=True)
    window = open_window()
    window.save_action.reader_wait_s = 0.8

    status = save(qtbot, window)
    assert status.state == "unknown", status.text()
    assert "The reader has not finished" in status.text()
    assert not find(window, "saveCardButton").isEnabled()
    check_again_waits_then_records_the_card(qtbot, sim, data_dir, window, reader)
    sim.set_reader(reader, hang=True)
    assert CHARGED in charge(qtbot, window)
    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=1, charged=1)
    assert books.per_entry(JournalKind.SAVE_CARD) == [1]


# ====================================================================== the desk dies
def test_desk_dies_after_the_reader_got_the_save_and_the_next_start_records_the_card(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyed_on_the_reader(sim, desk)
    window = open_window()
    with desk_dies_in(monkeypatch, "process_setup_intent", after_the_request=True) as freeze:
        fill_form(qtbot, window)
        find(window, "saveCardButton").click()
        qtbot.waitUntil(freeze.reached.is_set, timeout=WAIT)
        # The card is keyed 50 ms after the reader asks; on a loaded machine the new window
        # could start first and (rightly) find the reader still waiting — not this test's case.
        qtbot.waitUntil(lambda: the_reader_finished(sim, desk), timeout=WAIT)
        again, notice = restart(qtbot, open_window, window)
        assert "unfinished last time" in notice
        assert "visa •••• 4242 was saved" in notice
        fill_form(qtbot, again)
        assert CHARGED in charge(qtbot, again)
        settled(qtbot, again)
        books = assert_invariants(sim, data_dir, saved=1, charged=1)
    settled(qtbot, window)  # the dead worker is let go: it writes nothing
    assert assert_invariants(sim, data_dir, saved=1, charged=1) == books
    assert books.per_entry(JournalKind.SAVE_CARD) == [1]
    (entry,) = books.of(JournalKind.SAVE_CARD)
    assert entry.reconciled_at is not None


def test_desk_dies_while_the_reader_waits_and_the_next_start_offers_check_again(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reader still asks for the card when the new window starts: the entry stays open,
    the status panel says why and offers Check again (not only the next start), Save waits;
    once the customer keys the card, Check again records it."""
    reader = reader_id(desk)
    sim.set_reader(reader, hang=True)
    window = open_window()
    with desk_dies_in(monkeypatch, "process_setup_intent", after_the_request=True) as freeze:
        fill_form(qtbot, window)
        find(window, "saveCardButton").click()
        qtbot.waitUntil(freeze.reached.is_set, timeout=WAIT)
        again, notice = restart(qtbot, open_window, window)
        assert "is still waiting for this card" in notice
        status = find(again, "statusPanel")
        assert status.state == "unknown", status.text()
        assert "is still waiting for this card" in status.text()
        assert find(again, "checkAgainButton").isVisible()
        fill_form(qtbot, again)
        assert not find(again, "saveCardButton").isEnabled()

        check_again_waits_then_records_the_card(qtbot, sim, data_dir, again, reader)
        settled(qtbot, again)
        books = assert_invariants(sim, data_dir, saved=1, charged=0)
    settled(qtbot, window)
    assert assert_invariants(sim, data_dir, saved=1, charged=0) == books
    assert books.per_entry(JournalKind.SAVE_CARD) == [1]


def test_desk_dies_after_stripe_charged_and_the_next_start_finds_the_payment(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyed_on_the_reader(sim, desk)
    window = open_window()
    assert save(qtbot, window).state == "approved"
    with desk_dies_in(monkeypatch, "charge_off_session", after_the_request=True) as freeze:
        again, notice = die_while_charging(qtbot, open_window, window, freeze)
        assert "unfinished last time" in notice
        assert "The charge went through" in notice
        # The clerk charges again as if nothing happened: the desk asks first.
        fill_form(qtbot, again)
        dialog = start_charge(qtbot, again)
        press_charge(qtbot, dialog, presses=1)
        assert "charged the same amount" in dialog.confirm_text()
        close_dialog(qtbot, again, dialog)
        settled(qtbot, again)
        books = assert_invariants(sim, data_dir, saved=1, charged=1)
    settled(qtbot, window)
    assert assert_invariants(sim, data_dir, saved=1, charged=1) == books
    assert books.per_entry(JournalKind.CHARGE) == [1]


def test_desk_dies_before_the_charge_left_and_the_next_start_says_nothing_was_charged(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyed_on_the_reader(sim, desk)
    window = open_window()
    assert save(qtbot, window).state == "approved"
    with desk_dies_in(monkeypatch, "charge_off_session", after_the_request=False) as freeze:
        again, notice = die_while_charging(qtbot, open_window, window, freeze)
        settled(qtbot, again)
        books = assert_invariants(sim, data_dir, saved=1, charged=0)
        assert books.per_entry(JournalKind.CHARGE) == [0]
        assert books.states(JournalKind.CHARGE) == [JournalState.FAILED]
        # Nothing was charged, so charging again is charged at once, not asked as a duplicate.
        fill_form(qtbot, again)
        dialog = start_charge(qtbot, again)
        assert CHARGED in press_charge(qtbot, dialog)
        close_dialog(qtbot, again, dialog)
        settled(qtbot, again)
        books = assert_invariants(sim, data_dir, saved=1, charged=1)
        assert books.per_entry(JournalKind.CHARGE) == [0, 1]
    settled(qtbot, window)
    # The clerk last saw "Charging…": the next start must say the charge was not made.
    assert "unfinished last time" in notice
    assert "was interrupted before it reached Stripe: the customer was not charged" in notice


# ====================================================================== the checks themselves
def test_the_invariants_catch_what_they_promise(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any], data_dir: Path
) -> None:
    """Each invariant fails on books broken its way: a reader left working, a card_saved
    record Stripe knows nothing of, a second intent for one entry, an open entry, an intent
    no entry owns, an edited ledger (each caught by a check that runs before those the
    earlier breaks trip, so every break is seen on its own)."""
    keyed_on_the_reader(sim, desk)
    window = open_window()
    assert save(qtbot, window).state == "approved"
    assert CHARGED in charge(qtbot, window, presses=1)
    settled(qtbot, window)
    books = assert_invariants(sim, data_dir, saved=1, charged=1)
    with pytest.raises(AssertionError):
        assert_invariants(sim, data_dir, saved=1, charged=2)
    (charge_entry,) = books.of(JournalKind.CHARGE)
    customer = str(charge_entry.customer_id)
    client = make_client(sim)

    client.v1.terminal.readers.set_reader_display(reader_id(desk), CART)
    with pytest.raises(AssertionError, match="set_reader_display"):
        assert_invariants(sim, data_dir, saved=1, charged=1)

    with open_records(database_path(data_dir)) as records:
        consent = records.ledger.record_consent(
            customer,
            clerk="x",
            desk="x",
            channel=Channel.PHONE,
            terms=load_terms("en"),
            allow_redisplay=AllowRedisplay.LIMITED,
        )
        card = SavedCard("pm_unknown_to_stripe", customer, "visa", "4242", 12, 2099)
        records.ledger.record_card_saved(
            consent.record_id, "seti_never_made", card.payment_method_id, card
        )
    with pytest.raises(AssertionError, match="seti_never_made"):
        assert_invariants(sim, data_dir, saved=1, charged=1)

    second = client.v1.payment_intents.create(
        {
            "amount": 1250,
            "currency": "usd",
            "customer": customer,
            "payment_method": str(charge_entry.payment_method_id),
            "off_session": True,
            "confirm": True,
            "metadata": {"journal_id": charge_entry.id},
        }
    )
    with pytest.raises(AssertionError, match=second.id):
        assert_invariants(sim, data_dir, saved=1, charged=1)

    with open_records(database_path(data_dir)) as records:
        records.journal.begin(JournalKind.CHARGE, customer_id=customer)
    with pytest.raises(AssertionError, match="left open"):
        assert_invariants(sim, data_dir, saved=1, charged=1)

    client.v1.setup_intents.create({"customer": customer, "metadata": {"journal_id": "nobody"}})
    with pytest.raises(AssertionError, match="belongs to no journal entry"):
        assert_invariants(sim, data_dir, saved=1, charged=1)

    with open_records(database_path(data_dir)) as records:
        records.conn.execute("DROP TRIGGER ledger_no_update")
        records.conn.execute("UPDATE ledger SET clerk = 'Mallory' WHERE seq = 1")
    with pytest.raises(AssertionError, match="Record 1 was changed after it was written"):
        assert_invariants(sim, data_dir, saved=1, charged=1)
