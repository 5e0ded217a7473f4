"""Running one MOTO save: build the request from the form, run the flow as a payment job,
stream its steps to the status panel, cancel on request, show what really happened.

Cancel (Esc) only raises the job's cancel flag; the flow then calls ``cancel_action`` on the
reader and reads the SetupIntent, so a cancel that lost the race with an approval is shown
as the approval it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from moto_desk.domain.errors import ErrorKind, MotoDeskError, OutcomeUnknown
from moto_desk.ui.desk.customer_model import customer_label
from moto_desk.ui.operations import desk as operations
from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text

if TYPE_CHECKING:
    from moto_desk.domain.consent import ConsentTerms
    from moto_desk.domain.models import AllowRedisplay, Channel, Customer, Reader, SaveResult
    from moto_desk.domain.roles import Actor
    from moto_desk.flows.progress import Progress
    from moto_desk.flows.save_card import SaveRequest
    from moto_desk.ui.desk.status_panel import StatusPanel
    from moto_desk.ui.shell.jobs import Job, JobRunner
    from moto_desk.ui.shell.session import DeskSession


@dataclass(frozen=True)
class SaveForm:
    """The form's contents at the moment Save was pressed."""

    customer: Customer
    reader: Reader
    channel: Channel
    allow_redisplay: AllowRedisplay
    terms: ConsentTerms
    consent_given: bool


def _request(form: SaveForm, deadline_s: float) -> SaveRequest:
    from moto_desk.flows.save_card import SaveRequest

    return SaveRequest(
        customer_id=form.customer.id,
        customer_name=form.customer.name or form.customer.email or form.customer.id,
        reader_id=form.reader.id,
        reader_label=form.reader.label,
        channel=form.channel,
        allow_redisplay=form.allow_redisplay,
        terms=form.terms,
        consent_given=form.consent_given,
        deadline_s=deadline_s,
    )


