"""The background-job helper's edges the window relies on: a destroyed owner gets nothing,
and shutting down neither drops queued work nor crashes on late requests."""

from __future__ import annotations

import sys
import threading
from typing import Any

from PySide6.QtCore import QObject

from moto_desk.ui.shell.jobs import GIL_SWITCH_INTERVAL_S, JOB_THREAD_PREFIX, JobRunner


def test_a_destroyed_owner_receives_nothing(qtbot: Any) -> None:
    runner = JobRunner()
    owner = QObject()
    release = threading.Event()
    delivered: list[object] = []
    job = runner.job(lambda: release.wait(5) and 42, owner=owner)
    job.on_success(delivered.append).on_finished(lambda: delivered.append("finished")).run()
    owner.deleteLater()
    qtbot.waitUntil(lambda: job._orphaned, timeout=2000)
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert delivered == []
    runner.shutdown()


def test_shutdown_runs_queued_work_and_ignores_late_requests(qtbot: Any) -> None:
    runner = JobRunner(workers=1)
    gate = threading.Event()
    ran: list[str] = []
    runner.job(lambda: gate.wait(5)).run()
    runner.job(lambda: ran.append("queued write")).run()  # waits for the only worker
    gate.set()
    runner.shutdown(wait=True)
    assert ran == ["queued write"]
    # A result arriving during the close may ask for more work: quietly not started.
    late = runner.job(lambda: ran.append("late")).run()
    assert late.done
    assert ran == ["queued write"]


def test_a_runner_gives_the_gui_thread_the_gil_back_within_a_fifth_of_a_millisecond() -> None:
    previous = sys.getswitchinterval()
    sys.setswitchinterval(0.005)  # Python's default
    try:
        runner = JobRunner()
        assert sys.getswitchinterval() <= GIL_SWITCH_INTERVAL_S == 0.0002
        runner.shutdown()
    finally:
        sys.setswitchinterval(previous)


def test_only_the_newest_job_of_a_topic_delivers(qtbot: Any) -> None:
    """A search typed over: the older answer (even if it comes last) shows nothing."""
    from moto_desk.domain.errors import ErrorKind, MotoDeskError

    runner = JobRunner()
    owner = QObject()
    old_gate, new_gate = threading.Event(), threading.Event()
    delivered: list[object] = []

    def older() -> str:
        old_gate.wait(5)
        raise MotoDeskError(ErrorKind.NETWORK)

    first = runner.job(older, owner=owner).superseding("search")
    first.on_failure(delivered.append).on_finished(lambda: delivered.append("first done")).run()
    second = runner.job(lambda: new_gate.wait(5) and "new", owner=owner).superseding("search")
    second.on_success(delivered.append).run()
    assert first.superseded and not second.superseded
    new_gate.set()
    qtbot.waitUntil(lambda: second.done, timeout=5000)
    old_gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert delivered == ["new"]
    # Another owner's job of the same topic is not affected; dropping a topic silences it.
    other = QObject()
    gate = threading.Event()
    third = runner.job(lambda: gate.wait(5) and "third", owner=other).superseding("search")
    third.on_success(delivered.append).run()
    runner.drop_pending(other, "search")
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert delivered == ["new"]
    runner.shutdown()


def test_a_job_starts_once_the_slot_that_asked_for_it_has_returned(qtbot: Any) -> None:
    """The work runs after the GUI thread has finished the slot (and the paint it posted),
    not alongside it: started at once, workers competed with it for the GIL."""
    runner = JobRunner()
    slot: dict[str, bool] = {"returned": False}
    seen: list[bool] = []
    job = runner.job(lambda: slot["returned"]).on_success(seen.append).run()
    assert runner.busy and not job.done  # registered at once
    slot["returned"] = True  # the rest of the slot
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [True]
    runner.shutdown()


def test_start_workers_starts_every_thread_before_the_first_job(qtbot: Any) -> None:
    def job_threads() -> int:
        return sum(t.name.startswith(JOB_THREAD_PREFIX) for t in threading.enumerate())

    before = job_threads()
    runner = JobRunner(workers=3)
    runner.start_workers()
    assert job_threads() == before + 3
    runner.start_workers()  # the fallback timer calls start() again: nothing more
    done: list[int] = []
    for n in range(3):
        runner.job(lambda n=n: n).on_success(done.append).run()
    qtbot.waitUntil(lambda: len(done) == 3, timeout=5000)
    assert job_threads() == before + 3
    runner.shutdown()
