"""The history loader, without Qt: journal entries joined with customers, cards and refunds,
and filtered the way the history dialog asks — over a desk that really saved, charged,
refunded and failed against the simulator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any

import pytest

from moto_desk.domain.errors import MotoDeskError
from moto_desk.domain.models import Customer, SavedCard
from moto_desk.domain.money import Money
from moto_desk.flows import history
from moto_desk.flows.charge import ChargeRequest, charge_saved_card
from moto_desk.flows.history import (
    HistoryFilters,
    HistoryRow,
    Outcome,
    dashboard_target,
    dashboard_url,
    load_history,
)
from moto_desk.flows.refund import RefundRequest, refund_charge
from moto_desk.flows.save_card import save_card
from moto_desk.records.connection import ShopConnection
from moto_desk.records.journal import JournalKind, JournalState
from tests.helpers.saved_cards import save_card as put_card

from .conftest import Desk, card


@dataclass
class Day:
    """What one desk did: ids the assertions need."""

    ada: Customer
    grace: Customer
    saved: SavedCard
    paid: str  # the PaymentIntent refunded in two parts
    kept: str  # a PaymentIntent never refunded


def work_a_day(desk: Desk) -> Day:
    """Two customers; a save; two charges; a decline; a partial refund and the rest."""
    ada = desk.customer("Ada Lovelace")
    grace = desk.customer("Grace Hopper")
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card("4242424242424242"))
    saved = save_card(desk.ctx, desk.save_request(ada, reader)).card
    paid = charge_saved_card(desk.ctx, ChargeRequest(ada.id, saved, Money(5000, "usd")))
    kept = charge_saved_card(desk.ctx, ChargeRequest(ada.id, saved, Money(1200, "usd")))
    declining = SavedCard(
        put_card(desk.sim, grace.id, "4000000000000341"), grace.id, "visa", "0341", 12, 2030
    )
    with pytest.raises(MotoDeskError):
        charge_saved_card(desk.ctx, ChargeRequest(grace.id, declining, Money(900, "usd")))
    refund_charge(desk.ctx, RefundRequest(paid.payment_intent_id, ada.id, Money(1500, "usd")))
    refund_charge(desk.ctx, RefundRequest(paid.payment_intent_id, ada.id, None))
    return Day(ada, grace, saved, paid.payment_intent_id, kept.payment_intent_id)


def only(rows: list[HistoryRow], kind: JournalKind, **where: object) -> HistoryRow:
    found = [
        r for r in rows if r.kind is kind and all(getattr(r, k) == v for k, v in where.items())
    ]
    assert len(found) == 1, found
    return found[0]


def test_history_joins_customers_cards_and_refunds(desk: Desk) -> None:
    day = work_a_day(desk)
    rows = load_history(desk.ctx.records_at, HistoryFilters())
    kinds = [r.kind.value for r in rows]
    assert sorted(kinds) == sorted(
        ["create_customer"] * 2 + ["save_card"] + ["charge"] * 3 + ["refund"] * 2
    )
    assert [r.created_at for r in rows] == sorted((r.created_at for r in rows), reverse=True)

    save = only(rows, JournalKind.SAVE_CARD)
    assert (save.customer_name, save.card_brand, save.card_last4) == (
        "Ada Lovelace",
        "visa",
        "4242",
    )
    assert save.outcome is Outcome.SUCCEEDED
    assert (save.stripe_object_id or "").startswith("seti_")
    assert save.payment_method_id == day.saved.payment_method_id
    assert save.clerk == "alice"
    assert save.desk == "desk-1"

    paid = only(rows, JournalKind.CHARGE, payment_intent_id=day.paid)
    assert paid.amount == Money(5000, "usd")
    assert paid.refunded == Money(5000, "usd")
    assert paid.remaining == Money(0, "usd")
    assert not paid.refundable
    assert paid.has_receipt
    assert paid.customer_email is not None
    assert paid.customer_email.startswith("ada.")

    kept = only(rows, JournalKind.CHARGE, payment_intent_id=day.kept)
    assert kept.refunded == Money(0, "usd")
    assert kept.remaining == Money(1200, "usd")
    assert kept.refundable

    declined = only(rows, JournalKind.CHARGE, outcome=Outcome.FAILED)
    assert declined.customer_name == "Grace Hopper"
    assert declined.card_last4 == "0341"
    assert declined.outcome_code == "generic_decline"
    assert declined.outcome_message is not None
    assert "declined" in declined.outcome_message
    assert not declined.refundable
    assert not declined.has_receipt

    refunds = sorted((r for r in rows if r.kind is JournalKind.REFUND), key=lambda r: r.created_at)
    # The second refund asked for "whatever remains": the history shows how much that was.
    assert [r.amount for r in refunds] == [Money(1500, "usd"), Money(3500, "usd")]
    for refund in refunds:
        assert refund.payment_intent_id == day.paid
        assert (refund.card_brand, refund.card_last4) == ("visa", "4242")
        assert (refund.refund_id or "").startswith("re_")
        assert refund.reason == "requested_by_customer"
        assert refund.customer_name == "Ada Lovelace"
        assert refund.has_receipt


def test_filters_by_customer_outcome_and_days(desk: Desk) -> None:
    day = work_a_day(desk)
    path = desk.ctx.records_at

    def kinds(filters: HistoryFilters) -> list[str]:
        return sorted(r.kind.value for r in load_history(path, filters, tz=UTC))

    assert kinds(HistoryFilters(customer="hopper")) == ["charge", "create_customer"]
    # Case and accents do not matter, and every word must match.
    assert kinds(HistoryFilters(customer="GRÂCE hop")) == ["charge", "create_customer"]
    assert kinds(HistoryFilters(customer="grace lovelace")) == []
    assert len(kinds(HistoryFilters(customer=day.ada.id))) == 6
    assert kinds(HistoryFilters(outcome=Outcome.FAILED)) == ["charge"]
    # (A whole word: "ada" alone is in about one random customer id in 1,400.)
    assert kinds(HistoryFilters(customer="lovelace", outcome=Outcome.FAILED)) == []
    assert kinds(HistoryFilters(outcome=Outcome.CANCELED)) == []

    newest = load_history(path, HistoryFilters(limit=1))
    assert len(newest) == 1
    today = newest[0].created_at.astimezone(UTC).date()
    assert len(kinds(HistoryFilters(since=today, until=today))) == 8
    assert kinds(HistoryFilters(since=today + timedelta(days=1))) == []
    assert kinds(HistoryFilters(until=today - timedelta(days=1))) == []

    # Filtered to refunds' day but not to their charges: the charge is still looked up.
    refunds = load_history(path, HistoryFilters(customer="ada", outcome=Outcome.SUCCEEDED))
    assert {r.kind for r in refunds} >= {JournalKind.REFUND, JournalKind.CHARGE}


def test_a_customer_filter_finds_each_new_customer_entry_whatever_came_after(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new-customer entry names its customer only by the object it created. Filtered to a
    customer, the history finds that entry however many customers were created since (by
    the object, through its index); a create the customer index does not know — it failed,
    or the customer was forgotten here — is matched by what its form said, among the
    newest creates (two here, 5,000 in a shop)."""
    monkeypatch.setattr(history, "_NEW_CUSTOMER_SCAN", 2)
    path = desk.ctx.records_at
    ada = desk.customer("Ada Lovelace")
    mary = desk.customer("Mary Somerville")
    with desk.records() as records:
        failed = records.journal.begin(
            JournalKind.CREATE_CUSTOMER,
            clerk="front",
            details={"form": {"name": "Emmy Noether", "email": None, "phone": None}},
        )
        records.journal.mark(failed.id, JournalState.FAILED, "invalid_request", "refused")
        records.customers.forget(mary.id)
    desk.customer("Grace Hopper")

    def created(text: str) -> list[str | None]:
        rows = load_history(path, HistoryFilters(customer=text))
        return [r.customer_id for r in rows if r.kind is JournalKind.CREATE_CUSTOMER]

    assert created("lovelace") == [ada.id]  # three creates later
    assert created("emmy noether") == [None]  # the failed create, by its form
    assert created("noether grace") == []
    assert created(mary.id) == [mary.id]  # forgotten here: by the id typed
    assert created("hopper") != []
    # Older than the newest two creates, a create the index does not know is not searched.
    desk.customer("Hedy Lamarr")
    assert created("emmy noether") == []
    assert created("lovelace") == [ada.id]


