"""``moto-desk clerks add|list|disable|set-pin|set-role|policy``: the owner's accounts.

While the shop has no account anyone may add the first, which must be an owner (sign-in is
then on for every desk of the shop). After that every one of these commands needs the owner:
``--clerk NAME`` with the owner's PIN (``MOTO_DESK_PIN`` or a prompt). The records let any
desk write the accounts table; this check is what makes accounts the owner's.
"""

from __future__ import annotations

import argparse
from typing import Any

from moto_desk.cli.desk import Desk, opened
from moto_desk.cli.exit_codes import ExitCode
from moto_desk.cli.options import GlobalOptions
from moto_desk.cli.output import Output
from moto_desk.domain.roles import Actor, NotAllowed, Role
from moto_desk.domain.words import QT_TRANSLATE_NOOP


def _owner(desk: Desk, options: GlobalOptions) -> Actor | None:
    """The owner asking (PIN checked), or None while the shop has no account."""
    from moto_desk.cli.sign_in import ENV_PIN, check, sign_in_required

    if not sign_in_required(desk):
        return None
    if not options.clerk:
        raise NotAllowed(
            QT_TRANSLATE_NOOP(
                "clerk",
                "Only the shop's owner manages clerk accounts: give --clerk with the owner's "
                "name (the PIN from MOTO_DESK_PIN or typed when asked).",
            )
        )
    return check(desk, options.clerk, ENV_PIN, f"PIN for {options.clerk}: ")


def _shape(account: Any) -> dict[str, Any]:
    return {
        "id": account.id,
        "name": account.name,
        "role": account.role.value,
        "active": account.active,
        "updated_at": account.updated_at.isoformat(),
    }


def run(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.flows import clerks

    command = args.clerks_command
    with opened(options, out, stripe=False, sign_in=False) as desk:
        owner = _owner(desk, options)
        where = desk.records_at
        if command == "add":
            from moto_desk.cli.sign_in import new_pin

            if owner is not None:
                from moto_desk.domain.roles import Action, ApprovalPolicy, authorise

                authorise(ApprovalPolicy(), Action.CLERK_ACCOUNTS, owner)
            account = clerks.add_account(where, owner, args.name, Role(args.role), new_pin())
            words = out.words(
                QT_TRANSLATE_NOOP("clerk", "✓ {name} can sign in as {role}."),
                name=account.name,
                role=account.role.value,
            )
            return out.result({"clerk": _shape(account)}, [words])
        if command == "list":
            if owner is not None:
                from moto_desk.domain.roles import Action, ApprovalPolicy, authorise

                authorise(ApprovalPolicy(), Action.CLERK_ACCOUNTS, owner)
            found = clerks.accounts(where)
            lines = [
                f"{a.name}\t{a.role.value}\t{'active' if a.active else 'disabled'}" for a in found
            ]
            return out.result({"clerks": [_shape(a) for a in found]}, lines)
        if command == "disable":
            account = clerks.disable(where, owner, args.name)
            return out.result({"clerk": _shape(account)}, [f"{account.name}: disabled"])
        if command == "set-pin":
            from moto_desk.cli.sign_in import new_pin

            if owner is not None:
                from moto_desk.domain.roles import Action, ApprovalPolicy, authorise

                authorise(ApprovalPolicy(), Action.CLERK_ACCOUNTS, owner)
            account = clerks.set_pin(where, owner, args.name, new_pin())
            return out.result({"clerk": _shape(account)}, [f"{account.name}: new PIN set"])
        if command == "set-role":
            account = clerks.set_role(where, owner, args.name, Role(args.role))
            return out.result({"clerk": _shape(account)}, [f"{account.name}: {account.role.value}"])
        return _policy(args, where, owner, out)


def _policy(args: argparse.Namespace, where: Any, owner: Actor | None, out: Output) -> ExitCode:
    from dataclasses import replace

    from moto_desk.domain.errors import InvalidInput
    from moto_desk.domain.roles import parse_limit
    from moto_desk.flows import clerks

    current = clerks.policy(where)
    changes: dict[str, Any] = {}
    try:
        if args.charge_limit is not None:
            changes["charge_limit"] = parse_limit(args.charge_limit)
        if args.refund_limit is not None:
            changes["refund_limit"] = parse_limit(args.refund_limit)
    except ValueError as error:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("clerk", "A limit is an amount such as 500.00, or none."),
            field="limit",
            detail=str(error),
        ) from None
    if args.idle_lock is not None:
        if not 1 <= args.idle_lock <= 240:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("clerk", "The idle lock is 1 to 240 minutes."),
                field="idle_lock",
            )
        changes["idle_lock_minutes"] = args.idle_lock
    if changes:
        current = replace(current, **changes)
        clerks.set_policy(where, owner, current)
    shown = current.to_settings()
    return out.result(
        {"policy": shown},
        [f"{key}: {value or 'none'}" for key, value in shown.items()],
    )
