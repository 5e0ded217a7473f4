"""Exit codes a script can trust: the same for every command (README, "Command line").

A shop's order system decides what to do next from the code alone: retry later, ask the
customer for another card, ask a person to confirm, or leave it for ``reconcile``.
"""

from __future__ import annotations

from enum import IntEnum

from moto_desk.domain.errors import ErrorKind, InvalidInput, MotoDeskError, OutcomeUnknown


class ExitCode(IntEnum):
    DONE = 0
    #: It failed; the words are on stderr (or in the JSON error).
    FAILED = 1
    #: The command or what was typed cannot be used; nothing was sent to Stripe.
    USAGE = 2
    #: The card or the bank said no.
    DECLINED = 3
    #: A possible duplicate charge: repeat with ``--confirm-duplicate`` if it is meant.
    NEEDS_CONFIRMATION = 4
    #: Stripe's answer was lost; the journal entry stays open and ``reconcile`` settles it.
    OUTCOME_UNKNOWN = 5
    #: The signed-in clerk may not do this (alone): roles and approvals, or a wrong PIN.
    NOT_ALLOWED = 6


def exit_code_for(error: BaseException) -> ExitCode:
    """The exit code for a failure; anything that is not a ``MotoDeskError`` is a bug (1)."""
    from moto_desk.flows.charge import PossibleDuplicate
    from moto_desk.flows.customers import SameContact

    if isinstance(error, PossibleDuplicate | SameContact):
        return ExitCode.NEEDS_CONFIRMATION
    if isinstance(error, OutcomeUnknown):
        return ExitCode.OUTCOME_UNKNOWN
    if isinstance(error, MotoDeskError) and error.kind is ErrorKind.NOT_ALLOWED:
        return ExitCode.NOT_ALLOWED
    if isinstance(error, InvalidInput):
        return ExitCode.USAGE
    if isinstance(error, MotoDeskError) and error.kind in (
        ErrorKind.DECLINED,
        ErrorKind.AUTHENTICATION_REQUIRED,
    ):
        return ExitCode.DECLINED
    return ExitCode.FAILED
