"""What is happening now, in words a clerk understands: each step of a save as it happens,
then an unmistakable result.

The panel's ``state`` property (idle, working, approved, failed, canceled, info) drives its
colours in ``resources/style.qss`` — green for approved, red for failed — and the headline
says the same in words, so the result never depends on colour alone.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from moto_desk.domain.errors import ErrorKind, MotoDeskError, ReaderBusy
from moto_desk.flows.progress import Progress, Step
from moto_desk.ui.shell.assets import restyle
from moto_desk.ui.shell.error_router import clerk_text

if TYPE_CHECKING:
    from moto_desk.domain.models import SaveResult

#: The steps of a save in the order the clerk sees them (others are shown as they come).
SAVE_STEPS = (
    Step.RECORDING_CONSENT,
    Step.CREATING_INTENT,
    Step.SENDING_TO_READER,
    Step.WAITING_FOR_CARD,
    Step.VERIFYING,
)

_MARK_DONE = "✓"
# What "Charge it now (F6)" points to when the panel does not know the card's id.
_ANY_CARD = "*"
_MARK_NOW = "▶"
_MARK_LATER = "○"


def minutes_seconds(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class PanelState(StrEnum):
    """What the status panel shows; its value is the stylesheet's ``[state="…"]``."""

    IDLE = "idle"
    WORKING = "working"
    APPROVED = "approved"
    FAILED = "failed"
    CANCELED = "canceled"
    INFO = "info"
    #: The outcome is not known yet (an answer lost, a reader that shows nothing).
    UNKNOWN = "unknown"


