"""Consent evidence, built from the real ledger after real saves and removals on the simulator:
the terms text rebuilt from the recorded hash (and honestly not, when it cannot be), the card,
the withdrawal, the ledger's verification, and the CSV an auditor receives."""

from __future__ import annotations

import csv
import dataclasses
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from moto_desk.domain.consent import ConsentTerms, load_terms
from moto_desk.domain.errors import InvalidInput
from moto_desk.domain.models import AllowRedisplay, Channel
from moto_desk.flows.consent_evidence import (
    CSV_COLUMNS,
    TermsFound,
    build_evidence,
    check_withdrawal_reason,
    export_csv,
    rebuild_terms,
)
from moto_desk.flows.detach import RemoveCardRequest, remove_card
from moto_desk.flows.save_card import save_card
from moto_desk.records.ledger import COLUMNS, ConsentLedger, record_hash
from tests.helpers.private_modes import assert_owner_only

from .conftest import Desk, card

SHOP = "Chez Marcel"
BUILT = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)


def sha256_of(text: str) -> str:
    return ConsentTerms("v", "en", text).sha256


def save_with_terms(desk: Desk, terms: ConsentTerms, number: str = "4242424242424242") -> tuple:
    """A customer, and a card saved by MOTO under ``terms`` (as the window fills them)."""
    customer = desk.customer()
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card(number))
    request = dataclasses.replace(desk.save_request(customer, reader), terms=terms)
    return customer, save_card(desk.ctx, request)


def save_with_terms_for(desk: Desk, customer_id: str, terms: ConsentTerms, number: str) -> tuple:
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card(number))
    customer = desk.gateway.get_customer(customer_id)
    request = dataclasses.replace(desk.save_request(customer, reader), terms=terms)
    return customer, save_card(desk.ctx, request)


def test_evidence_rebuilds_the_exact_text_and_names_the_shop(desk: Desk) -> None:
    terms = load_terms("en").for_shop(SHOP)
    customer, saved = save_with_terms(desk, terms)
    other, _ = save_with_terms(desk, terms, "5555555555554444")

    evidence = build_evidence(
        desk.ctx.records_at,
        customer.id,
        shop_names=("our shop", SHOP),
        clock=lambda: BUILT,
    )

    assert evidence.customer_id == customer.id
    assert evidence.built_at == BUILT
    assert len(evidence.consents) == 1  # the other customer's consent is not in it
    item = evidence.consents[0]
    assert item.terms.found is TermsFound.REBUILT
    assert item.terms.shop_name == SHOP
    assert item.terms.text == terms.text
    assert item.terms_sha256 == terms.sha256
    assert f"1. {SHOP} will keep your card on file" in (item.terms.text or "")
    assert (item.terms_version, item.terms_language) == (terms.version, "en")
    assert (item.clerk, item.desk, item.channel) == ("alice", "desk-1", Channel.PHONE)
    assert item.allow_redisplay is AllowRedisplay.LIMITED
    assert item.card is not None
    assert item.card.setup_intent_id == saved.setup_intent_id
    assert item.card.payment_method_id == saved.card.payment_method_id
    assert (item.card.brand, item.card.last4) == ("visa", "4242")
    assert item.card.expiry == f"12/{saved.card.exp_year}"
    assert not item.withdrawn
    assert evidence.verify.ok
    assert evidence.verify.count == 4  # two consents, two cards: the whole ledger was checked
    assert evidence.stray == ()
    assert other.id != customer.id


def test_the_window_capitalised_shop_name_is_rebuilt_too() -> None:
    """With no shop name set the window fills in "our shop", capitalised where it opens a
    sentence ("1. Our shop will keep…"): that text must be recognised, not only the plain fill.
    Until December 2026 the window also capitalised after a colon ("Stripe: Our shop"): the
    consents taken then must still rebuild."""
    template = load_terms("en")
    shown = (
        template.for_shop("our shop")
        .text.replace("1. our shop", "1. Our shop")
        .replace("Stripe: our shop", "Stripe: Our shop")
    )
    found = rebuild_terms(template.version, "en", sha256_of(shown), ["Chez Marcel", "our shop"])
    assert found.found is TermsFound.REBUILT
    assert found.shop_name == "our shop"
    assert found.text == shown


def test_the_window_text_keeps_lower_case_after_a_colon() -> None:
    template = load_terms("en")
    shown = template.for_shop("our shop").text.replace("1. our shop", "1. Our shop")
    assert "Stripe: our shop never writes them down" in shown
    found = rebuild_terms(template.version, "en", sha256_of(shown), ["our shop"])
    assert found.found is TermsFound.REBUILT
    assert found.text == shown


