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
    """The hash chain (and every chain migrated into it); with ``--against-stripe``, each
    saved card's consent record against the hash Stripe keeps in the SetupIntent."""
    from moto_desk.flows.context import open_records
    from moto_desk.records.migrate import verify_origins

    against_stripe = bool(getattr(args, "against_stripe", False))
    with opened(options, out, stripe=against_stripe) as desk:
        with open_records(desk.records_at) as records:
            result = records.ledger.verify()
            origins = verify_origins(records.conn)
        witness = None
        if against_stripe:
            from moto_desk.flows.ledger_witness import verify_against_stripe

            witness = verify_against_stripe(desk.context())
    problems = [*result.problems, *origins, *(witness.problems if witness else [])]
    data: dict[str, Any] = {"ok": not problems, "records": result.count, "problems": problems}
    if witness is not None:
        data["stripe"] = {
            "checked": witness.checked,
            "confirmed": witness.confirmed,
            "unwitnessed": witness.unwitnessed,
            "problems": witness.problems,
        }
    if not problems:
        lines = [f"ledger ok: {result.count} records, hash chain intact"]
        if witness is not None:
            lines.append(
                f"Stripe confirms {witness.confirmed} of {witness.checked} saved cards' consent "
                f"records ({witness.unwitnessed} saved before the witness was kept)"
            )
        out.result(data, lines)
        return ExitCode.DONE
    lines = [f"ledger BROKEN: {len(problems)} problem(s) in {result.count} records"]
    lines += [f"  - {problem}" for problem in problems]
    out.result(data, lines)
    return ExitCode.FAILED


def ledger_export(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.domain.roles import Action
    from moto_desk.flows.context import open_records

    with opened(options, out, stripe=False) as desk:
        desk.authorise(Action.EXPORT_LEDGER)
        with open_records(desk.records_at) as records:
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
            settled = settle(desk.context(), getattr(args, "desk", None) or None)
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
