"""Operations after the sale: history, consent evidence, card removal, card health."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from moto_desk.flows.cancel import CancelToken
from moto_desk.ui.shell.jobs import Job, JobRunner

if TYPE_CHECKING:
    from moto_desk.domain.models import SavedCard
    from moto_desk.flows.card_health import CardHealth
    from moto_desk.flows.consent_evidence import ConsentEvidence
    from moto_desk.flows.history import HistoryFilters, HistoryRow
    from moto_desk.ui.shell.session import DeskSession


def load_history(
    runner: JobRunner, session: DeskSession, filters: HistoryFilters, *, owner: QObject
) -> Job[list[HistoryRow]]:
    """The operations matching ``filters``; a newer load of the same owner supersedes it."""

    def work() -> list[HistoryRow]:
        from moto_desk.flows.history import load_history as load

        return load(session.records_at, filters)

    return runner.job(work, owner=owner).superseding("load")


def build_evidence(
    runner: JobRunner,
    session: DeskSession,
    customer_id: str,
    shop_names: Sequence[str],
    *,
    owner: QObject,
) -> Job[ConsentEvidence]:
    """A customer's consent evidence, with the ledger verified now."""

    def work() -> ConsentEvidence:
        from moto_desk.flows.consent_evidence import build_evidence as build

        return build(session.records_at, customer_id, shop_names=shop_names)

    return runner.job(work, owner=owner)


def export_evidence_csv(
    runner: JobRunner, evidence: ConsentEvidence, path: Path, *, owner: QObject
) -> Job[int]:
    def work() -> int:
        from moto_desk.flows.consent_evidence import export_csv

        return export_csv(evidence, path)

    return runner.job(work, owner=owner)


def remove_card(
    runner: JobRunner,
    session: DeskSession,
    customer_id: str,
    card: SavedCard,
    reason: str,
    *,
    owner: QObject,
) -> Job[None]:
    """Detach a card for good and record the consent's withdrawal (a payment operation:
    a Stripe write the window must not quit in the middle of)."""

    def work() -> None:
        from moto_desk.flows.detach import RemoveCardRequest
        from moto_desk.flows.detach import remove_card as remove

        remove(session.context(), RemoveCardRequest(customer_id, card, reason))

    return runner.job(work, payment=True, owner=owner)


def check_card_health(
    runner: JobRunner, session: DeskSession, today: date, *, owner: QObject
) -> Job[list[CardHealth]]:
    """Every known customer's cards: expired, expiring, shared. Cancellable; a newer check
    supersedes an older one."""
    cancel = CancelToken()

    def work() -> list[CardHealth]:
        from moto_desk.flows.card_health import known_customers, shop_card_health

        ctx = session.context(cancel=cancel)
        customers = [c.id for c in known_customers(ctx.records_at)]
        return shop_card_health(ctx, today, customers)

    return runner.job(work, cancel=cancel, owner=owner).superseding("check")
