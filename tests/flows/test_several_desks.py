"""Two desks (two data folders) sharing one simulated account and one reader."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from moto_desk.domain.errors import ReaderBusy
from moto_desk.flows.progress import Progress, Step
from moto_desk.flows.readers import ReaderChanged, clear_reader
from moto_desk.flows.save_card import save_card
from moto_desk.records.journal import JournalKind, JournalState
from moto_desk.simulator import Simulator

from .conftest import card, make_desk


def test_one_desk_gets_the_reader_the_other_is_told_and_cancels_nothing(
    sim: Simulator, tmp_path: Path
) -> None:
    sim.seed_demo()
    front, phone = make_desk(sim, tmp_path / "a"), make_desk(sim, tmp_path / "b")
    reader = front.reader()
    waiting = threading.Event()
    release = threading.Event()
    outcome: dict[str, object] = {}

    def first_desk() -> None:
        def on_progress(progress: Progress) -> None:
            if progress.step is Step.WAITING_FOR_CARD and not waiting.is_set():
                waiting.set()
                release.wait(10)

        front.ctx.progress = on_progress
        try:
            outcome["a"] = save_card(front.ctx, front.save_request(front.customer(), reader))
        except Exception as exc:  # reported below
            outcome["a"] = exc

    worker = threading.Thread(target=first_desk)
    worker.start()
    assert waiting.wait(10)
    with pytest.raises(ReaderBusy) as caught:
        save_card(phone.ctx, phone.save_request(phone.customer("Phone Customer"), reader))
    assert caught.value.held_by_this_desk is False
    assert "another desk" in caught.value.clerk_message
    # The refused desk cancelled only its own SetupIntent, not the first desk's action.
    action = phone.gateway.get_reader(reader.id).action
    assert action is not None and action.status == "in_progress"
    sim.set_reader(reader.id, auto_present=card("4242424242424242", delay_s=0.05))
    phone.gateway.present_test_card(reader.id, "4242424242424242", 12, 2040, "123")
    release.set()
    worker.join(20)
    result = outcome["a"]
    assert not isinstance(result, Exception), result
    with phone.records() as records:
        (entry,) = records.journal.list(kind=JournalKind.SAVE_CARD)
        assert entry.state is JournalState.FAILED


def test_force_clear_rechecks_what_the_reader_is_doing(sim: Simulator, tmp_path: Path) -> None:
    sim.seed_demo()
    front, phone = make_desk(sim, tmp_path / "a"), make_desk(sim, tmp_path / "b")
    reader = front.reader()
    sim.set_reader(reader.id, hang=True)
    foreign = front.gateway.create_setup_intent(front.customer().id, {}, idempotency_key="front-si")
    front.gateway.process_setup_intent(
        reader.id, foreign.id, "limited", idempotency_key="front-process"
    )
    seen = phone.gateway.get_reader(reader.id).action
    assert seen is not None

    # Meanwhile the first desk's action is replaced by another: the clerk's view is stale.
    front.gateway.cancel_reader_action(reader.id, idempotency_key="front-clear")
    other = front.gateway.create_setup_intent(
        front.customer("Second").id, {}, idempotency_key="front-si-2"
    )
    front.gateway.process_setup_intent(
        reader.id, other.id, "limited", idempotency_key="front-process-2"
    )
    with pytest.raises(ReaderChanged):
        clear_reader(phone.ctx, reader.id, seen)
    still = phone.gateway.get_reader(reader.id).action
    assert still is not None and still.setup_intent_id == other.id

    # With a fresh look, the confirmed clear goes through and is journaled.
    cleared = clear_reader(phone.ctx, reader.id, still)
    assert cleared.action is None
    with phone.records() as records:
        (entry,) = records.journal.list(kind=JournalKind.CLEAR_READER)
    assert entry.state is JournalState.SUCCEEDED
    assert entry.details["intent"] == other.id
