"""Operations of the training panel: keying one of Stripe's test cards on a simulated reader."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from moto_desk.ui.shell.jobs import Job, JobRunner

if TYPE_CHECKING:
    from moto_desk.domain.models import Reader
    from moto_desk.ui.shell.session import DeskSession


def waiting_for_card(reader: Reader) -> bool:
    """True while the reader runs a save or a charge that a card can be presented to."""
    action = reader.action
    return (
        action is not None
        and action.status == "in_progress"
        and action.type in ("process_setup_intent", "process_payment_intent")
    )


def present_test_card(
    runner: JobRunner,
    session: DeskSession,
    reader_id: str,
    number: str,
    expiry_year: int,
    cvc: str | None,
    *,
    owner: QObject,
) -> Job[bool]:
    """True once presented; False when the reader waits for no card.

    Stripe answers a card presented to an idle reader with a 400 that names no code (the
    gateway can only call it our bug), so the reader is asked first what it is doing. An
    offline reader is left to the present call, which says so.
    """

    def work() -> bool:
        current = session.gateway.get_reader(reader_id)
        if current.status != "offline" and not waiting_for_card(current):
            return False
        session.gateway.present_test_card(reader_id, number, 12, expiry_year, cvc)
        return True

    return runner.job(work, owner=owner)
