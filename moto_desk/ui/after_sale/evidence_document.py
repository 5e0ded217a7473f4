"""The consent-evidence document: what the evidence dialog shows and what its PDF prints.

Apart from the dialog (which also records withdrawals) so that the same document can be
printed without a window — ``moto-desk evidence --format pdf`` draws it on Qt's offscreen
platform — and so that one renderer serves both: an auditor reads the same words, rows and
hashes whichever way the shop produced the file.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from moto_desk.domain.models import AllowRedisplay, Channel, Customer
from moto_desk.flows.consent_evidence import ConsentEvidence, ConsentItem, TermsFound
from moto_desk.private_files import replaced_privately

# (light, dark): the verification line must be readable on the view's background; the PDF is
# always printed on white.
_OK_COLOURS = ("#1b5e20", "#a5d6a7")
_BAD_COLOURS = ("#b3261e", "#ef9a9a")
_MUTED_COLOURS = ("#555555", "#bbbbbb")

#: A table row of the document: label, value, and whether the value is an identifier
#: (shown in a fixed-width font so a hash can be compared character by character).
Row = tuple[str, str, bool]


def utc_words(moment: datetime) -> str:
    """Times in the evidence are UTC: an auditor in another time zone reads them unambiguously."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


_utc = utc_words


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def customer_words(customer: Customer) -> str:
    return f"{customer.name} ({customer.id})" if customer.name else customer.id


