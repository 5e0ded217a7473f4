"""Sending one journaled Stripe write: key stored first, unknown outcomes settled by repeating.

A timeout or dropped connection leaves the outcome unknown: Stripe may have done the work.
The only safe resolution is the same request with the same idempotency key — Stripe then
either does it once or replays what it did — never a new key, which could do it twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TypeVar

from moto_desk.domain.errors import ErrorKind, MotoDeskError, OutcomeUnknown
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.records.journal import JournalState, OperationJournal

T = TypeVar("T")

#: Pauses between repeats of a write whose outcome is unknown (after the SDK's own retries).
RESOLVE_PAUSES_S = (0.5, 1.0, 2.0)


def send(
    journal: OperationJournal,
    entry_id: str,
    step: str,
    call: Callable[[str], T],
    *,
    summary: Mapping[str, object] | None = None,
    object_id: Callable[[T], str | None] = lambda _: None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``call(idempotency_key)`` for ``step`` of entry ``entry_id``.

    The key is stored (and fsynced) before the first attempt. If every repeat still ends
    with an unknown outcome, the entry is marked ``unknown`` for reconciliation and
    :class:`OutcomeUnknown` (naming the entry) is raised.
    """
    key = journal.step_key(entry_id, step, summary)
    pauses = iter(RESOLVE_PAUSES_S)
    while True:
        try:
            result = call(key)
        except OutcomeUnknown as unknown:
            pause = next(pauses, None)
            if pause is None:
                journal.finish_step(entry_id, step, "unknown")
                entry = journal.get(entry_id)
                if entry is not None and entry.state is JournalState.SENT:
                    journal.mark(entry_id, JournalState.UNKNOWN, "outcome_unknown", unknown.detail)
                raise OutcomeUnknown(
                    entry_id, detail=unknown.detail, request_id=unknown.request_id
                ) from None
            sleep(pause)
            continue
        except MotoDeskError as error:
            journal.finish_step(entry_id, step, f"error:{error.kind.value}")
            raise
        journal.finish_step(entry_id, step, "ok", object_id(result))
        return result


@contextmanager
def records_lost_midway(entry_id: Callable[[], str | None]) -> Iterator[None]:
    """Turn a records failure *after* the operation's journal entry exists into
    :class:`OutcomeUnknown` naming that entry.

    The store can go away between two writes of an operation (the shop's server restarts, the
    network drops, the disk fills). Stripe may already have done the work, and what it did
    must not be lost: the entry — written before any request — stays open, and
    reconciliation (Check again, the next start, ``moto-desk reconcile``) asks Stripe, finds
    the intent by its metadata and records the result once the records can be written
    again. Before the entry exists nothing has reached Stripe, and the failure stays the
    plain ``STORAGE`` error it is.
    """
    try:
        yield
    except OutcomeUnknown:
        raise
    except MotoDeskError as error:
        found = entry_id() if error.kind is ErrorKind.STORAGE else None
        if not found:
            raise
        raise OutcomeUnknown(
            found,
            QT_TRANSLATE_NOOP(
                "clerk",
                "moto-desk could not write its records in the middle of this operation. Do "
                "not try again by hand: moto-desk will ask Stripe what happened and record "
                "it as soon as its records can be written again.",
            ),
            detail=error.detail,
        ) from error
