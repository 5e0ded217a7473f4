"""``moto-desk customers find TEXT`` and ``customers create``."""

from __future__ import annotations

import argparse

from moto_desk.cli import shapes
from moto_desk.cli.desk import desk_settings, opened
from moto_desk.cli.exit_codes import ExitCode
from moto_desk.cli.options import GlobalOptions
from moto_desk.cli.output import Output
from moto_desk.domain.models import Customer
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.flows.progress import Progress


def _line(customer: Customer) -> str:
    contact = " · ".join(part for part in (customer.email, customer.phone) if part)
    return f"{customer.id}  {customer.name or '—'}" + (f"  ({contact})" if contact else "")


def find(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.flows.customers import find_customers

    with opened(options, out) as desk:
        found = find_customers(desk.context(), args.text)
    lines = [_line(c) for c in found] or [
        out.words(QT_TRANSLATE_NOOP("clerk", "No customer matches “{text}”."), text=args.text)
    ]
    return out.result({"customers": [shapes.customer(c) for c in found]}, lines)


def create(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.flows.customers import (
        NewCustomer,
        SameContact,
        create_customer,
        validate_new_customer,
    )

    form = NewCustomer(args.name, args.email, args.phone)
    entry: list[str] = []

    def progress(report: Progress) -> None:
        if report.entry_id:
            entry.append(report.entry_id)

    # Refused before anything reaches Stripe, with the window's words.
    validate_new_customer(form, desk_settings(options).phone_country)
    with opened(options, out) as desk:
        try:
            customer = create_customer(
                desk.context(progress),
                form,
                desk.settings.phone_country,
                allow_same_contact=bool(getattr(args, "confirm_duplicate", False)),
            )
        except SameContact as same:
            out.failure(
                same,
                {
                    "kind": "possible_duplicate",
                    "existing": [shapes.customer(c) for c in same.existing],
                    "hint": "use the existing customer, or repeat with --confirm-duplicate",
                },
            )
            if not out.as_json:
                out.note(
                    out.words(
                        QT_TRANSLATE_NOOP(
                            "clerk",
                            "If this is another person, repeat the command with "
                            "--confirm-duplicate.",
                        )
                    )
                )
            return ExitCode.NEEDS_CONFIRMATION
    created = out.words(
        QT_TRANSLATE_NOOP("clerk", "Customer created: {customer}"), customer=_line(customer)
    )
    return out.result(
        {"customer": shapes.customer(customer), "journal_entry": entry[-1] if entry else None},
        [created],
    )
