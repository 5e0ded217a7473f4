"""Operations on money: charging a saved card, refunding a charge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from moto_desk.ui.shell.jobs import Job, JobRunner

if TYPE_CHECKING:
    from moto_desk.domain.models import ChargeResult, RefundResult
    from moto_desk.domain.money import Money
    from moto_desk.domain.roles import Actor
    from moto_desk.flows.charge import ChargeRequest
    from moto_desk.flows.refund import RefundRequest
    from moto_desk.records.ledger import ConsentRecord
    from moto_desk.ui.shell.session import DeskSession


def active_consent(session: DeskSession, payment_method_id: str) -> ConsentRecord | None:
    """The consent in force for a saved card (on the worker thread)."""
    from moto_desk.flows.context import open_records

    with open_records(session.records_at) as records:
        return records.ledger.active_consent_for_card(payment_method_id)


def consent_for_card(
    runner: JobRunner, session: DeskSession, payment_method_id: str, *, owner: QObject
) -> Job[ConsentRecord | None]:
    """The consent in force for a saved card, read back before a charge is confirmed."""
    return runner.job(lambda: active_consent(session, payment_method_id), owner=owner)


def charge(
    runner: JobRunner,
    session: DeskSession,
    request: ChargeRequest,
    *,
    owner: QObject,
    approver: Actor | None = None,
) -> Job[ChargeResult]:
    """An off-session charge: a payment operation (the window asks before quitting)."""

    def work() -> ChargeResult:
        from moto_desk.flows.charge import charge_saved_card

        return charge_saved_card(session.context(approver=approver), request)

    return runner.job(work, payment=True, owner=owner)


def refundable(
    runner: JobRunner, session: DeskSession, payment_intent_id: str, *, owner: QObject
) -> Job[Money]:
    """What Stripe says can still be refunded (refunds made elsewhere included)."""
    return runner.job(lambda: session.gateway.refundable_amount(payment_intent_id), owner=owner)


def refund(
    runner: JobRunner,
    session: DeskSession,
    request: RefundRequest,
    *,
    owner: QObject,
    approver: Actor | None = None,
) -> Job[RefundResult]:
    def work() -> RefundResult:
        from moto_desk.flows.refund import refund_charge

        return refund_charge(session.context(approver=approver), request)

    return runner.job(work, payment=True, owner=owner)
