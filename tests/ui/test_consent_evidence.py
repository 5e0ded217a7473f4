"""Consent evidence and card health in the window: the evidence a bank or an auditor receives
(shown, PDF, CSV), a card removed because the customer withdrew consent, and the shop's list of
cards that need attention — against the simulator, through the real flows."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from moto_desk.domain.consent import fill_shop, load_terms
from moto_desk.domain.models import AllowRedisplay, Channel, Customer, SavedCard
from moto_desk.flows.card_health import CardHealth, CardProblem
from moto_desk.flows.consent_evidence import TermsFound, rebuild_terms
from moto_desk.flows.context import open_records
from moto_desk.flows.save_card import SaveRequest, save_card
from moto_desk.records.journal import JournalKind, JournalState
from moto_desk.simulator import Simulator
from moto_desk.ui.after_sale.card_health_dialog import (
    HEALTH_ROLE,
    CardHealthDialog,
    CardHealthModel,
)
from moto_desk.ui.after_sale.consent_evidence_dialog import ConsentEvidenceDialog
from moto_desk.ui.main_window import MainWindow
from tests.conftest import make_client
from tests.helpers.desk_windows import close_message_boxes
from tests.helpers.private_modes import assert_owner_only
from tests.ui.conftest import SCREENSHOTS, WindowFactory, customer_id, find, key, reader_id
from tests.ui.conftest import screenshot as grab
from tests.ui.test_charge import save_a_card
from tests.ui.test_translations import french_window  # noqa: F401  a fixture

TODAY = date(2026, 11, 29)


# ------------------------------------------------------------------ helpers
def open_evidence(qtbot: Any, window: MainWindow, button: str) -> ConsentEvidenceDialog:
    """Press one of the Saved cards buttons and wait for the evidence to be built."""
    find(window, button).click()
    dialog = window.evidence_dialog()
    assert dialog is not None
    assert dialog.objectName() == "consentEvidenceDialog"
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.evidence() is not None, timeout=5000)
    return dialog


def choose_file(qtbot: Any, dialog: ConsentEvidenceDialog, button: str, path: Path) -> None:
    """Press an export button, answer its file dialog with ``path``, wait for the file."""
    with qtbot.waitSignal(dialog.exported, timeout=5000) as written:
        find(dialog, button).click()
        files = dialog.findChild(QFileDialog, "evidenceFileDialog")
        assert files is not None
        qtbot.waitExposed(files)
        files.selectFile(str(path))
        files.accept()
    assert written.args == [str(path)]


def pdf_first_page_png(pdf: Path, name: str) -> Path:
    """The PDF's first page as a PNG under test-output/screenshots (looked at by a person)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    stem = SCREENSHOTS / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return stem.with_suffix(".png")


