"""``moto-desk evidence --format pdf``: the window's evidence document, printed headless.

The PDF is the document the window's "Export PDF…" writes (one renderer,
``ui/evidence_document.py``), drawn by Qt on the offscreen platform: no display is needed,
and Qt is loaded only for this format.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from moto_desk.domain.models import Customer

if TYPE_CHECKING:
    from moto_desk.cli.desk import Desk
    from moto_desk.flows.consent_evidence import ConsentEvidence


def _customer(desk: Desk, customer_id: str) -> Customer:
    """The customer as this desk's index knows them (the name heads the document)."""
    from moto_desk.flows.context import open_records

    with open_records(desk.records_at) as records:
        found = records.customers.get(customer_id)
    return found or Customer(customer_id, None, None, None, None)


def write_evidence_pdf(evidence: ConsentEvidence, out: Path, desk: Desk, language: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from moto_desk.ui.after_sale.evidence_document import EvidenceDocument, customer_words
    from moto_desk.ui.shell.translations import install_translators

    app = QApplication.instance() or QApplication(["moto-desk"])
    translators = install_translators(app, language)
    customer = _customer(desk, evidence.customer_id)
    document = EvidenceDocument(
        evidence,
        customer=customer,
        shop_name=desk.settings.shop_name,
        clerk=desk.clerk,
        desk=desk.desk,
    )
    title = f"Consent evidence — {customer_words(customer)}"
    try:
        document.write_pdf(out, title)
    except OSError as exc:
        from moto_desk.records.ledger import export_failed

        raise export_failed(out, exc) from exc
    finally:
        del translators
