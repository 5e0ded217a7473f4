"""A receipt for a succeeded charge or refund, printed or saved as PDF with Qt's own printing.

The receipt is an HTML document laid out by ``QTextDocument`` — the same document goes to the
system's print dialog and to a PDF file, so what is printed is what is saved. It is written in
the window's language (the installed translators), names the shop from the settings, and
carries the card-not-present (MOTO) mention a card network expects on a mail or telephone
order. Only what Stripe returned is shown of the card: brand and last four digits.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from moto_desk.domain.money import format_money
from moto_desk.records.journal import JournalKind
from moto_desk.ui.after_sale.history_model import card_text, customer_text, local_time, reason_words

if TYPE_CHECKING:
    from moto_desk.flows.history import HistoryRow

#: Page margins of a printed or saved receipt, in millimetres.
MARGIN_MM = 18.0


class Receipt:
    """The receipt of one succeeded charge or refund (``row.has_receipt``)."""

    def __init__(self, row: HistoryRow, *, shop_name: str, shop_address: str, locale: str) -> None:
        if not row.has_receipt:
            raise ValueError(f"no receipt for a {row.outcome} {row.kind}")
        self.row = row
        self.shop_name = shop_name.strip()
        self.shop_address = shop_address.strip()
        self.locale = locale

    @property
    def is_refund(self) -> bool:
        return self.row.kind is JournalKind.REFUND

    def file_name(self) -> str:
        """A name to suggest when saving: the kind and the Stripe reference."""
        reference = self.row.stripe_object_id or self.row.entry_id
        prefix = "refund" if self.is_refund else "receipt"
        return f"{prefix}-{reference}.pdf"

    # ------------------------------------------------------------------ content
    def lines(self) -> list[tuple[str, str]]:
        """(label, value) pairs, in the order a customer reads them."""
        row = self.row
        translate = QCoreApplication.translate
        amount = format_money(row.amount, self.locale) if row.amount is not None else ""
        pairs = [
            (translate("Receipt", "Date"), local_time(row.created_at)),
            (
                translate("Receipt", "Amount refunded")
                if self.is_refund
                else translate("Receipt", "Amount paid"),
                amount,
            ),
            (translate("Receipt", "Card"), card_text(row)),
            (translate("Receipt", "Customer"), customer_text(row)),
            (translate("Receipt", "Clerk"), row.clerk or ""),
            (translate("Receipt", "Approved by"), row.approved_by or ""),
            (translate("Receipt", "Desk"), row.desk or ""),
            (translate("Receipt", "Payment reference"), row.payment_intent_id or ""),
        ]
        if self.is_refund:
            pairs.append((translate("Receipt", "Refund reference"), row.refund_id or ""))
            if row.reason:
                pairs.append((translate("Receipt", "Reason"), reason_words(row.reason)))
        return [(label, value) for label, value in pairs if value]

    def html(self) -> str:
        """The receipt as HTML (the subset ``QTextDocument`` lays out)."""
        translate = QCoreApplication.translate
        esc = html.escape
        title = (
            translate("Receipt", "Refund receipt")
            if self.is_refund
            else translate("Receipt", "Payment receipt")
        )
        parts = ['<html><body style="font-family: sans-serif; font-size: 11pt;">']
        if self.shop_name:
            parts.append(
                f'<p style="font-size: 18pt; font-weight: bold;">{esc(self.shop_name)}</p>'
            )
        if self.shop_address:
            address = "<br>".join(esc(line) for line in self.shop_address.splitlines())
            parts.append(f"<p>{address}</p>")
        parts.append("<hr>")
        parts.append(f'<p style="font-size: 15pt; font-weight: bold;">{esc(title)}</p>')
        parts.append('<table cellspacing="0" cellpadding="5" width="100%">')
        for number, (label, value) in enumerate(self.lines()):
            size = ' style="font-size: 14pt;"' if number == 1 else ""  # the amount
            parts.append(
                f'<tr><td width="38%" valign="bottom" style="color: #555555;">{esc(label)}</td>'
                f"<td{size}><b>{esc(value)}</b></td></tr>"
            )
        parts.append("</table>")
        # In a framed box: the one line a card network looks for on a MOTO receipt.
        parts.append(
            '<p></p><table cellspacing="0" cellpadding="6" border="1" width="100%"'
            ' style="border-color: #888888; border-style: solid;"><tr><td><b>'
            + esc(translate("Receipt", "Card not present — mail/telephone order (MOTO)"))
            + "</b></td></tr></table>"
        )
        if self.is_refund:
            parts.append(
                "<p>"
                + esc(
                    translate(
                        "Receipt",
                        "The refund goes back to the card above. It usually reaches the "
                        "customer's account within 5 to 10 business days.",
                    )
                )
                + "</p>"
            )
        parts.append(
            '<p style="color: #555555;">'
            + esc(translate("Receipt", "Please keep this receipt for your records."))
            + "</p>"
        )
        parts.append("</body></html>")
        return "".join(parts)

    def document(self) -> QTextDocument:
        """The receipt laid out for an A4 or Letter page (the printer sets the final size)."""
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setHtml(self.html())
        return document

    # ------------------------------------------------------------------ output
    def print_to(self, printer: QPrinter) -> None:
        """Lay the receipt out on ``printer``'s page and print it."""
        printer.setPageMargins(
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
        )
        document = self.document()
        # The page size in points makes the document paginated by us, so print_() draws no
        # page number (a one-page receipt needs none) and scales points to the printer.
        document.setPageSize(printer.pageRect(QPrinter.Unit.Point).size())
        document.print_(printer)

    def save_pdf(self, path: Path) -> None:
        """Write the receipt as a one-page PDF at ``path`` (raises ``OSError`` on failure)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(self.file_name())
        printer.setCreator("moto-desk")
        printer.setOutputFileName(str(path))
        self.print_to(printer)
        if not path.is_file() or path.stat().st_size == 0:
            raise OSError(f"the PDF could not be written to {path}")
