"""The MOTO save, step by step and failure by failure, against the simulated reader."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from moto_desk.domain.errors import (
    Declined,
    ErrorKind,
    InvalidInput,
    MotoDeskError,
    OutcomeUnknown,
    ReaderBusy,
)
from moto_desk.flows.cancel import CancelToken
from moto_desk.flows.progress import Progress, Step
from moto_desk.flows.reconcile import reconcile, stop_and_settle_save
from moto_desk.flows.save_card import ReaderStalled, save_card
from moto_desk.records.journal import JournalKind, JournalState
from moto_desk.simulator import Simulator

from .conftest import Desk, card, make_desk


def _only_entry(desk: Desk):  # type: ignore[no-untyped-def]
    with desk.records() as records:
        entries = records.journal.list(kind=JournalKind.SAVE_CARD)
    assert len(entries) == 1
    return entries[0]


def test_a_card_is_saved_and_consent_recorded(desk: Desk) -> None:
    customer = desk.customer()
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card("4242424242424242"))
    steps: list[Step] = []
    desk.ctx.progress = lambda p: steps.append(p.step)

    result = save_card(desk.ctx, desk.save_request(customer, reader))

    assert (result.card.brand, result.card.last4) == ("visa", "4242")
    assert result.card.customer_id == customer.id
    assert [c.payment_method_id for c in desk.gateway.saved_cards(customer.id)] == [
        result.card.payment_method_id
    ]
    intent = desk.gateway.get_setup_intent(result.setup_intent_id)
    entry = _only_entry(desk)
    assert entry.state is JournalState.SUCCEEDED
    assert intent.metadata["journal_id"] == entry.id
    assert intent.metadata["consent_id"] == entry.details["consent_id"]
    with desk.records() as records:
        kinds = [r.kind.value for r in records.ledger.records(customer.id)]
        assert kinds == ["consent", "card_saved"]
        assert records.ledger.verify().ok
    assert steps[:4] == [
        Step.RECORDING_CONSENT,
        Step.CREATING_INTENT,
        Step.SENDING_TO_READER,
        Step.WAITING_FOR_CARD,
    ]
    assert steps[-1] is Step.DONE


def test_no_consent_no_save(desk: Desk) -> None:
    customer = desk.customer()
    with pytest.raises(InvalidInput) as caught:
        save_card(desk.ctx, desk.save_request(customer, desk.reader(), consent=False))
    assert caught.value.field == "consent"
    with desk.records() as records:
        assert records.journal.list(kind=JournalKind.SAVE_CARD) == []
        assert records.ledger.records(customer.id) == []


@pytest.mark.parametrize(
    ("number", "decline_code"),
    [
        ("4000000000000002", "generic_decline"),
        ("4000000000009995", "insufficient_funds"),
        ("4000000000000069", "expired_card"),
        ("4000000000000127", "incorrect_cvc"),
    ],
)
def test_declines_end_cleanly_with_the_reason(desk: Desk, number: str, decline_code: str) -> None:
    customer = desk.customer()
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card(number))
    with pytest.raises(Declined) as caught:
        save_card(desk.ctx, desk.save_request(customer, reader))
    assert decline_code in (caught.value.decline_code, caught.value.code)
    assert caught.value.clerk_message
    entry = _only_entry(desk)
    assert entry.state is JournalState.FAILED
    assert desk.gateway.saved_cards(customer.id) == []
    assert desk.gateway.get_setup_intent(entry.stripe_object_id or "").status == "canceled"


def test_clerk_cancel_while_waiting(desk: Desk) -> None:
    customer = desk.customer()
    reader = desk.reader()
    cancel = CancelToken()
    desk.ctx.cancel = cancel

    def on_progress(progress: Progress) -> None:
        if progress.step is Step.WAITING_FOR_CARD:
            cancel.cancel()

    desk.ctx.progress = on_progress
    with pytest.raises(MotoDeskError) as caught:
        save_card(desk.ctx, desk.save_request(customer, reader))
    assert caught.value.kind is ErrorKind.CANCELED
    assert _only_entry(desk).state is JournalState.CANCELED
    assert desk.gateway.get_reader(reader.id).action is None
    assert desk.gateway.saved_cards(customer.id) == []


def test_a_cancel_that_loses_the_race_reports_the_approval(desk: Desk) -> None:
    """The card was presented and is being authorised when the clerk cancels."""
    customer = desk.customer()
    reader = desk.reader()
    desk.sim.configure(processing_delay_s=0.6)
    cancel = CancelToken()
    desk.ctx.cancel = cancel
    presented = threading.Event()

    def on_progress(progress: Progress) -> None:
        if progress.step is Step.WAITING_FOR_CARD and not presented.is_set():
            presented.set()
            desk.gateway.present_test_card(reader.id, "4242424242424242", 12, 2040, "123")
            cancel.cancel()

    desk.ctx.progress = on_progress
    result = save_card(desk.ctx, desk.save_request(customer, reader))
    assert result.card.last4 == "4242"
    assert _only_entry(desk).state is JournalState.SUCCEEDED


def test_customer_cancel_on_the_reader(desk: Desk) -> None:
    customer = desk.customer()
    reader = desk.reader()

    def on_progress(progress: Progress) -> None:
        if progress.step is Step.WAITING_FOR_CARD:
            desk.sim.set_reader(reader.id, customer_cancel=True)

    desk.ctx.progress = on_progress
    with pytest.raises(MotoDeskError) as caught:
        save_card(desk.ctx, desk.save_request(customer, reader))
    assert caught.value.kind is ErrorKind.CANCELED
    assert "reader" in caught.value.clerk_message
    assert _only_entry(desk).state is JournalState.CANCELED


def test_reader_offline(desk: Desk) -> None:
    reader = desk.reader()
    desk.sim.set_reader(reader.id, status="offline")
    with pytest.raises(MotoDeskError) as caught:
        save_card(desk.ctx, desk.save_request(desk.customer(), reader))
    assert caught.value.kind is ErrorKind.READER_OFFLINE
    entry = _only_entry(desk)
    assert entry.state is JournalState.FAILED
    assert desk.gateway.get_setup_intent(entry.stripe_object_id or "").status == "canceled"


def test_reader_busy_with_another_desk(desk: Desk) -> None:
    reader = desk.reader()
    other = desk.customer("Other Desk Customer")
    foreign = desk.gateway.create_setup_intent(other.id, {}, idempotency_key="foreign-si")
    desk.gateway.process_setup_intent(
        reader.id, foreign.id, "limited", idempotency_key="foreign-process"
    )
    with pytest.raises(ReaderBusy) as caught:
        save_card(desk.ctx, desk.save_request(desk.customer(), reader))
    assert caught.value.held_by_this_desk is False


def test_reader_busy_with_this_desks_own_earlier_save(desk: Desk) -> None:
    reader = desk.reader()
    desk.sim.set_reader(reader.id, hang=True)
    with pytest.raises(ReaderStalled):
        save_card(desk.ctx, desk.save_request(desk.customer(), reader, deadline_s=0.5))
    with pytest.raises(ReaderBusy) as caught:
        save_card(desk.ctx, desk.save_request(desk.customer("Second Customer"), reader))
    assert caught.value.held_by_this_desk is True


def test_timeout_although_the_command_arrived(desk: Desk) -> None:
    reader = desk.reader()
    desk.sim.set_reader(reader.id, timeout_delivered=1, auto_present=card("5555555555554444"))
    result = save_card(desk.ctx, desk.save_request(desk.customer(), reader))
    assert result.card.brand == "mastercard"


def test_an_action_that_never_ends_stops_at_the_deadline(desk: Desk) -> None:
    reader = desk.reader()
    desk.sim.set_reader(reader.id, hang=True)
    with pytest.raises(ReaderStalled) as caught:
        save_card(desk.ctx, desk.save_request(desk.customer(), reader, deadline_s=0.6))
    assert caught.value.kind is ErrorKind.READER_TIMEOUT
    assert _only_entry(desk).state is JournalState.SENT  # open: reconciliation or cancel


def test_moto_not_enabled(desk: Desk) -> None:
    desk.sim.configure(moto_enabled=False)
    with pytest.raises(MotoDeskError) as caught:
        save_card(desk.ctx, desk.save_request(desk.customer(), desk.reader()))
    assert caught.value.kind is ErrorKind.MOTO_NOT_ENABLED
    assert "MOTO" in caught.value.clerk_message


def test_the_reader_taken_over_by_another_desk(desk: Desk) -> None:
    """Another desk force-clears the reader and starts its own save while we wait."""
    customer = desk.customer()
    reader = desk.reader()
    other = desk.customer("Other Desk Customer")
    taken = threading.Event()

    def on_progress(progress: Progress) -> None:
        if progress.step is Step.WAITING_FOR_CARD and not taken.is_set():
            taken.set()
            gateway = desk.gateway
            gateway.cancel_reader_action(reader.id, idempotency_key="other-desk-clear")
            intent = gateway.create_setup_intent(other.id, {}, idempotency_key="other-desk-si")
            gateway.process_setup_intent(
                reader.id, intent.id, "limited", idempotency_key="other-desk-process"
            )

    desk.ctx.progress = on_progress
    with pytest.raises(MotoDeskError) as caught:
        save_card(desk.ctx, desk.save_request(customer, reader))
    assert caught.value.kind is ErrorKind.CANCELED
    assert "another desk" in caught.value.clerk_message
    assert _only_entry(desk).state is JournalState.CANCELED
    assert desk.gateway.saved_cards(customer.id) == []


def test_the_clerk_stops_a_stalled_save(desk: Desk) -> None:
    reader = desk.reader()
    customer = desk.customer()
    desk.sim.set_reader(reader.id, hang=True)
    with pytest.raises(ReaderStalled) as caught:
        save_card(desk.ctx, desk.save_request(customer, reader, deadline_s=0.5))
    settled = stop_and_settle_save(desk.ctx, caught.value.entry_id)
    assert settled.state is JournalState.CANCELED
    assert desk.gateway.get_reader(reader.id).action is None
    assert _only_entry(desk).state is JournalState.CANCELED


def test_answers_lost_while_waiting_leave_the_outcome_to_reconciliation(
    sim: Simulator, tmp_path: Path
) -> None:
    sim.seed_demo()
    desk = make_desk(sim, tmp_path / "d", retries=0)
    reader = desk.reader()
    customer = desk.customer()
    desk.sim.set_reader(reader.id, auto_present=card("4242424242424242", delay_s=0.3))

    def on_progress(progress: Progress) -> None:
        if progress.step is Step.WAITING_FOR_CARD and not sim.faults.rules():
            sim.faults.add(kind="drop_before", method="GET")

    desk.ctx.progress = on_progress
    with pytest.raises(OutcomeUnknown) as caught:
        save_card(desk.ctx, desk.save_request(customer, reader))
    assert _only_entry(desk).state is JournalState.UNKNOWN
    sim.faults.clear()
    settled = reconcile(desk.ctx)
    assert [(s.entry_id, s.state) for s in settled] == [
        (caught.value.entry_id, JournalState.SUCCEEDED)
    ]
    with desk.records() as records:
        assert [r.kind.value for r in records.ledger.records(customer.id)] == [
            "consent",
            "card_saved",
        ]
