"""The tree of commands, in the manner of the Stripe CLI: one verb per job.

Global options are accepted before or after the command (``moto-desk --data-dir D history``
and ``moto-desk history --data-dir D``): every sub-parser shares one parent parser whose
options default to "not given" (``SUPPRESS``), so a sub-command that did not see an option
does not overwrite the value given before it; :func:`global_options` fills in the defaults.
argparse is enough for a tree this size; nothing here imports Qt, stripe or keyring.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from moto_desk.cli.options import GlobalOptions

REASONS = ("requested_by_customer", "duplicate", "fraudulent")


class UsageError(Exception):
    """The command line cannot be used (argparse's words), exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing and exiting, so ``--json`` can answer with
    a JSON error and every command keeps one exit path."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _globals() -> _Parser:
    common = _Parser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--data-dir", type=Path, help="where the desk keeps its records")
    common.add_argument("--api-base", help="Stripe API address (e.g. a shared moto-desk-sim)")
    common.add_argument("--demo", action="store_true", help="use the embedded simulator")
    common.add_argument("--records", help="the shop's records (PostgreSQL URL)")
    common.add_argument("--lang", choices=["en", "fr"], help="language of the words printed")
    common.add_argument("--json", action="store_true", help="print one JSON object")
    common.add_argument(
        "--clerk", metavar="NAME", help="sign in as this clerk (PIN: MOTO_DESK_PIN or a prompt)"
    )
    common.add_argument(
        "--approver",
        metavar="NAME",
        help="a supervisor approving this command (PIN: MOTO_DESK_APPROVER_PIN or a prompt)",
    )
    return common


def global_options(args: argparse.Namespace) -> GlobalOptions:
    return GlobalOptions(
        data_dir=getattr(args, "data_dir", None),
        api_base=getattr(args, "api_base", None),
        demo=bool(getattr(args, "demo", False)),
        records=getattr(args, "records", None),
        lang=getattr(args, "lang", None),
        json=bool(getattr(args, "json", False)),
        clerk=getattr(args, "clerk", None),
        approver=getattr(args, "approver", None),
    )


def _top(common: argparse.ArgumentParser) -> _Parser:
    parser = _Parser(
        prog="moto-desk",
        parents=[common],
        description="Save a customer's card by MOTO on a Stripe Terminal reader; charge it "
        "later. Without a command: the window.",
    )
    parser.add_argument("--self-test", action="store_true", help="run the end-to-end self-test")
    return parser


def parse_window_args(argv: list[str]) -> argparse.Namespace | None:
    """The options of ``moto-desk`` without a command (the window, or ``--self-test``),
    or None when ``argv`` names a command, asks for help or is not a valid window line.

    Building the whole tree of commands costs ~10 ms of the window's start-up (20 parsers,
    100 options); the window needs none of it. Anything this parser does not take falls
    to the whole tree, which answers it (or explains the mistake) as before.
    """
    if any(arg in ("-h", "--help") for arg in argv):
        return None
    try:
        args = _top(_globals()).parse_args(argv)
    except UsageError:
        return None
    args.command = None
    return args


def build_parser() -> argparse.ArgumentParser:
    common = _globals()
    parser = _top(common)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    customers = command("customers", "find or create customers")
    customer_sub = customers.add_subparsers(
        dest="customers_command", required=True, parser_class=_Parser
    )
    find = customer_sub.add_parser("find", help="find customers", parents=[common])
    find.add_argument("text", help="name, email, phone or cus_ id")
    create = customer_sub.add_parser("create", help="create a customer", parents=[common])
    create.add_argument("--name", required=True)
    create.add_argument("--email")
    create.add_argument("--phone")
    create.add_argument(
        "--confirm-duplicate",
        action="store_true",
        help="create it even though a customer has the same email or phone (another person)",
    )

    command("readers", "the Terminal readers and their status")

    cards = command("cards", "a customer's saved cards")
    cards.add_argument("--customer", required=True, metavar="cus_…")

    save = command("save-card", "record consent and save a card by MOTO on a reader")
    save.add_argument("--customer", required=True, metavar="cus_…")
    save.add_argument("--reader", required=True, metavar="tmr_…|LABEL")
    save.add_argument("--channel", required=True, choices=["phone", "mail"])
    save.add_argument("--redisplay", required=True, choices=["limited", "always"])
    save.add_argument(
        "--consent-given",
        action="store_true",
        help="the terms were read to the customer, who agreed",
    )
    save.add_argument("--timeout", type=float, metavar="SECONDS", help="give up after this")
    save.add_argument(
        "--test-card",
        metavar="NUMBER",
        help="demo and test mode: key this public Stripe test card on the simulated reader",
    )

    charge = command("charge", "charge a saved card (off-session)")
    charge.add_argument("--customer", required=True, metavar="cus_…")
    charge.add_argument("--card", required=True, metavar="pm_…")
    charge.add_argument("--amount", required=True, help="e.g. 12.50")
    charge.add_argument("--currency", required=True, help="e.g. usd")
    charge.add_argument("--description")
    charge.add_argument("--order", metavar="REF", help="the shop's order reference")
    charge.add_argument("--receipt-email", metavar="E")
    charge.add_argument(
        "--confirm-duplicate",
        action="store_true",
        help="charge even if the same amount went to this card minutes ago",
    )

    refund = command("refund", "refund all or part of a charge")
    refund.add_argument("--payment", required=True, metavar="pi_…")
    refund.add_argument("--amount", help="part of it (default: what remains)")
    refund.add_argument("--reason", choices=REASONS, default="requested_by_customer")

    remove = command("remove-card", "remove a saved card (consent withdrawn)")
    remove.add_argument("--customer", required=True, metavar="cus_…")
    remove.add_argument("--card", required=True, metavar="pm_…")
    remove.add_argument("--reason", required=True)

    history = command("history", "saves, charges, refunds and removals")
    history.add_argument("--customer", metavar="cus_…|TEXT")
    history.add_argument("--since", metavar="DATE", help="YYYY-MM-DD, included")
    history.add_argument("--until", metavar="DATE", help="YYYY-MM-DD, included")
    history.add_argument("--desk", metavar="NAME")
    history.add_argument(
        "--by", dest="clerk_filter", metavar="NAME", help="operations of this clerk (by name)"
    )
    history.add_argument("--limit", type=int, default=200)

    evidence = command("evidence", "a customer's consent evidence")
    evidence.add_argument("--customer", required=True, metavar="cus_…")
    evidence.add_argument("--format", required=True, choices=["json", "csv", "pdf"])
    evidence.add_argument("--out", required=True, type=Path)

    bundle = command("support-bundle", "a zip of diagnostics to send to support")
    bundle.add_argument("--out", required=True, type=Path)

    ledger = command("ledger", "the consent ledger")
    ledger_sub = ledger.add_subparsers(dest="ledger_command", required=True, parser_class=_Parser)
    verify = ledger_sub.add_parser("verify", help="check the hash chain", parents=[common])
    verify.add_argument(
        "--against-stripe",
        action="store_true",
        help="also compare each consent record's hash with the witness in Stripe's metadata",
    )
    export = ledger_sub.add_parser("export", help="export every consent record", parents=[common])
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--out", type=Path, required=True)

    settle = command("reconcile", "settle open journal entries against Stripe")
    settle.add_argument(
        "--desk",
        help="with shop records: settle the open operations of this desk (one that died and "
        "will not come back) instead of this desk's own",
    )
    command("doctor", "check the key, Stripe access, readers and MOTO")

    records = command("records", "the shop's records on PostgreSQL")
    records_sub = records.add_subparsers(
        dest="records_command", required=True, parser_class=_Parser
    )
    init = records_sub.add_parser(
        "init", help="create the shop's schema, migrations and roles", parents=[common]
    )
    init.add_argument("--shop-name", help="the shop's name, read to customers at every desk")
    init.add_argument("--shop-address", help="printed under the name on receipts")
    records_sub.add_parser(
        "status", help="store, schema version, desks, open operations", parents=[common]
    )
    move = records_sub.add_parser(
        "migrate", help="bring this desk's own records into the shop's", parents=[common]
    )
    move.add_argument("--to", required=True, metavar="URL", help="the shop's records")

    clerks = command("clerks", "clerk accounts, PINs and roles (the owner's)")
    clerks_sub = clerks.add_subparsers(dest="clerks_command", required=True, parser_class=_Parser)
    roles = ("clerk", "supervisor", "owner")
    add = clerks_sub.add_parser(
        "add", help="add a clerk (PIN asked twice, or one line of stdin)", parents=[common]
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=roles)
    clerks_sub.add_parser("list", help="every account and its role", parents=[common])
    off = clerks_sub.add_parser("disable", help="disable an account", parents=[common])
    off.add_argument("name", metavar="NAME")
    new_pin = clerks_sub.add_parser("set-pin", help="give a clerk a new PIN", parents=[common])
    new_pin.add_argument("name", metavar="NAME")
    new_role = clerks_sub.add_parser("set-role", help="change a clerk's role", parents=[common])
    new_role.add_argument("name", metavar="NAME")
    new_role.add_argument("role", choices=roles)
    rules = clerks_sub.add_parser(
        "policy", help="show or change the approval limits and idle lock", parents=[common]
    )
    rules.add_argument("--charge-limit", metavar="AMOUNT|none")
    rules.add_argument("--refund-limit", metavar="AMOUNT|none")
    rules.add_argument("--idle-lock", type=int, metavar="MINUTES")
    return parser
