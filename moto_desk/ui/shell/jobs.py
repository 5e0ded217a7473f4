"""The one way to run background work from the GUI (STYLE §2, after Anki's QueryOp).

A widget describes a job — the function to run off the GUI thread, what to do with its
result, its failure, its progress — and :class:`JobRunner` runs it on a thread pool and
delivers everything back on the GUI thread through queued signals. Widgets never create
threads, never touch the network and never call ``processEvents()``.

    runner.job(lambda: find_customers(ctx, text)).on_success(self.on_found).run()

Jobs can be cancelled (the flow sees the ``CancelToken``); a job whose owner widget was
destroyed delivers nothing, and neither does one overtaken by a newer job of the same owner
and topic (``.superseding("search")``: a search typed over, a filter changed) — so no widget
keeps a generation counter of its own. ``payment_jobs_open`` counts jobs flagged as payment
operations so the window can ask before quitting while one is open.

"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from moto_desk.domain.errors import MotoDeskError
from moto_desk.flows.cancel import CancelToken

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

T = TypeVar("T")
log = logging.getLogger(__name__)

#: How long a worker may hold the GIL while the GUI thread waits for it. Python's default
#: (5 ms) let a job parsing Stripe's answer or writing the journal hold the GUI thread for
#: up to 5 ms per switch. It is paid at every Qt call, not once per stall: PySide6 gives the
#: GIL up inside each call and waits to take it back, so a panel update of a few hundred
#: calls made while jobs run waits up to this long a few hundred times. At 1 ms the longest
#: stall of a save and charge at 300 ms latency was 10-16 ms; at 0.2 ms it is 6-9 ms, and
#: the start-up phase fell from 30-60 ms to 10-22 ms with the deferred start below
#: (bench_gui_stall). The workers lose nothing a clerk could notice.
GIL_SWITCH_INTERVAL_S = 0.0002
#: The name of every job thread (tests check none is left running after a test).
JOB_THREAD_PREFIX = "moto-desk-job"


def _nothing() -> Any:
    """What a finished job's work becomes: it holds no reference to anyone's widgets."""
    return None


class Job(QObject, Generic[T]):
    """A description of background work; nothing runs until :meth:`run`.

    A QObject created on the GUI thread: its signals, emitted by the worker, reach its slots
    queued on the GUI thread (a plain Python callable would run on the worker instead).

    Signals:
        succeeded(object), failed(object), progressed(object) — internal.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)

    def __init__(
        self,
        runner: JobRunner,
        work: Callable[[], T],
        *,
        payment: bool = False,
        cancel: CancelToken | None = None,
        owner: QObject | None = None,
    ) -> None:
        super().__init__(runner)
        self._runner = runner
        self._work = work
        self._payment = payment
        self.cancel_token = cancel or CancelToken()
        # Set when the owner widget is destroyed: its callbacks would touch a deleted C++
        # object ("Internal C++ object already deleted"), so nothing is delivered any more.
        self._orphaned = False
        self._owner = owner
        if owner is not None:
            owner.destroyed.connect(self._owner_destroyed)
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_progress: Callable[[Any], None] | None = None
        self._on_finished: Callable[[], None] | None = None
        self._topic: tuple[int, str] | None = None
        self.done = False

    def on_success(self, callback: Callable[[T], None]) -> Job[T]:
        self._on_success = callback
        return self

    def on_failure(self, callback: Callable[[BaseException], None]) -> Job[T]:
        self._on_failure = callback
        return self

    def on_progress(self, callback: Callable[[Any], None]) -> Job[T]:
        self._on_progress = callback
        return self

    def on_finished(self, callback: Callable[[], None]) -> Job[T]:
        """Called after success or failure (reset busy indicators here)."""
        self._on_finished = callback
        return self

    def superseding(self, topic: str) -> Job[T]:
        """Only the newest job of this owner and ``topic`` delivers anything: when it starts,
        an older one still running is overtaken, and its result, failure, progress and
        ``on_finished`` are dropped (a failure that is a bug is still reported)."""
        self._topic = (id(self._owner), topic)
        return self

    @property
    def superseded(self) -> bool:
        """A newer job of the same owner and topic has started since this one."""
        return self._topic is not None and self._runner._latest.get(self._topic) is not self

    def report(self, progress: Any) -> None:
        """Thread-safe: call from the work function; delivered on the GUI thread."""
        self.progressed.emit(progress)

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def run(self) -> Job[T]:
        self.succeeded.connect(self._succeeded)
        self.failed.connect(self._failed)
        self.progressed.connect(self._progressed)
        self._runner._start(self, self._payment)
        return self

    # -- worker side ---------------------------------------------------------------------
    def _execute(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            # with its traceback (``exc.__traceback__``), which the router logs
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)

    # -- GUI side ------------------------------------------------------------------------
    @Slot()
    def _owner_destroyed(self) -> None:
        self._orphaned = True

    @Slot(object)
    def _succeeded(self, result: T) -> None:
        silent = self._silent()
        self._finish()
        if self._on_success is not None and not silent:
            self._on_success(result)
        self._finished(silent)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        superseded, silent = self.superseded, self._silent()  # before _finish forgets it
        self._finish()
        self._runner.failed(error)
        if self._on_failure is not None and not silent:
            self._on_failure(error)
        elif not (superseded and isinstance(error, MotoDeskError)):
            # Even with its owner gone, a failure must not vanish: a bug is still a bug.
            self._runner.unhandled(error)
        self._finished(silent)

    @Slot(object)
    def _progressed(self, progress: Any) -> None:
        if not self.done and not self._silent() and self._on_progress is not None:
            self._on_progress(progress)

    def _silent(self) -> bool:
        """Nothing is delivered: the owner is gone, or a newer job took this one's place."""
        return self._orphaned or self.superseded

    def _finish(self) -> None:
        self.done = True
        self._runner._ended(self, self._payment)

    def _finished(self, silent: bool) -> None:
        if self._on_finished is not None and not silent:
            self._on_finished()
        self._release()
        self.deleteLater()

    def _release(self) -> None:
        """Let go of the owner and the callbacks, in that order.

        A callback may hold the last reference to a parentless owner (a dialog): dropping it
        destroys the owner on the spot, and its ``destroyed`` signal must not then reach this
        half-finished job — that crashed the process (segfault) before this order was kept.
        """
        owner, self._owner = self._owner, None
        if owner is not None and not self._orphaned:
            # If the C++ object is already gone there is nothing left to disconnect.
            with suppress(RuntimeError, TypeError):
                owner.destroyed.disconnect(self._owner_destroyed)
        self._on_success = self._on_failure = self._on_progress = self._on_finished = None
        self._work = _nothing
        del owner


