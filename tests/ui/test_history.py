"""The history (Ctrl+H) against the simulator: what it shows and filters, refunds from it (in
parts, then nothing left, then an answer lost), receipts saved as PDF and looked at, and the
links to Stripe's Dashboard."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt, QTranslator
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QFileDialog

from moto_desk.domain.errors import MotoDeskError
from moto_desk.domain.models import SavedCard
from moto_desk.domain.money import Money
from moto_desk.flows.charge import ChargeRequest, charge_saved_card
from moto_desk.flows.history import HistoryRow, Outcome
from moto_desk.gateway.keys import Mode
from moto_desk.records.journal import JournalKind, JournalState
from moto_desk.settings import DeskSettings
from moto_desk.simulator import Simulator
from moto_desk.ui.after_sale.history_dialog import HistoryDialog, stripe_link
from moto_desk.ui.after_sale.history_model import ROW_ROLE, Column, HistoryModel
from moto_desk.ui.after_sale.receipt import Receipt
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.payments.refund_dialog import RefundDialog
from tests.conftest import make_client
from tests.helpers.saved_cards import save_card as put_card
from tests.ui.conftest import SCREENSHOTS, WindowFactory, customer_id, find, key, screenshot
from tests.ui.test_charge import confirm, open_charge, review, save_a_card
from tests.ui.test_consent_evidence import open_evidence

ROOT = Path(__file__).resolve().parents[2]
SHOP = DeskSettings(
    shop_name="Okafor & Daughters Hardware",
    shop_address="12 High Street\nSpringfield, IL 62701",
)


# ---------------------------------------------------------------------------------- helpers
def open_history(qtbot: Any, window: MainWindow) -> HistoryDialog:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    key(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.history_dialog() is not None, timeout=2000)
    dialog = window.history_dialog()
    assert dialog is not None
    assert dialog.objectName() == "historyDialog"
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)
    return dialog


def shown(dialog: HistoryDialog, column: Column) -> list[str]:
    model = dialog.model
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def settle(qtbot: Any, dialog: HistoryDialog) -> None:
    """Wait for the load the last filter change started (typing waits for a pause first)."""
    qtbot.waitUntil(lambda: not dialog._typing.isActive() and not dialog.loading, timeout=5000)


def select(dialog: HistoryDialog, kind: JournalKind, outcome: Outcome) -> HistoryRow:
    """Select the newest line of ``kind`` with ``outcome``, as a clerk clicks it."""
    for r in range(dialog.model.rowCount()):
        row = dialog.model.index(r, 0).data(ROW_ROLE)
        if row.kind is kind and row.outcome is outcome:
            dialog.table.selectRow(r)
            assert dialog.selected_row() == row
            return row
    raise AssertionError(f"no {outcome} {kind} line")


def start_refund(qtbot: Any, history: HistoryDialog) -> RefundDialog:
    find(history, "historyRefundButton").click()
    refund = history.refund_dialog()
    assert refund is not None
    assert refund.objectName() == "refundDialog"
    qtbot.waitExposed(refund)
    qtbot.waitUntil(lambda: refund.left() is not None, timeout=5000)
    return refund


def finish_refund(qtbot: Any, history: HistoryDialog, refund: RefundDialog) -> None:
    """Close the result with Return, as the charge result closes (issue 15: Return did
    nothing here); the history reloads by itself."""
    done = find(refund, "refundDoneButton")
    assert done.hasFocus()
    with qtbot.waitSignal(history.history_loaded, timeout=5000):
        key(qtbot, done, Qt.Key.Key_Return)
    assert history.refund_dialog() is None


def pdf_to_png(pdf: Path, receipt: Receipt, name: str) -> Path:
    """The PDF's first page as PNG (pdftoppm), or the receipt document drawn directly where
    poppler is not installed — either way a picture a person looks at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    out = SCREENSHOTS / name
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf, out],
            check=True,
        )
        return out.with_suffix(".png")
    document = receipt.document()
    document.setTextWidth(560)
    size = document.size().toSize()
    image = QImage(size.width() + 40, size.height() + 40, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.translate(20, 20)
    document.drawContents(painter)
    painter.end()
    path = out.with_suffix(".png")
    assert image.save(str(path))
    return path


def save_pdf_through_the_dialog(qtbot: Any, history: HistoryDialog, path: Path) -> None:
    find(history, "historyPdfButton").click()
    # The visible one: an earlier chooser may still await its deferred delete.
    choosers = [d for d in history.findChildren(QFileDialog, "receiptFileDialog") if d.isVisible()]
    assert len(choosers) == 1
    chooser = choosers[0]
    qtbot.waitExposed(chooser)
    assert chooser.selectedFiles()[0].endswith(".pdf")  # a name is suggested
    chooser.selectFile(str(path))
    chooser.accept()
    qtbot.waitUntil(path.exists, timeout=5000)


def a_row(kind: JournalKind = JournalKind.CHARGE, **changes: Any) -> HistoryRow:
    row = HistoryRow(
        entry_id="e1",
        kind=kind,
        state=JournalState.SUCCEEDED,
        outcome=Outcome.SUCCEEDED,
        created_at=datetime(2026, 11, 29, 14, 5, tzinfo=UTC),
        clerk="alice",
        desk="front",
        customer_id="cus_Q1",
        customer_name="Margaret Okafor",
        customer_email="margaret@example.com",
        amount=Money(5000, "eur"),
        card_brand="visa",
        card_last4="4242",
        payment_method_id="pm_1",
        stripe_object_id="pi_3Abc",
        payment_intent_id="pi_3Abc",
        outcome_code="succeeded",
        outcome_message=None,
    )
    return replace(row, **changes)


# ---------------------------------------------------------------------------------- tests
def test_history_filters_refunds_in_parts_and_receipts(
    qtbot: Any,
    qtmodeltester: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    tmp_path: Path,
) -> None:
    window = open_window(settings=SHOP)
    save_a_card(qtbot, window, sim, desk, "4242424242424242")

    # A charge with a receipt email, through the charge dialog as a clerk makes it.
    charge = open_charge(qtbot, window)
    find(charge, "receiptEmailEdit").setText("margaret@example.com")
    review(qtbot, charge, "50")
    confirm(qtbot, charge)
    assert "✓ Charged $50.00" in charge.result_text()
    # Demo mode: Stripe sends no receipt email for test payments; the clerk is told so.
    assert "would email a receipt to margaret@example.com" in charge.result_text()
    assert find(charge, "chargeResultHeadline").property("state") == "approved"
    find(charge, "doneButton").click()
    qtbot.waitUntil(lambda: window.charge_dialog() is None, timeout=2000)
    client = make_client(sim)
    intents = client.v1.payment_intents.list({"customer": customer_id(desk)}).data
    assert [pi.receipt_email for pi in intents] == ["margaret@example.com"]

    # A declined charge of another card, for the outcome filter.
    session = window.session
    assert session is not None
    declining = put_card(sim, customer_id(desk), "4000000000000341")
    card = SavedCard(declining, customer_id(desk), "visa", "0341", 12, 2030)
    with pytest.raises(MotoDeskError):
        charge_saved_card(
            session.context(), ChargeRequest(customer_id(desk), card, Money(900, "usd"))
        )

    history = open_history(qtbot, window)
    qtmodeltester.check(history.model)
    assert sorted(shown(history, Column.KIND)) == ["Charge", "Charge", "Save card"]
    assert set(shown(history, Column.CUSTOMER)) == {"Margaret Okafor"}
    assert set(shown(history, Column.CLERK)) == {session.clerk}
    assert sorted(shown(history, Column.AMOUNT)) == ["", "$50.00", "$9.00"]
    assert "Visa •••• 4242" in shown(history, Column.CARD)
    assert history.status_text() == "3 operations"

    # Sorting by amount puts the blank (the save) first, then by minor units.
    history.table.sortByColumn(Column.AMOUNT, Qt.SortOrder.AscendingOrder)
    assert shown(history, Column.AMOUNT) == ["", "$9.00", "$50.00"]
    history.table.sortByColumn(Column.TIME, Qt.SortOrder.DescendingOrder)
    assert shown(history, Column.KIND)[-1] == "Save card"

    outcome = find(history, "historyOutcomeFilter")
    outcome.setCurrentIndex(outcome.findData("failed"))
    settle(qtbot, history)
    assert shown(history, Column.OUTCOME) == ["Failed"]
    tip = history.model.index(0, Column.OUTCOME).data(Qt.ItemDataRole.ToolTipRole)
    assert "declined" in tip
    outcome.setCurrentIndex(0)
    settle(qtbot, history)
    qtbot.keyClicks(find(history, "historyCustomerFilter"), "nobody at all")
    settle(qtbot, history)
    assert history.model.rowCount() == 0
    assert history.status_text() == "No operation matches these filters."
    find(history, "historyCustomerFilter").setText("OKAFOR")
    settle(qtbot, history)
    assert history.model.rowCount() == 3
    tomorrow = QDate.currentDate().addDays(1)
    find(history, "historySinceFilter").setDate(tomorrow)
    settle(qtbot, history)
    assert history.model.rowCount() == 0
    assert find(history, "historyUntilFilter").date() == tomorrow  # kept in order
    find(history, "historySinceFilter").setDate(QDate.currentDate().addDays(-7))
    find(history, "historyUntilFilter").setDate(QDate.currentDate())
    settle(qtbot, history)
    assert history.model.rowCount() == 3

    # Demo mode: no Dashboard to open, and the button says why.
    charged = select(history, JournalKind.CHARGE, Outcome.SUCCEEDED)
    stripe = find(history, "historyStripeButton")
    assert not stripe.isEnabled()
    assert "demo" in stripe.toolTip()
    assert history.stripe_link() is None
    screenshot(history, "40-history")

    # A partial refund: too much is refused, then 15 of 50.
    refund = start_refund(qtbot, history)
    assert refund.left() == Money(5000, "usd")
    assert "Left to refund: $50.00" in find(refund, "refundLeft").text()
    find(refund, "refundPartChoice").click()
    edit = find(refund, "refundAmountEdit")
    assert edit.hasFocus()
    qtbot.keyClicks(edit, "60")
    assert "Only $50.00 is left" in find(refund, "refundAmountFeedback").text()
    find(refund, "reviewRefundButton").click()
    assert refund.page == "form"
    edit.clear()
    qtbot.keyClicks(edit, "15")
    assert find(refund, "refundAmountFeedback").text() == "Will refund $15.00"
    reason = find(refund, "refundReasonChoice")
    reason.setCurrentIndex(reason.findData("duplicate"))
    screenshot(refund, "41-refund-form")
    find(refund, "reviewRefundButton").click()
    assert refund.page == "confirm"
    text = refund.confirm_text()
    for line in (
        "Refund: $15.00",
        "To the card: Visa •••• 4242",
        "Customer: Margaret Okafor",
        "Reason: Duplicate payment",
    ):
        assert line in text
    assert find(refund, "confirmRefundButton").text() == "Refund $15.00"
    screenshot(refund, "42-refund-confirm")
    find(refund, "confirmRefundButton").click()
    qtbot.waitUntil(lambda: refund.page == "result", timeout=10_000)
    assert "✓ Refunded $15.00" in refund.result_text()
    assert find(refund, "changeRefundButton").isHidden()  # nothing invites a second one
    # One result page for charges and refunds: the same outcome, the same look.
    assert find(refund, "refundResultHeadline").property("state") == "approved"
    screenshot(refund, "43-refund-done")
    finish_refund(qtbot, history, refund)

    assert sorted(shown(history, Column.KIND)) == ["Charge", "Charge", "Refund", "Save card"]
    charged_now = select(history, JournalKind.CHARGE, Outcome.SUCCEEDED)
    assert charged_now.remaining == Money(3500, "usd")
    tip = history.model.index(history.model.row_of(charged.entry_id), Column.AMOUNT).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert tip == "Refunded so far: $15.00. Left to refund: $35.00."
    assert "Succeeded, partly refunded" in shown(history, Column.OUTCOME)

    # The rest, in full.
    refund = start_refund(qtbot, history)
    assert refund.left() == Money(3500, "usd")
    assert find(refund, "refundFullChoice").text() == "Refund everything that is left ($35.00)"
    find(refund, "reviewRefundButton").click()
    assert "Refund: $35.00" in refund.confirm_text()
    find(refund, "confirmRefundButton").click()
    qtbot.waitUntil(lambda: refund.page == "result", timeout=10_000)
    assert "✓ Refunded $35.00" in refund.result_text()
    finish_refund(qtbot, history, refund)

    # Nothing left: the button is off and says why…
    select(history, JournalKind.CHARGE, Outcome.SUCCEEDED)
    assert "Succeeded, refunded in full" in shown(history, Column.OUTCOME)
    screenshot(history, "40b-history-refunded")
    button = find(history, "historyRefundButton")
    assert not button.isEnabled()
    assert "Nothing is left to refund" in button.toolTip()
    # …and a refund asked from an out-of-date line is refused by what Stripe says is left.
    # Parented, as the history parents its own: a parentless dialog whose last Python
    # reference is its job's callback would be destroyed from inside that job's deletion.
    stale = RefundDialog(
        window.runner, window.router, session, row=charged, locale="en", parent=history
    )
    qtbot.waitUntil(lambda: stale.left() is not None, timeout=5000)
    assert stale.left() == Money(0, "usd")
    assert "Nothing is left to refund" in find(stale, "refundLeft").text()
    assert not find(stale, "reviewRefundButton").isEnabled()
    stale.on_review_clicked()
    assert stale.page == "form"
    refunds = client.v1.refunds.list({"payment_intent": charged.payment_intent_id}).data
    assert sorted((r.amount, r.reason) for r in refunds) == [
        (1500, "duplicate"),
        (3500, "requested_by_customer"),
    ]

    # Receipts: the charge and a refund, saved as PDF through the file dialog.
    select(history, JournalKind.CHARGE, Outcome.FAILED)
    assert not find(history, "historyPdfButton").isEnabled()
    select(history, JournalKind.CHARGE, Outcome.SUCCEEDED)
    receipt = history.receipt()
    assert receipt is not None
    pdf = tmp_path / "charge.pdf"
    save_pdf_through_the_dialog(qtbot, history, pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert history.status_text() == f"Receipt saved as {pdf}."
    png = pdf_to_png(pdf, receipt, "44-receipt-charge")
    assert png.stat().st_size > 0
    html = receipt.html()
    for part in (
        "Okafor &amp; Daughters Hardware",
        "Springfield, IL 62701",
        "Payment receipt",
        "$50.00",
        "Visa •••• 4242",
        "Margaret Okafor",
        session.clerk,
        charged.payment_intent_id or "?",
        "Card not present — mail/telephone order (MOTO)",
    ):
        assert part in html
    # Print…: the system's print dialog, for the selected receipt (closed unprinted here:
    # accepting it would print, or write to a file the dialog chooses).
    find(history, "historyPrintButton").click()
    printing = [
        d for d in history.findChildren(QPrintDialog, "receiptPrintDialog") if d.isVisible()
    ]
    assert len(printing) == 1
    assert printing[0].printer().docName() == receipt.file_name()
    printing[0].reject()
    refunded = select(history, JournalKind.REFUND, Outcome.SUCCEEDED)
    receipt = history.receipt()
    assert receipt is not None
    assert "Refund receipt" in receipt.html()
    assert (refunded.refund_id or "?") in receipt.html()
    pdf = tmp_path / "refund.pdf"
    save_pdf_through_the_dialog(qtbot, history, pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    pdf_to_png(pdf, receipt, "45-receipt-refund")
    if shutil.which("pdftotext"):  # poppler, where installed: the file holds this receipt
        text = subprocess.run(
            ["pdftotext", pdf, "-"], check=True, capture_output=True, text=True
        ).stdout
        assert "Refund receipt" in text
        assert "$15.00" in text or "$35.00" in text


def test_a_refund_whose_answer_is_lost_is_checked_not_repeated(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    monkeypatch: Any,
) -> None:
    """Stripe refunded but every answer was lost: the dialog says the result is not known,
    offers no second refund (nor does the history), and "Check again" finds the refund."""
    import moto_desk.flows.writes

    monkeypatch.setattr(moto_desk.flows.writes, "RESOLVE_PAUSES_S", (0.0,))
    window = open_window()
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    session = window.session
    assert session is not None
    saved = window.saved_cards.cards()[0]
    charge_saved_card(
        session.context(), ChargeRequest(customer_id(desk), saved, Money(4000, "usd"))
    )

    history = open_history(qtbot, window)
    select(history, JournalKind.CHARGE, Outcome.SUCCEEDED)
    refund = start_refund(qtbot, history)
    find(refund, "refundPartChoice").click()
    qtbot.keyClicks(find(refund, "refundAmountEdit"), "10")
    find(refund, "reviewRefundButton").click()
    # 3 attempts by the SDK (2 retries) x 2 sends with the same idempotency key.
    sim.faults.add(kind="drop_after", method="POST", path="^/v1/refunds$", times=6)
    find(refund, "confirmRefundButton").click()
    qtbot.waitUntil(lambda: refund.page == "result", timeout=20_000)
    assert "? Result not known yet" in refund.result_text()
    assert "Do not refund again" in refund.result_text()
    assert find(refund, "changeRefundButton").isHidden()
    assert not find(refund, "checkRefundButton").isHidden()
    screenshot(refund, "46-refund-unknown")

    with qtbot.waitSignal(history.history_loaded, timeout=5000):
        history.reload()
    select(history, JournalKind.CHARGE, Outcome.SUCCEEDED)
    button = find(history, "historyRefundButton")
    assert not button.isEnabled()
    assert "no known result yet" in button.toolTip()
    assert shown(history, Column.OUTCOME).count("Not known yet") == 1

    find(refund, "checkRefundButton").click()
    qtbot.waitUntil(lambda: "✓ Refunded $10.00" in refund.result_text(), timeout=10_000)
    finish_refund(qtbot, history, refund)
    charged = select(history, JournalKind.CHARGE, Outcome.SUCCEEDED)
    assert charged.remaining == Money(3000, "usd")
    assert find(history, "historyRefundButton").isEnabled()
    refunds = make_client(sim).v1.refunds.list({"payment_intent": charged.payment_intent_id})
    assert [r.amount for r in refunds.data] == [1000]


def test_open_in_stripe_builds_test_and_live_addresses() -> None:
    charge = a_row()
    assert stripe_link(charge, Mode.TEST) == "https://dashboard.stripe.com/test/payments/pi_3Abc"
    assert stripe_link(charge, Mode.LIVE) == "https://dashboard.stripe.com/payments/pi_3Abc"
    assert stripe_link(charge, Mode.DEMO) is None
    refund = a_row(JournalKind.REFUND, stripe_object_id="re_9")
    assert stripe_link(refund, Mode.LIVE) == "https://dashboard.stripe.com/payments/pi_3Abc"
    save = a_row(JournalKind.SAVE_CARD, stripe_object_id="seti_7", payment_intent_id=None)
    assert stripe_link(save, Mode.TEST) == "https://dashboard.stripe.com/test/setup_intents/seti_7"
    removal = a_row(JournalKind.DETACH, stripe_object_id="pm_1", payment_intent_id=None)
    assert stripe_link(removal, Mode.LIVE) == "https://dashboard.stripe.com/customers/cus_Q1"


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    """The window's French catalogue installed, as ``--lang fr`` does."""
    translator = QTranslator()
    assert translator.load(str(ROOT / "resources" / "translations" / "moto_desk_fr.qm"))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_receipts_speak_the_clerks_language(qtbot: Any, qtmodeltester: Any, french: None) -> None:
    receipt = Receipt(a_row(), shop_name="Quincaillerie Okafor", shop_address="", locale="fr")
    html = receipt.html()
    assert "Carte non présente — vente à distance (MOTO)" in html
    assert "50,00\u00a0€" in html
    assert "Reçu de paiement" in html
    refund = Receipt(
        a_row(JournalKind.REFUND, stripe_object_id="re_9", reason="requested_by_customer"),
        shop_name="Quincaillerie Okafor",
        shop_address="3 rue du Port\n13002 Marseille",
        locale="fr",
    )
    assert "Demandé par le client" in refund.html()
    path = SCREENSHOTS / "47-receipt-refund-fr.pdf"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    refund.save_pdf(path)
    pdf_to_png(path, refund, "47-receipt-refund-fr")
    model = HistoryModel(locale="fr")
    model.set_rows([a_row(), a_row(JournalKind.REFUND, entry_id="e2", amount=Money(1250, "eur"))])
    qtmodeltester.check(model)
    assert [model.index(r, Column.KIND).data() for r in range(2)] == ["Remboursement", "Débit"]
    assert model.index(0, Column.AMOUNT).data() == "12,50\u00a0€"
    with pytest.raises(ValueError, match="no receipt"):
        Receipt(a_row(outcome=Outcome.FAILED), shop_name="", shop_address="", locale="fr")
    assert QCoreApplication.translate("HistoryModel", "Refund") == "Remboursement"


# Ctrl+H on an open history raises it; the offscreen platform plugin cannot and says so.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_history_opens_once_on_the_last_90_days(qtbot: Any, open_window: WindowFactory) -> None:
    window = open_window()
    first = open_history(qtbot, window)
    window.on_history_requested()
    assert window.history_dialog() is first
    assert first.status_text() == "No operation matches these filters."
    today = date.today()
    assert first.filters().since == today - timedelta(days=90)
    assert first.filters().until == today


def test_the_shop_address_is_set_in_settings_for_receipts(
    qtbot: Any, open_window: WindowFactory, data_dir: Path
) -> None:
    """Typed in Settings (several lines, Tab moves on), kept in the settings file, and what
    the history's receipts print under the shop's name."""
    from tests.ui.test_settings import open_settings

    window = open_window()
    dialog = open_settings(qtbot, window)
    address = find(dialog, "shopAddressEdit")
    find(dialog, "shopNameEdit").setText("Chez Paul")
    address.setFocus()
    qtbot.keyClicks(address, "3 rue du Port")
    key(qtbot, address, Qt.Key.Key_Return)
    qtbot.keyClicks(address, "13002 Marseille")
    key(qtbot, address, Qt.Key.Key_Tab)
    assert not address.hasFocus()
    with qtbot.waitSignal(dialog.settings_saved, timeout=5000):
        find(dialog, "saveSettingsButton").click()
    assert window.settings.shop_address == "3 rue du Port\n13002 Marseille"
    assert "13002 Marseille" in (data_dir / "settings.json").read_text(encoding="utf-8")

    history = open_history(qtbot, window)
    assert history._settings().shop_address == "3 rue du Port\n13002 Marseille"
    receipt = Receipt(
        a_row(), shop_name="Chez Paul", shop_address=window.settings.shop_address, locale="en"
    )
    assert "3 rue du Port<br>13002 Marseille" in receipt.html()


def test_the_history_speaks_french(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any], french: None
) -> None:
    window = open_window(language="fr")
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    session = window.session
    assert session is not None
    saved = window.saved_cards.cards()[0]
    charge_saved_card(
        session.context(), ChargeRequest(customer_id(desk), saved, Money(1250, "usd"))
    )
    history = open_history(qtbot, window)
    assert history.windowTitle() == "Historique"
    assert shown(history, Column.KIND) == ["Débit", "Enregistrement de carte"]
    assert shown(history, Column.OUTCOME) == ["Réussi", "Réussi"]
    assert shown(history, Column.AMOUNT) == ["12,50\u00a0$US", ""]
    assert history.status_text() == "2 opérations"
    select(history, JournalKind.SAVE_CARD, Outcome.SUCCEEDED)
    assert find(history, "historyRefundButton").toolTip() == "Seul un débit peut être remboursé."
    select(history, JournalKind.CHARGE, Outcome.SUCCEEDED)
    screenshot(history, "48-history-fr")

    refund = start_refund(qtbot, history)
    assert "Reste à rembourser\u00a0: 12,50\u00a0$US" in find(refund, "refundLeft").text()
    find(refund, "refundPartChoice").click()
    qtbot.keyClicks(find(refund, "refundAmountEdit"), "2,50")
    assert find(refund, "refundAmountFeedback").text() == "Montant remboursé\u00a0: 2,50\u00a0$US"
    screenshot(refund, "49-refund-form-fr")
    find(refund, "reviewRefundButton").click()
    assert "Sur la carte\u00a0: Visa •••• 4242" in refund.confirm_text()
    assert find(refund, "confirmRefundButton").text() == "Rembourser 2,50\u00a0$US"
    screenshot(refund, "50-refund-confirm-fr")
    find(refund, "refundBackButton").click()
    find(refund, "closeRefundButton").click()
    assert refunds_of(sim, customer_id(desk)) == []


def refunds_of(sim: Simulator, customer: str) -> list[int]:
    client = make_client(sim)
    intents = client.v1.payment_intents.list({"customer": customer}).data
    return [
        r.amount for pi in intents for r in client.v1.refunds.list({"payment_intent": pi.id}).data
    ]


def test_without_a_shop_name_receipts_name_the_shop_stripe_knows(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any], tmp_path: Path
) -> None:
    """Issue 15: the demo shop is named ("Main street shop", the readers' location), yet a
    desk with no name in Settings printed receipts without one and said "(no shop name
    set)" in the consent evidence."""
    window = open_window()
    assert window.settings.shop_name == ""
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    session = window.session
    assert session is not None
    saved = window.saved_cards.cards()[0]
    charge_saved_card(
        session.context(), ChargeRequest(customer_id(desk), saved, Money(2500, "usd"))
    )
    history = open_history(qtbot, window)
    select(history, JournalKind.CHARGE, Outcome.SUCCEEDED)
    receipt = history.receipt()
    assert receipt is not None
    assert receipt.shop_name == "Main street shop"
    assert "Main street shop" in receipt.html()
    assert history.save_receipt(receipt, tmp_path / "receipt.pdf")
    assert "no shop name" not in history.status_text()
    history.close()

    evidence = open_evidence(qtbot, window, "consentEvidenceButton")
    text = evidence.document_text()
    assert "(no shop name set)" not in text
    assert "Main street shop" in text
