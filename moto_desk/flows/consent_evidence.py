"""Consent evidence: what a shop shows a bank or an auditor to prove a customer agreed.

For one customer, every consent in the ledger with everything known about it: the exact terms
text the customer heard (rebuilt, see below), the version and SHA-256 the ledger recorded, the
channel, clerk, desk and time, the ``allow_redisplay`` choice, the card saved under it and any
later withdrawal — plus the ledger's own verification, run when the evidence is built, so the
reader knows whether the chain those records sit in is intact.

Rebuilding the text. The ledger keeps the hash of the words shown, not the words: the text is
the packaged terms of that version and language with ``{shop_name}`` filled in. The window
fills it with the settings' shop name (or "our shop" in the window's language when none is
set), capitalised where the name starts a sentence (``domain.consent.fill_shop``). So the
evidence tries each candidate shop name, filled both ways, and keeps the one whose SHA-256
equals the recorded hash — the text is then provably the one shown, and the shop name used is
stated. When none matches (an older terms version no longer shipped, a shop renamed since), it
says so with the recorded hash instead of showing a text that was not the one heard.

Qt-free: the window renders this to a PDF; :func:`export_csv` writes the same facts as CSV.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from moto_desk.domain.consent import ConsentTerms, fill_shop, load_terms
from moto_desk.domain.errors import InvalidInput, MotoDeskError
from moto_desk.domain.models import AllowRedisplay, Channel
from moto_desk.domain.sensitive import find_sensitive
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.records.ledger import (
    ConsentLedger,
    ConsentRecord,
    LedgerKind,
    VerifyResult,
    _csv_cell,
    write_private_text,
)
from moto_desk.records.ledger_checkpoint import verify_from_checkpoint
from moto_desk.records.store import Where, open_store
from moto_desk.records.timestamps import Clock, to_iso, utc_now

#: A withdrawal reason longer than this is refused: it is a sentence, not a letter.
MAX_REASON = 500

# The window's rule until December 2026, which also capitalised the shop's name after a
# colon ("Stripe: Our shop"): consents recorded under it must still rebuild.
_SENTENCE_START_BEFORE_2026_12 = re.compile(
    r"(^|(?<=[.!?:]\s)|(?<=^\d\.\s))\{shop_name\}", re.MULTILINE
)


class TermsFound(StrEnum):
    """Whether the text the customer heard could be rebuilt from the recorded hash."""

    REBUILT = "rebuilt"
    #: The recorded version/language is not shipped with this installation any more.
    VERSION_UNAVAILABLE = "version_unavailable"
    #: The version is shipped, but no candidate shop name gives the recorded hash.
    NO_MATCH = "no_match"


@dataclass(frozen=True)
class TermsShown:
    """The terms behind a recorded hash; ``text`` and ``shop_name`` only when rebuilt."""

    found: TermsFound
    text: str | None = None
    shop_name: str | None = None

    @property
    def rebuilt(self) -> bool:
        return self.found is TermsFound.REBUILT


@dataclass(frozen=True)
class CardUnderConsent:
    """The card saved under a consent, as the ledger recorded it (never the number)."""

    time: datetime
    setup_intent_id: str | None
    payment_method_id: str | None
    brand: str | None
    last4: str | None
    exp_month: int | None
    exp_year: int | None
    allow_redisplay: AllowRedisplay | None
    seq: int
    hash: str

    @property
    def expiry(self) -> str:
        if self.exp_month is None or self.exp_year is None:
            return ""
        return f"{self.exp_month:02d}/{self.exp_year}"


@dataclass(frozen=True)
class Withdrawal:
    """A revocation record: the customer withdrew the consent."""

    time: datetime
    clerk: str | None
    desk: str | None
    reason: str | None
    payment_method_id: str | None
    seq: int
    hash: str


@dataclass(frozen=True)
class ConsentItem:
    """One consent and what followed it."""

    record_id: str
    seq: int
    hash: str
    time: datetime
    clerk: str | None
    desk: str | None
    channel: Channel | None
    allow_redisplay: AllowRedisplay | None
    terms_version: str | None
    terms_language: str | None
    terms_sha256: str | None
    terms: TermsShown
    card: CardUnderConsent | None
    withdrawals: tuple[Withdrawal, ...] = ()

    @property
    def withdrawn(self) -> bool:
        return bool(self.withdrawals)


@dataclass(frozen=True)
class ConsentEvidence:
    """Everything the ledger proves about one customer's consents, at ``built_at``."""

    customer_id: str
    built_at: datetime
    consents: tuple[ConsentItem, ...]
    verify: VerifyResult
    #: Records of this customer that refer to a consent the ledger does not hold (verify
    #: reports them too); listed so nothing the ledger says about the customer is left out.
    stray: tuple[ConsentRecord, ...] = field(default=())


