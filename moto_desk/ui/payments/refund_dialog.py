"""Refund a charge from the history: all or part of what is left, a reason, a confirmation
that reads back amount and card, then the result.

What is left is asked of Stripe when the dialog opens — a refund made at another desk or in the
Dashboard is not in this desk's journal — and the journal's figure is used only when Stripe
cannot be reached (Stripe still refuses a refund larger than what really remains). The amount is
read with ``domain.money`` in the charge's currency and the window's language. A refund whose
answer was lost is "not known yet": the dialog never offers to send a second one, only to ask
Stripe what happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from moto_desk.domain.errors import InvalidInput, MotoDeskError, OutcomeUnknown
from moto_desk.domain.money import Money, currency_rule, format_money, parse_amount
from moto_desk.ui.after_sale.history_model import card_text, customer_text, local_time, reason_words
from moto_desk.ui.operations import payments as operations
from moto_desk.ui.payments.payment_dialog import PAGES, PaymentDialog, ResultState
from moto_desk.ui.shell.assets import restyle
from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text

if TYPE_CHECKING:
    from moto_desk.domain.models import RefundResult
    from moto_desk.domain.roles import Actor
    from moto_desk.flows.history import HistoryRow
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession

#: Stripe's refund reasons, in the order offered (the first is the usual one).
REASONS = ("requested_by_customer", "duplicate", "fraudulent")


class RefundDialog(PaymentDialog):
    """Refund all or part of one succeeded charge.

    Signals:
        refund_completed(object): the :class:`RefundResult` of a refund that went through.
    """

    refund_completed = Signal(object)

    def __init__(
        self,
        runner: JobRunner,
        router: ErrorRouter,
        session: DeskSession,
        *,
        row: HistoryRow,
        locale: str,
        parent: QWidget | None = None,
    ) -> None:
        if row.amount is None or row.payment_intent_id is None:
            raise ValueError("only a charge with an amount and a PaymentIntent can be refunded")
        super().__init__(runner, router, session, parent)
        self.setObjectName("refundDialog")
        self.setWindowTitle(self.tr("Refund a payment"))
        self.setAccessibleName(self.tr("Refund a payment"))
        self._row = row
        self._payment_intent: str = row.payment_intent_id
        self._charged: Money = row.amount
        self._locale = locale
        self._left: Money | None = None
        self._amount: Money | None = None

        self._pages = QStackedWidget(self)
        self._pages.addWidget(self._form_page())
        self._pages.addWidget(self._confirm_page())
        self._pages.addWidget(self._working_page())
        self._pages.addWidget(self._result_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self._pages)
        self.setMinimumSize(560, 400)
        self._ask_stripe()

    # ------------------------------------------------------------------ building
    @staticmethod
    def _emphasise(label: QWidget, scale: float) -> None:
        font = QFont(label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)

    def _money(self, money: Money) -> str:
        return format_money(money, self._locale)

    def _form_page(self) -> QWidget:
        page = QWidget(self)
        row = self._row
        title = QLabel(self.tr("Refund a payment"), page)
        title.setObjectName("refundTitle")
        self._emphasise(title, 1.3)
        payment = QLabel(page)
        payment.setObjectName("refundPayment")
        payment.setWordWrap(True)
        payment.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        payment.setText(
            "\n".join(
                [
                    self.tr("Payment of {amount} on {time}").format(
                        amount=self._money(self._charged), time=local_time(row.created_at)
                    ),
                    self.tr("Card: {card}").format(card=card_text(row) or "?"),
                    self.tr("Customer: {customer}").format(customer=customer_text(row)),
                    self.tr("Payment reference: {reference}").format(
                        reference=self._payment_intent
                    ),
                ]
            )
        )
        self._left_label = QLabel(self.tr("Asking Stripe how much is left to refund…"), page)
        self._left_label.setObjectName("refundLeft")
        self._left_label.setWordWrap(True)
        self._emphasise(self._left_label, 1.0)  # the figure the whole form depends on

        self._full = QRadioButton(self.tr("Refund everything that is left"), page)
        self._full.setObjectName("refundFullChoice")
        self._full.setAccessibleName(self.tr("Refund everything that is left"))
        self._full.setChecked(True)
        self._part = QRadioButton(self.tr("Refund &part of it"), page)
        self._part.setObjectName("refundPartChoice")
        self._part.setAccessibleName(self.tr("Refund part of it"))
        group = QButtonGroup(page)
        group.addButton(self._full)
        group.addButton(self._part)
        self._edit = QLineEdit(page)
        self._edit.setObjectName("refundAmountEdit")
        self._edit.setAccessibleName(self.tr("Amount to refund"))
        self._edit.setEnabled(False)
        self._edit.textChanged.connect(self.on_amount_edited)
        self._part.toggled.connect(self.on_part_toggled)
        self._feedback = QLabel(page)
        self._feedback.setObjectName("refundAmountFeedback")
        self._feedback.setWordWrap(True)

        self._reason = QComboBox(page)
        self._reason.setObjectName("refundReasonChoice")
        self._reason.setAccessibleName(self.tr("Reason for the refund"))
        for reason in REASONS:
            self._reason.addItem(reason_words(reason), reason)

        self._review = self._button(
            "reviewRefundButton", self.tr("Review the refund…"), self.on_review_clicked
        )
        self._review.setDefault(True)
        self._review.setEnabled(False)
        close = self._button("closeRefundButton", self.tr("Close"), self.reject)

        part_row = QHBoxLayout()
        part_row.addWidget(self._part)
        part_row.addWidget(self._edit, 1)
        form = QFormLayout()
        form.addRow(self.tr("How much"), self._full)
        form.addRow("", part_row)
        form.addRow("", self._feedback)
        reason_label = QLabel(self.tr("&Reason"), page)
        reason_label.setBuddy(self._reason)
        form.addRow(reason_label, self._reason)
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(payment)
        layout.addWidget(self._left_label)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(self._button_row(close, self._review))
        self.setTabOrder(self._full, self._part)
        self.setTabOrder(self._part, self._edit)
        self.setTabOrder(self._edit, self._reason)
        self.setTabOrder(self._reason, self._review)
        return page

    def _confirm_page(self) -> QWidget:
        page = QWidget(self)
        title = QLabel(self.tr("Please check before refunding"), page)
        title.setObjectName("refundConfirmTitle")
        self._emphasise(title, 1.3)
        self._readback = QLabel(page)
        self._readback.setObjectName("refundReadback")
        self._readback.setWordWrap(True)
        self._readback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._emphasise(self._readback, 1.1)
        note = QLabel(
            self.tr(
                "The money goes back to this card. It usually reaches the customer's account "
                "within 5 to 10 business days. A refund cannot be undone."
            ),
            page,
        )
        note.setObjectName("refundNote")
        note.setWordWrap(True)
        back = self._button("refundBackButton", self.tr("Back"), self.on_back_clicked)
        self._confirm = self._button("confirmRefundButton", "", self.on_confirm_clicked)
        self._emphasise(self._confirm, 1.0)
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(self._readback)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addLayout(self._button_row(back, self._confirm))
        return page

    def _working_page(self) -> QWidget:
        return self._make_working_page("refundWorking")

    def _result_page(self) -> QWidget:
        return self._make_result_page(
            prefix="refund",
            change=("changeRefundButton", self.tr("Change the refund")),
            check="checkRefundButton",
            done="refundDoneButton",
        )

    # ------------------------------------------------------------------ reading (tests)
    @property
    def page(self) -> str:
        return PAGES[self._pages.currentIndex()]

    def left(self) -> Money | None:
        """What is left to refund, once known."""
        return self._left

    def confirm_text(self) -> str:
        return self._readback.text()

    # ------------------------------------------------------------------ what is left
    def _ask_stripe(self) -> None:
        session, intent = self._session, self._payment_intent
        (
            operations.refundable(self._runner, session, intent, owner=self)
            .on_success(self.on_left_known)
            .on_failure(self.on_left_failed)
            .run()
        )

    @Slot(object)
    def on_left_known(self, left: Money) -> None:
        self._set_left(left, note="")

    @Slot(object)
    def on_left_failed(self, error: BaseException) -> None:
        if not isinstance(error, MotoDeskError):
            self._router.route(error)
            return
        # Stripe could not be asked: the journal's figure, said to be only this desk's view.
        fallback = self._row.remaining or Money(0, self._charged.currency)
        self._set_left(
            fallback,
            note=self.tr(
                "Stripe could not be asked ({reason}). These figures are this desk's records; "
                "Stripe refuses a refund larger than what is really left."
            ).format(reason=clerk_text(error)),
        )

    def _set_left(self, left: Money, note: str) -> None:
        self._left = left
        refunded = self._charged - left
        if left.amount <= 0:
            self._left_label.setText(
                self.tr("Nothing is left to refund: this payment has been refunded in full.")
            )
            self._left_label.setProperty("role", "warning")
            for widget in (self._full, self._part, self._edit, self._reason, self._review):
                widget.setEnabled(False)
        else:
            text = self.tr("Left to refund: {left} (already refunded: {refunded}).").format(
                left=self._money(left), refunded=self._money(refunded)
            )
            self._left_label.setText(f"{text}\n{note}" if note else text)
            self._left_label.setProperty("role", "warning" if note else "")
            self._full.setText(
                self.tr("Refund everything that is left ({amount})").format(
                    amount=self._money(left)
                )
            )
            self._review.setEnabled(True)
            self._full.setFocus(Qt.FocusReason.OtherFocusReason)
        restyle(self._left_label)

    # ------------------------------------------------------------------ the amount
    @Slot(bool)
    def on_part_toggled(self, part: bool) -> None:
        self._edit.setEnabled(part)
        if part:
            self._edit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._feedback.clear()

    @Slot(str)
    def on_amount_edited(self, _text: str) -> None:
        if self._edit.text().strip():
            self.chosen_amount()
        else:
            self._feedback.clear()

    def chosen_amount(self) -> Money | None:
        """The amount to refund, checked against what is left; None after saying why not."""
        left = self._left
        if left is None or left.amount <= 0:
            return None
        if self._full.isChecked():
            return left
        try:
            money = parse_amount(self._edit.text(), self._charged.currency, self._locale)
        except InvalidInput as error:
            self._refuse(clerk_text(error))
            return None
        step = currency_rule(money.currency).card_step
        if money > left:
            self._refuse(
                self.tr("Only {left} is left to refund: type {left} or less.").format(
                    left=self._money(left)
                )
            )
            return None
        if money.amount % step:
            self._refuse(
                self.tr("Amounts in {currency} end in 0 (for example {example}).").format(
                    currency=money.currency.upper(),
                    example=self._money(Money(money.amount - money.amount % step, money.currency)),
                )
            )
            return None
        self._feedback.setText(self.tr("Will refund {amount}").format(amount=self._money(money)))
        self._feedback.setProperty("role", "ok")
        restyle(self._feedback)
        return money

    def _refuse(self, text: str) -> None:
        self._feedback.setText(text)
        self._feedback.setProperty("role", "error")
        restyle(self._feedback)

    # ------------------------------------------------------------------ form → confirm
    @Slot()
    def on_review_clicked(self) -> None:
        amount = self.chosen_amount()
        if amount is None:
            if self._part.isChecked():
                self._edit.setFocus(Qt.FocusReason.OtherFocusReason)
                self._edit.selectAll()
            return
        self._amount = amount
        money = self._money(amount)
        self._readback.setText(
            "\n".join(
                [
                    self.tr("Refund: {amount}").format(amount=money),
                    self.tr("To the card: {card}").format(card=card_text(self._row) or "?"),
                    self.tr("Customer: {customer}").format(customer=customer_text(self._row)),
                    self.tr("Reason: {reason}").format(
                        reason=reason_words(str(self._reason.currentData()))
                    ),
                ]
            )
        )
        self._confirm.setText(self.tr("Refund {amount}").format(amount=money))
        self._confirm.setAccessibleName(self._confirm.text())
        self._pages.setCurrentIndex(1)
        self._confirm.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def on_back_clicked(self) -> None:
        self._pages.setCurrentIndex(0)
        if self._part.isChecked():
            self._edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ refunding
    @Slot()
    def on_confirm_clicked(self) -> None:
        amount = self._amount
        if amount is None or self._busy:
            return
        gate = self._session.approvals
        if gate is None:
            self.refund_approved(None)
            return
        from moto_desk.domain.roles import Action

        gate.ask(self, Action.REFUND, amount, self.refund_approved)

    def refund_approved(self, approver: Actor | None) -> None:
        """Refund, the clerk alone (``approver`` None) or approved by a supervisor."""
        amount = self._amount
        if amount is None or self._busy:
            return
        self._busy = True
        self._working.setText(
            self.tr("Refunding {amount}… Please wait; do not close moto-desk.").format(
                amount=self._money(amount)
            )
        )
        self._pages.setCurrentIndex(2)
        session, row = self._session, self._row
        intent, reason = self._payment_intent, str(self._reason.currentData())

        from moto_desk.flows.refund import RefundRequest

        # Always an explicit amount, even for "everything left": the journal then records
        # what was refunded, and a refund raced by another desk is refused, not enlarged.
        request = RefundRequest(intent, row.customer_id, amount, reason)
        (
            operations.refund(self._runner, session, request, owner=self, approver=approver)
            .on_success(self.on_refunded)
            .on_failure(self.on_refund_failed)
            .on_finished(self.on_refund_finished)
            .run()
        )

    @Slot(object)
    def on_refunded(self, result: RefundResult) -> None:
        self._set_result(
            ResultState.DONE,
            self.tr("✓ Refunded {amount}").format(amount=self._money(result.amount)),
            "\n".join(
                [
                    self.tr("{card} will be credited.").format(card=card_text(self._row) or "?"),
                    self.tr("Refund reference: {reference}").format(reference=result.refund_id),
                    self.tr(
                        "The money usually reaches the customer's account within 5 to 10 "
                        "business days."
                    ),
                ]
            ),
        )
        self.refund_completed.emit(result)

    @Slot(object)
    def on_refund_failed(self, error: BaseException) -> None:
        if not isinstance(error, MotoDeskError):
            self._router.route(error)
            self._pages.setCurrentIndex(0)
            return
        if isinstance(error, OutcomeUnknown):
            # Maybe refunded: never say "not refunded", never offer to send it again.
            self._unknown_entry = error.entry_id
            self._show_unknown(clerk_text(error))
            return
        self._set_result(
            ResultState.FAILED, self.tr("✗ Not refunded"), clerk_text(error), can_change=True
        )

    def _unknown_advice(self) -> str:
        return self.tr(
            "Do not refund again. Press Check again to ask Stripe now (moto-desk also checks "
            "at every start)."
        )

    def _checked_result(self, state: str) -> tuple[ResultState, str, str] | None:
        amount = self._money(self._amount) if self._amount else ""
        if state == "succeeded":
            return (
                ResultState.DONE,
                self.tr("✓ Refunded {amount}").format(amount=amount),
                self.tr("Stripe confirms that the refund went through."),
            )
        if state in ("failed", "canceled"):
            return (
                ResultState.FAILED,
                self.tr("✗ Not refunded"),
                self.tr("Stripe confirms that nothing was refunded."),
            )
        return None

    def _show_result_page(self) -> None:
        self._pages.setCurrentIndex(PAGES.index("result"))

    @Slot()
    def on_refund_finished(self) -> None:
        self._busy = False
