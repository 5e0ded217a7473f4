"""Verify the reader state: poll the reader's action until it ends (stripe-notes §3).

The interval adapts: quick at first (a keyed card often arrives within seconds and the
clerk is waiting), then slower, never faster than ``MAX_POLLS_PER_SECOND`` and bounded by
a deadline — Stripe publishes no polling interval and a reader that lost its network can
stay ``in_progress`` for ever. A cancel request ends the wait at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.models import Reader, ReaderAction
from moto_desk.flows.cancel import CancelToken

MAX_POLLS_PER_SECOND = 5
FAST_INTERVAL_S = 0.25
SLOW_INTERVAL_S = 1.0
FAST_PHASE_S = 30.0
DEFAULT_DEADLINE_S = 300.0
MAX_CONSECUTIVE_POLL_FAILURES = 8
_TRANSIENT = (ErrorKind.NETWORK, ErrorKind.RATE_LIMITED)


def interval_after(waited_s: float) -> float:
    """The pause before the next poll, given how long the wait has lasted."""
    interval = FAST_INTERVAL_S if waited_s < FAST_PHASE_S else SLOW_INTERVAL_S
    return max(interval, 1.0 / MAX_POLLS_PER_SECOND)


class WatchEnd(StrEnum):
    FINISHED = "finished"  # our action succeeded or failed
    CLEARED = "cleared"  # the reader no longer shows our action (cancelled elsewhere, replaced)
    CANCEL_REQUESTED = "cancel_requested"
    DEADLINE = "deadline"


@dataclass(frozen=True)
class WatchResult:
    end: WatchEnd
    action: ReaderAction | None
    reader: Reader | None
    waited_s: float


def watch_action(
    get_reader: Callable[[], Reader],
    is_ours: Callable[[ReaderAction], bool],
    cancel: CancelToken,
    *,
    deadline_s: float = DEFAULT_DEADLINE_S,
    on_wait: Callable[[float], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> WatchResult:
    """Poll until our action ends, the reader drops it, the clerk cancels, or time runs out."""
    started = clock()
    reader: Reader | None = None
    failures = 0
    while True:
        waited = clock() - started
        if cancel.cancelled:
            return WatchResult(WatchEnd.CANCEL_REQUESTED, None, reader, waited)
        try:
            reader = get_reader()
        except MotoDeskError as error:
            # A poll lost to the network or a rate limit says nothing about the reader:
            # keep waiting (the deadline still bounds it) unless it keeps failing.
            failures += 1
            if error.kind not in _TRANSIENT or failures > MAX_CONSECUTIVE_POLL_FAILURES:
                raise
            if cancel.wait(interval_after(clock() - started)):
                return WatchResult(WatchEnd.CANCEL_REQUESTED, None, None, clock() - started)
            continue
        failures = 0
        action = reader.action
        waited = clock() - started
        if action is None or not is_ours(action):
            return WatchResult(WatchEnd.CLEARED, action, reader, waited)
        if action.status != "in_progress":
            return WatchResult(WatchEnd.FINISHED, action, reader, waited)
        if waited >= deadline_s:
            return WatchResult(WatchEnd.DEADLINE, action, reader, waited)
        if on_wait is not None:
            on_wait(waited)
        if cancel.wait(min(interval_after(waited), max(0.0, deadline_s - waited))):
            return WatchResult(WatchEnd.CANCEL_REQUESTED, action, reader, clock() - started)
