"""``moto-desk readers`` and ``moto-desk cards --customer cus_…``."""

from __future__ import annotations

import argparse

from moto_desk.cli import shapes
from moto_desk.cli.desk import opened
from moto_desk.cli.exit_codes import ExitCode
from moto_desk.cli.options import GlobalOptions
from moto_desk.cli.output import Output
from moto_desk.domain.ids import IdKind, check_id
from moto_desk.domain.words import QT_TRANSLATE_NOOP


def readers(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.flows.readers import list_readers

    with opened(options, out) as desk:
        found = list_readers(desk.context())
    lines = [
        f"{r.id}  {r.label}  ({r.device_type}, {r.location_name or '—'}): {r.status or '—'}"
        + (f"  [{r.action.type}: {r.action.status}]" if r.action else "")
        for r in found
    ] or [out.words(QT_TRANSLATE_NOOP("clerk", "No reader is registered on this account."))]
    return out.result({"readers": [shapes.reader(r) for r in found]}, lines)


def cards(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.flows.readers import list_saved_cards

    customer = check_id(args.customer, IdKind.CUSTOMER, field="customer")
    with opened(options, out) as desk:
        found = list_saved_cards(desk.context(), customer)
    lines = [f"{c.payment_method_id}  {shapes.card_words(c)}" for c in found] or [
        out.words(
            QT_TRANSLATE_NOOP("clerk", "The customer {customer} has no saved card."),
            customer=customer,
        )
    ]
    return out.result({"customer": customer, "cards": [shapes.card(c) for c in found]}, lines)