class JobRunner(QObject):
    """Owns the thread pool. One per window."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        workers: int = 4,
        on_unhandled: Callable[[BaseException], None] | None = None,
        on_failed: Callable[[BaseException], object] | None = None,
    ) -> None:
        """``on_failed`` sees every job's failure first, before the job's own ``on_failure``
        (the window's error router logs the internal ones there, whatever the widget then
        shows); ``on_unhandled`` gets the failures no widget is left to show."""
        super().__init__(parent)
        # Process-wide, set where the threads that compete with the GUI thread are made.
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_INTERVAL_S))
        self._workers = workers
        self._workers_started = False
        # Made with the first thread (after the first paint: concurrent.futures and its
        # queue modules are not the window's to load before it appears).
        self._pool_made: ThreadPoolExecutor | None = None
        self._jobs: set[Job[Any]] = set()
        #: The newest job of each (owner, topic): the only one that delivers.
        self._latest: dict[tuple[int, str], Job[Any]] = {}
        self._payment_open = 0
        self._on_unhandled = on_unhandled
        self._on_failed = on_failed
        self._shut_down = False
        #: Jobs run() by the slot now running, handed to the pool at the next turn of the
        #: event loop (see :meth:`_start`).
        self._starting: list[Job[Any]] = []

    def _pool(self) -> ThreadPoolExecutor:
        if self._pool_made is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool_made = ThreadPoolExecutor(
                max_workers=self._workers, thread_name_prefix=JOB_THREAD_PREFIX
            )
        return self._pool_made

    def start_workers(self) -> None:
        """Start every worker thread now, while nothing competes for the GIL (the window
        calls it at its first paint, before the start-up jobs).

        The pool otherwise starts a thread at a submit that finds none idle, and
        ``Thread.start()`` waits, on the GUI thread, until the new thread has run — which
        takes as long as the workers already busy importing ``stripe`` keep the GIL:
        10-40 ms of the start-up phase went there (bench_gui_stall).
        """
        if self._shut_down or self._workers_started:
            return
        self._workers_started = True
        gathered = threading.Barrier(self._workers)

        def hold_a_thread() -> None:
            # Each task keeps its thread until all are running, so each submit starts one.
            with suppress(threading.BrokenBarrierError):
                gathered.wait(timeout=5)

        for _ in range(self._workers):
            self._pool().submit(hold_a_thread)

    def job(
        self,
        work: Callable[[], T],
        *,
        payment: bool = False,
        cancel: CancelToken | None = None,
        owner: QObject | None = None,
    ) -> Job[T]:
        """Describe a job; ``owner`` (a widget) stops delivery once it is destroyed."""
        return Job(self, work, payment=payment, cancel=cancel, owner=owner)

    @property
    def payment_jobs_open(self) -> int:
        return self._payment_open

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def _start(self, job: Job[Any], payment: bool) -> None:
        if self._shut_down:
            # A result delivered while the window closes may ask for more work (reload the
            # cards…); the pool is gone, and submitting would raise from inside a slot.
            log.info("job not started: shutting down")
            job.done = True
            # Not deleteLater(): the runner (its parent) may be gone before the event loop
            # runs again, and the deferred delete would then free it a second time.
            return
        self._jobs.add(job)
        if job._topic is not None:
            self._latest[job._topic] = job
        if payment:
            self._payment_open += 1
        # The work starts once the GUI thread has finished the slot that asked for it and
        # the layout and paint that slot posted. Started at once, the workers (importing,
        # parsing, writing the journal) competed with that slot for the GIL: each of the
        # hundreds of Qt calls a panel update makes gives the GIL up and waits to take it
        # back, and the session's start-up stalled the window 30-60 ms for ~15 ms of its
        # own work (bench_gui_stall). The job is registered now (busy, payment_jobs_open,
        # superseding), so nothing else sees the difference.
        if not self._starting:
            QTimer.singleShot(1, self, self._submit_started)
        self._starting.append(job)

    @Slot()
    def _submit_started(self) -> None:
        starting, self._starting = self._starting, []
        for job in starting:
            self._pool().submit(job._execute)

    def _ended(self, job: Job[Any], payment: bool) -> None:
        self._jobs.discard(job)
        if job._topic is not None and self._latest.get(job._topic) is job:
            del self._latest[job._topic]
        if payment:
            self._payment_open -= 1

    def drop_pending(self, owner: QObject, topic: str) -> None:
        """What a running job of ``owner`` and ``topic`` finds is no longer wanted (the
        search text was cleared): it delivers nothing, as if a newer job had started."""
        self._latest.pop((id(owner), topic), None)

    def failed(self, error: BaseException) -> None:
        if self._on_failed is not None:
            self._on_failed(error)

    def unhandled(self, error: BaseException) -> None:
        if self._on_unhandled is not None:
            self._on_unhandled(error)
        else:
            log.error("unhandled job error: %r", error)

    def cancel_all(self) -> None:
        for job in list(self._jobs):
            job.cancel()

    def shutdown(self, wait: bool = True) -> None:
        """Cancel what can be cancelled and wait for the workers (at quit).

        Jobs still queued are run, not dropped: each sees its cancel token set and stops
        early, but a short write already asked for (the reader just chosen, a journal
        step) is not silently lost because a worker had not picked it up yet.
        """
        self._shut_down = True
        self.cancel_all()
        self._submit_started()  # asked for: run, each seeing its cancel token set
        if self._pool_made is not None:
            self._pool_made.shutdown(wait=wait, cancel_futures=False)