class SaveCardAction(QObject):
    """One save at a time.

    Signals:
        running_changed(bool): a save started or ended.
        card_saved(object): the :class:`SaveResult` of an approved save (None when a save
            whose answer was lost is confirmed later by "Check again").
        unknown_changed(): a save's result became unknown, or became known again.
    """

    running_changed = Signal(bool)
    card_saved = Signal(object)
    unknown_changed = Signal()

    def __init__(
        self, runner: JobRunner, router: ErrorRouter, status: StatusPanel, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._router = router
        self._status = status
        self._job: Job[SaveResult] | None = None
        self._form: SaveForm | None = None
        self._session: DeskSession | None = None
        self._entry_id: str | None = None
        self._unknown_entry: str | None = None
        self._adopted_customer: str | None = None  # of an open save taken over at start
        #: How long a reader may show no result before the clerk is offered to stop it.
        self.reader_wait_s: float = 300.0
        status.check_requested.connect(self.on_check_requested)
        status.stop_requested.connect(self.on_stop_requested)
        status.clear_requested.connect(self.on_clear_requested)

    @property
    def running(self) -> bool:
        return self._job is not None

    def unknown_for(self, customer_id: str | None) -> bool:
        """True while the last save of this customer may or may not have saved a card."""
        if self._unknown_entry is None or customer_id is None:
            return False
        form = self._form
        owner = form.customer.id if form is not None else self._adopted_customer
        return owner == customer_id

    def adopt_open_save(
        self, session: DeskSession, entry_id: str, customer_id: str | None, reason: str
    ) -> None:
        """Take over a save the last session left open (its reader may still complete it):
        the panel says so, that customer's Save waits, and Check again asks Stripe — as
        after a stall."""
        if self._job is not None or self._unknown_entry is not None:
            return
        self._session = session
        self._form = None
        self._adopted_customer = customer_id
        self._set_unknown(entry_id)
        self._status.show_unknown(reason)

    def _set_unknown(self, entry_id: str | None) -> None:
        self._unknown_entry = entry_id
        self.unknown_changed.emit()

    def start(self, session: DeskSession, form: SaveForm) -> None:
        if self._job is not None:
            return
        request = _request(form, self.reader_wait_s)
        self._form = form
        self._session = session
        self._entry_id = None
        self._set_unknown(None)
        self._status.start_save(form.reader.label)

        job = operations.save_card(self._runner, session, request, owner=self)
        job.on_success(self.on_card_saved).on_failure(self.on_save_failed)
        job.on_progress(self.on_progress).on_finished(self.on_save_finished)
        self._job = job
        self.running_changed.emit(True)
        job.run()

    def cancel(self) -> bool:
        """Ask the running save to stop; False when nothing is running."""
        if self._job is None or self._job.cancel_token.cancelled:
            return self._job is not None
        self._job.cancel()
        self._status.show_canceling()
        return True

    @Slot(object)
    def on_progress(self, progress: Progress) -> None:
        self._entry_id = progress.entry_id or self._entry_id
        self._status.show_progress(progress)

    @Slot(object)
    def on_card_saved(self, result: SaveResult) -> None:
        form = self._form
        who = customer_label(form.customer) if form else result.customer_id
        self._status.show_approved(result, who)
        self.card_saved.emit(result)

    @Slot(object)
    def on_save_failed(self, error: BaseException) -> None:
        from moto_desk.flows.save_card import ReaderStalled

        if isinstance(error, ReaderStalled):
            # The reader still waits for the card: the save may yet succeed.
            self._set_unknown(error.entry_id)
            self._status.show_stalled(clerk_text(error))
            return
        if isinstance(error, OutcomeUnknown):
            # The flow leaves the entry open only when Stripe may have saved the card (the
            # reader may have the command, an answer was lost). "Try again" could save it
            # twice; offer to ask Stripe instead. Any other error closed the entry: nothing
            # was saved, and the router's words (e.g. "wait, then try again") are right.
            self._set_unknown(error.entry_id or self._entry_id)
            self._status.show_unknown(clerk_text(error))
            return
        self._router.route(error, view=self._status)
        if not isinstance(error, MotoDeskError):
            # Our bug (reported by the router): the panel must not stay on "working".
            self._status.show_failure(MotoDeskError(ErrorKind.BUG))

    @Slot()
    def on_save_finished(self) -> None:
        self._job = None
        self.running_changed.emit(False)

    # ------------------------------------------------------------------ check again
    @Slot()
    def on_check_requested(self) -> None:
        session, entry_id = self._session, self._unknown_entry
        if session is None or entry_id is None or self._job is not None:
            return
        self._status.show_checking()
        (
            operations.check_entry(self._runner, session, entry_id, owner=self)
            .on_success(self.on_checked)
            .on_failure(self.on_check_failed)
            .run()
        )

    # ------------------------------------------------------------------ clear a reader
    @Slot()
    def on_clear_requested(self) -> None:
        """Look at what the reader is doing now, then ask before clearing it."""
        session, form = self._session, self._form
        if session is None or form is None or self._job is not None:
            return
        reader_id = form.reader.id
        (
            operations.look_at_reader(self._runner, session, reader_id, owner=self)
            .on_success(self.on_reader_looked_at)
            .on_failure(self._router.route)
            .run()
        )

    @Slot(object)
    def on_reader_looked_at(self, reader: Reader) -> None:
        session, action = self._session, reader.action
        if session is None or action is None or action.status != "in_progress":
            self._status.show_cleared(reader.label)
            return
        intent = action.setup_intent_id or action.payment_intent_id or "?"
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self._status.window(),
            self.tr("Clear the reader?"),
            self.tr(
                "The reader “{reader}” is busy with another desk's card entry ({intent}). "
                "Clearing it stops that desk's customer in the middle of their entry.\n\n"
                "Clear the reader only if you are sure nobody is using it."
            ).format(reader=reader.label, intent=intent),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        gate = session.approvals
        if gate is None:
            self._clear(reader, None)
            return
        from moto_desk.domain.roles import Action as Do

        gate.ask(self._status.window(), Do.CLEAR_READER, None, lambda who: self._clear(reader, who))

    def _clear(self, reader: Reader, approver: Actor | None) -> None:
        session, action = self._session, reader.action
        if session is None or action is None:
            return
        self._status.show_checking()
        (
            operations.clear_reader(
                self._runner, session, reader.id, action, owner=self, approver=approver
            )
            .on_success(lambda cleared: self._status.show_cleared(cleared.label))
            .on_failure(lambda error: self._router.route(error, view=self._status))
            .run()
        )

    @Slot()
    def on_stop_requested(self) -> None:
        """Cancel a stalled reader's card request, then report what Stripe says happened."""
        session, entry_id = self._session, self._unknown_entry
        if session is None or entry_id is None or self._job is not None:
            return
        self._status.show_checking()

        (
            operations.stop_and_settle_save(self._runner, session, entry_id, owner=self)
            .on_success(self.on_checked)
            .on_failure(self.on_check_failed)
            .run()
        )

    @Slot(object)
    def on_checked(self, state: str) -> None:
        if state == "succeeded":
            self._set_unknown(None)
            self._status.show_confirmed_saved()
            self.card_saved.emit(None)
        elif state in ("failed", "canceled"):
            self._set_unknown(None)
            self._status.show_confirmed_not_saved()
        else:
            self._status.show_unknown(
                self.tr("Stripe has not answered yet. Check again in a moment.")
            )

    @Slot(object)
    def on_check_failed(self, error: BaseException) -> None:
        if isinstance(error, MotoDeskError):
            self._status.show_unknown(clerk_text(error))
        else:
            self._router.route(error)
