"""The headless sub-commands (``ledger``, ``reconcile``, ``doctor``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from moto_desk.paths import database_path

if TYPE_CHECKING:
    from moto_desk.backend import Backend
    from moto_desk.flows.context import FlowContext


def ledger_verify(folder: Path) -> int:
    from moto_desk.flows.context import open_records

    with open_records(database_path(folder)) as records:
        result = records.ledger.verify()
    if result.ok:
        print(f"ledger ok: {result.count} records, hash chain intact")
        return 0
    print(f"ledger BROKEN: {len(result.problems)} problem(s) in {result.count} records")
    for problem in result.problems:
        print(f"  - {problem}")
    return 1


def ledger_export(folder: Path, fmt: Literal["csv", "json"], out: Path) -> int:
    from moto_desk.flows.context import open_records

    with open_records(database_path(folder)) as records:
        count = records.ledger.export(fmt, out)
    print(f"exported {count} records to {out}")
    return 0


def _context(folder: Path, demo: bool, api_base: str | None) -> tuple[Backend, FlowContext]:
    from moto_desk.backend import start_backend
    from moto_desk.flows.context import DeskIdentity, FlowContext
    from moto_desk.records.database import open_database
    from moto_desk.records.desk_state import DeskState

    conn = open_database(database_path(folder))
    try:
        state = DeskState(conn)
        identity = DeskIdentity(str(state.get("clerk") or "cli"), str(state.get("desk") or "cli"))
    finally:
        conn.close()
    backend = start_backend(folder, demo=demo, api_base=api_base)
    return backend, FlowContext(backend.gateway, database_path(folder), identity)


def reconcile_command(folder: Path, *, demo: bool, api_base: str | None) -> int:
    from moto_desk.flows.reconcile import reconcile
    from moto_desk.single_instance import acquire

    # Not while a window works on the same journal: it may be settling these entries.
    lock = acquire(folder)
    backend, ctx = _context(folder, demo, api_base)
    try:
        settled = reconcile(ctx)
    finally:
        backend.close()
        lock.release()
    if not settled:
        print("nothing to reconcile: no open journal entries")
    for item in settled:
        state = item.state.value if item.state else "still open"
        flag = "  (needs attention)" if item.needs_attention else ""
        print(f"{item.entry_id} {item.kind.value}: {state} — {item.note}{flag}")
    return 1 if any(item.state is None for item in settled) else 0


def doctor(folder: Path, *, demo: bool, api_base: str | None) -> int:
    """Key kind, Stripe reachable, readers and their status, MOTO access."""
    from moto_desk.domain.errors import MotoDeskError
    from moto_desk.flows.readers import list_readers

    backend, ctx = _context(folder, demo, api_base)
    failures = 0
    try:
        gateway = backend.gateway
        print(f"mode: {gateway.mode.value}  key: {gateway.key.masked}  api: {gateway!r}")
        try:
            gateway.check_access()
            print("ok    Stripe reachable and the key accepted")
        except MotoDeskError as error:
            print(f"FAIL  Stripe access: {error.clerk_message}")
            return 1
        try:
            readers = list_readers(ctx)
            print(f"ok    {len(readers)} reader(s)")
            for reader in readers:
                where = reader.location_name or "no location"
                print(f"      {reader.label} ({reader.device_type}, {where}): {reader.status}")
        except MotoDeskError as error:
            failures += 1
            print(f"FAIL  readers: {error.clerk_message}")
        print(
            "info  MOTO access is checked when a save is started (Stripe publishes no way to "
            "ask without sending a card to a reader)."
        )
    finally:
        backend.close()
    return 1 if failures else 0