def document_png(dialog: ConsentEvidenceDialog, name: str) -> Path:
    """Without poppler: the printable document's first page, painted by Qt itself."""
    document = dialog.document()
    document.setPageSize(QSizeF(595, 842))  # A4 in points
    image = QImage(595, 842, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    document.drawContents(painter, QRectF(QPointF(0, 0), QSizeF(595, 842)))
    painter.end()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert image.save(str(path))
    return path


def save_for(
    sim: Simulator, window: MainWindow, desk: dict[str, Any], email: str, number: str, exp: date
) -> SavedCard:
    """Save a card by MOTO for a seeded customer through the save flow (consent recorded in
    the window's ledger, so the desk knows the customer)."""
    session = window.session
    assert session is not None
    sim.set_reader(
        reader_id(desk),
        auto_present={
            "number": number, "exp_month": exp.month, "exp_year": exp.year, "delay_s": 0.05,
        },
    )  # fmt: skip
    request = SaveRequest(
        customer_id=customer_id(desk, email),
        customer_name=email,
        reader_id=reader_id(desk),
        reader_label="Front desk",
        channel=Channel.PHONE,
        allow_redisplay=AllowRedisplay.LIMITED,
        terms=load_terms("en").for_shop("our shop"),
        consent_given=True,
        deadline_s=20,
    )
    return save_card(session.context(), request).card


# ------------------------------------------------------------------ the terms rebuilt
@pytest.mark.parametrize("shop", ["our shop", "notre boutique", "Chez Marcel", "café des amis"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_core_rebuilds_exactly_what_the_consent_panel_shows(language: str, shop: str) -> None:
    """The core repeats the panel's capitalisation rule (it may not import the GUI): if the
    two ever differ, every consent taken from then on would read "not reconstructable"."""
    template = load_terms(language)
    shown = fill_shop(template, shop)
    found = rebuild_terms(template.version, language, shown.sha256, ["Other", shop])
    assert found.found is TermsFound.REBUILT
    assert found.text == shown.text
    assert found.shop_name == shop


def test_the_shop_name_after_a_colon_stays_lower_case() -> None:
    """Issue 15: the English terms read "They go straight to Stripe: Our shop never…"."""
    text = fill_shop(load_terms("en"), "our shop").text
    assert "They go straight to Stripe: our shop never writes them down" in text
    assert "1. Our shop will keep your card on file" in text  # a sentence still starts with it
    assert "Do you agree that our shop keeps your card" in text


# ------------------------------------------------------------------ evidence and exports
def test_evidence_dialog_shows_the_consent_and_exports_pdf_and_csv(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    tmp_path: Path,
) -> None:
    window = open_window()
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    dialog = open_evidence(qtbot, window, "consentEvidenceButton")

    assert dialog.verification_text() == "✓ The consent ledger verified: all 2 records are intact."
    text = dialog.document_text()
    assert "✓ Consent ledger verified on " in text
    assert "all 2 records are intact and in order" in text
    assert "Margaret Okafor" in text
    assert "Consent 1 of 1" in text and "(in force)" in text
    assert "By mail" in text  # fill_form picks "by mail"
    # No shop name is set: the window read "Our shop …", and the evidence proves it.
    assert "with the shop name “our shop”, its SHA-256 equals the recorded one" in text
    assert "1. Our shop will keep your card on file" in text
    assert "Visa •••• 4242" in text
    evidence = dialog.evidence()
    assert evidence is not None
    (item,) = evidence.consents
    assert item.terms_sha256 is not None and item.terms_sha256 in text
    assert not find(dialog, "removeCardBox").isVisible()
    grab(dialog, "30-consent-evidence")

    exports = tmp_path / "exports"
    exports.mkdir()
    pdf = exports / "evidence.pdf"
    choose_file(qtbot, dialog, "exportPdfButton", pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert_owner_only(pdf)
    assert [p.name for p in exports.iterdir()] == ["evidence.pdf"]  # no temporary file left
    if shutil.which("pdftoppm") and shutil.which("pdftotext"):
        png = pdf_first_page_png(pdf, "31-consent-evidence-pdf")
        assert png.stat().st_size > 10_000
        printed = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        words = " ".join(printed.split())
        assert "Consent ledger verified on" in words
        assert item.terms_sha256 in words
        assert "Do you agree that our shop keeps your card on file" in words
    else:
        document_png(dialog, "31-consent-evidence-pdf")

    out = exports / "evidence.csv"
    choose_file(qtbot, dialog, "exportCsvButton", out)
    # Issue 15: the CSV export ended in silence.
    note = find(dialog, "exportNote")
    assert note.isVisible()
    assert note.text() == f"Saved to “{out}”."
    grab(dialog, "30b-consent-evidence-exported")
    with out.open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["customer_id"] == customer_id(desk)
    assert row["channel"] == "mail"
    assert row["terms_shop_name"] == "our shop"
    assert row["terms_text"].startswith("Before I save your card")
    assert row["card_last4"] == "4242"
    assert row["ledger_verified"] == "ok"
    assert row["withdrawn"] == "no"
    assert_owner_only(out)


def test_removing_a_card_records_the_withdrawal_and_refuses_card_numbers(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    window = open_window()
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    card = window.saved_cards.selected_card()
    assert card is not None
    assert find(window, "withdrawCardButton").isEnabled()
    grab(window, "35-saved-cards-with-consent-buttons")
    dialog = open_evidence(qtbot, window, "withdrawCardButton")
    assert find(dialog, "removeCardBox").isVisible()
    assert "4242" in find(dialog, "removeCardChoice").currentText()
    reason = find(dialog, "withdrawReasonEdit")
    assert reason.hasFocus()

    # A card number in the reason: refused in the ledger's words, before Stripe is asked.
    qtbot.keyClicks(reason, "card 4242 4242 4242 4242 stolen")
    find(dialog, "removeCardButton").click()
    error = find(dialog, "withdrawReasonError")
    assert error.isVisible()
    assert "looks like it contains a card number" in error.text()
    assert dialog.findChild(QMessageBox, "removeCardConfirmation") is None
    grab(dialog, "32a-remove-card-reason-refused")
    client = make_client(sim)
    cards = client.v1.customers.payment_methods.list(customer_id(desk), {"type": "card"}).data
    assert [pm.id for pm in cards] == [card.payment_method_id]

    reason.clear()
    qtbot.keyClicks(reason, "Customer asked by phone to stop keeping the card")
    key(qtbot, reason, Qt.Key.Key_Return)
    box = dialog.findChild(QMessageBox, "removeCardConfirmation")
    assert box is not None
    qtbot.waitExposed(box)
    assert "Remove Visa •••• 4242 from Margaret Okafor?" in box.text()
    assert "“Customer asked by phone to stop keeping the card”" in box.text()
    assert box.defaultButton().text() == "Keep card"
    grab(box, "32-remove-card-confirm")
    with qtbot.waitSignal(dialog.card_removed, timeout=10_000):
        find(box, "confirmRemoveCardButton").click()
    qtbot.waitUntil(lambda: "(withdrawn)" in dialog.document_text(), timeout=5000)
    qtbot.waitUntil(lambda: window.saved_cards.cards() == [], timeout=5000)
    # The status panel no longer invites "Charge it now (F6)" for the card just removed.
    status = find(window, "statusPanel")
    assert status.state == "idle"
    assert "Charge it now" not in status.text()
    text = dialog.document_text()
    assert "Withdrawn" in text
    assert "Reason: “Customer asked by phone to stop keeping the card”" in text
    assert "all 3 records are intact" in dialog.verification_text()
    assert "all 3 records are intact and in order" in text
    assert not find(dialog, "removeCardBox").isVisible()
    grab(dialog, "33-consent-evidence-withdrawn")

    assert client.v1.customers.payment_methods.list(customer_id(desk), {"type": "card"}).data == []
    session = window.session
    assert session is not None
    with open_records(session.records_at) as records:
        assert records.ledger.verify().ok
        assert records.ledger.active_consent_for_card(card.payment_method_id) is None


DETACH_PATH = r"^/v1/payment_methods/[^/]+/detach$"


def confirmations(dialog: ConsentEvidenceDialog) -> list[QMessageBox]:
    """The "Remove the card?" boxes on screen."""
    return [
        box for box in dialog.findChildren(QMessageBox, "removeCardConfirmation") if box.isVisible()
    ]


def detach_entries(window: MainWindow, desk: dict[str, Any]) -> list[JournalState]:
    session = window.session
    assert session is not None
    with open_records(session.records_at) as records:
        entries = records.journal.list(customer_id=customer_id(desk), kind=JournalKind.DETACH)
    return [entry.state for entry in entries]


def test_return_asks_once_and_no_second_removal_starts_while_one_runs(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    """Issue 15: Return in the reason field opened two "Remove the card?" boxes; confirming
    both sent a second detach, recorded as Failed, its words hidden with the form."""
    window = open_window()
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    dialog = open_evidence(qtbot, window, "withdrawCardButton")
    reason = find(dialog, "withdrawReasonEdit")
    remove = find(dialog, "removeCardButton")
    qtbot.keyClicks(reason, "Customer asked by phone to stop keeping the card")
    key(qtbot, reason, Qt.Key.Key_Return)
    (box,) = confirmations(dialog)
    qtbot.waitExposed(box)
    remove.click()  # asked again while the question is open: still one question
    assert confirmations(dialog) == [box]

    sim.faults.add(kind="latency", method="POST", path=DETACH_PATH, latency_ms=1000, times=1)
    with qtbot.waitSignal(dialog.card_removed, timeout=10_000):
        find(box, "confirmRemoveCardButton").click()
        qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)
        assert window.runner.payment_jobs_open == 1
        # While the removal runs, neither Return nor the button asks again.
        assert not remove.isEnabled()
        assert reason.isReadOnly()
        key(qtbot, reason, Qt.Key.Key_Return)
        remove.click()
        dialog.on_remove_clicked()
        assert confirmations(dialog) == []
    qtbot.waitUntil(lambda: window.runner.payment_jobs_open == 0, timeout=5000)
    assert detach_entries(window, desk) == [JournalState.SUCCEEDED]
    assert close_message_boxes() == []
    assert sim.faults.rules() == []  # the slow detach did happen


def test_a_failed_removal_says_why_in_the_dialog(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    """Stripe refuses the detach (a 400 the gateway cannot name: our bug): the form stays
    open with the reason kept and the failure in words, and no message box hides it."""
    window = open_window()
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    dialog = open_evidence(qtbot, window, "withdrawCardButton")
    reason = find(dialog, "withdrawReasonEdit")
    qtbot.keyClicks(reason, "Customer asked by mail to stop keeping the card")
    key(qtbot, reason, Qt.Key.Key_Return)
    (box,) = confirmations(dialog)
    sim.faults.add(kind="status", method="POST", path=DETACH_PATH, status=400, times=1)
    find(box, "confirmRemoveCardButton").click()
    error = find(dialog, "withdrawReasonError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: window.runner.payment_jobs_open == 0, timeout=5000)
    assert error.text().startswith(
        "The card was not removed: Something went wrong inside moto-desk."
    )
    assert find(dialog, "removeCardBox").isVisible()
    assert reason.text() == "Customer asked by mail to stop keeping the card"
    assert find(dialog, "removeCardButton").isEnabled()
    assert detach_entries(window, desk) == [JournalState.FAILED]
    assert close_message_boxes() == []
    grab(dialog, "33b-remove-card-failed")


def test_french_evidence_rebuilds_the_french_terms(
    qtbot: Any,
    french_window: MainWindow,  # noqa: F811  the fixture imported above
    sim: Simulator,
    desk: dict[str, Any],
    tmp_path: Path,
) -> None:
    """A French desk fills the terms with "notre boutique": the evidence must find that name
    (not the English "our shop") and speak French, on screen and in the PDF."""
    window = french_window
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    dialog = open_evidence(qtbot, window, "consentEvidenceButton")
    assert dialog.verification_text().startswith("✓ Registre des consentements vérifié")
    text = dialog.document_text().replace("\u00a0", " ")
    assert "avec le nom de boutique « notre boutique »" in text
    assert "1. Notre boutique conservera votre carte" in text
    assert "Par courrier" in text
    grab(dialog, "36-consent-evidence-fr")
    pdf = tmp_path / "preuves.pdf"
    choose_file(qtbot, dialog, "exportPdfButton", pdf)
    if shutil.which("pdftoppm"):
        pdf_first_page_png(pdf, "37-consent-evidence-pdf-fr")


# ------------------------------------------------------------------ card health
def test_card_health_lists_expiring_and_shared_cards(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, desk: dict[str, Any]
) -> None:
    window = open_window()
    today = date.today()
    save_a_card(qtbot, window, sim, desk, "4242424242424242")  # Margaret, through the window
    save_for(sim, window, desk, "david.chen@example.com", "4242424242424242", date(2030, 1, 1))
    save_for(sim, window, desk, "priya.raman@example.com", "5555555555554444", today)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    key(
        qtbot,
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.card_health_dialog() is not None, timeout=2000)
    dialog = window.card_health_dialog()
    assert isinstance(dialog, CardHealthDialog)
    assert dialog.objectName() == "cardHealthDialog"
    qtbot.waitUntil(lambda: not dialog.checking, timeout=10_000)
    model = dialog.model()
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert rows == [
        ["Priya Raman", "Mastercard •••• 4444", f"{today.month:02d}/{today.year}", "Expires soon"],
        ["David Chen", "Visa •••• 4242", "01/2030", "Shared card"],
        ["Margaret Okafor", "Visa •••• 4242", rows[2][2], "Shared card"],
    ]
    assert model.index(1, 4).data() == (
        "Same card as Margaret Okafor: check it is not a duplicate customer"
    )
    assert dialog.summary() == (
        "Expired: 0 · Expiring within 60 days: 1 · Saved on several customers: 2"
    )
    grab(dialog, "34-card-health")


# ------------------------------------------------------------------ the model
def test_card_health_model(qtmodeltester: Any) -> None:
    def person(n: int) -> Customer:
        return Customer(f"cus_{n}", f"Name {n}" if n else None, None, None, None)

    def card(pm: str, month: int, year: int) -> SavedCard:
        return SavedCard(pm, None, "visa", pm[-4:], month, year, fingerprint="fp")

    model = CardHealthModel(today=TODAY)
    qtmodeltester.check(model)
    model.set_items(
        [
            CardHealth(person(1), card("pm_old_0002", 10, 2026), CardProblem.EXPIRED),
            CardHealth(person(2), card("pm_soon_1111", 12, 2026), CardProblem.EXPIRING),
            CardHealth(
                person(0), card("pm_ok_4242", 1, 2030), CardProblem.SHARED, (person(1), person(2))
            ),
        ]
    )
    qtmodeltester.check(model)
    assert [model.index(r, 3).data() for r in range(3)] == [
        "Expired",
        "Expires soon",
        "Shared card",
    ]
    assert model.index(2, 0).data() == "cus_0"  # no name: the id
    assert model.index(2, 4).data() == (
        "Same card as Name 1, Name 2: check it is not a duplicate customer"
    )
    last_day = QLocale().toString(QDate(2026, 12, 31), "d MMM yyyy")
    assert model.index(1, 4).data() == (
        f"Works until {last_day}: ask the customer for the new expiry date"
    )
    assert model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 0).data(HEALTH_ROLE).problem is CardProblem.EXPIRING
    assert "cus_1" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(4, Qt.Orientation.Horizontal) == "What to do"