def test_a_text_that_cannot_be_rebuilt_is_said_so_with_its_hash(desk: Desk, tmp_path: Path) -> None:
    customer, _ = save_with_terms(desk, load_terms("fr").for_shop("Boulangerie Paul"))
    with desk.records() as records:
        # A consent under terms this installation no longer ships.
        records.ledger.record_consent(
            customer.id,
            clerk="bob",
            desk="desk-2",
            channel=Channel.MAIL,
            terms=ConsentTerms("2025-01-01", "en", "Older words."),
            allow_redisplay=AllowRedisplay.ALWAYS,
        )
    # The shop was renamed since: the recorded hash matches none of today's names.
    evidence = build_evidence(desk.ctx.records_at, customer.id, shop_names=("Paul & Fils",))
    renamed, older = evidence.consents
    assert renamed.terms.found is TermsFound.NO_MATCH
    assert renamed.terms.text is None
    assert renamed.terms_language == "fr"
    assert older.terms.found is TermsFound.VERSION_UNAVAILABLE
    assert older.card is None

    path = tmp_path / "evidence.csv"
    assert export_csv(evidence, path) == 2
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["terms_text"] == f"text not reconstructable, hash {renamed.terms_sha256}"
    assert rows[0]["terms_rebuilt"] == "no"
    assert rows[1]["terms_text"] == f"text not reconstructable, hash {older.terms_sha256}"
    assert rows[1]["card_last4"] == ""


def test_a_withdrawal_shows_who_when_and_why(desk: Desk) -> None:
    customer, saved = save_with_terms(desk, load_terms("en").for_shop(SHOP))
    remove_card(
        desk.context(clerk="bob", desk="desk-2"),
        RemoveCardRequest(customer.id, saved.card, "customer asked by phone"),
    )
    evidence = build_evidence(desk.ctx.records_at, customer.id, shop_names=(SHOP,))
    (item,) = evidence.consents
    assert item.withdrawn
    (withdrawal,) = item.withdrawals
    assert (withdrawal.clerk, withdrawal.desk) == ("bob", "desk-2")
    assert withdrawal.reason == "customer asked by phone"
    assert withdrawal.payment_method_id == saved.card.payment_method_id
    assert withdrawal.time >= item.time
    assert evidence.verify.ok
    assert desk.gateway.saved_cards(customer.id) == []


def test_csv_export_one_row_per_consent_private_and_formula_safe(
    desk: Desk, tmp_path: Path
) -> None:
    terms = load_terms("en").for_shop(SHOP)
    customer, saved = save_with_terms(desk, terms)
    # A reason a spreadsheet would run as a formula.
    remove_card(desk.ctx, RemoveCardRequest(customer.id, saved.card, "=HYPERLINK(1) by phone"))
    _, second = save_with_terms_for(desk, customer.id, terms, "5555555555554444")
    evidence = build_evidence(
        desk.ctx.records_at, customer.id, shop_names=(SHOP,), clock=lambda: BUILT
    )

    path = tmp_path / "out" / "evidence.csv"
    path.parent.mkdir()
    assert export_csv(evidence, path) == 2
    assert_owner_only(path)
    assert os.listdir(path.parent) == ["evidence.csv"]  # no temporary file left behind
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        assert tuple(next(reader)) == CSV_COLUMNS
        rows = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in reader]
    first, later = rows
    assert first["terms_text"] == terms.text  # the full text, its line breaks kept
    assert first["terms_sha256"] == terms.sha256
    assert first["terms_shop_name"] == SHOP
    assert first["withdrawn"] == "yes"
    assert first["withdrawal_reason"] == "'=HYPERLINK(1) by phone"
    assert first["payment_method_id"] == saved.card.payment_method_id
    assert later["withdrawn"] == "no"
    assert later["card_last4"] == "4444"
    assert later["setup_intent_id"] == second.setup_intent_id
    for row in rows:
        assert row["customer_id"] == customer.id
        assert row["ledger_verified"] == "ok"
        assert row["ledger_records"] == "5"
        assert row["evidence_built_at"] == "2026-11-29T15:00:00.000000+00:00"
    assert "4242424242424242" not in path.read_text(encoding="utf-8")


