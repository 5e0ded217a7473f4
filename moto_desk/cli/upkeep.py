"""``ledger verify|export``, ``reconcile``, ``doctor`` and ``support-bundle``: keeping the
desk's book sound and telling support what they need to know."""

from __future__ import annotations

import argparse
from typing import Any

from moto_desk.cli.desk import GlobalOptions, opened
from moto_desk.cli.exit_codes import ExitCode
from moto_desk.cli.output import Output
from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.words import QT_TRANSLATE_NOOP


def ledger_verify(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.flows.context import open_records

    with opened(options, out, stripe=False) as desk, open_records(desk.database_path) as records:
        result = records.ledger.verify()
    data = {"ok": result.ok, "records": result.count, "problems": list(result.problems)}
    if result.ok:
        lines = [f"ledger ok: {result.count} records, hash chain intact"]
        out.result(data, lines)
        return ExitCode.DONE
    lines = [f"ledger BROKEN: {len(result.problems)} problem(s) in {result.count} records"]
    lines += [f"  - {problem}" for problem in result.problems]
    out.result(data, lines)
    return ExitCode.FAILED


def ledger_export(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.flows.context import open_records

    with opened(options, out, stripe=False) as desk, open_records(desk.database_path) as records:
        count = records.ledger.export(args.format, args.out)
    return out.result(
        {"records": count, "format": args.format, "out": str(args.out)},
        [f"exported {count} records to {args.out}"],
    )


def reconcile(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.flows.reconcile import reconcile as settle
    from moto_desk.single_instance import acquire

    # Not while a window works on the same journal: it may be settling these entries.
    lock = acquire(_folder(options))
    try:
        with opened(options, out) as desk:
            settled = settle(desk.context())
    finally:
        lock.release()
    items: list[dict[str, Any]] = []
    lines: list[str] = []
    for item in settled:
        state = item.state.value if item.state else None
        note = item.render_note(out.translate, out.locale)
        items.append(
            {
                "journal_entry": item.entry_id,
                "kind": item.kind.value,
                "state": state,
                "note": note,
                "needs_attention": item.needs_attention,
            }
        )
        flag = "  (needs attention)" if item.needs_attention else ""
        lines.append(f"{item.entry_id} {item.kind.value}: {state or 'still open'} — {note}{flag}")
    if not settled:
        lines.append("nothing to reconcile: no open journal entries")
    still_open = any(item.state is None for item in settled)
    out.result({"settled": items, "still_open": still_open}, lines)
    return ExitCode.OUTCOME_UNKNOWN if still_open else ExitCode.DONE


def _folder(options: GlobalOptions) -> Any:
    from moto_desk.paths import data_dir

    return data_dir(options.data_dir)


def doctor(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    """Key kind, Stripe reachable, readers and their status, MOTO access."""
    from moto_desk.flows.readers import list_readers

    findings: list[dict[str, str]] = []

    def finding(status: str, topic: str, message: str) -> None:
        findings.append({"status": status, "topic": topic, "message": message})

    with opened(options, out) as desk:
        assert desk.backend is not None
        gateway = desk.backend.gateway
        header = f"mode: {gateway.mode.value}  key: {gateway.key.masked}  api: {gateway!r}"
        try:
            gateway.check_access()
            finding("ok", "access", "Stripe reachable and the key accepted")
            try:
                readers = list_readers(desk.context())
                finding("ok", "readers", f"{len(readers)} reader(s)")
                for reader in readers:
                    where = reader.location_name or "no location"
                    finding(
                        "info",
                        "reader",
                        f"{reader.label} ({reader.device_type}, {where}): {reader.status}",
                    )
            except MotoDeskError as error:
                finding("fail", "readers", error.clerk_message)
        except MotoDeskError as error:
            finding("fail", "access", f"Stripe access: {error.clerk_message}")
        finding(
            "info",
            "moto",
            "MOTO access is checked when a save is started (Stripe publishes no way to ask "
            "without sending a card to a reader).",
        )
    ok = not any(f["status"] == "fail" for f in findings)
    lines = [header] + [
        f"{f['status'].upper() if f['status'] == 'fail' else f['status']:<5} {f['message']}"
        for f in findings
    ]
    out.result({"mode": gateway.mode.value, "ok": ok, "findings": findings}, lines)
    return ExitCode.DONE if ok else ExitCode.FAILED


def support_bundle(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    raise MotoDeskError(
        ErrorKind.CONFIGURATION,
        QT_TRANSLATE_NOOP("clerk", "Support bundles are not available in this version."),
    )
