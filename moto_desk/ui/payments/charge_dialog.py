"""Charge a saved card (F6): the form, a confirmation that reads back amount, card and the
consent on record, then the result.

A charge repeated within minutes (same card, same amount) is refused by the flow with
``PossibleDuplicate``; the dialog then asks again, explicitly, and only a second
confirmation sends it with ``confirmed_duplicate=True``. The form is kept on every failure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from moto_desk.domain.errors import InvalidInput, MotoDeskError, OutcomeUnknown
from moto_desk.domain.money import format_money
from moto_desk.gateway.keys import Mode
from moto_desk.ui.desk.customer_model import customer_label
from moto_desk.ui.desk.saved_cards_model import card_words, expiry_words
from moto_desk.ui.operations import payments as operations
from moto_desk.ui.payments.charge_form import ChargeDraft, ChargeForm
from moto_desk.ui.payments.payment_dialog import PAGES, PaymentDialog, ResultState
from moto_desk.ui.shell.assets import restyle
from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text

if TYPE_CHECKING:
    from moto_desk.domain.models import ChargeResult, Customer, SavedCard
    from moto_desk.domain.roles import Actor
    from moto_desk.records.ledger import ConsentRecord
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession

T = TypeVar("T")


class ChargeDialog(PaymentDialog):
    """Charge one of a customer's saved cards, off-session.

    Built empty; :meth:`start` fills it for each charge. The window keeps one dialog and
    builds it before the first F6, a page at a time (:meth:`prepare_page`): building it
    when the clerk asks for it would freeze the window for longer than a frame. A page not
    prepared yet is built when first reached. What a job answers after the dialog was
    closed is handled as for a dialog that no longer exists (a failure is routed, anything
    else dropped).

    Signals:
        charge_completed(object): the :class:`ChargeResult` of a successful charge.
        receipt_requested(str): the clerk asked for the receipt of this payment (its
            PaymentIntent id).
        card_charge_ended(str): a charge of this saved card (its PaymentMethod id) ended —
            charged, not charged, or not known yet: anything inviting a charge of it is
            out of date.
    """

    charge_completed = Signal(object)
    card_charge_ended = Signal(str)
    receipt_requested = Signal(str)

    def __init__(
        self,
        runner: JobRunner,
        router: ErrorRouter,
        session: DeskSession,
        *,
        locale: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, router, session, parent)
        self.setObjectName("chargeDialog")
        self.setWindowTitle(self.tr("Charge saved card"))
        self.setAccessibleName(self.tr("Charge saved card"))
        self._locale = locale
        self._draft: ChargeDraft | None = None
        self._confirmed_duplicate = False
        self._consent_ready = False
        # The payment this opening charged (its PaymentIntent), once Stripe said so.
        self._paid: str | None = None
        # Counts the closings: a job's answer is for the opening it was started in.
        self._opening = 0
        self._polished = 0  # how many pages prepare_page() has polished

        self._pages = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self._pages)
        # Room for the inline errors and the read-back without the dialog having to grow.
        self.setMinimumSize(600, 430)

    def start(
        self,
        session: DeskSession,
        *,
        customer: Customer,
        cards: list[SavedCard],
        selected: SavedCard | None,
        currency: str,
    ) -> None:
        """Fill the dialog for a new charge (call it while it is closed): the form, empty
        but for the customer's cards, with the focus on the amount."""
        self._session = session
        self._draft = None
        self._paid = None
        self._confirmed_duplicate = False
        self._consent_ready = False
        self._unknown_entry = None
        self._build("form")
        self.form.start(customer, cards, selected, currency=currency)
        if self._built("confirm") and self._consent.property("role"):
            self._consent.setProperty("role", "")
            restyle(self._consent)
        self._show_page("form")
        self._review.setDefault(True)
        self.form.focus_amount()

    def prepare_page(self) -> bool:
        """Build the next page not built yet, or polish the last one built (a few ms each:
        one step per turn of the event loop keeps each under a frame); False once every
        page is built and polished."""
        if self._polished < self._pages.count():
            page = self._pages.widget(self._polished)
            if page is not None:
                page.ensurePolished()
            self._polished += 1
        elif self._pages.count() < len(PAGES):
            self._build(PAGES[self._pages.count()])
        return self._polished < len(PAGES)

    def done(self, result: int) -> None:
        self._opening += 1
        super().done(result)

    def _this_opening(self, callback: Callable[[T], None]) -> Callable[[T], None]:
        """``callback`` while the dialog stays open; afterwards a failure goes to the router
        (as the job runner does for a job whose dialog is gone) and a result is dropped."""
        opening = self._opening

        def deliver(value: T) -> None:
            if opening == self._opening:
                callback(value)
            elif isinstance(value, BaseException):
                self._router.route(value)

        return deliver

    # ------------------------------------------------------------------ pages
    def _build(self, name: str) -> None:
        """Build page ``name`` (and any page before it) if it is not built yet."""
        builders = (self._form_page, self._confirm_page, self._working_page, self._result_page)
        while not self._built(name):
            self._pages.addWidget(builders[self._pages.count()]())

    def _show_page(self, name: str) -> None:
        self._build(name)
        self._pages.setCurrentIndex(PAGES.index(name))

    def _built(self, name: str) -> bool:
        return self._pages.count() > PAGES.index(name)

    def _form_page(self) -> QWidget:
        page = QWidget(self)
        self.form = ChargeForm(locale=self._locale, parent=self)
        self._review = self._button(
            "reviewChargeButton", self.tr("Review the charge…"), self.on_review_clicked
        )
        self._review.setDefault(True)
        close = self._button("closeChargeButton", self.tr("Close"), self.reject)
        close.setAutoDefault(False)
        layout = QVBoxLayout(page)
        layout.addWidget(self.form)
        layout.addLayout(self._button_row(close, self._review))
        return page

    def _confirm_page(self) -> QWidget:
        page = QWidget(self)
        title = QLabel(self.tr("Please check before charging"), page)
        title.setObjectName("confirmTitle")
        self._readback = QLabel(page)
        self._readback.setObjectName("chargeReadback")
        self._readback.setWordWrap(True)
        self._readback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._consent = QLabel(page)
        self._consent.setObjectName("consentOnRecord")
        self._consent.setWordWrap(True)
        self._duplicate = QLabel(page)
        self._duplicate.setObjectName("duplicateWarning")
        self._duplicate.setProperty("role", "warning")
        self._duplicate.setWordWrap(True)
        self._duplicate.hide()
        back = self._button("backButton", self.tr("Back"), self.on_back_clicked)
        back.setAutoDefault(False)
        self._confirm = self._button("confirmChargeButton", "", self.on_confirm_clicked)
        self._confirm.setAutoDefault(False)
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(self._readback)
        layout.addWidget(self._consent)
        layout.addWidget(self._duplicate)
        layout.addStretch(1)
        layout.addLayout(self._button_row(back, self._confirm))
        return page

    def _working_page(self) -> QWidget:
        return self._make_working_page("chargeWorking")

    def _result_page(self) -> QWidget:
        self._receipt = self._button(
            "chargeReceiptButton", self.tr("&Receipt…"), self.on_receipt_clicked
        )
        self._receipt.setToolTip(
            self.tr("Print or save the receipt of this payment: it opens in the History (Alt+R)")
        )
        self._receipt.hide()
        return self._make_result_page(
            prefix="charge",
            change=("changeChargeButton", self.tr("Change the charge")),
            check="checkChargeButton",
            done="doneButton",
            extra=(self._receipt,),
        )

    @Slot()
    def on_receipt_clicked(self) -> None:
        """Close, and show this payment in the History, where its receipt is printed or
        saved (one place prints receipts)."""
        payment = self._paid
        if payment is None:
            return
        self.accept()
        self.receipt_requested.emit(payment)

    def _set_result(
        self, state: ResultState, headline: str, detail: str, *, can_change: bool = False
    ) -> None:
        super()._set_result(state, headline, detail, can_change=can_change)
        self._receipt.setVisible(state is ResultState.DONE and self._paid is not None)

    # ------------------------------------------------------------------ reading (tests)
    @property
    def page(self) -> str:
        index = self._pages.currentIndex()
        return PAGES[index] if index >= 0 else "form"

    def confirm_text(self) -> str:
        if not self._built("confirm"):
            return "\n"
        parts = [self._readback.text(), self._consent.text()]
        if not self._duplicate.isHidden():
            parts.append(self._duplicate.text())
        return "\n".join(parts)

    # ------------------------------------------------------------------ form → confirm
    @Slot()
    def on_review_clicked(self) -> None:
        draft = self.form.draft()
        if draft is None:
            return
        if draft != self._draft:
            self._confirmed_duplicate = False
        self._draft = draft
        self._show_confirm(draft)

    def _show_confirm(self, draft: ChargeDraft, duplicate: str = "") -> None:
        self._build("confirm")
        amount = format_money(draft.amount, self._locale)
        # One fact per line, in the order the clerk reads them back to the customer.
        lines = [
            self.tr("Amount: {amount}").format(amount=amount),
            self.tr("Card: {card} (expires {expiry})").format(
                card=card_words(draft.card), expiry=expiry_words(draft.card)
            ),
            self.tr("Customer: {customer}").format(customer=customer_label(draft.customer)),
        ]
        if draft.description:
            lines.append(self.tr("Description: {text}").format(text=draft.description))
        if draft.receipt_email:
            lines.append(self.tr("Receipt sent to: {email}").format(email=draft.receipt_email))
        self._readback.setText("\n".join(lines))
        self._duplicate.setText(duplicate)
        self._duplicate.setVisible(bool(duplicate))
        if duplicate:
            self._confirm.setText(self.tr("Charge {amount} again").format(amount=amount))
        else:
            self._confirm.setText(self.tr("Charge {amount}").format(amount=amount))
        self._show_page("confirm")
        self._consent_ready = False
        self._confirm.setEnabled(False)
        self._consent.setText(self.tr("Looking up the consent on record…"))
        session = self._session
        pm = draft.card.payment_method_id
        (
            operations.consent_for_card(self._runner, session, pm, owner=self)
            .on_success(self._this_opening(self.on_consent_found))
            .on_failure(self._this_opening(self.on_consent_failed))
            .run()
        )

    @Slot(object)
    def on_consent_found(self, record: ConsentRecord | None) -> None:
        if record is None:
            self._consent.setText(
                self.tr(
                    "No consent for this card is recorded at this desk. Charge it only if "
                    "the customer agreed to keep it on file (for example at another desk)."
                )
            )
            self._consent.setProperty("role", "warning")
        else:
            channel = self.tr("by phone") if record.channel == "phone" else self.tr("by mail")
            self._consent.setText(
                self.tr(
                    "Consent on record: given {channel} on {date}, recorded by {clerk} at "
                    "{desk} (terms version {version})."
                ).format(
                    channel=channel,
                    date=record.time.astimezone().strftime("%Y-%m-%d %H:%M"),
                    clerk=record.clerk or "?",
                    desk=record.desk or "?",
                    version=record.terms_version or "?",
                )
            )
            self._consent.setProperty("role", "")
        restyle(self._consent)
        self._consent_ready = True
        self._confirm.setEnabled(True)
        self._confirm.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(object)
    def on_consent_failed(self, error: BaseException) -> None:
        if not isinstance(error, MotoDeskError):
            self._router.route(error)
            return
        self._consent.setText(
            self.tr("The consent on record could not be read: {reason}").format(
                reason=clerk_text(error)
            )
        )
        self._consent_ready = True
        self._confirm.setEnabled(True)

    @Slot()
    def on_back_clicked(self) -> None:
        self._show_page("form")
        self.form.focus_amount()

    # ------------------------------------------------------------------ charging
    @Slot()
    def on_confirm_clicked(self) -> None:
        draft = self._draft
        if draft is None or self._busy or not self._consent_ready:
            return
        gate = self._session.approvals
        if gate is None:
            self.charge_approved(None)
            return
        from moto_desk.domain.roles import Action

        action = Action.CHARGE_DUPLICATE if self._confirmed_duplicate else Action.CHARGE
        gate.ask(self, action, draft.amount, self.charge_approved)

    def charge_approved(self, approver: Actor | None) -> None:
        """Charge, the clerk alone (``approver`` None) or approved by a supervisor."""
        draft = self._draft
        if draft is None or self._busy or not self._consent_ready:
            return
        self._busy = True
        self._build("working")
        self._working.setText(
            self.tr("Charging {amount}… Please wait; do not close moto-desk.").format(
                amount=format_money(draft.amount, self._locale)
            )
        )
        self._show_page("working")
        session = self._session
        confirmed = self._confirmed_duplicate

        from moto_desk.flows.charge import ChargeRequest

        request = ChargeRequest(
            customer_id=draft.customer.id,
            card=draft.card,
            amount=draft.amount,
            description=draft.description,
            receipt_email=draft.receipt_email,
            confirmed_duplicate=confirmed,
        )
        (
            operations.charge(self._runner, session, request, owner=self, approver=approver)
            .on_success(self._this_opening(self.on_charged))
            .on_failure(self._this_opening(self.on_charge_failed))
            .on_finished(self.on_charge_finished)
            .run()
        )

    @Slot(object)
    def on_charged(self, result: ChargeResult) -> None:
        self._paid = result.payment_intent_id
        draft = self._draft
        card = card_words(draft.card) if draft else ""
        detail = self.tr("{card} was charged. Payment reference: {reference}").format(
            card=card, reference=result.payment_intent_id
        )
        self._set_result(
            ResultState.DONE,
            self.tr("✓ Charged {amount}").format(amount=format_money(result.amount, self._locale)),
            detail + self._receipt_note(),
        )
        self.charge_completed.emit(result)
        self._charge_ended()

    def _charge_ended(self) -> None:
        if self._draft is not None:
            self.card_charge_ended.emit(self._draft.card.payment_method_id)

    def _receipt_note(self) -> str:
        """Where Stripe emails the receipt (the charge carried ``receipt_email``), if anywhere.

        Stripe sends receipts for live payments only; saying "will email" in test or demo
        mode would leave a clerk in training waiting for a message that never comes.
        """
        draft = self._draft
        if draft is None or not draft.receipt_email:
            return ""
        if self._session.mode is Mode.LIVE:
            note = self.tr("Stripe will email a receipt to {email}.")
        else:
            note = self.tr(
                "In live mode Stripe would email a receipt to {email}; test and demo payments "
                "send no email."
            )
        return "\n" + note.format(email=draft.receipt_email)

    @Slot(object)
    def on_charge_failed(self, error: BaseException) -> None:
        from moto_desk.flows.charge import PossibleDuplicate

        draft = self._draft
        if isinstance(error, PossibleDuplicate) and draft is not None:
            self._confirmed_duplicate = True
            self._show_confirm(draft, duplicate=clerk_text(error))
            return
        if isinstance(error, InvalidInput) and error.field == "amount":
            self._show_page("form")
            self.form.draft()  # shows the amount's problem next to the field
            return
        if not isinstance(error, MotoDeskError):
            self._router.route(error)
            self._show_page("form")
            return
        if isinstance(error, OutcomeUnknown) and error.entry_id:
            # Maybe charged: never say "not charged", never invite a retry by hand —
            # offer to ask Stripe instead.
            self._unknown_entry = error.entry_id
            self._show_unknown(clerk_text(error))
            self._charge_ended()
            return
        self._set_result(
            ResultState.FAILED, self.tr("✗ Not charged"), clerk_text(error), can_change=True
        )
        self._charge_ended()

    def _unknown_advice(self) -> str:
        return self.tr(
            "Do not charge again. Press Check again to ask Stripe now (moto-desk also checks "
            "at every start)."
        )

    def _checked_result(self, state: str) -> tuple[ResultState, str, str] | None:
        draft = self._draft
        amount = format_money(draft.amount, self._locale) if draft else ""
        if state == "succeeded":
            return (
                ResultState.DONE,
                self.tr("✓ Charged {amount}").format(amount=amount),
                self.tr("Stripe confirms that the payment went through.") + self._receipt_note(),
            )
        if state in ("failed", "canceled"):
            return (
                ResultState.FAILED,
                self.tr("✗ Not charged"),
                self.tr("Stripe confirms that nothing was charged."),
            )
        return None

    def _deliver(self, callback: Callable[[T], None]) -> Callable[[T], None]:
        return self._this_opening(callback)

    def _show_result_page(self) -> None:
        self._show_page("result")

    @Slot()
    def on_charge_finished(self) -> None:
        self._busy = False