def rebuild_terms(
    version: str | None,
    language: str | None,
    sha256: str | None,
    shop_names: Iterable[str],
    folder: Path | None = None,
) -> TermsShown:
    """The terms text whose SHA-256 is ``sha256``, from the packaged terms of ``version`` in
    ``language`` filled with one of ``shop_names`` (see the module docstring)."""
    if not version or not language or not sha256:
        return TermsShown(TermsFound.VERSION_UNAVAILABLE)
    try:
        template = load_terms(language, folder)
    except MotoDeskError:
        return TermsShown(TermsFound.VERSION_UNAVAILABLE)
    if template.version != version:
        return TermsShown(TermsFound.VERSION_UNAVAILABLE)
    for name in dict.fromkeys(shop_names):  # in order, each once
        for filled in _fillings(template, name):
            if filled.sha256 == sha256:
                return TermsShown(TermsFound.REBUILT, filled.text, name)
    return TermsShown(TermsFound.NO_MATCH)


def _fillings(template: ConsentTerms, shop: str) -> tuple[ConsentTerms, ...]:
    """``template`` filled with ``shop`` as the window does (:func:`fill_shop`), as it did
    before (also capitalised after a colon), and plainly (:meth:`ConsentTerms.for_shop`)."""
    capital = shop[:1].upper() + shop[1:]
    text = _SENTENCE_START_BEFORE_2026_12.sub(capital.replace("\\", "\\\\"), template.text)
    before = ConsentTerms(template.version, template.language, text.replace("{shop_name}", shop))
    return (fill_shop(template, shop), before, template.for_shop(shop))


def build_evidence(
    records_at: Where,
    customer_id: str,
    *,
    shop_names: Sequence[str] = (),
    terms_folder: Path | None = None,
    clock: Clock = utc_now,
) -> ConsentEvidence:
    """The evidence for ``customer_id`` from the desk's ledger, verified now: the chain from
    the desk's last checkpoint (``records.ledger_checkpoint``; in full the first time), and the
    customer's own records each re-hashed and checked to follow the record before them.

    ``shop_names`` are the names the terms may have been filled with (the settings' shop
    name, "our shop" in each language the window speaks); the first that rebuilds the
    recorded hash is named in the evidence.
    """
    conn = open_store(records_at)
    try:
        ledger = ConsentLedger(conn)
        records = ledger.records(customer_id)
        own = ledger.verify_records(customer_id)
    finally:
        conn.close()
    # The chain from the desk's last verified checkpoint (a shop's ledger holds hundreds of
    # thousands of records), and this customer's own records in full.
    verify = verify_from_checkpoint(records_at)
    if own:
        problems = list(dict.fromkeys([*verify.problems, *own]))
        verify = replace(verify, ok=False, problems=problems, checkpoint=None)
    consents = [r for r in records if r.kind is LedgerKind.CONSENT]
    known = {r.record_id for r in consents}
    stray = tuple(
        r for r in records if r.kind is not LedgerKind.CONSENT and r.refers_to not in known
    )
    items = tuple(_item(consent, records, shop_names, terms_folder) for consent in consents)
    return ConsentEvidence(customer_id, clock(), items, verify, stray)


def _item(
    consent: ConsentRecord,
    records: list[ConsentRecord],
    shop_names: Sequence[str],
    terms_folder: Path | None,
) -> ConsentItem:
    following = [r for r in records if r.refers_to == consent.record_id]
    saved = next((r for r in following if r.kind is LedgerKind.CARD_SAVED), None)
    card = (
        CardUnderConsent(
            time=saved.time,
            setup_intent_id=saved.setup_intent_id,
            payment_method_id=saved.payment_method_id,
            brand=saved.card_brand,
            last4=saved.card_last4,
            exp_month=saved.card_exp_month,
            exp_year=saved.card_exp_year,
            allow_redisplay=saved.allow_redisplay,
            seq=saved.seq,
            hash=saved.hash,
        )
        if saved is not None
        else None
    )
    withdrawals = tuple(
        Withdrawal(r.time, r.clerk, r.desk, r.reason, r.payment_method_id, r.seq, r.hash)
        for r in following
        if r.kind is LedgerKind.REVOCATION
    )
    return ConsentItem(
        record_id=consent.record_id,
        seq=consent.seq,
        hash=consent.hash,
        time=consent.time,
        clerk=consent.clerk,
        desk=consent.desk,
        channel=consent.channel,
        allow_redisplay=consent.allow_redisplay,
        terms_version=consent.terms_version,
        terms_language=consent.terms_language,
        terms_sha256=consent.terms_sha256,
        terms=rebuild_terms(
            consent.terms_version,
            consent.terms_language,
            consent.terms_sha256,
            shop_names,
            terms_folder,
        ),
        card=card,
        withdrawals=withdrawals,
    )