class StatusPanel(QFrame):
    """The status of the current save (or of start-up), with its steps.

    Signals:
        check_requested(): the clerk pressed "Check again" on a result not known yet.
        stop_requested(): the clerk pressed "Stop the reader" on a save the reader stalled.
        clear_requested(): the clerk pressed "Clear the reader…" on a reader another desk
            holds (the window confirms before anything is cleared).
    """

    check_requested = Signal()
    stop_requested = Signal()
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Status"))
        self._headline = self._label("statusHeadline", word_wrap=True)
        # Only the detail can be selected (to copy what went wrong into a message): a
        # selectable label lays its text out through a QTextDocument, about twice the work
        # of a plain one at every change of the panel.
        self._detail = self._label("statusDetail", word_wrap=True, selectable=True)
        self._elapsed = self._label("statusElapsed")
        self._steps = self._label("statusSteps")
        self._hint = self._label("statusHint", word_wrap=True)
        self._check = QPushButton(self.tr("Check again"), self)
        self._check.setObjectName("checkAgainButton")
        self._check.setAccessibleName(self.tr("Ask Stripe what happened"))
        self._check.clicked.connect(self.check_requested)
        self._check.hide()
        self._stop = QPushButton(self.tr("Stop the reader"), self)
        self._stop.setObjectName("stopReaderButton")
        self._stop.setAccessibleName(self.tr("Stop the reader's card request"))
        self._stop.clicked.connect(self.stop_requested)
        self._stop.hide()
        self._clear = QPushButton(self.tr("Clear the reader…"), self)
        self._clear.setObjectName("clearReaderButton")
        self._clear.setAccessibleName(self.tr("Clear what another desk is doing on the reader"))
        self._clear.clicked.connect(self.clear_requested)
        self._clear.hide()
        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(self._headline)
        layout.addWidget(self._detail)
        layout.addWidget(self._elapsed)
        layout.addWidget(self._steps)
        layout.addWidget(self._hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self._check)
        buttons.addWidget(self._stop)
        buttons.addWidget(self._clear)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._clock = QElapsedTimer()
        self._flow_waited = 0.0
        self._reader_label = ""
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.on_ticked)
        self._seen: list[Step] = []
        self._offered_card: str | None = None  # the saved card "Charge it now" points to
        self.show_idle()

    def _label(self, name: str, *, word_wrap: bool = False, selectable: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(word_wrap)
        if selectable:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # ------------------------------------------------------------------ reading (tests, a11y)
    @property
    def state(self) -> PanelState:
        return PanelState(str(self.property("state")))

    def text(self) -> str:
        """Everything the panel says, as one string (what a screen reader announces)."""
        parts = (self._headline, self._detail, self._elapsed, self._steps, self._hint)
        return "\n".join(p.text() for p in parts if p.text() and not p.isHidden())

    # ------------------------------------------------------------------ states
    def _show(
        self,
        state: PanelState,
        headline: str,
        detail: str = "",
        hint: str = "",
        *,
        steps: str = "",
        can_check: bool = False,
        can_stop: bool = False,
        can_clear: bool = False,
    ) -> None:
        self._offered_card = None
        if state != PanelState.WORKING:
            self._ticker.stop()
            self._elapsed.clear()
        if self.property("state") != state.value:
            # Only when the state changes: a restyle repolishes the panel and makes Qt lay
            # the window out again (milliseconds on the GUI thread), and the reader's
            # progress arrives several times a second in the same state. Texts and
            # visibility are left alone by Qt when they do not change.
            self.setProperty("state", state.value)  # the stylesheet's [state="…"]
            # Before the visibility changes below: showing a child polishes it (with the
            # state just set), and restyle() leaves alone what is not polished yet.
            restyle(self, self._headline, self._detail, self._hint)
        self._headline.setText(headline)
        self._detail.setText(detail)
        self._steps.setText(steps)
        self._hint.setText(hint)
        self._check.setEnabled(True)
        self._stop.setEnabled(True)
        self._clear.setEnabled(True)
        # Showing a child makes Qt lay out at once the panel and every layout above it, for
        # each child shown. With the panel's layout off while they change, it is laid out
        # once, on the LayoutRequest that a child shown or hidden posts (before the paint).
        self._layout.setEnabled(False)
        try:
            self._detail.setVisible(bool(detail))
            self._steps.setVisible(bool(steps))
            self._hint.setVisible(bool(hint))
            self._check.setVisible(can_check)
            self._stop.setVisible(can_stop)
            self._clear.setVisible(can_clear)
            self._elapsed.setVisible(state == PanelState.WORKING and bool(self._elapsed.text()))
        finally:
            self._layout.setEnabled(True)
        self.setAccessibleDescription(self.text())

    def show_idle(self) -> None:
        self._seen = []
        self._show(
            PanelState.IDLE,
            self.tr("Ready"),
            self.tr(
                "Find the customer, read the terms aloud, tick the consent box, choose a "
                "reader, then press Save card (F5)."
            ),
        )

    def show_connecting(self) -> None:
        self._show(PanelState.WORKING, self.tr("Connecting…"), self.tr("Starting moto-desk."))

    def show_info(self, headline: str, detail: str = "") -> None:
        self._show(PanelState.INFO, headline, detail)

    def start_save(self, reader_label: str) -> None:
        """A save begins: clear the previous result and list the steps to come."""
        self._seen = []
        self._flow_waited = 0.0
        self._reader_label = reader_label
        self._elapsed.clear()
        self._show(
            PanelState.WORKING,
            self.tr("Saving the card…"),
            self.tr("Starting."),
            self.tr("Press Esc to cancel."),
            steps=self._step_list(None),
        )

    def show_progress(self, progress: Progress) -> None:
        """One report from the flow (delivered on the GUI thread)."""
        if progress.reader_label:
            self._reader_label = progress.reader_label
        if progress.step not in self._seen:
            self._seen.append(progress.step)
        if progress.step is Step.WAITING_FOR_CARD:
            if not self._ticker.isActive():
                self._clock.start()
                self._ticker.start()
            self._flow_waited = max(self._flow_waited, progress.waited_s)
        elif progress.step is not Step.CANCELING:
            self._ticker.stop()
            self._elapsed.clear()
        headline = self._step_words(progress.step)
        detail = self._step_detail(progress.step)
        hint = self.tr("Press Esc to cancel.") if progress.step is not Step.CANCELING else ""
        self._show(PanelState.WORKING, headline, detail, hint, steps=self._step_list(progress.step))
        self._update_elapsed()

    def show_canceling(self) -> None:
        """The clerk asked to cancel; what really happens comes next from the flow."""
        self._show(
            PanelState.WORKING,
            self.tr("Canceling…"),
            self.tr("Asking the reader to stop. The result will show here."),
            steps=self._step_list(Step.CANCELING),
        )

    def show_approved(self, result: SaveResult, customer: str) -> None:
        card = result.card
        detail = self.tr("{brand} ending in {last4}, expires {month:02d}/{year}").format(
            brand=card.brand.title(), last4=card.last4, month=card.exp_month, year=card.exp_year
        )
        saved_to = self.tr("Saved to {customer}. The consent is recorded.").format(
            customer=customer
        )
        self._show(
            PanelState.APPROVED,
            self.tr("✓ Card saved"),
            f"{detail}\n{saved_to}",
            self.tr("Charge it now with Charge saved card (F6), or go on with the next customer."),
        )
        self._offered_card = card.payment_method_id

    def withdraw_charge_offer(self, payment_method_id: str) -> None:
        """The saved card was charged (whatever the outcome) or removed: "✓ Card saved …
        Charge it now (F6)" is out of date, so the panel is ready for the next customer."""
        if self._offered_card in (payment_method_id, _ANY_CARD):
            self.show_idle()

    def show_failure(self, error: MotoDeskError) -> None:
        canceled = error.kind is ErrorKind.CANCELED
        # A reader held by another desk may be cleared, but only on purpose (confirmed).
        foreign = isinstance(error, ReaderBusy) and error.held_by_this_desk is False
        self._show(
            PanelState.CANCELED if canceled else PanelState.FAILED,
            self._failure_headline(error.kind),
            clerk_text(error),
            self.tr("The form is kept: when you are ready, press Save card (F5) to try again."),
            can_clear=foreign,
        )

    def show_cleared(self, reader_label: str) -> None:
        self._show(
            PanelState.CANCELED,
            self.tr("Reader cleared"),
            self.tr("The reader “{reader}” is free again.").format(reader=reader_label),
            self.tr("The form is kept: press Save card (F5) to start the save."),
        )

    def show_unknown(self, reason: str) -> None:
        """The save may have gone through: never invite a second save, offer a check."""
        self._show(
            PanelState.UNKNOWN,
            self.tr("? Result not known yet"),
            reason,
            self.tr(
                "The card may have been saved. Do not save it again: press Check again and "
                "moto-desk asks Stripe what happened (it also checks at every start)."
            ),
            can_check=True,
        )

    def show_stalled(self, reason: str) -> None:
        """The reader has shown no result for minutes: offer a check, or to stop it."""
        self._show(
            PanelState.UNKNOWN,
            self.tr("? The reader has not finished"),
            reason,
            self.tr(
                "If the customer is still giving the card details, wait and press Check again. "
                "Otherwise press Stop the reader: moto-desk cancels the card request and then "
                "tells you whether a card was saved."
            ),
            can_check=True,
            can_stop=True,
        )

    def show_checking(self) -> None:
        self._check.setEnabled(False)
        self._stop.setEnabled(False)
        self._clear.setEnabled(False)
        self._headline.setText(self.tr("Asking Stripe what happened…"))

    def show_confirmed_saved(self) -> None:
        self._show(
            PanelState.APPROVED,
            self.tr("✓ Card saved"),
            self.tr("Stripe confirms that the card was saved. It is listed under Saved cards."),
            self.tr("Charge it now with Charge saved card (F6), or go on with the next customer."),
        )
        self._offered_card = _ANY_CARD  # which card, the check does not say

    def show_confirmed_not_saved(self) -> None:
        self._show(
            PanelState.CANCELED,
            self.tr("No card was saved"),
            self.tr("Stripe confirms that no card was saved."),
            self.tr("The form is kept: when you are ready, press Save card (F5) to try again."),
        )

    # ------------------------------------------------------------------ words
    def _failure_headline(self, kind: ErrorKind) -> str:
        if kind is ErrorKind.DECLINED:
            return self.tr("✗ Card declined — no card saved")
        if kind is ErrorKind.AUTHENTICATION_REQUIRED:
            return self.tr("✗ The bank wants the customer to approve — no card saved")
        if kind is ErrorKind.CANCELED:
            return self.tr("Canceled — no card saved")
        if kind in (ErrorKind.READER_BUSY, ErrorKind.READER_OFFLINE, ErrorKind.READER_TIMEOUT):
            return self.tr("✗ Problem with the reader")
        if kind in (ErrorKind.NETWORK, ErrorKind.RATE_LIMITED):
            return self.tr("✗ Could not reach Stripe")
        if kind is ErrorKind.OUTCOME_UNKNOWN:
            return self.tr("? Result not known yet")
        if kind is ErrorKind.INVALID_INPUT:
            return self.tr("Something is missing")
        return self.tr("✗ Not done")

    def _step_words(self, step: Step) -> str:
        label = self._reader_label
        words = {
            Step.RECORDING_CONSENT: self.tr("Recording the customer's consent…"),
            Step.CREATING_INTENT: self.tr("Preparing the save with Stripe…"),
            Step.SENDING_TO_READER: self.tr("Sending to the reader “{reader}”…").format(
                reader=label
            ),
            Step.WAITING_FOR_CARD: self.tr(
                "Key in the card number, expiry, CVC and postal code on the reader “{reader}”."
            ).format(reader=label),
            Step.CANCELING: self.tr("Canceling…"),
            Step.VERIFYING: self.tr("Checking the result…"),
            Step.CHARGING: self.tr("Charging the card…"),
            Step.CHECKING_OUTCOME: self.tr("Checking the result with Stripe…"),
            Step.REFUNDING: self.tr("Refunding…"),
            Step.REMOVING_CARD: self.tr("Removing the card…"),
            Step.DONE: self.tr("Done."),
        }
        return words.get(step, str(step))

    def _step_detail(self, step: Step) -> str:
        if step is Step.WAITING_FOR_CARD:
            return self.tr("Read the customer's card details and type them on the reader's keypad.")
        if step is Step.CANCELING:
            return self.tr("Asking the reader to stop. The result will show here.")
        return ""

    def _step_list(self, current: Step | None) -> str:
        """The save's steps marked done (✓), now (▶) or to come (○).

        A step counts as done only once a later step was reached: while canceling, the
        step that was interrupted keeps its ▶ rather than a tick it never earned.
        """
        names = {
            Step.RECORDING_CONSENT: self.tr("Record the consent"),
            Step.CREATING_INTENT: self.tr("Prepare the save with Stripe"),
            Step.SENDING_TO_READER: self.tr("Send to the reader"),
            Step.WAITING_FOR_CARD: self.tr("Card details keyed in on the reader"),
            Step.VERIFYING: self.tr("Check the result"),
        }
        reached = [step for step in SAVE_STEPS if step in self._seen]
        latest = reached[-1] if reached else None
        lines = []
        for step in SAVE_STEPS:
            if step is current or (current not in SAVE_STEPS and step is latest):
                mark = _MARK_NOW
            elif step in self._seen:
                mark = _MARK_DONE
            else:
                mark = _MARK_LATER
            lines.append(f"{mark}  {names[step]}")
        return "\n".join(lines)

    # ------------------------------------------------------------------ waiting time
    @Slot()
    def on_ticked(self) -> None:
        self._update_elapsed()

    def _update_elapsed(self) -> None:
        if not self._ticker.isActive():
            return
        waited = max(self._flow_waited, self._clock.elapsed() / 1000.0)
        self._elapsed.setText(
            self.tr("Waiting for the card: {time}").format(time=minutes_seconds(waited))
        )
        self._elapsed.setVisible(True)
