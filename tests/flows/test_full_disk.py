"""A full disk: the desk cannot write its records, so it sends nothing to Stripe.

The journal stores each Stripe write's idempotency key before the request; when that write
fails, the request must not go out. "Full" here means no file of this process can grow at
all: ``RLIMIT_FSIZE`` is lowered to 0 (with ``SIGXFSZ`` ignored, every write to a file then
fails with ``EFBIG``) — stricter than a real full disk, where SQLite may still reuse space in
its write-ahead log, and portable to every POSIX desk without root or a special file system.
The limit is process-wide, so it reaches the worker threads the window runs flows on, and is
lifted ("space returns") without restarting anything.

Each operation — a save and a charge, through the flows and through the window — must end in
the STORAGE error kind with words a clerk understands, leave nothing at Stripe and nothing
half-written in the journal, keep what the clerk typed, and work as it is once space returns;
the consent ledger then verifies.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import pytest

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.money import Money
from moto_desk.flows.charge import ChargeRequest, charge_saved_card
from moto_desk.flows.context import open_records
from moto_desk.flows.save_card import save_card
from moto_desk.simulator import Simulator
from tests.conftest import make_client
from tests.helpers.desk_windows import OFFSCREEN_NOISE, DeskWindows, child, close_message_boxes
from tests.ui.test_charge import open_charge, review
from tests.ui.test_save_failures import fill_form

from .conftest import Desk, card

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX"),
    pytest.mark.qt_log_ignore(OFFSCREEN_NOISE),
]


@pytest.fixture
def desk(file_desk: Desk) -> Desk:
    """A full disk is the desk's own file's trouble: the shop's server has its own disk (its
    loss mid-operation is tests/flows/test_shop_outage.py)."""
    return file_desk


#: What SQLite and the OS say; the clerk must never read it.
JARGON = ("sqlite", "SQLite", "I/O", "EFBIG", "OperationalError", "errno", "database")


@contextmanager
def disk_full() -> Iterator[None]:
    """No file of this process can grow until the block ends."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def assert_clerk_words_for_a_full_disk(words: str, desk: Desk) -> None:
    assert "disk" in words and "full" in words, words
    assert "moto-desk" in words
    for jargon in JARGON:
        assert jargon not in words, f"{jargon!r} shown to the clerk: {words}"
    assert str(desk.data_dir) not in words


def stripe_intents(sim: Simulator, customer_id: str) -> tuple[list[str], list[str]]:
    """The customer's SetupIntents and PaymentIntents, as Stripe has them."""
    client = make_client(sim)
    setups = client.v1.setup_intents.list({"customer": customer_id, "limit": 100}).data
    payments = client.v1.payment_intents.list({"customer": customer_id, "limit": 100}).data
    return [si.id for si in setups], [pi.id for pi in payments]


def journal_and_ledger(desk: Desk) -> tuple[list[str], int]:
    with open_records(desk.ctx.records_at) as records:
        entries = [entry.id for entry in records.journal.list()]
        return entries, records.ledger.verify().count


def assert_settled_and_verified(desk: Desk) -> None:
    with open_records(desk.ctx.records_at) as records:
        assert [e.id for e in records.journal.list() if e.is_open] == []
        verified = records.ledger.verify()
        assert verified.ok, verified.problems


@pytest.mark.parametrize(
    "file_open_elsewhere",
    [False, True],
    ids=["first-connection", "file-held-open-like-the-window"],
)
def test_a_save_and_a_charge_fail_before_stripe_and_work_once_space_returns(
    desk: Desk, file_open_elsewhere: bool
) -> None:
    customer = desk.customer("Full Disk")
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card("4242424242424242"))
    saved = save_card(desk.ctx, desk.save_request(customer, reader))  # while there is room
    save_request = desk.save_request(customer, reader)
    charge_request = ChargeRequest(customer.id, saved.card, Money(1234, "usd"), "full disk")
    at_stripe = stripe_intents(desk.sim, customer.id)
    on_disk = journal_and_ledger(desk)

    errors: list[MotoDeskError] = []
    with ExitStack() as stack:
        if file_open_elsewhere:
            # The window's database worker keeps a connection (and the WAL) open all day:
            # opening succeeds, the journal's first write is what fails.
            stack.enter_context(open_records(desk.ctx.records_at))
        stack.enter_context(disk_full())
        for attempt in (
            lambda: save_card(desk.ctx, save_request),
            lambda: charge_saved_card(desk.ctx, charge_request),
        ):
            with pytest.raises(MotoDeskError) as caught:
                attempt()
            errors.append(caught.value)

    for error in errors:
        assert error.kind is ErrorKind.STORAGE, error
        assert_clerk_words_for_a_full_disk(error.clerk_message, desk)
    # Nothing went to Stripe, nothing half-written stayed behind.
    assert stripe_intents(desk.sim, customer.id) == at_stripe
    assert journal_and_ledger(desk) == on_disk

    # Space returns: the very same requests go through, once each.
    again = save_card(desk.ctx, save_request)
    charged = charge_saved_card(desk.ctx, charge_request)
    assert charged.status == "succeeded"
    setups, payments = stripe_intents(desk.sim, customer.id)
    assert sorted(setups) == sorted([*at_stripe[0], again.setup_intent_id])
    assert payments == [*at_stripe[1], charged.payment_intent_id]
    assert_settled_and_verified(desk)