class EvidenceDocument(QObject):
    """One customer's consent evidence as HTML, a printable document, and a PDF file.

    ``evidence`` may be None while the dialog is still reading the ledger: the document then
    names the customer and the shop only. ``clerk`` and ``desk`` say who produced it.
    """

    def __init__(
        self,
        evidence: ConsentEvidence | None,
        *,
        customer: Customer,
        shop_name: str,
        clerk: str,
        desk: str,
        font: QFont | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._evidence = evidence
        self._customer = customer
        self._shop_name = shop_name.strip()
        self._clerk = clerk
        self._desk = desk
        self._font = QFont(font) if font is not None else QGuiApplication.font()

    def _customer_words(self) -> str:
        return customer_words(self._customer)

    def _verification_words(self, evidence: ConsentEvidence) -> str:
        verify = evidence.verify
        when = _utc(evidence.built_at)
        if verify.ok:
            return self.tr(
                "✓ Consent ledger verified on {time}: all {count} records are intact and in order."
            ).format(time=when, count=verify.count)
        return self.tr(
            "✗ The consent ledger did NOT verify on {time}. The records below may have been "
            "changed: keep this document and tell your administrator. The check found:"
        ).format(time=when)

    def _channel_words(self, channel: Channel | None) -> str:
        if channel is Channel.PHONE:
            return self.tr("By phone")
        if channel is Channel.MAIL:
            return self.tr("By mail")
        return self.tr("Not recorded")

    def _redisplay_words(self, value: AllowRedisplay | None) -> str:
        if value is AllowRedisplay.ALWAYS:
            return self.tr("Always — in any of the shop's checkouts")
        if value is AllowRedisplay.LIMITED:
            return self.tr("Limited — only where the customer agreed to saving it")
        return self.tr("Not recorded")

    def _language_words(self, language: str | None) -> str:
        names = {"en": self.tr("English"), "fr": self.tr("French")}
        return names.get(language or "", language or self.tr("Not recorded"))

    def _terms_check_words(self, item: ConsentItem) -> str:
        terms = item.terms
        if terms.found is TermsFound.REBUILT:
            return self.tr(
                "The text below is the text shown: rebuilt from version {version} with the shop "
                "name “{shop}”, its SHA-256 equals the recorded one."
            ).format(version=item.terms_version or "", shop=terms.shop_name or "")
        if terms.found is TermsFound.VERSION_UNAVAILABLE:
            why = self.tr("this installation does not have version {version} in this language.")
        else:
            why = self.tr(
                "no shop name known to this desk gives this hash (was the shop renamed?)."
            )
        return self.tr("Text not reconstructable, hash {hash}: {why}").format(
            hash=item.terms_sha256 or "", why=why.format(version=item.terms_version or "")
        )

    # ================================================================== the document
    def html(self, *, dark: bool = False) -> str:
        """The evidence as the HTML both the view and the PDF show."""
        evidence = self._evidence
        ok, bad, muted = (c[1 if dark else 0] for c in (_OK_COLOURS, _BAD_COLOURS, _MUTED_COLOURS))
        produced = self.tr("{time} by {clerk} at desk {desk}").format(
            time=_utc(evidence.built_at) if evidence else "",
            clerk=self._clerk,
            desk=self._desk,
        )
        parts = [
            # tr() outside the f-strings: lupdate does not look inside them.
            "<h2>" + _e(self.tr("Consent evidence")) + "</h2>",
            self._table(
                [
                    (self.tr("Customer"), self._customer_words(), False),
                    (self.tr("Shop"), self._shop_name or self.tr("(no shop name set)"), False),
                    (self.tr("Produced"), produced, False),
                ]
            ),
        ]
        if evidence is None:
            return "".join(parts)
        colour = ok if evidence.verify.ok else bad
        parts.append(
            f'<p style="color:{colour}"><b>{_e(self._verification_words(evidence))}</b></p>'
        )
        if evidence.verify.problems:
            # The ledger's own sentences (English, as in its exports and the CLI).
            problems = "".join(f"<li>{_e(p)}</li>" for p in evidence.verify.problems)
            parts.append(f'<ul style="color:{colour}">{problems}</ul>')
        parts.append(self._table([(self.tr("Last ledger hash"), evidence.verify.last_hash, True)]))
        if not evidence.consents:
            none = self.tr("The ledger holds no consent for this customer.")
            parts.append(f"<p>{_e(none)}</p>")
        total = len(evidence.consents)
        for number, item in enumerate(evidence.consents, start=1):
            parts.append(self._consent_html(item, number, total, muted))
        for record in evidence.stray:
            stray = self.tr(
                "Ledger record {seq} ({kind}, {time}) refers to a consent the ledger does not hold."
            ).format(seq=record.seq, kind=record.kind.value, time=_utc(record.time))
            parts.append(f'<p style="color:{bad}">{_e(stray)}</p>')
        footer = self.tr(
            "The consent ledger is append-only and hash-chained: each record's hash covers the "
            "record before it. The record numbers and hashes above let anyone check this "
            "document against an export of the ledger."
        )
        parts.append(f'<p style="color:{muted}"><small>{_e(footer)}</small></p>')
        return "".join(parts)

    def _consent_html(self, item: ConsentItem, number: int, total: int, muted: str) -> str:
        status = self.tr("withdrawn") if item.withdrawn else self.tr("in force")
        title = self.tr("Consent {number} of {total} — {time} ({status})").format(
            number=number, total=total, time=_utc(item.time), status=status
        )
        taken_by = self.tr("{clerk} at desk {desk}").format(
            clerk=item.clerk or "?", desk=item.desk or "?"
        )
        terms = self.tr("version {version}, {language}").format(
            version=item.terms_version or "?", language=self._language_words(item.terms_language)
        )
        rows: list[Row] = [
            (self.tr("Given"), self._channel_words(item.channel), False),
            (self.tr("Taken by"), taken_by, False),
            (self.tr("Card shown again"), self._redisplay_words(item.allow_redisplay), False),
            (self.tr("Terms"), terms, False),
            (self.tr("Terms SHA-256"), item.terms_sha256 or "", True),
            (self.tr("Text check"), self._terms_check_words(item), False),
        ]
        card = item.card
        if card is not None:
            # The same words as the Saved cards list (saved_cards_model.card_words).
            name = f"{(card.brand or '?').title()} •••• {card.last4 or '????'}"
            saved = self.tr("{card}, expires {expiry}, saved {time}").format(
                card=name, expiry=card.expiry or "?", time=_utc(card.time)
            )
            rows.append((self.tr("Card saved"), saved, False))
            rows.append((self.tr("SetupIntent"), card.setup_intent_id or "", True))
            rows.append((self.tr("PaymentMethod"), card.payment_method_id or "", True))
        else:
            rows.append(
                (self.tr("Card saved"), self.tr("No card was saved under this consent."), False)
            )
        for withdrawal in item.withdrawals:
            withdrawn = self.tr("{time} by {clerk} at desk {desk}. Reason: “{reason}”").format(
                time=_utc(withdrawal.time),
                clerk=withdrawal.clerk or "?",
                desk=withdrawal.desk or "?",
                reason=withdrawal.reason or "",
            )
            rows.append((self.tr("Withdrawn"), withdrawn, False))
        records = [(item.seq, item.hash)]
        if card is not None:
            records.append((card.seq, card.hash))
        records.extend((w.seq, w.hash) for w in item.withdrawals)
        for seq, digest in records:
            rows.append((self.tr("Ledger record {seq}").format(seq=seq), digest, True))
        parts = [f"<h3>{_e(title)}</h3>", self._table(rows)]
        if item.terms.rebuilt and item.terms.text:
            paragraphs = "".join(
                f"<p>{_e(p)}</p>" for p in item.terms.text.split("\n\n") if p.strip()
            )
            parts.append(
                "<p><b>" + _e(self.tr("Terms text shown to the customer:")) + "</b></p>"
                '<table width="100%" border="1" cellspacing="0" cellpadding="8" '
                f'style="border-color:{muted}; border-style:solid"><tr><td>{paragraphs}'
                "</td></tr></table>"
            )
        return "".join(parts)

    @staticmethod
    def _table(rows: Sequence[Row]) -> str:
        cells = []
        for label, value, identifier in rows:
            # Identifiers small, and the value column wide enough (70 %), that a SHA-256 stays
            # on one line even beside a long French label: split, it could not be copied from
            # the PDF and compared.
            shown = f'<code style="font-size:8pt">{_e(value)}</code>' if identifier else _e(value)
            cells.append(
                '<tr><td valign="top" width="30%" style="padding-right:12px">'
                f"<b>{_e(label)}</b></td><td>{shown}</td></tr>"
            )
        return f'<table width="100%" cellspacing="0" cellpadding="3">{"".join(cells)}</table>'

    def document(self) -> QTextDocument:
        """The evidence as a printable document (light colours, whatever the screen)."""
        document = QTextDocument(self)
        font = QFont(self._font)
        font.setPointSizeF(9.5)
        # No ligatures: "fi" printed as one glyph is copied and searched as "ﬁ", and an
        # auditor searching the PDF for "verified" would not find it.
        font.setFeature(QFont.Tag("liga"), 0)
        document.setDefaultFont(font)
        document.setHtml(self.html(dark=False))
        return document

    def write_pdf(self, path: Path, title: str) -> None:
        """Print the document to ``path`` as PDF: owner-only, and replaced in one step (a
        temporary file in the same folder, renamed), so no half-written file is left behind.
        Raises ``OSError`` when the file cannot be written.

        On the thread that made this object: laying out and printing a few pages takes
        milliseconds, and QTextDocument belongs to the thread that made it.
        """
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        # No printer margins: QTextDocument.print_ lays the text out with its own 2 cm
        # margins and numbers the pages (the two would add up otherwise).
        printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
        printer.setDocName(title)
        printer.setCreator("moto-desk")
        with replaced_privately(path, ".pdf") as temp:
            printer.setOutputFileName(str(temp))
            self.document().print_(printer)
            with open(temp, "rb") as written:
                if written.read(5) != b"%PDF-":
                    raise OSError("the PDF writer produced no document")
