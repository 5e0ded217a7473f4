"""Signing in on the command line: ``--clerk NAME`` with a PIN, ``--approver NAME`` with theirs.

PINs come from ``MOTO_DESK_PIN`` / ``MOTO_DESK_APPROVER_PIN``, else a prompt on the terminal
(``getpass``: nothing echoed), else one line each from stdin when it is not a terminal (a
script pipes them). A PIN is never printed, logged or put in an error.
"""

from __future__ import annotations

import getpass
import os
import sys

from moto_desk.cli.desk import Desk
from moto_desk.cli.options import GlobalOptions
from moto_desk.domain.errors import InvalidInput
from moto_desk.domain.roles import Actor, NotAllowed
from moto_desk.domain.words import QT_TRANSLATE_NOOP

ENV_PIN = "MOTO_DESK_PIN"
ENV_APPROVER_PIN = "MOTO_DESK_APPROVER_PIN"


def read_secret(prompt: str, env: str | None = None) -> str:
    """A PIN: from ``env`` if set, else the terminal (not echoed), else a line of stdin."""
    if env and os.environ.get(env):
        return os.environ[env].strip()
    if sys.stdin.isatty():
        return getpass.getpass(prompt).strip()
    line = sys.stdin.readline()
    if not line:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("clerk", "No PIN was given (the input ended)."), field="pin"
        )
    return line.strip()


def new_pin() -> str:
    """A new PIN: typed twice on a terminal, or one line of stdin."""
    first = read_secret("New PIN: ")
    if sys.stdin.isatty() and read_secret("The same PIN again: ") != first:
        raise InvalidInput(QT_TRANSLATE_NOOP("clerk", "The two PINs differ."), field="pin")
    return first


def sign_in_required(desk: Desk) -> bool:
    from moto_desk.flows.clerks import sign_in_required as required

    return required(desk.records_at)


def check(desk: Desk, name: str, env: str, prompt: str) -> Actor:
    from moto_desk.flows.clerks import sign_in

    return sign_in(desk.records_at, name, read_secret(prompt, env))


def sign_in_desk(desk: Desk, options: GlobalOptions) -> None:
    """Sign the clerk (and the approver) in when the shop has accounts; refuse (exit 6)
    without ``--clerk`` then."""
    if not sign_in_required(desk):
        return
    if not options.clerk:
        raise NotAllowed(
            QT_TRANSLATE_NOOP(
                "clerk",
                "This shop's clerks sign in: give --clerk NAME (the PIN from MOTO_DESK_PIN "
                "or typed when asked).",
            )
        )
    desk.actor = check(desk, options.clerk, ENV_PIN, f"PIN for {options.clerk}: ")
    desk.clerk = desk.actor.name
    if options.approver:
        desk.approver = check(
            desk, options.approver, ENV_APPROVER_PIN, f"PIN for {options.approver} (approving): "
        )
