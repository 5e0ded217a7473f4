"""A desk process that kills itself (SIGKILL) at the Nth crash point of a save and a charge.

Used by tests/flows/test_crash.py. Crash points are every journal write and both sides of
every gateway write (before the request; after the response, before the journal hears of
it). Prints ``COMPLETED`` when it reaches the end without being killed.

    python -m tests.helpers.crash_child API_BASE DATA_DIR CRASH_AT READER_ID
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from moto_desk.backend import DEMO_KEY
from moto_desk.domain.consent import load_terms
from moto_desk.domain.models import AllowRedisplay, Channel
from moto_desk.domain.money import Money
from moto_desk.flows.charge import ChargeRequest, charge_saved_card
from moto_desk.flows.context import DeskIdentity, FlowContext
from moto_desk.flows.customers import NewCustomer, create_customer
from moto_desk.flows.save_card import SaveRequest, save_card
from moto_desk.gateway.client import Gateway
from moto_desk.records.journal import OperationJournal

_count = 0
_crash_at = 0


def _point() -> None:
    global _count
    _count += 1
    if _count == _crash_at:
        os.kill(os.getpid(), signal.SIGKILL)


def _around(cls: type, name: str) -> None:
    original: Callable[..., Any] = getattr(cls, name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _point()
        result = original(*args, **kwargs)
        _point()
        return result

    setattr(cls, name, wrapper)


def main() -> None:
    global _crash_at
    api_base, data_dir, crash_at, reader_id = sys.argv[1:5]
    _crash_at = int(crash_at)
    for name in ("begin", "step_key", "finish_step", "record_object", "mark"):
        _around(OperationJournal, name)
    for name in (
        "create_customer",
        "create_setup_intent",
        "process_setup_intent",
        "cancel_setup_intent",
        "charge_off_session",
    ):
        _around(Gateway, name)
    gateway = Gateway(DEMO_KEY, api_base, simulated=True)
    ctx = FlowContext(gateway, Path(data_dir) / "moto-desk.sqlite3", DeskIdentity("k", "crash"))
    customer = create_customer(ctx, NewCustomer("Crash Test", f"crash{crash_at}@example.com"))
    saved = save_card(
        ctx,
        SaveRequest(
            customer.id,
            "Crash Test",
            reader_id,
            "Front desk",
            Channel.PHONE,
            AllowRedisplay.LIMITED,
            load_terms("en"),
            True,
            20,
        ),
    )
    charge_saved_card(ctx, ChargeRequest(customer.id, saved.card, Money(1234, "usd")))
    print("COMPLETED", flush=True)


if __name__ == "__main__":
    main()