def test_a_tampered_ledger_is_reported_in_the_evidence(file_desk: Desk) -> None:
    desk = file_desk
    customer, _ = save_with_terms(desk, load_terms("en").for_shop(SHOP))
    conn = sqlite3.connect(desk.file)
    try:
        for trigger in ("ledger_no_update", "ledger_no_delete", "ledger_append_at_end"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("UPDATE ledger SET clerk = 'mallory' WHERE seq = 1")
        conn.commit()
    finally:
        conn.close()
    evidence = build_evidence(desk.ctx.records_at, customer.id, shop_names=(SHOP,))
    assert evidence.consents[0].clerk == "mallory"  # what the file says now…
    assert not evidence.verify.ok  # …and that it was changed after it was written
    assert "Record 1 was changed after it was written." in evidence.verify.problems


def test_withdrawal_reason_is_checked_before_anything_is_detached(desk: Desk) -> None:
    assert check_withdrawal_reason("  customer   asked\nby phone ") == "customer asked by phone"
    with pytest.raises(InvalidInput) as empty:
        check_withdrawal_reason("   ")
    assert empty.value.field == "reason"
    with pytest.raises(InvalidInput) as card_number:
        check_withdrawal_reason("card 4242 4242 4242 4242 was stolen")
    with pytest.raises(InvalidInput):
        check_withdrawal_reason("x" * 501)

    # The refusal is in the ledger's own words.
    with desk.records() as records:
        ledger: ConsentLedger = records.ledger
        consent = ledger.record_consent(
            "cus_x",
            clerk="alice",
            desk="desk-1",
            channel=Channel.PHONE,
            terms=load_terms("en"),
            allow_redisplay=AllowRedisplay.LIMITED,
        )
        with pytest.raises(InvalidInput) as from_ledger:
            ledger.record_revocation(
                consent.record_id,
                reason="card 4242 4242 4242 4242 was stolen",
                clerk="alice",
                desk="desk-1",
            )
    assert card_number.value.template == from_ledger.value.template


def test_a_record_pointing_to_no_consent_of_the_customer_is_listed(file_desk: Desk) -> None:
    """A withdrawal appended (well chained, outside moto-desk) for a consent the customer
    never gave: the evidence lists it rather than dropping it, and verify flags it."""
    desk = file_desk
    customer, _ = save_with_terms(desk, load_terms("en").for_shop(SHOP))
    conn = sqlite3.connect(desk.file)
    try:
        last = conn.execute("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
        row = dict.fromkeys(COLUMNS)
        row.update(
            seq=last[0] + 1, record_id="forged", kind="revocation",
            time="2026-11-29T15:00:00.000000+00:00", customer_id=customer.id,
            clerk="mallory", desk="desk-9", reason="made up", refers_to="no-such-consent",
            prev_hash=last[1],
        )  # fmt: skip
        row["hash"] = record_hash(row)
        names, marks = ", ".join(COLUMNS), ", ".join("?" * len(COLUMNS))
        conn.execute(
            f"INSERT INTO ledger ({names}) VALUES ({marks})",  # noqa: S608  constant columns
            [row[name] for name in COLUMNS],
        )
        conn.execute("UPDATE ledger_head SET seq = ?, hash = ?", (row["seq"], row["hash"]))
        conn.commit()
    finally:
        conn.close()
    evidence = build_evidence(desk.ctx.records_at, customer.id, shop_names=(SHOP,))
    assert [r.record_id for r in evidence.stray] == ["forged"]
    assert not evidence.consents[0].withdrawn
    assert not evidence.verify.ok
    assert "Record 3 refers to a consent that does not come before it." in evidence.verify.problems


def test_evidence_verifies_the_chain_from_the_last_checkpoint(desk: Desk) -> None:
    first, _ = save_with_terms(desk, load_terms("en").for_shop(SHOP))
    built = build_evidence(desk.ctx.records_at, first.id, shop_names=(SHOP,))
    assert (built.verify.ok, built.verify.count, built.verify.earlier) == (True, 2, 0)
    second, _ = save_with_terms(desk, load_terms("en").for_shop(SHOP), "5555555555554444")
    again = build_evidence(desk.ctx.records_at, second.id, shop_names=(SHOP,))
    assert (again.verify.ok, again.verify.count, again.verify.earlier) == (True, 4, 2)


def test_the_customers_own_records_are_checked_whatever_the_checkpoint(file_desk: Desk) -> None:
    desk = file_desk
    customer, _ = save_with_terms(desk, load_terms("en").for_shop(SHOP))
    other, _ = save_with_terms(desk, load_terms("en").for_shop(SHOP), "5555555555554444")
    assert build_evidence(desk.ctx.records_at, other.id, shop_names=(SHOP,)).verify.ok
    conn = sqlite3.connect(desk.file)
    try:
        for trigger in ("ledger_no_update", "ledger_no_delete", "ledger_append_at_end"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("UPDATE ledger SET clerk = 'mallory' WHERE seq = 1")  # before the checkpoint
        conn.commit()
    finally:
        conn.close()
    evidence = build_evidence(desk.ctx.records_at, customer.id, shop_names=(SHOP,))
    assert not evidence.verify.ok
    assert evidence.verify.problems == ["Record 1 was changed after it was written."]
    # Another customer's evidence relies on the checkpoint; `ledger verify` is full.
    assert build_evidence(desk.ctx.records_at, other.id, shop_names=(SHOP,)).verify.ok
    with desk.records() as records:
        assert not records.ledger.verify().ok