def test_operations_in_doubt_show_as_unknown_and_block_a_second_refund(desk: Desk) -> None:
    """A charge whose answer was lost is "unknown"; a charge with a refund in doubt may not
    be refunded again until that refund is settled."""
    day = work_a_day(desk)
    with desk.records() as records:
        lost = records.journal.begin(
            JournalKind.CHARGE, clerk="bob", customer_id=day.grace.id, amount=Money(700, "usd")
        )
        records.journal.step_key(lost.id, "create_payment_intent")
        doubt = records.journal.begin(
            JournalKind.REFUND,
            customer_id=day.ada.id,
            amount=Money(100, "usd"),
            details={"payment_intent": day.kept},
        )
        records.journal.step_key(doubt.id, "create_refund")

    rows = load_history(desk.ctx.records_at, HistoryFilters(outcome=Outcome.UNKNOWN))
    assert {r.entry_id for r in rows} == {lost.id, doubt.id}
    assert all(r.outcome is Outcome.UNKNOWN for r in rows)
    assert not any(r.has_receipt for r in rows)

    kept = only(
        load_history(desk.ctx.records_at, HistoryFilters()),
        JournalKind.CHARGE,
        payment_intent_id=day.kept,
    )
    assert kept.refund_open
    assert kept.remaining == Money(1200, "usd")  # the doubtful refund is not counted…
    assert not kept.refundable  # …but blocks another one