@pytest.fixture
def windows(qtbot: Any) -> Iterator[DeskWindows]:
    opened = DeskWindows(qtbot)
    yield opened
    opened.close_all()


def test_the_window_keeps_the_forms_sends_nothing_and_works_once_space_returns(
    qtbot: Any, desk: Desk, windows: DeskWindows
) -> None:
    window = windows.open(desk.data_dir, api_base=desk.sim.url, demo=True)
    bugs: list[str] = []
    window.router.bug_reported.connect(bugs.append)
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card("4242424242424242"))
    status = child(window, "statusPanel")
    fill_form(qtbot, window)
    child(window, "saveCardButton").click()
    qtbot.waitUntil(lambda: status.state == "approved", timeout=10_000)
    qtbot.waitUntil(window.saved_cards.can_charge, timeout=5000)
    customer = window.customers.current_customer()
    assert customer is not None
    child(window, "consentCheck").setChecked(True)  # consent for a second card
    at_stripe = stripe_intents(desk.sim, customer.id)
    on_disk = journal_and_ledger(desk)

    with disk_full():
        child(window, "saveCardButton").click()
        qtbot.waitUntil(lambda: status.state == "failed", timeout=10_000)
        saving = status.text()
        dialog = open_charge(qtbot, window)
        review(qtbot, dialog, "12.34")
        child(dialog, "confirmChargeButton").click()
        qtbot.waitUntil(lambda: dialog.page == "result", timeout=10_000)
        charging = dialog.result_text()

    assert "✗ Not done" in saving
    assert_clerk_words_for_a_full_disk(saving, desk)
    assert "The form is kept" in saving
    assert "✗ Not charged" in charging
    assert_clerk_words_for_a_full_disk(charging, desk)
    assert stripe_intents(desk.sim, customer.id) == at_stripe
    assert journal_and_ledger(desk) == on_disk
    assert bugs == []
    assert close_message_boxes() == []

    # The charge form is as the clerk left it; charge it as it is.
    child(dialog, "changeChargeButton").click()
    assert dialog.page == "form"
    assert child(dialog, "amountEdit").text() == "12.34"
    child(dialog, "reviewChargeButton").click()
    qtbot.waitUntil(lambda: dialog.page == "confirm", timeout=5000)
    qtbot.waitUntil(child(dialog, "confirmChargeButton").isEnabled, timeout=5000)
    child(dialog, "confirmChargeButton").click()
    qtbot.waitUntil(lambda: dialog.page == "result", timeout=10_000)
    assert "✓ Charged $12.34" in dialog.result_text()
    child(dialog, "doneButton").click()
    qtbot.waitUntil(lambda: window.charge_dialog() is None, timeout=5000)

    # The save form too: same customer, same choices, consent still ticked — press Save.
    assert window.customers.current_customer() == customer
    assert child(window, "consentCheck").isChecked()
    assert child(window, "channelChoice").currentIndex() == 1
    assert child(window, "saveCardButton").isEnabled()
    child(window, "saveCardButton").click()
    qtbot.waitUntil(lambda: status.state == "approved", timeout=10_000)

    setups, payments = stripe_intents(desk.sim, customer.id)
    assert len(setups) == len(at_stripe[0]) + 1
    assert len(payments) == len(at_stripe[1]) + 1
    assert bugs == []
    assert_settled_and_verified(desk)
