"""Other desks' changes, as the shop's PostgreSQL announces them (``LISTEN``/``NOTIFY``).

Triggers on the journal and the consent ledger (``schema_pg``) send a short notice on the
channel ``moto_desk_changes`` when a transaction that changed them commits. A desk listens on
a connection of its own, on a thread of its own, and hands batches of :class:`ShopChange` to
a callback — the window turns them into its own change events, so an open saved-cards list
or history refreshes as it does after the desk's own operations.

Why not a poll: a poll costs a query every few seconds on every desk all day for changes that
come a few times an hour, and still lags by its interval; a notice costs nothing while nothing
happens and arrives within milliseconds of the commit. The listener reconnects by itself
(with a growing pause) when the server restarts; changes made while it was away are not
replayed, so after a reconnect it reports one change of everything.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

CHANNEL = "moto_desk_changes"
THREAD_NAME = "moto-desk-shop-changes"
RECONNECT_PAUSES_S = (1.0, 2.0, 5.0, 10.0)


@dataclass(frozen=True)
class ShopChange:
    """One change another desk made: to the journal (an operation) or the consent ledger.

    ``customer_id`` None means the change may concern anyone (e.g. after a reconnect).
    """

    table: str
    kind: str | None
    customer_id: str | None
    desk: str | None


EVERYTHING = ShopChange("journal", None, None, None)


def parse(payload: str) -> ShopChange | None:
    """A notice's payload as a change; None for anything unexpected (logged, ignored)."""
    try:
        data = json.loads(payload)
        return ShopChange(str(data["t"]), data.get("k"), data.get("c"), data.get("d"))
    except (ValueError, KeyError, TypeError):
        log.warning("shop changes: an unreadable notice was ignored")
        return None


class ShopListener:
    """Listens for the shop's changes until :meth:`stop`; ``on_changes`` is called on the
    listener's thread with each batch (changes of this desk left out, duplicates merged)."""

    def __init__(
        self,
        url: str,
        desk: str,
        on_changes: Callable[[list[ShopChange]], None],
        *,
        wait_s: float = 0.25,
    ) -> None:
        self._url = url
        self._desk = desk
        self._on_changes = on_changes
        self._wait_s = wait_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
        #: Set once the listener is listening (tests wait on it).
        self.listening = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def _run(self) -> None:
        pauses = iter(RECONNECT_PAUSES_S)
        first = True
        while not self._stop.is_set():
            try:
                self._listen(first)
                return
            except Exception as exc:
                self.listening.clear()
                log.info("shop changes: not listening (%s); trying again", type(exc).__name__)
                first = False
                self._stop.wait(next(pauses, RECONNECT_PAUSES_S[-1]))

    def _listen(self, first: bool) -> None:
        from moto_desk.records.shop import connect

        conn = connect(self._url)
        try:
            conn.raw.execute(f"LISTEN {CHANNEL}")
            self.listening.set()
            if not first:
                self._on_changes([EVERYTHING])  # what happened while away is unknown
            while not self._stop.is_set():
                batch: dict[ShopChange, None] = {}
                for notice in conn.raw.notifies(timeout=self._wait_s):
                    change = parse(notice.payload)
                    if change is not None and change.desk != self._desk:
                        batch[change] = None
                if batch:
                    self._on_changes(list(batch))
        finally:
            conn.raw.close()
