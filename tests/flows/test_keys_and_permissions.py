"""Keys: their kind decides the mode; Stripe's refusals become words a clerk can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from moto_desk.domain.errors import ErrorKind, MotoDeskError, PermissionDenied
from moto_desk.domain.money import Money
from moto_desk.flows.charge import ChargeRequest, charge_saved_card
from moto_desk.flows.context import DeskIdentity, FlowContext
from moto_desk.flows.save_card import save_card
from moto_desk.gateway.client import Gateway
from moto_desk.gateway.keys import Mode, classify, mask

from .conftest import Desk, card


@pytest.mark.parametrize(
    ("key", "mode", "restricted"),
    [
        ("sk_test_abc123456789", Mode.TEST, False),
        ("rk_test_abc123456789", Mode.TEST, True),
        ("sk_live_abc123456789", Mode.LIVE, False),
        ("rk_live_abc123456789", Mode.LIVE, True),
    ],
)
def test_key_kinds(key: str, mode: Mode, restricted: bool) -> None:
    checked = classify(key)
    assert (checked.mode, checked.restricted) == (mode, restricted)
    assert key not in repr(checked)
    assert mask(key).endswith("6789") and key not in mask(key)


@pytest.mark.parametrize("key", ["pk_test_abc123456789", "hello", "", "whsec_abc"])
def test_other_keys_are_refused_with_words(key: str) -> None:
    with pytest.raises(MotoDeskError) as caught:
        classify(key)
    assert caught.value.kind is ErrorKind.CONFIGURATION
    assert "sk_" in caught.value.clerk_message


def test_a_restricted_key_missing_a_permission_names_it(desk: Desk, tmp_path: Path) -> None:
    customer = desk.customer()
    reader = desk.reader()
    desk.sim.set_reader(reader.id, auto_present=card("4242424242424242"))
    saved = save_card(desk.ctx, desk.save_request(customer, reader)).card
    key = "rk_test_no_payment_intents"
    desk.sim.keys.restrict(key, ["rak_customer_read", "rak_payment_method_read"])
    gateway = Gateway(classify(key), desk.sim.url)
    ctx = FlowContext(gateway, desk.ctx.records_at, DeskIdentity("bob", "desk-2"))
    with pytest.raises(PermissionDenied) as caught:
        charge_saved_card(ctx, ChargeRequest(customer.id, saved, Money(1000, "usd")))
    assert caught.value.permission == "rak_payment_intent_write"
    assert "“PaymentIntents: write” permission (rak_payment_intent_write)" in (
        caught.value.clerk_message
    )


def test_a_revoked_key(desk: Desk) -> None:
    desk.sim.keys.revoke("sk_test_revoked_0000")
    gateway = Gateway(classify("sk_test_revoked_0000"), desk.sim.url)
    with pytest.raises(MotoDeskError) as caught:
        gateway.list_readers()
    assert caught.value.kind is ErrorKind.AUTHENTICATION
