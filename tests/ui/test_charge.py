"""Charging a saved card (F6): currency-aware amount, a confirmation that reads back amount,
card and consent, the result — and the guard against charging the same amount twice."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from moto_desk.domain.money import Money
from moto_desk.simulator import Simulator
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.payments.charge_dialog import ChargeDialog
from tests.conftest import make_client
from tests.ui.conftest import WindowFactory, customer_id, find, key, reader_id, screenshot
from tests.ui.test_save_failures import fill_form


def save_a_card(
    qtbot: Any, window: MainWindow, sim: Simulator, desk: dict[str, Any], number: str
) -> None:
    """Save ``number`` for Margaret Okafor through the window (consent on record)."""
    sim.set_reader(reader_id(desk), auto_present={"number": number, "delay_s": 0.05})
    fill_form(qtbot, window)
    status = find(window, "statusPanel")
    find(window, "saveCardButton").click()
    qtbot.waitUntil(lambda: status.state == "approved", timeout=10_000)
    qtbot.waitUntil(window.saved_cards.can_charge, timeout=5000)


def open_charge(qtbot: Any, window: MainWindow) -> ChargeDialog:
    # A closed dialog hands activation back to the window; the offscreen platform needs
    # to be told (window shortcuts only fire in the active window).
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    key(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.charge_dialog() is not None, timeout=2000)
    dialog = window.charge_dialog()
    assert dialog is not None
    assert dialog.objectName() == "chargeDialog"
    qtbot.waitExposed(dialog)
    return dialog


def review(qtbot: Any, dialog: ChargeDialog, amount: str) -> None:
    """Type the amount and press Enter (the default button: review)."""
    edit = find(dialog, "amountEdit")
    edit.setFocus()
    edit.clear()
    qtbot.keyClicks(edit, amount)
    key(qtbot, edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.page == "confirm", timeout=2000)
    qtbot.waitUntil(find(dialog, "confirmChargeButton").isEnabled, timeout=5000)


def confirm(qtbot: Any, dialog: ChargeDialog) -> None:
    find(dialog, "confirmChargeButton").click()
    qtbot.waitUntil(lambda: dialog.page in ("result", "confirm", "form"), timeout=10_000)
    qtbot.waitUntil(lambda: dialog.page != "working", timeout=10_000)


def test_charge_with_confirmation_and_duplicate_guard(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    window = open_window()
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    dialog = open_charge(qtbot, window)
    # Issue 15: "Enter an amount." in red before anything was typed.
    assert find(dialog, "amountFeedback").text() == ""
    assert find(dialog, "amountFeedback").property("role") == ""
    assert "4242" in find(dialog, "cardChoice").currentText()
    assert find(dialog, "currencyChoice").currentText() == "USD"
    qtbot.keyClicks(find(dialog, "amountEdit"), "1,234.5")
    assert find(dialog, "amountFeedback").text() == "Will charge $1,234.50"
    screenshot(dialog, "12-charge-form")

    review(qtbot, dialog, "12.50")
    text = dialog.confirm_text()
    assert "Amount: $12.50" in text
    assert "Card: Visa •••• 4242 (expires " in text
    assert "Customer: Margaret Okafor" in text
    assert "Consent on record: given by phone" not in text  # the form said: by mail
    assert "Consent on record: given by mail" in text
    assert find(dialog, "confirmChargeButton").text() == "Charge $12.50"
    screenshot(dialog, "13-charge-confirm")

    confirm(qtbot, dialog)
    assert dialog.page == "result"
    assert "✓ Charged $12.50" in dialog.result_text()
    screenshot(dialog, "14-charge-approved")
    find(dialog, "doneButton").click()
    qtbot.waitUntil(lambda: window.charge_dialog() is None, timeout=2000)

    # The same amount to the same card minutes later: asked again, explicitly.
    dialog = open_charge(qtbot, window)
    review(qtbot, dialog, "12.50")
    confirm(qtbot, dialog)
    assert dialog.page == "confirm"
    warning = find(dialog, "duplicateWarning")
    assert not warning.isHidden()
    assert "charged the same amount" in warning.text()
    assert find(dialog, "confirmChargeButton").text() == "Charge $12.50 again"
    screenshot(dialog, "15-charge-duplicate")
    qtbot.waitUntil(find(dialog, "confirmChargeButton").isEnabled, timeout=5000)
    confirm(qtbot, dialog)
    assert "✓ Charged $12.50" in dialog.result_text()

    client = make_client(sim)
    intents = client.v1.payment_intents.list({"customer": customer_id(desk)}).data
    assert [(pi.amount, pi.status) for pi in intents] == [(1250, "succeeded")] * 2


def test_declined_charge_keeps_the_form(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    window = open_window()
    save_a_card(qtbot, window, sim, desk, "4000000000000341")
    status = find(window, "statusPanel")
    assert "Charge it now with Charge saved card (F6)" in status.text()
    dialog = open_charge(qtbot, window)
    review(qtbot, dialog, "40")
    find(dialog, "descriptionEdit").setText("")
    confirm(qtbot, dialog)
    assert dialog.page == "result"
    assert "✗ Not charged" in dialog.result_text()
    assert "declined" in dialog.result_text()
    # Issue 15: the status panel still invited "Charge it now (F6)" after that charge.
    assert status.state == "idle"
    assert "Charge it now" not in status.text()
    screenshot(dialog, "16-charge-declined")
    find(dialog, "changeChargeButton").click()
    assert dialog.page == "form"
    assert find(dialog, "amountEdit").text() == "40"


def test_authentication_required_is_explained(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    window = open_window()
    save_a_card(qtbot, window, sim, desk, "4000002760003184")
    dialog = open_charge(qtbot, window)
    review(qtbot, dialog, "25")
    confirm(qtbot, dialog)
    assert "✗ Not charged" in dialog.result_text()
    assert "approve this payment themselves" in dialog.result_text()


def test_zero_decimal_currency_and_bad_amounts(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    window = open_window()
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    dialog = open_charge(qtbot, window)
    edit = find(dialog, "amountEdit")
    feedback = find(dialog, "amountFeedback")
    currency = find(dialog, "currencyChoice")
    currency.setCurrentIndex(currency.findData("jpy"))
    qtbot.keyClicks(edit, "12.50")
    assert "JPY have no decimals" in feedback.text()
    assert feedback.property("role") == "error"
    find(dialog, "reviewChargeButton").click()
    assert dialog.page == "form"  # refused, nothing sent
    edit.clear()
    qtbot.keyClicks(edit, "1250")
    assert feedback.text() == "Will charge ¥1,250"
    assert dialog.form.amount() == Money(1250, "jpy")
    edit.clear()
    qtbot.keyClicks(edit, "20")
    assert "smallest amount" in feedback.text()
    currency.setCurrentIndex(currency.findData("usd"))
    edit.clear()
    qtbot.keyClicks(edit, "-5")
    assert "greater than zero" in feedback.text()
    find(dialog, "receiptEmailEdit").setText("not-an-email")
    edit.clear()
    qtbot.keyClicks(edit, "5")
    find(dialog, "reviewChargeButton").click()
    assert dialog.page == "form"
    assert "does not look right" in find(dialog, "receiptEmailError").text()
    screenshot(dialog, "17-charge-bad-input")


def test_f6_without_a_saved_card_says_what_to_do(qtbot: Any, open_window: WindowFactory) -> None:
    window = open_window()
    assert not find(window, "chargeButton").isEnabled()
    key(qtbot, window, Qt.Key.Key_F6)
    assert window.charge_dialog() is None
    assert "Choose a customer who has a saved card" in find(window, "statusPanel").text()


def test_a_lost_charge_answer_is_checked_not_retried(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    monkeypatch: Any,
) -> None:
    """Stripe charged the card but every answer was lost: the dialog says the result is not
    known, offers no retry, and "Check again" finds the one payment that was made."""
    import moto_desk.flows.writes

    monkeypatch.setattr(moto_desk.flows.writes, "RESOLVE_PAUSES_S", (0.0,))
    window = open_window()
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    dialog = open_charge(qtbot, window)
    review(qtbot, dialog, "30")
    # 3 attempts by the SDK (2 retries) x 2 sends with the same idempotency key.
    sim.faults.add(kind="drop_after", method="POST", path="^/v1/payment_intents$", times=6)
    confirm(qtbot, dialog)
    assert dialog.page == "result"
    assert "Result not known yet" in dialog.result_text()
    assert find(dialog, "changeChargeButton").isHidden()
    check = find(dialog, "checkChargeButton")
    assert not check.isHidden()
    screenshot(dialog, "17b-charge-unknown")
    check.click()
    qtbot.waitUntil(lambda: "✓ Charged $30.00" in dialog.result_text(), timeout=10_000)
    assert "Stripe confirms" in dialog.result_text()
    intents = make_client(sim).v1.payment_intents.list({"customer": customer_id(desk)}).data
    assert [(pi.amount, pi.status) for pi in intents] == [(3000, "succeeded")]


def test_french_amounts_in_the_charge_form(qtbot: Any) -> None:
    from datetime import UTC, datetime

    from moto_desk.domain.models import Customer, SavedCard
    from moto_desk.ui.payments.charge_form import ChargeForm

    customer = Customer("cus_1", "Hélène", "h@example.com", None, datetime.now(UTC))
    card = SavedCard("pm_1", "cus_1", "visa", "4242", 12, 2099)
    form = ChargeForm(locale="fr")
    qtbot.addWidget(form)
    form.start(customer, [card], card, currency="eur")
    edit = find(form, "amountEdit")
    assert edit.placeholderText() == "for example 12,50"
    edit.setText("1 234,50")
    assert form.amount() == Money(123450, "eur")
    assert find(form, "amountFeedback").text() == "Will charge 1\u202f234,50\u00a0€"
    edit.setText("1.234")  # ambiguous in French: refused, never guessed
    assert find(form, "amountFeedback").property("role") == "error"
    assert form.draft() is None


def test_the_charge_result_leads_to_its_receipt(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    """Rough edge of issue 15: only History offered the receipt. Receipt… on the result
    closes the charge and shows that payment in the History, ready to print (Alt+P)."""
    window = open_window()
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    dialog = open_charge(qtbot, window)
    review(qtbot, dialog, "21.00")
    confirm(qtbot, dialog)
    receipt = find(dialog, "chargeReceiptButton")
    assert receipt.isVisible()
    receipt.click()
    qtbot.waitUntil(lambda: window.history_dialog() is not None, timeout=5000)
    history = window.history_dialog()
    assert history is not None
    qtbot.waitUntil(lambda: history.selected_row() is not None, timeout=5000)
    row = history.selected_row()
    assert row is not None and row.amount is not None and row.amount.amount == 2100
    assert find(history, "historyPrintButton").isEnabled()
    assert window.charge_dialog() is None
