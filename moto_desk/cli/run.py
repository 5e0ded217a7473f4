"""Parse, open the desk, run one command, and turn whatever happened into an exit code."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from moto_desk.cli.options import GlobalOptions
from moto_desk.cli.parser import UsageError, build_parser, global_options, parse_window_args

if TYPE_CHECKING:
    from moto_desk.cli.exit_codes import ExitCode
    from moto_desk.cli.output import Output

log = logging.getLogger("moto_desk.cli")

Command = Callable[[argparse.Namespace, GlobalOptions, "Output"], "ExitCode"]


def _command(args: argparse.Namespace) -> Command | None:
    """The function for the parsed command (imported only when it runs)."""
    name = args.command
    if name == "customers":
        from moto_desk.cli import customers

        return customers.find if args.customers_command == "find" else customers.create
    if name in ("readers", "cards"):
        from moto_desk.cli import lists

        return lists.readers if name == "readers" else lists.cards
    if name == "save-card":
        from moto_desk.cli.save import save_card

        return save_card
    if name in ("charge", "refund", "remove-card"):
        from moto_desk.cli import payments

        return {"charge": payments.charge, "refund": payments.refund}.get(
            name, payments.remove_card
        )
    if name in ("history", "evidence"):
        from moto_desk.cli import after_sale

        return after_sale.history if name == "history" else after_sale.evidence
    if name == "records":
        from moto_desk.cli import records

        return {"init": records.init, "status": records.status}.get(
            args.records_command, records.migrate
        )
    if name == "clerks":
        from moto_desk.cli import clerks

        return clerks.run
    if name in ("ledger", "reconcile", "doctor", "support-bundle"):
        from moto_desk.cli import upkeep

        if name == "ledger":
            return upkeep.ledger_verify if args.ledger_command == "verify" else upkeep.ledger_export
        return {
            "reconcile": upkeep.reconcile,
            "doctor": upkeep.doctor,
            "support-bundle": upkeep.support_bundle,
        }[name]
    return None


def _log_bug(options: GlobalOptions, error: BaseException) -> None:
    """A bug of ours is written to the desk's log with its traceback (redacted), so there is
    something to report."""
    # The report must never hide the original failure.
    with contextlib.suppress(Exception):
        from moto_desk.paths import data_dir
        from moto_desk.ui.shell.log_setup import setup_logging

        setup_logging(data_dir(options.data_dir))
        log.error("internal error in a command", exc_info=error)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parse_window_args(argv) or build_parser().parse_args(argv)
    except UsageError as error:
        from moto_desk.cli.output import Output

        return int(Output(as_json="--json" in argv).usage_error(str(error)))
    options = global_options(args)
    if args.self_test:
        from moto_desk.selftest import run_self_test

        return run_self_test(options.data_dir)
    command = _command(args)
    if command is None:
        # The window: nothing more of the command line is imported before it paints.
        from moto_desk.paths import data_dir
        from moto_desk.ui.shell.app import run_gui

        return run_gui(args, data_dir(options.data_dir))
    from moto_desk.cli.language import translator
    from moto_desk.cli.output import Output

    out = Output(
        as_json=options.json,
        translate=translator(options.lang),
        locale=options.lang or "en",
    )
    try:
        return int(command(args, options, out))
    except KeyboardInterrupt:
        out.note("moto-desk: interrupted")
        return 130
    except Exception as error:
        from moto_desk.domain.errors import ErrorKind, MotoDeskError

        if not isinstance(error, MotoDeskError) or error.kind is ErrorKind.BUG:
            _log_bug(options, error)
        return int(out.failure(error))
