"""The first page of the charge dialog: which card, how much, in which currency, what for.

Amounts are read with ``domain.money`` — the one place that knows currency rules — in the
window's language (``12,50`` in French, ``12.50`` in English), kept as whole minor units,
and checked against Stripe's limits before the clerk can go on. Zero-decimal currencies
(JPY…) take whole amounts. Nothing here sends anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from moto_desk.domain.errors import InvalidInput
from moto_desk.domain.money import (
    Money,
    check_chargeable,
    currency_rule,
    format_money,
    parse_amount,
)
from moto_desk.ui.desk.customer_model import customer_label
from moto_desk.ui.desk.saved_cards_model import card_words, expiry_words
from moto_desk.ui.shell.assets import restyle
from moto_desk.ui.shell.error_router import clerk_text

if TYPE_CHECKING:
    from moto_desk.domain.models import Customer, SavedCard

#: Offered in the currency list; the desk's default currency is added if missing.
CURRENCIES = ("usd", "eur", "gbp", "cad", "aud", "chf", "jpy", "sek", "nok", "dkk")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# What a formatted amount keeps when its currency symbol is taken away (see ``_plain``).
_NUMBER_MARKS = ".,\u202f\u00a0 "


@dataclass(frozen=True)
class ChargeDraft:
    """What the clerk filled in, checked: ready for the confirmation page."""

    customer: Customer
    card: SavedCard
    amount: Money
    description: str | None
    receipt_email: str | None


class ChargeForm(QWidget):
    """Card, amount (currency-aware), currency, description, optional receipt email."""

    def __init__(self, *, locale: str, parent: QWidget | None = None) -> None:
        """An empty form; :meth:`start` fills it for a charge."""
        super().__init__(parent)
        self._customer: Customer | None = None
        self._locale = locale
        self._today = date.today()
        self._cards: dict[str, SavedCard] = {}

        self._who = QLabel(self)
        self._who.setObjectName("chargeCustomer")
        self._who.setWordWrap(True)

        self._card = QComboBox(self)
        self._card.setObjectName("cardChoice")
        self._card.setAccessibleName(self.tr("Card to charge"))

        self._amount = QLineEdit(self)
        self._amount.setObjectName("amountEdit")
        self._amount.setAccessibleName(self.tr("Amount"))
        self._amount.setPlaceholderText(self.tr("for example 12.50"))
        self._amount.textChanged.connect(self.on_amount_edited)

        self._currency = QComboBox(self)
        self._currency.setObjectName("currencyChoice")
        self._currency.setAccessibleName(self.tr("Currency"))
        self._currency.currentIndexChanged.connect(self.on_currency_changed)

        self._amount_note = QLabel(self)
        self._amount_note.setObjectName("amountFeedback")
        self._amount_note.setWordWrap(True)

        self._description = QLineEdit(self)
        self._description.setObjectName("descriptionEdit")
        self._description.setAccessibleName(self.tr("Description"))
        self._description.setPlaceholderText(self.tr("What the payment is for (optional)"))
        self._description.setMaxLength(350)

        self._email = QLineEdit(self)
        self._email.setObjectName("receiptEmailEdit")
        self._email.setAccessibleName(self.tr("Receipt email"))
        self._email.setToolTip(self.tr("Stripe sends a receipt to this address (optional)"))

        self._card_error = self._error_label("cardError")
        self._email_error = self._error_label("receiptEmailError")

        form = QFormLayout(self)
        form.addRow(self.tr("Customer"), self._who)
        form.addRow(self.tr("&Card"), self._card)
        form.addRow("", self._card_error)
        form.addRow(self.tr("&Amount"), self._amount)
        form.addRow(self.tr("C&urrency"), self._currency)
        form.addRow("", self._amount_note)
        form.addRow(self.tr("&Description"), self._description)
        form.addRow(self.tr("&Receipt email"), self._email)
        form.addRow("", self._email_error)
        self.setTabOrder(self._card, self._amount)
        self.setTabOrder(self._amount, self._currency)
        self.setTabOrder(self._currency, self._description)
        self.setTabOrder(self._description, self._email)

    def start(
        self,
        customer: Customer,
        cards: list[SavedCard],
        selected: SavedCard | None,
        *,
        currency: str,
    ) -> None:
        """Fill the form for a new charge: the customer's cards (``selected`` chosen), no
        amount in the desk's ``currency``, no description or email, no error shown."""
        self._customer = customer
        self._today = date.today()
        self._who.setText(customer_label(customer))

        self._card.clear()
        for card in cards:
            text = f"{card_words(card)} — {expiry_words(card)}"
            if card.is_expired(self._today):
                text += " " + self.tr("(expired)")
            self._card.addItem(text, card.payment_method_id)
        self._cards = {card.payment_method_id: card for card in cards}
        if selected is not None:
            self._card.setCurrentIndex(self._card.findData(selected.payment_method_id))

        codes = list(CURRENCIES)
        if currency.lower() not in codes:
            codes.insert(0, currency.lower())
        with QSignalBlocker(self._currency):
            if [self._currency.itemData(i) for i in range(self._currency.count())] != codes:
                self._currency.clear()
                for code in codes:
                    self._currency.addItem(code.upper(), code)
            self._currency.setCurrentIndex(self._currency.findData(currency.lower()))

        self._amount.clear()
        self._description.clear()
        self._email.clear()
        self._email.setPlaceholderText(customer.email or self.tr("name@example.com"))
        self._card_error.hide()
        self._email_error.hide()
        self._update_placeholder()
        # Nothing typed yet is not a mistake: "Enter an amount." in red greeted every F6.
        self._show_amount(quiet_when_empty=True)

    def _error_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setProperty("role", "error")
        label.setWordWrap(True)
        label.hide()
        return label

    # ------------------------------------------------------------------ reading
    def currency(self) -> str:
        return str(self._currency.currentData())

    def card(self) -> SavedCard | None:
        return self._cards.get(str(self._card.currentData()))

    def amount(self) -> Money:
        """The amount typed, checked (raises :class:`InvalidInput` saying what is wrong)."""
        money = parse_amount(self._amount.text(), self.currency(), self._locale)
        check_chargeable(money)
        return money

    def focus_amount(self) -> None:
        self._amount.setFocus(Qt.FocusReason.OtherFocusReason)
        self._amount.selectAll()

    def draft(self) -> ChargeDraft | None:
        """The checked form, or None after showing each problem next to its field."""
        ok = True
        card = self.card()
        self._card_error.hide()
        if card is None:
            self._card_error.setText(self.tr("Choose a card."))
            self._card_error.show()
            ok = False
        elif card.is_expired(self._today):
            self._card_error.setText(
                self.tr("This card has expired. Choose another card, or save a new one.")
            )
            self._card_error.show()
            ok = False
        money = self._show_amount()
        if money is None:
            ok = False
        email = self._email.text().strip()
        self._email_error.hide()
        if email and not _EMAIL.match(email):
            self._email_error.setText(
                self.tr("The email address does not look right (for example: name@example.com).")
            )
            self._email_error.show()
            ok = False
        customer = self._customer
        if not ok or card is None or money is None or customer is None:
            if money is None:
                self.focus_amount()
            return None
        return ChargeDraft(
            customer, card, money, self._description.text().strip() or None, email or None
        )

    # ------------------------------------------------------------------ amount feedback
    @Slot(str)
    def on_amount_edited(self, _text: str) -> None:
        self._show_amount(quiet_when_empty=True)

    @Slot(int)
    def on_currency_changed(self, _index: int) -> None:
        self._update_placeholder()
        self._show_amount(quiet_when_empty=True)

    def _update_placeholder(self) -> None:
        exponent = currency_rule(self.currency()).exponent
        minor = 1250 if exponent == 0 else 1250 * 10**exponent // 100
        example = Money(minor, self.currency())
        self._amount.setPlaceholderText(
            self.tr("for example {amount}").format(amount=self._plain(example))
        )

    def _plain(self, money: Money) -> str:
        """``money`` as the clerk would type it (the formatted number without its symbol)."""
        text = format_money(money, self._locale)
        kept = "".join(ch for ch in text if ch.isdecimal() or ch in _NUMBER_MARKS)
        return kept.strip("\u00a0 ")

    def _show_amount(self, quiet_when_empty: bool = False) -> Money | None:
        """Show the amount as it will be charged, or what is wrong with it."""
        if quiet_when_empty and not self._amount.text().strip():
            self._amount_note.clear()
            self._set_note_role("")
            return None
        money: Money | None = None
        try:
            checked = self.amount()
        except InvalidInput as error:
            self._amount_note.setText(clerk_text(error))
            self._set_note_role("error")
        else:
            money = checked
            self._amount_note.setText(
                self.tr("Will charge {amount}").format(amount=format_money(checked, self._locale))
            )
            self._set_note_role("ok")
        return money

    def _set_note_role(self, role: str) -> None:
        """Restyle the note only when its colour changes, not at every key the clerk types
        (a restyle repolishes the label and lays the dialog out again)."""
        if self._amount_note.property("role") != role:
            self._amount_note.setProperty("role", role)
            restyle(self._amount_note)
