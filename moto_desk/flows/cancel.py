"""Cancellation: a flag the clerk sets from the GUI thread and a flow checks between steps.

The flow waits on the flag (``wait``) instead of sleeping, so a cancel is noticed at once,
not at the end of a poll interval.
"""

from __future__ import annotations

import threading


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True if cancelled meanwhile."""
        return self._event.wait(max(0.0, seconds))