def check_withdrawal_reason(reason: str) -> str:
    """The clerk's reason for a withdrawal, cleaned — or :class:`InvalidInput` saying why not.

    Checked before :func:`~moto_desk.flows.detach.remove_card` runs: the journal refuses a
    reason that looks like a card number with an internal error (the clerk would see "something
    went wrong"), and the ledger refuses it in words only after Stripe has detached the card,
    which cannot be undone. The refusal here uses the ledger's own words, before anything
    happens.
    """
    text = " ".join(reason.split())
    if not text:
        raise InvalidInput(
            QT_TRANSLATE_NOOP(
                "clerk",
                "Enter why the customer withdrew consent (for example: “asked by phone”).",
            ),
            field="reason",
        )
    if find_sensitive(text, "reason"):
        raise InvalidInput(
            QT_TRANSLATE_NOOP(
                "clerk",
                "The reason looks like it contains a card number or a key. "
                "Do not type card details here: describe the reason in words.",
            ),
            field="reason",
        )
    if len(text) > MAX_REASON:
        raise InvalidInput(
            QT_TRANSLATE_NOOP("clerk", "The reason is too long (at most {limit} characters)."),
            args={"limit": str(MAX_REASON)},
            field="reason",
        )
    return text


# ---------------------------------------------------------------------------------- CSV

CSV_COLUMNS = (
    "customer_id", "consent_record_id", "consent_seq", "consent_hash", "consent_time",
    "clerk", "desk", "channel", "allow_redisplay", "terms_version", "terms_language",
    "terms_sha256", "terms_rebuilt", "terms_shop_name", "terms_text",
    "card_saved_time", "setup_intent_id", "payment_method_id", "card_brand", "card_last4",
    "card_exp", "withdrawn", "withdrawal_time", "withdrawal_clerk", "withdrawal_desk",
    "withdrawal_reason", "ledger_verified", "ledger_records", "ledger_last_hash",
    "ledger_problems", "evidence_built_at",
)  # fmt: skip


def terms_cell(terms: TermsShown, sha256: str | None) -> str:
    """The terms text, or the statement that it cannot be rebuilt (with the recorded hash)."""
    if terms.rebuilt and terms.text is not None:
        return terms.text
    return f"text not reconstructable, hash {sha256 or '(none recorded)'}"


def _time(moment: datetime | None) -> str:
    return to_iso(moment) if moment is not None else ""


def csv_rows(evidence: ConsentEvidence) -> list[list[object]]:
    """One row per consent (a consent with no card or no withdrawal leaves those cells empty);
    the verification columns repeat on every row so each row stands on its own."""
    verify = evidence.verify
    ledger = [
        "ok" if verify.ok else "problems",
        verify.count,
        verify.last_hash,
        " | ".join(verify.problems),
        _time(evidence.built_at),
    ]
    rows: list[list[object]] = []
    for item in evidence.consents:
        card, withdrawal = item.card, item.withdrawals[0] if item.withdrawals else None
        rows.append(
            [
                evidence.customer_id,
                item.record_id,
                item.seq,
                item.hash,
                _time(item.time),
                item.clerk or "",
                item.desk or "",
                item.channel.value if item.channel else "",
                item.allow_redisplay.value if item.allow_redisplay else "",
                item.terms_version or "",
                item.terms_language or "",
                item.terms_sha256 or "",
                "yes" if item.terms.rebuilt else "no",
                item.terms.shop_name or "",
                terms_cell(item.terms, item.terms_sha256),
                _time(card.time) if card else "",
                (card.setup_intent_id or "") if card else "",
                (card.payment_method_id or "") if card else "",
                (card.brand or "") if card else "",
                (card.last4 or "") if card else "",
                card.expiry if card else "",
                "yes" if withdrawal else "no",
                _time(withdrawal.time) if withdrawal else "",
                (withdrawal.clerk or "") if withdrawal else "",
                (withdrawal.desk or "") if withdrawal else "",
                (withdrawal.reason or "") if withdrawal else "",
                *ledger,
            ]
        )
    return rows


def export_csv(evidence: ConsentEvidence, path: Path) -> int:
    """Write the evidence to ``path`` as CSV (owner-only, replaced atomically); the row count.

    Text a spreadsheet would run as a formula (a reason typed as ``=…``) is quoted, as in the
    ledger's own export.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    rows = csv_rows(evidence)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    write_private_text(path, buffer.getvalue())
    return len(rows)
