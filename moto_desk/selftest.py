"""``moto-desk --self-test``: the real flows end to end on the embedded simulator.

Create a customer, record consent, save a card by MOTO on a simulated reader (which keys
in a test card by itself), charge it, refund part of it, reconcile, verify the ledger.
Prints one line per step; the first failure names its step and the exit status is 1.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class StepFailed(Exception):
    def __init__(self, step: str, cause: BaseException) -> None:
        super().__init__(f"{step}: {cause}")
        self.step = step


def run_self_test(data_dir: Path | None = None, out: Callable[[str], None] = print) -> int:
    if data_dir is None:
        # ignore_cleanup_errors: on Windows a file still open (a SQLite WAL file a worker
        # thread has not let go of yet) cannot be deleted; a leftover temporary folder must
        # not turn a passed self-test into a traceback.
        with tempfile.TemporaryDirectory(
            prefix="moto-desk-self-test-", ignore_cleanup_errors=True
        ) as tmp:
            return _run(Path(tmp), out)
    return _run(data_dir, out)


class _Step:
    """Runs one named step, prints its line, and turns any failure into StepFailed."""

    def __init__(self, out: Callable[[str], None]) -> None:
        self.out = out

    def __call__(self, name: str, action: Callable[[], T], describe: Callable[[T], str]) -> T:
        t0 = time.monotonic()
        try:
            result = action()
        except Exception as exc:
            self.out(f"FAIL  {name}: {getattr(exc, 'clerk_message', None) or exc!r}")
            raise StepFailed(name, exc) from exc
        took = (time.monotonic() - t0) * 1000
        self.out(f"ok    {name} — {describe(result)} ({took:.0f} ms)")
        return result


def _run(data_dir: Path, out: Callable[[str], None]) -> int:
    started = time.monotonic()
    try:
        _steps(data_dir, _Step(out))
    except StepFailed:
        out("self-test FAILED")
        return 1
    out(f"self-test passed in {time.monotonic() - started:.1f} s")
    return 0


def _steps(data_dir: Path, step: _Step) -> None:
    from moto_desk.backend import start_backend
    from moto_desk.domain.consent import load_terms
    from moto_desk.domain.models import AllowRedisplay, Channel
    from moto_desk.domain.money import Money
    from moto_desk.flows.charge import ChargeRequest, charge_saved_card
    from moto_desk.flows.context import DeskIdentity, FlowContext, open_records
    from moto_desk.flows.customers import NewCustomer, create_customer
    from moto_desk.flows.readers import list_readers
    from moto_desk.flows.reconcile import reconcile
    from moto_desk.flows.refund import RefundRequest, refund_charge
    from moto_desk.flows.save_card import SaveRequest, save_card
    from moto_desk.paths import database_path
    from moto_desk.records.database import open_database

    step(
        "open the desk's records",
        lambda: open_database(database_path(data_dir)).close(),
        lambda _: str(database_path(data_dir)),
    )
    backend = start_backend(data_dir, demo=True, persist_simulator=False)
    try:
        ctx = FlowContext(
            backend.gateway, database_path(data_dir), DeskIdentity("self-test", "self-test")
        )
        customer = step(
            "create customer",
            lambda: create_customer(
                ctx, NewCustomer("Self Test", "self-test@example.com", "+1 415 555 0100")
            ),
            lambda c: c.id,
        )
        readers = step("list readers", lambda: list_readers(ctx), lambda r: f"{len(r)} readers")
        reader = readers[0]
        assert backend.simulator is not None
        auto_card = {
            "number": "4242424242424242",
            "exp_month": 12,
            "exp_year": time.gmtime().tm_year + 3,
            "cvc": "123",
            "delay_s": 0.2,
        }
        backend.simulator.set_reader(reader.id, auto_present=auto_card)
        terms = load_terms("en")
        saved = step(
            "record consent and save a card by MOTO",
            lambda: save_card(
                ctx,
                SaveRequest(
                    customer_id=customer.id,
                    customer_name=customer.name or "",
                    reader_id=reader.id,
                    reader_label=reader.label,
                    channel=Channel.PHONE,
                    allow_redisplay=AllowRedisplay.LIMITED,
                    terms=terms,
                    consent_given=True,
                    deadline_s=30,
                ),
            ),
            lambda s: f"{s.card.brand} •••• {s.card.last4} ({s.setup_intent_id})",
        )
        charge = step(
            "charge the saved card",
            lambda: charge_saved_card(
                ctx, ChargeRequest(customer.id, saved.card, Money(2500, "usd"), "self-test")
            ),
            lambda c: f"{c.status} {c.payment_intent_id}",
        )
        step(
            "refund part of it",
            lambda: refund_charge(
                ctx, RefundRequest(charge.payment_intent_id, customer.id, Money(1000, "usd"))
            ),
            lambda r: f"{r.status} {r.refund_id}",
        )
        step(
            "reconcile",
            lambda: reconcile(ctx),
            lambda settled: f"{len(settled)} open entries",
        )

        def verify() -> str:
            with open_records(ctx.records_at) as records:
                result = records.ledger.verify()
            if not result.ok:
                raise RuntimeError("; ".join(result.problems))
            return f"{result.count} records, chain intact"

        step("verify the consent ledger", verify, str)

        def through_window() -> str:
            # Headless by nature: the window is drawn offscreen unless a platform was chosen.
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from moto_desk.ui.shell.selftest_window import save_through_window

            simulator = backend.simulator
            assert simulator is not None
            simulator.set_reader(reader.id, auto_present=auto_card)
            text = save_through_window(data_dir, simulator.url, customer.name or "")
            return text.splitlines()[1] if "\n" in text else text

        step("save a card through the window (offscreen)", through_window, str)
    finally:
        backend.close()