def test_dashboard_links_for_test_and_live() -> None:
    assert (
        dashboard_url("pi_3Abc", live=False) == "https://dashboard.stripe.com/test/payments/pi_3Abc"
    )
    assert dashboard_url("pi_3Abc", live=True) == "https://dashboard.stripe.com/payments/pi_3Abc"
    assert (
        dashboard_url("seti_1X", live=False)
        == "https://dashboard.stripe.com/test/setup_intents/seti_1X"
    )
    assert dashboard_url("cus_Q", live=True) == "https://dashboard.stripe.com/customers/cus_Q"
    assert dashboard_url("pm_1", live=True) is None
    assert dashboard_url("pi_1/../../x", live=True) is None


def test_dashboard_target_is_the_payment_for_charges_and_refunds(desk: Desk) -> None:
    day = work_a_day(desk)
    rows = load_history(desk.ctx.records_at, HistoryFilters())
    assert {dashboard_target(r) for r in rows if r.kind is JournalKind.REFUND} == {day.paid}
    save = only(rows, JournalKind.SAVE_CARD)
    assert dashboard_target(save) == save.stripe_object_id
    new = only(rows, JournalKind.CREATE_CUSTOMER, customer_id=day.grace.id)
    assert dashboard_target(new) == day.grace.id


def test_stripe_says_what_is_left_to_refund(desk: Desk) -> None:
    """The refund dialog's authority: Stripe's charge, which also knows refunds made outside
    this desk (here, one made straight through the API as the Dashboard would)."""
    day = work_a_day(desk)
    assert desk.gateway.refundable_amount(day.paid) == Money(0, "usd")
    assert desk.gateway.refundable_amount(day.kept) == Money(1200, "usd")
    desk.gateway.refund(
        payment_intent_id=day.kept,
        amount=Money(200, "usd"),
        reason=None,
        metadata={},
        idempotency_key="dashboard-refund-1",
    )
    assert desk.gateway.refundable_amount(day.kept) == Money(1000, "usd")
    declined = only(
        load_history(desk.ctx.records_at, HistoryFilters(outcome=Outcome.FAILED)),
        JournalKind.CHARGE,
    )
    assert declined.payment_intent_id is not None
    assert desk.gateway.refundable_amount(declined.payment_intent_id) == Money(0, "usd")


class Spy:
    """Every statement the records run, on either store."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from moto_desk.flows import context

        self.statements: list[str] = []
        original = context.open_store

        def open_spied(where: Any) -> Any:
            conn = original(where)
            if isinstance(conn, ShopConnection):
                execute = conn.execute

                def spied(sql: str, parameters: Any = (), /) -> Any:
                    self.statements.append(sql)
                    return execute(sql, parameters)

                conn.execute = spied  # type: ignore[method-assign]
                return conn
            return SpiedFile(conn, self.statements)

        monkeypatch.setattr(context, "open_store", open_spied)


class SpiedFile:
    def __init__(self, conn: Any, statements: list[str]) -> None:
        self._conn, self._statements = conn, statements

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        self._statements.append(sql)
        return self._conn.execute(sql, parameters)

    def executemany(self, sql: str, rows: Any, /) -> Any:
        return self._conn.executemany(sql, rows)

    @property
    def in_transaction(self) -> bool:
        return bool(self._conn.in_transaction)

    def close(self) -> None:
        self._conn.close()


def test_history_reads_only_its_pages_customers_and_cards(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shop's index and ledger hold years of customers: the history looks up those of the
    operations it shows, never the whole index or the whole ledger."""
    day = work_a_day(desk)
    with desk.records() as records:
        records.customers.remember_all(
            [Customer(f"cus_other{n}", f"Ada Other {n}", None, None, None) for n in range(30)]
        )
    spy = Spy(monkeypatch)
    rows = load_history(desk.ctx.records_at, HistoryFilters())
    save = only(rows, JournalKind.SAVE_CARD)
    assert (save.customer_name, save.card_last4) == ("Ada Lovelace", "4242")
    reads = [s for s in spy.statements if "customer_index" in s or "FROM ledger" in s]
    assert reads and all(" WHERE " in s for s in reads), reads
    # The customer filter finds by name in the index (and by id), still without reading it
    # whole into the desk.
    spy.statements.clear()
    found = load_history(desk.ctx.records_at, HistoryFilters(customer="ada lovel"))
    assert {r.customer_id for r in found} == {day.ada.id}
    assert all(" WHERE " in s for s in spy.statements if "customer_index" in s)
    by_id = load_history(desk.ctx.records_at, HistoryFilters(customer=day.ada.id[4:].lower()))
    assert {r.customer_id for r in by_id} == {day.ada.id}
