"""``ledger verify --against-stripe``: the consent ledger checked against Stripe's witness.

A hash chain detects an edited record, but someone with write access to the database can
rewrite the whole chain end to end and recompute every hash. Each save therefore puts its
consent record's hash in the SetupIntent's metadata (``consent_hash``), where the shop cannot
change it afterwards without it showing in Stripe's own logs. This compares, for every card
the ledger says was saved, the consent record as the ledger holds it now with what Stripe
kept: the hash, the consent id, the customer and the card.

A record migrated from a desk's own ledger is checked with the hash it had there
(``origin_hash``; ``records migrate`` keeps that chain, and ``ledger verify`` checks the copy
says what the original said). Cards saved before moto-desk wrote the witness have only the
consent id in their metadata: they are counted as unwitnessed, not as problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.flows.context import FlowContext, open_records
from moto_desk.records.ledger import ConsentRecord, LedgerKind


@dataclass
class WitnessReport:
    """How many saved cards Stripe confirmed, and each one it did not, in words."""

    checked: int = 0
    confirmed: int = 0
    unwitnessed: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_against_stripe(ctx: FlowContext) -> WitnessReport:
    """Compare every saved card's consent record with its SetupIntent's metadata."""
    with open_records(ctx.records_at) as records:
        everything = records.ledger.records()
    consents = {r.record_id: r for r in everything if r.kind is LedgerKind.CONSENT}
    report = WitnessReport()
    for saved in everything:
        if saved.kind is not LedgerKind.CARD_SAVED or not saved.setup_intent_id:
            continue
        if ctx.cancel.cancelled:
            raise MotoDeskError(ErrorKind.CANCELED, detail="witness check cancelled")
        report.checked += 1
        consent = consents.get(saved.refers_to or "")
        problem = _compare(ctx, saved, consent, report)
        if problem:
            report.problems.append(problem)
    return report


def _compare(
    ctx: FlowContext,
    saved: ConsentRecord,
    consent: ConsentRecord | None,
    report: WitnessReport,
) -> str | None:
    intent_id = str(saved.setup_intent_id)
    try:
        intent = ctx.gateway.get_setup_intent(intent_id)
    except MotoDeskError as error:
        if error.kind is ErrorKind.NOT_FOUND:
            return f"Record {saved.seq}: Stripe has no SetupIntent {intent_id}."
        raise
    if consent is None:
        return f"Record {saved.seq}: its consent is not in the ledger."
    witness = intent.metadata.get("consent_hash")
    recorded = consent.origin_hash or consent.hash
    if intent.metadata.get("consent_id") != consent.record_id:
        return (
            f"Record {consent.seq} (consent {consent.record_id}): Stripe's {intent_id} was made "
            "for another consent."
        )
    if intent.customer_id not in (None, consent.customer_id):
        return f"Record {consent.seq}: Stripe's {intent_id} belongs to another customer."
    if intent.card is not None and saved.payment_method_id != intent.card.payment_method_id:
        return f"Record {saved.seq}: Stripe's {intent_id} saved another card."
    if witness is None:
        report.unwitnessed += 1
        return None
    if witness != recorded:
        return (
            f"Record {consent.seq} (consent {consent.record_id}, customer "
            f"{consent.customer_id}): Stripe does not confirm its hash — the record was "
            "rewritten after the card was saved."
        )
    report.confirmed += 1
    return None
