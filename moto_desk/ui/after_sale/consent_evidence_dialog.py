"""The consent evidence of one customer: shown, exported (PDF, CSV), and where a withdrawal is
recorded (the card removed, with the customer's reason).

What the dialog shows is the document the PDF prints: the terms text the customer heard (when
the recorded hash lets it be rebuilt), every recorded fact of each consent, the card saved
under it, later withdrawals, and the ledger's verification run when the dialog loaded. The
evidence is built in a job (a database read); removing a card is a payment job (a Stripe write,
journaled) — the window asks before quitting while one runs.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QSize,
    QStandardPaths,
    Qt,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from moto_desk.domain.errors import ErrorKind, InvalidInput, MotoDeskError
from moto_desk.domain.models import Customer, SavedCard
from moto_desk.flows.consent_evidence import (
    ConsentEvidence,
    check_withdrawal_reason,
)
from moto_desk.ui.after_sale.evidence_document import EvidenceDocument, customer_words
from moto_desk.ui.desk.saved_cards_model import card_words, expiry_words
from moto_desk.ui.operations import after_sale as operations
from moto_desk.ui.shell.assets import dark_palette, restyle, translations_dir
from moto_desk.ui.shell.changes import Change, Topic
from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text
from moto_desk.ui.shell.save_file_dialog import SaveFileDialog
from moto_desk.ui.shell.screen_fit import fitted_size
from moto_desk.ui.shell.translations import LANGUAGES

if TYPE_CHECKING:
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession

log = logging.getLogger(__name__)


def shop_name_candidates(shop_name: str) -> list[str]:
    """The names the consent terms may have been filled with: the shop's name from the
    settings, and the window's "our shop" (used when no name is set) in every language the
    window speaks — the consent may have been taken by a clerk using another language."""
    names = [shop_name.strip()] if shop_name.strip() else []
    names.append(QCoreApplication.translate("MainWindow", "our shop"))
    names.append("our shop")
    for language in LANGUAGES:
        translator = QTranslator()
        if translator.load(f"moto_desk_{language}", str(translations_dir())):
            names.append(translator.translate("MainWindow", "our shop") or "our shop")
    return list(dict.fromkeys(names))


class ConsentEvidenceDialog(QDialog):
    """Consent evidence for one customer, with exports and the withdrawal of a card.

    Signals:
        card_removed(object): a card was detached and its consent withdrawn (the SavedCard).
        exported(str): a PDF or CSV file was written (its path).
    """

    card_removed = Signal(object)
    exported = Signal(str)

    def __init__(
        self,
        runner: JobRunner,
        router: ErrorRouter,
        session: DeskSession,
        *,
        customer: Customer,
        cards: Sequence[SavedCard],
        shop_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consentEvidenceDialog")
        self._runner = runner
        self._router = router
        self._session = session
        self._customer = customer
        self._shop_name = shop_name.strip()
        self._evidence: ConsentEvidence | None = None
        self._removing = False
        self._confirmation: QMessageBox | None = None  # "Remove the card?" while it is open
        self._pending_export: str = ""
        self.setWindowTitle(
            self.tr("Consent evidence — {customer}").format(customer=self._customer_words())
        )

        self._verification = QLabel(self)
        self._verification.setObjectName("evidenceVerification")
        self._verification.setWordWrap(True)
        self._verification.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._view = QTextBrowser(self)
        self._view.setObjectName("evidenceView")
        self._view.setAccessibleName(self.tr("Consent evidence of the customer"))
        self._view.setOpenLinks(False)

        self._build_removal(cards)

        self._show_remove = QPushButton(self.tr("Remove card (consent withdrawn)…"), self)
        self._show_remove.setObjectName("showRemoveCardButton")
        self._show_remove.setAccessibleName(self.tr("Remove a card because consent was withdrawn"))
        self._show_remove.clicked.connect(self.on_show_removal_clicked)
        self._pdf = QPushButton(self.tr("Export PDF…"), self)
        self._pdf.setObjectName("exportPdfButton")
        self._pdf.setToolTip(self.tr("Save this evidence as a PDF document"))
        self._pdf.clicked.connect(self.on_export_pdf_clicked)
        self._csv = QPushButton(self.tr("Export CSV…"), self)
        self._csv.setObjectName("exportCsvButton")
        self._csv.setToolTip(self.tr("Save this evidence as a CSV file (one row per consent)"))
        self._csv.clicked.connect(self.on_export_csv_clicked)
        self._close = QPushButton(self.tr("Close"), self)
        self._close.setObjectName("closeEvidenceButton")
        self._close.clicked.connect(self.reject)
        # Where the last export went: without it, Export CSV… ended in silence.
        self._export_note = QLabel(self)
        self._export_note.setObjectName("exportNote")
        self._export_note.setWordWrap(True)
        self._export_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._export_note.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self._show_remove)
        buttons.addStretch(1)
        buttons.addWidget(self._pdf)
        buttons.addWidget(self._csv)
        buttons.addWidget(self._close)

        layout = QVBoxLayout(self)
        layout.addWidget(self._verification)
        layout.addWidget(self._view, 1)
        layout.addWidget(self._removal)
        layout.addWidget(self._export_note)
        layout.addLayout(buttons)
        self.resize(fitted_size(QSize(820, 720), self.screen().availableGeometry()))
        self._set_exports_enabled(False)
        self.reload()

    def _build_removal(self, cards: Sequence[SavedCard]) -> None:
        self._removal = QGroupBox(self.tr("Withdraw consent and remove a card"), self)
        self._removal.setObjectName("removeCardBox")
        self._card_choice = QComboBox(self._removal)
        self._card_choice.setObjectName("removeCardChoice")
        self._card_choice.setAccessibleName(self.tr("Card to remove"))
        for card in cards:
            self._card_choice.addItem(
                self.tr("{card} (expires {expiry})").format(
                    card=card_words(card), expiry=expiry_words(card)
                ),
                card.payment_method_id,
            )
        self._cards = {card.payment_method_id: card for card in cards}
        self._reason = QLineEdit(self._removal)
        self._reason.setObjectName("withdrawReasonEdit")
        self._reason.setAccessibleName(self.tr("Why the customer withdrew consent"))
        self._reason.setPlaceholderText(
            self.tr("For example: asked by phone to stop keeping the card")
        )
        self._reason.setToolTip(self.tr("Describe the reason in words; never type card details."))
        self._reason_error = QLabel(self._removal)
        self._reason_error.setObjectName("withdrawReasonError")
        self._reason_error.setProperty("role", "error")
        self._reason_error.setWordWrap(True)
        self._reason_error.hide()
        self._remove = QPushButton(self.tr("Remove card…"), self._removal)
        self._remove.setObjectName("removeCardButton")
        self._remove.setAccessibleName(self.tr("Remove the card and record the withdrawal"))
        self._remove.clicked.connect(self.on_remove_clicked)
        # Return in the reason field presses this button, once: the dialog clicks its default
        # button for a Return the line edit passes on. (Also connecting the field's
        # returnPressed opened two "Remove the card?" boxes for one Return — issue 15.)
        self._remove.setDefault(True)
        note = QLabel(
            self.tr(
                "The card is detached in Stripe and can never be charged again. The withdrawal "
                "is added to the consent ledger with your name and the reason."
            ),
            self._removal,
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Card"), self._card_choice)
        form.addRow(self.tr("&Reason"), self._reason)
        action = QHBoxLayout()
        action.addStretch(1)
        action.addWidget(self._remove)
        box = QVBoxLayout(self._removal)
        box.addWidget(note)
        box.addLayout(form)
        box.addWidget(self._reason_error)
        box.addLayout(action)
        self._removal.hide()

    # ================================================================== public
    def customer(self) -> Customer:
        return self._customer

    def evidence(self) -> ConsentEvidence | None:
        return self._evidence

    def verification_text(self) -> str:
        return self._verification.text()

    def document_text(self) -> str:
        """The evidence as plain text (what the PDF prints)."""
        return self._view.toPlainText()

    def start_removal(self, card: SavedCard | None) -> None:
        """Show the withdrawal form with ``card`` chosen and the reason field focused."""
        self._removal.show()
        if card is not None:
            index = self._card_choice.findData(card.payment_method_id)
            if index >= 0:
                self._card_choice.setCurrentIndex(index)
        self._update_removal()
        self._reason.setFocus(Qt.FocusReason.OtherFocusReason)

    # ================================================================== loading
    @Slot(object)
    def on_changed(self, change: Change) -> None:
        """This customer's cards changed (a save, a removal): the evidence is read again."""
        if change.touches(Topic.CARDS, self._customer.id) and not self._removing:
            self.reload()

    def reload(self) -> None:
        """Rebuild the evidence (and verify the ledger) in a job."""
        self._set_verification(self.tr("Reading the consent ledger…"), "")
        session, customer = self._session, self._customer
        names = shop_name_candidates(self._shop_name)

        (
            operations.build_evidence(self._runner, session, customer.id, names, owner=self)
            .on_success(self.on_evidence_built)
            .on_failure(self.on_evidence_failed)
            .run()
        )

    @Slot(object)
    def on_evidence_built(self, evidence: ConsentEvidence) -> None:
        self._evidence = evidence
        verify = evidence.verify
        if verify.ok:
            self._set_verification(
                self.tr("✓ The consent ledger verified: all {count} records are intact.").format(
                    count=verify.count
                ),
                "ok",
            )
        else:
            self._set_verification(
                self.tr(
                    "✗ The consent ledger did NOT verify: the records may have been changed. "
                    "The problems are listed below."
                ),
                "error",
            )
        self._view.setHtml(self.html(dark=dark_palette()))
        self._set_exports_enabled(True)
        self._update_removal()

    @Slot(object)
    def on_evidence_failed(self, error: BaseException) -> None:
        if isinstance(error, MotoDeskError):
            self._set_verification(
                self.tr("Could not read the consent ledger: {reason}").format(
                    reason=clerk_text(error)
                ),
                "error",
            )
        else:
            self._router.route(error)

    def _set_verification(self, text: str, role: str) -> None:
        self._verification.setText(text)
        self._verification.setProperty("role", role)
        restyle(self._verification)

    def _set_exports_enabled(self, enabled: bool) -> None:
        self._pdf.setEnabled(enabled)
        self._csv.setEnabled(enabled)

    # ================================================================== the document
    def _customer_words(self) -> str:
        return customer_words(self._customer)

    def _document(self) -> EvidenceDocument:
        return EvidenceDocument(
            self._evidence,
            customer=self._customer,
            shop_name=self._shop_name,
            clerk=self._session.clerk,
            desk=self._session.desk,
            font=self.font(),
            parent=self,
        )

    def html(self, *, dark: bool = False) -> str:
        """The evidence as the HTML both the view and the PDF show."""
        return self._document().html(dark=dark)

    def document(self) -> QTextDocument:
        """The evidence as a printable document (light colours, whatever the screen)."""
        return self._document().document()

    # ================================================================== exports
    def _ask_path(self, kind: str) -> None:
        """Ask where to save (a non-blocking file dialog; ``kind`` is ``pdf`` or ``csv``),
        once a supervisor approved when the signed-in clerk needs it."""
        gate = self._session.approvals
        if gate is None:
            self._choose_path(kind)
            return
        from moto_desk.domain.roles import Action

        gate.ask(self, Action.EXPORT_EVIDENCE, None, lambda _approver: self._choose_path(kind))

    def _choose_path(self, kind: str) -> None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        stamp = datetime.now(UTC).strftime("%Y%m%d")
        name = f"consent-evidence-{self._customer.id}-{stamp}.{kind}"
        if kind == "pdf":
            title, filters = self.tr("Export consent evidence as PDF"), self.tr("PDF (*.pdf)")
        else:
            title, filters = self.tr("Export consent evidence as CSV"), self.tr("CSV (*.csv)")
        dialog = SaveFileDialog(self, title, str(Path(folder) / name), filters, kind)
        dialog.setObjectName("evidenceFileDialog")
        self._pending_export = kind
        dialog.fileSelected.connect(self.on_export_path_chosen)
        dialog.open()

    @Slot()
    def on_export_pdf_clicked(self) -> None:
        self._ask_path("pdf")

    @Slot()
    def on_export_csv_clicked(self) -> None:
        self._ask_path("csv")

    @Slot(str)
    def on_export_path_chosen(self, path: str) -> None:
        if not path:
            return
        if self._pending_export == "pdf":
            self.export_pdf(Path(path))
        else:
            self.export_csv(Path(path))

    def export_pdf(self, path: Path) -> None:
        """Print the document to ``path`` as PDF (owner-only, replaced in one step)."""
        try:
            self._document().write_pdf(path, self.windowTitle())
        except OSError as exc:
            self._export_failed(path, exc)
            return
        self._written(path)

    def export_csv(self, path: Path) -> None:
        """Write the CSV in a job (a file write, fsynced)."""
        evidence = self._evidence
        if evidence is None:
            return
        (
            operations.export_evidence_csv(self._runner, evidence, path, owner=self)
            .on_success(lambda _rows: self._written(path))
            .on_failure(self.on_export_failed)
            .run()
        )

    def _written(self, path: Path) -> None:
        self._export_note.setText(self.tr("Saved to “{path}”.").format(path=str(path)))
        self._export_note.show()
        self.exported.emit(str(path))

    def _export_failed(self, path: Path, exc: OSError) -> None:
        log.warning("PDF export to %s failed: %s", path, exc)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Export failed"),
            self.tr(
                "moto-desk could not write “{path}”. Check that the folder exists, that you may "
                "write to it, and that the disk is not full."
            ).format(path=str(path)),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("exportFailed")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    @Slot(object)
    def on_export_failed(self, error: BaseException) -> None:
        self._router.route(error)

    # ================================================================== withdrawal
    @Slot()
    def on_show_removal_clicked(self) -> None:
        self.start_removal(None)

    def _current_card(self) -> SavedCard | None:
        return self._cards.get(str(self._card_choice.currentData()))

    def _update_removal(self) -> None:
        has_cards = self._card_choice.count() > 0
        self._remove.setEnabled(has_cards and not self._removing)
        self._reason.setReadOnly(self._removing)
        # Once the form is open the button that opens it has done its work.
        self._show_remove.setVisible(self._removal.isHidden())
        self._show_remove.setEnabled(has_cards and not self._removing)
        if not has_cards:
            self._show_remove.setToolTip(self.tr("This customer has no saved card to remove"))
        else:
            self._show_remove.setToolTip(
                self.tr("Remove a saved card because the customer withdrew consent")
            )

    def _show_reason_error(self, text: str) -> None:
        self._reason_error.setText(text)
        self._reason_error.setVisible(bool(text))

    @Slot()
    def on_remove_clicked(self) -> None:
        """Ask before removing: one question at a time, never while a removal runs."""
        card = self._current_card()
        if card is None or self._removing or self._confirmation is not None:
            return  # (the open question is window-modal: it stays in front of this form)
        try:
            reason = check_withdrawal_reason(self._reason.text())
        except InvalidInput as error:
            self._show_reason_error(clerk_text(error))
            self._reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._show_reason_error("")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Remove the card?"),
            self.tr(
                "Remove {card} from {customer}?\n\nThe card is detached in Stripe: it can "
                "never be charged again, and the customer would have to give it again to save "
                "it. The withdrawal of consent is recorded with your reason:\n“{reason}”"
            ).format(
                card=card_words(card),
                customer=self._customer.name or self._customer.id,
                reason=reason,
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("removeCardConfirmation")
        remove = box.addButton(self.tr("Remove card"), QMessageBox.ButtonRole.DestructiveRole)
        remove.setObjectName("confirmRemoveCardButton")
        keep = box.addButton(self.tr("Keep card"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._confirmation = box

        def answered() -> None:
            self._confirmation = None
            if box.clickedButton() is remove:
                self._remove_card(card, reason)

        box.finished.connect(answered)
        box.open()

    def _remove_card(self, card: SavedCard, reason: str) -> None:
        if self._removing or card.payment_method_id not in self._cards:
            return  # one removal at a time, and a removed card is gone
        session, customer = self._session, self._customer
        self._removing = True
        self._show_reason_error("")
        self._update_removal()

        (
            operations.remove_card(self._runner, session, customer.id, card, reason, owner=self)
            .on_success(lambda _none: self.on_card_removed(card))
            .on_failure(self.on_remove_failed)
            .on_finished(self.on_remove_finished)
            .run()
        )

    def on_card_removed(self, card: SavedCard) -> None:
        index = self._card_choice.findData(card.payment_method_id)
        if index >= 0:
            self._card_choice.removeItem(index)
        self._cards.pop(card.payment_method_id, None)
        self._reason.clear()
        self._removal.hide()
        self._update_removal()
        self.card_removed.emit(card)
        self.reload()

    @Slot(object)
    def on_remove_failed(self, error: BaseException) -> None:
        """Say in the form why the card was not removed, whatever the failure — our own bug
        included (the router has logged it with its traceback): the clerk is looking here."""
        if isinstance(error, MotoDeskError) and error.kind is ErrorKind.OUTCOME_UNKNOWN:
            self._show_reason_error(clerk_text(error))
        else:
            if not isinstance(error, MotoDeskError):
                self._router.log_internal(error)
                error = MotoDeskError(ErrorKind.BUG)
            self._show_reason_error(
                self.tr("The card was not removed: {reason}").format(reason=clerk_text(error))
            )
        self._removal.show()

    def on_remove_finished(self) -> None:
        self._removing = False
        self._update_removal()
