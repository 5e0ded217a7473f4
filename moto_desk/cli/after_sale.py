"""``moto-desk history`` and ``moto-desk evidence``: what the book says, for people and
scripts (a nightly export of the consent records, a support person on a remote shell)."""

from __future__ import annotations

import argparse
import dataclasses
import json
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from moto_desk.cli import shapes
from moto_desk.cli.desk import opened
from moto_desk.cli.exit_codes import ExitCode
from moto_desk.cli.options import GlobalOptions
from moto_desk.cli.output import Output
from moto_desk.domain.errors import InvalidInput
from moto_desk.domain.ids import IdKind, check_id
from moto_desk.domain.money import format_money
from moto_desk.domain.words import QT_TRANSLATE_NOOP


def _day(text: str | None, field: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            QT_TRANSLATE_NOOP(
                "clerk", "“{value}” is not a date: write it as YYYY-MM-DD (e.g. 2026-12-31)."
            ),
            args={"value": text[:40]},
            field=field,
        ) from None


def history(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.flows.history import HistoryFilters, HistoryRow, load_history

    filters = HistoryFilters(
        customer=args.customer or "",
        since=_day(args.since, "since"),
        until=_day(args.until, "until"),
        desk=(args.desk or "").strip(),
        clerk=(getattr(args, "clerk_filter", None) or "").strip(),
        limit=max(1, args.limit),
    )
    with opened(options, out, stripe=False) as desk:
        rows = load_history(desk.records_at, filters)

    def row_json(row: HistoryRow) -> dict[str, Any]:
        return {
            "journal_entry": row.entry_id,
            "kind": row.kind.value,
            "state": row.state.value,
            "outcome": row.outcome.value,
            "created": shapes.when(row.created_at),
            "clerk": row.clerk,
            "clerk_id": row.clerk_id,
            "approved_by": row.approved_by,
            "desk": row.desk,
            "customer": {"id": row.customer_id, "name": row.customer_name},
            "amount": shapes.money(row.amount, out.locale),
            "refunded": shapes.money(row.refunded, out.locale),
            "card": {"brand": row.card_brand, "last4": row.card_last4} if row.card_last4 else None,
            "payment_method": row.payment_method_id,
            "object": row.stripe_object_id,
            "payment": row.payment_intent_id,
            "outcome_code": row.outcome_code,
            "outcome_message": row.outcome_message,
            "reason": row.reason,
        }

    def row_words(row: HistoryRow) -> str:
        amount = format_money(row.amount, out.locale) if row.amount else ""
        card = f"{row.card_brand or ''} •••• {row.card_last4}" if row.card_last4 else ""
        when = row.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        who = row.customer_name or row.customer_id or ""
        parts = [when, row.kind.value, row.outcome.value, amount, card, who]
        parts += [row.stripe_object_id or "", f"{row.clerk or ''}@{row.desk or ''}"]
        return "  ".join(part for part in parts if part)

    lines = [row_words(r) for r in rows] or [
        out.words(QT_TRANSLATE_NOOP("clerk", "No operation matches."))
    ]
    return out.result({"operations": [row_json(r) for r in rows]}, lines)


def _plain(value: Any) -> Any:
    """Evidence dataclasses as JSON values (enums by value, times in ISO 8601)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _shop_names(shop_name: str) -> list[str]:
    """The names the terms may have been filled with (as the window's evidence does): the
    shop's, and "our shop" in each language the window speaks."""
    from moto_desk.cli.language import OUR_SHOP, translator

    names = [shop_name.strip()] if shop_name.strip() else []
    names += [OUR_SHOP[1], translator("fr")(*OUR_SHOP)]
    return list(dict.fromkeys(names))


def evidence(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.flows.consent_evidence import build_evidence, export_csv

    customer = check_id(args.customer, IdKind.CUSTOMER, field="customer")
    target: Path = args.out
    from moto_desk.domain.roles import Action

    with opened(options, out, stripe=False) as desk:
        desk.authorise(Action.EXPORT_EVIDENCE)
        built = build_evidence(
            desk.records_at, customer, shop_names=_shop_names(desk.settings.shop_name)
        )
        if args.format == "csv":
            export_csv(built, target)
        elif args.format == "json":
            from moto_desk.records.ledger import write_private_text

            write_private_text(
                target, json.dumps(_plain(built), ensure_ascii=False, indent=2) + "\n"
            )
        else:
            from moto_desk.cli.evidence_pdf import write_evidence_pdf

            write_evidence_pdf(built, target, desk, options.lang or "en")
    data = {
        "customer": customer,
        "format": args.format,
        "out": str(target),
        "consents": len(built.consents),
        "ledger_ok": built.verify.ok,
    }
    words = out.words(
        QT_TRANSLATE_NOOP("clerk", "Consent evidence for {customer} written to {path}"),
        customer=customer,
        path=str(target),
    )
    return out.result(data, [words])
