"""Operations for clerks (issue 16): who may sign in, signing in, the shop's policy.

A PIN check costs a tenth of a second of scrypt, so it is a job like every records call.
In demo training (``flows.clerks.DEMO_CLERKS``) the accounts live in memory only: their PINs are
shown on the sign-in screen, so they must never reach the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from moto_desk.ui.shell.jobs import Job, JobRunner

if TYPE_CHECKING:
    from moto_desk.domain.roles import Actor, ApprovalPolicy
    from moto_desk.ui.shell.session import DeskSession


@dataclass(frozen=True)
class SignInState:
    """What the sign-in screen needs: the active accounts (name, role) and the policy."""

    names: tuple[tuple[str, str], ...]
    policy: ApprovalPolicy


def demo_state() -> SignInState:
    """The demo's training accounts (in memory; see ``flows.clerks.DEMO_CLERKS``)."""
    from moto_desk.domain.roles import ApprovalPolicy
    from moto_desk.flows.clerks import DEMO_CLERKS

    return SignInState(tuple((n, r.value) for n, r, _ in DEMO_CLERKS), ApprovalPolicy())


def sign_in_state(
    runner: JobRunner, session: DeskSession, *, owner: QObject
) -> Job[SignInState | None]:
    """The accounts and policy when the shop signs in; None while it has no account."""

    def work() -> SignInState | None:
        from moto_desk.flows import clerks

        if not clerks.sign_in_required(session.records_at):
            return None
        names = tuple(
            (a.name, a.role.value) for a in clerks.accounts(session.records_at, active_only=True)
        )
        return SignInState(names, clerks.policy(session.records_at))

    return runner.job(work, owner=owner)


def sign_in(
    runner: JobRunner,
    session: DeskSession,
    name: str,
    pin: str,
    *,
    owner: QObject,
    demo: bool = False,
) -> Job[Actor]:
    """The person ``name`` if ``pin`` is theirs (wrong PINs are counted in the records);
    ``demo``: one of the training accounts."""

    def work() -> Actor:
        from moto_desk.flows.clerks import demo_sign_in
        from moto_desk.flows.clerks import sign_in as check

        if demo:
            return demo_sign_in(name, pin)

        return check(session.records_at, name, pin)

    return runner.job(work, owner=owner)
