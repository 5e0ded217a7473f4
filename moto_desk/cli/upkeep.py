"""``ledger verify|export``, ``reconcile``, ``doctor`` and ``support-bundle``: keeping the
desk's book sound and telling support what they need to know."""

from __future__ import annotations

import argparse
from typing import Any

from moto_desk.cli.desk import opened, settings_file
from moto_desk.cli.exit_codes import ExitCode
from moto_desk.cli.options import GlobalOptions
from moto_desk.cli.output import Output
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
    from moto_desk.paths import data_dir
    from moto_desk.single_instance import acquire

    # Not while a window works on the same journal: it may be settling these entries.
    lock = acquire(data_dir(options.data_dir))
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


def doctor(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    """Key kind and advice, Stripe reachable, readers, a restricted key's permissions, MOTO."""
    from moto_desk.diagnostics.doctor import run_doctor

    with opened(options, out) as desk:
        report = run_doctor(desk.context())
    out.result(report.to_json(), report.lines())
    return ExitCode.DONE if report.ok else ExitCode.FAILED


def support_bundle(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    """A zip for support: versions, doctor's findings, settings, recent logs, the last Stripe
    requests, the book's counts — no key, no card, no customer's contact details."""
    from moto_desk.diagnostics.bundle import read_settings_file, write_support_bundle
    from moto_desk.diagnostics.doctor import DoctorReport, run_doctor

    report: DoctorReport | None = None
    with opened(options, out) as desk:
        try:
            report = run_doctor(desk.context())
        except Exception as error:
            out.note(f"moto-desk: doctor could not run: {error!r}")
        summary = write_support_bundle(
            desk.folder,
            args.out,
            doctor=report,
            settings=read_settings_file(settings_file(options)),
        )
    words = out.words(
        QT_TRANSLATE_NOOP("clerk", "Support bundle written to {path} ({size} bytes)."),
        path=str(summary.path),
        size=str(summary.size),
    )
    return out.result(summary.to_json(), [words, *(f"  {name}" for name in summary.names())])
