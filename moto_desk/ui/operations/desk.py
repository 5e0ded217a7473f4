"""Operations of the desk: customers, readers, saved cards, and the MOTO save."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from moto_desk.flows.cancel import CancelToken
from moto_desk.ui.shell.jobs import Job, JobRunner

if TYPE_CHECKING:
    from moto_desk.domain.models import (
        Customer,
        Reader,
        ReaderAction,
        SavedCard,
        SaveResult,
    )
    from moto_desk.domain.roles import Actor
    from moto_desk.flows.customers import NewCustomer
    from moto_desk.flows.save_card import SaveRequest
    from moto_desk.ui.shell.session import DeskSession


def find_customers(
    runner: JobRunner, session: DeskSession, text: str, *, owner: QObject
) -> Job[list[Customer]]:
    """The local index's matches first (as progress), then Stripe's answer; a newer search
    of the same owner supersedes this one."""

    def work() -> list[Customer]:
        from moto_desk.flows.customers import find_customers as find

        return find(session.context(), text, on_local=job.report)

    job = runner.job(work, owner=owner).superseding("search")
    return job


def create_customer(
    runner: JobRunner,
    session: DeskSession,
    form: NewCustomer,
    country: str,
    *,
    allow_same_contact: bool = False,
    owner: QObject,
) -> Job[Customer]:
    def work() -> Customer:
        from moto_desk.flows.customers import create_customer as create

        return create(session.context(), form, country, allow_same_contact=allow_same_contact)

    return runner.job(work, owner=owner)


def list_readers(runner: JobRunner, session: DeskSession, *, owner: QObject) -> Job[list[Reader]]:
    def work() -> list[Reader]:
        from moto_desk.flows.readers import list_readers as readers

        return readers(session.context())

    return runner.job(work, owner=owner)


def remember_reader(
    runner: JobRunner, session: DeskSession, reader_id: str, *, owner: QObject
) -> Job[None]:
    """Keep the reader chosen for the next start (a convenience: losing it costs a click)."""

    def work() -> None:
        from moto_desk.flows.context import open_records
        from moto_desk.records.desk_state import DeskState
        from moto_desk.ui.shell.startup import LAST_READER_KEY

        with open_records(session.records_at) as records:
            DeskState(records.conn).set(LAST_READER_KEY, reader_id)

    return runner.job(work, owner=owner)


def list_saved_cards(
    runner: JobRunner, session: DeskSession, customer_id: str, *, owner: QObject
) -> Job[list[SavedCard]]:
    """The customer's cards; a newer list of the same owner supersedes this one."""

    def work() -> list[SavedCard]:
        from moto_desk.flows.readers import list_saved_cards as cards

        return cards(session.context(), customer_id)

    return runner.job(work, owner=owner).superseding("cards")


def save_card(
    runner: JobRunner, session: DeskSession, request: SaveRequest, *, owner: QObject
) -> Job[SaveResult]:
    """The MOTO save: a payment operation (the window asks before quitting), cancellable,
    reporting each step as progress."""
    token = CancelToken()

    def work() -> SaveResult:
        from moto_desk.flows.save_card import save_card as save

        return save(session.context(progress=job.report, cancel=token), request)

    job = runner.job(work, payment=True, cancel=token, owner=owner)
    return job


def check_entry(
    runner: JobRunner, session: DeskSession, entry_id: str, *, owner: QObject
) -> Job[str]:
    """Ask Stripe what became of an operation whose answer was lost: its journal state
    afterwards (``succeeded``, ``failed``, ``canceled``… or ``open``)."""
    from moto_desk.ui.shell.startup import check_journal_entry

    return runner.job(lambda: check_journal_entry(session, entry_id), owner=owner)


def stop_and_settle_save(
    runner: JobRunner, session: DeskSession, entry_id: str, *, owner: QObject
) -> Job[str]:
    """Stop a stalled reader's card request, then settle the save by Stripe's word."""

    def work() -> str:
        from moto_desk.flows.reconcile import stop_and_settle_save as stop

        settled = stop(session.context(), entry_id)
        return settled.state.value if settled.state is not None else "open"

    return runner.job(work, owner=owner)


def look_at_reader(
    runner: JobRunner, session: DeskSession, reader_id: str, *, owner: QObject
) -> Job[Reader]:
    return runner.job(lambda: session.gateway.get_reader(reader_id), owner=owner)


def clear_reader(
    runner: JobRunner,
    session: DeskSession,
    reader_id: str,
    seen: ReaderAction,
    *,
    owner: QObject,
    approver: Actor | None = None,
) -> Job[Reader]:
    """Clear another desk's action from a reader — only if it still does what was seen
    (approved by a supervisor when the clerk may not do it alone)."""

    def work() -> Reader:
        from moto_desk.flows.readers import clear_reader as clear

        return clear(session.context(approver=approver), reader_id, seen)

    return runner.job(work, owner=owner)
