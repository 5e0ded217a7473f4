"""The command line: the same flows as the window, headless.

    moto-desk                      the window (demo mode unless a key is configured)
    moto-desk --self-test          end-to-end check on the embedded simulator
    moto-desk ledger verify
    moto-desk ledger export --format csv|json --out FILE
    moto-desk reconcile
    moto-desk doctor

Each honours ``--data-dir DIR`` and ``--api-base URL`` and exits non-zero on failure.
Nothing here imports Qt, stripe or keyring at module level: the window must appear first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moto-desk",
        description="Save a customer's card by MOTO on a Stripe Terminal reader; charge it later.",
    )
    parser.add_argument("--data-dir", type=Path, help="where the desk keeps its records")
    parser.add_argument("--api-base", help="Stripe API address (e.g. a shared moto-desk-sim)")
    parser.add_argument("--demo", action="store_true", help="use the embedded simulator")
    parser.add_argument("--lang", choices=["en", "fr"], help="language of the window")
    parser.add_argument("--self-test", action="store_true", help="run the end-to-end self-test")
    sub = parser.add_subparsers(dest="command")
    ledger = sub.add_parser("ledger", help="the consent ledger")
    ledger_sub = ledger.add_subparsers(dest="ledger_command", required=True)
    ledger_sub.add_parser("verify", help="check the hash chain")
    export = ledger_sub.add_parser("export", help="export every consent record")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--out", type=Path, required=True)
    sub.add_parser("reconcile", help="settle open journal entries against Stripe")
    sub.add_parser("doctor", help="check the key, Stripe access, readers and MOTO")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from moto_desk.domain.errors import MotoDeskError
    from moto_desk.paths import data_dir

    folder = data_dir(args.data_dir)
    try:
        if args.self_test:
            from moto_desk.selftest import run_self_test

            return run_self_test(args.data_dir)
        if args.command == "ledger":
            from moto_desk.commands import ledger_export, ledger_verify

            if args.ledger_command == "verify":
                return ledger_verify(folder)
            return ledger_export(folder, args.format, args.out)
        if args.command == "reconcile":
            from moto_desk.commands import reconcile_command

            return reconcile_command(folder, demo=args.demo, api_base=args.api_base)
        if args.command == "doctor":
            from moto_desk.commands import doctor

            return doctor(folder, demo=args.demo, api_base=args.api_base)
    except MotoDeskError as error:
        print(f"moto-desk: {error.clerk_message}", file=sys.stderr)
        return 1
    from moto_desk.ui.app import run_gui

    return run_gui(args, folder)
