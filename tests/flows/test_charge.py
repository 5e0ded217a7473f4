"""Charging a saved card: once per clerk intention, whatever the network does."""

from __future__ import annotations

import pytest

from moto_desk.domain.errors import Declined, ErrorKind, InvalidInput, MotoDeskError, OutcomeUnknown
from moto_desk.domain.models import SavedCard
from moto_desk.domain.money import Money
from moto_desk.flows.charge import ChargeRequest, PossibleDuplicate, charge_saved_card
from moto_desk.flows.reconcile import reconcile
from moto_desk.flows.save_card import save_card
from moto_desk.records.journal import JournalKind, JournalState

from .conftest import Desk, card


def _saved(desk: Desk, number: str = "4242424242424242") -> tuple[str, SavedCard]:
    customer = desk.customer()
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card(number))
    result = save_card(desk.ctx, desk.save_request(customer, reader))
    return customer.id, result.card


def _intents_for(desk: Desk, customer_id: str) -> list[str]:
    from tests.conftest import make_client

    client = make_client(desk.sim)
    return [pi.id for pi in client.v1.payment_intents.list({"customer": customer_id}).data]


def test_charge_succeeds_with_metadata(desk: Desk) -> None:
    customer_id, saved = _saved(desk)
    result = charge_saved_card(
        desk.ctx,
        ChargeRequest(customer_id, saved, Money(1999, "usd"), "Order 42", order_reference="42"),
    )
    assert result.status == "succeeded"
    assert result.amount == Money(1999, "usd")
    with desk.records() as records:
        (entry,) = records.journal.list(kind=JournalKind.CHARGE)
    assert entry.state is JournalState.SUCCEEDED
    assert entry.stripe_object_id == result.payment_intent_id
    assert _intents_for(desk, customer_id) == [result.payment_intent_id]


def test_zero_decimal_currency(desk: Desk) -> None:
    customer_id, saved = _saved(desk)
    result = charge_saved_card(desk.ctx, ChargeRequest(customer_id, saved, Money(500, "jpy")))
    assert result.amount == Money(500, "jpy")


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("4000000000000341", ErrorKind.DECLINED),
        ("4000002760003184", ErrorKind.AUTHENTICATION_REQUIRED),
    ],
)
def test_failed_charges_end_cleanly(desk: Desk, number: str, kind: ErrorKind) -> None:
    customer_id, saved = _saved(desk, number)
    with pytest.raises(MotoDeskError) as caught:
        charge_saved_card(desk.ctx, ChargeRequest(customer_id, saved, Money(1000, "eur")))
    assert caught.value.kind is kind
    if kind is ErrorKind.DECLINED:
        assert isinstance(caught.value, Declined)
    with desk.records() as records:
        (entry,) = records.journal.list(kind=JournalKind.CHARGE)
    assert entry.state is JournalState.FAILED
    assert entry.stripe_object_id is not None
    assert _intents_for(desk, customer_id) == [entry.stripe_object_id]


def test_a_repeat_within_minutes_needs_confirmation(desk: Desk) -> None:
    customer_id, saved = _saved(desk)
    request = ChargeRequest(customer_id, saved, Money(2500, "usd"))
    charge_saved_card(desk.ctx, request)
    with pytest.raises(PossibleDuplicate):
        charge_saved_card(desk.ctx, request)
    assert len(_intents_for(desk, customer_id)) == 1
    # A different amount is not a repeat; an explicit confirmation charges again.
    charge_saved_card(desk.ctx, ChargeRequest(customer_id, saved, Money(2600, "usd")))
    charge_saved_card(
        desk.ctx, ChargeRequest(customer_id, saved, Money(2500, "usd"), confirmed_duplicate=True)
    )
    assert len(_intents_for(desk, customer_id)) == 3


def test_amount_below_the_minimum_is_refused_before_stripe(desk: Desk) -> None:
    customer_id, saved = _saved(desk)
    with pytest.raises(InvalidInput):
        charge_saved_card(desk.ctx, ChargeRequest(customer_id, saved, Money(10, "usd")))
    assert _intents_for(desk, customer_id) == []


def test_response_lost_after_the_charge_was_made(desk: Desk) -> None:
    """The dangerous one: Stripe charged, the answer never arrived. Exactly one charge."""
    customer_id, saved = _saved(desk)
    desk.sim.faults.add(kind="drop_after", method="POST", path="^/v1/payment_intents$", times=1)
    result = charge_saved_card(desk.ctx, ChargeRequest(customer_id, saved, Money(4200, "usd")))
    assert result.status == "succeeded"
    assert _intents_for(desk, customer_id) == [result.payment_intent_id]


def test_outcome_unknown_then_reconciled(desk: Desk) -> None:
    customer_id, saved = _saved(desk)
    # Every attempt's answer is lost: the SDK's retries and the flow's repeats all fail.
    desk.sim.faults.add(kind="drop_after", method="POST", path="^/v1/payment_intents$")
    with pytest.raises(OutcomeUnknown) as caught:
        charge_saved_card(desk.ctx, ChargeRequest(customer_id, saved, Money(4300, "usd")))
    entry_id = caught.value.entry_id
    with desk.records() as records:
        entry = records.journal.get(entry_id or "")
    assert entry is not None and entry.state is JournalState.UNKNOWN
    desk.sim.faults.clear()
    settled = reconcile(desk.ctx)
    assert [(s.entry_id, s.state) for s in settled] == [(entry_id, JournalState.SUCCEEDED)]
    assert len(_intents_for(desk, customer_id)) == 1


def test_server_errors_are_retried_with_the_same_key(desk: Desk) -> None:
    customer_id, saved = _saved(desk)
    desk.sim.faults.add(
        kind="status", status=503, method="POST", path="^/v1/payment_intents$", times=2
    )
    result = charge_saved_card(desk.ctx, ChargeRequest(customer_id, saved, Money(990, "gbp")))
    assert result.status == "succeeded"
    assert _intents_for(desk, customer_id) == [result.payment_intent_id]
