"""The approval table of issue 16, row by row: allowed, and refused then approved."""

from __future__ import annotations

from decimal import Decimal

import pytest

from moto_desk.domain.errors import ErrorKind, InvalidInput
from moto_desk.domain.money import Money
from moto_desk.domain.roles import (
    OWNER_ONLY,
    Action,
    Actor,
    ApprovalPolicy,
    NotAllowed,
    Role,
    Verdict,
    authorise,
    check_pin_shape,
    decide,
)

POLICY = ApprovalPolicy()
CLERK = Actor("c1", "Chloé", Role.CLERK)
OTHER_CLERK = Actor("c2", "Bob", Role.CLERK)
SUPERVISOR = Actor("s1", "Sam", Role.SUPERVISOR)
OWNER = Actor("o1", "Olga", Role.OWNER)


@pytest.mark.parametrize(
    "action",
    [
        Action.FIND_CUSTOMERS,
        Action.CREATE_CUSTOMER,
        Action.SAVE_CARD,
        Action.PRINT_RECEIPT,
        Action.REMOVE_CARD,
    ],
)
def test_what_every_clerk_does_alone(action: Action) -> None:
    for role in Role:
        assert decide(POLICY, action, role).verdict is Verdict.ALLOWED
    assert authorise(POLICY, action, CLERK) is None


def test_a_charge_up_to_the_limit_is_the_clerks_above_it_needs_approval() -> None:
    assert authorise(POLICY, Action.CHARGE, CLERK, amount=Money(50000, "usd")) is None
    above = Money(50001, "usd")
    with pytest.raises(NotAllowed) as refused:
        authorise(POLICY, Action.CHARGE, CLERK, amount=above)
    assert refused.value.needs_approval
    assert refused.value.kind is ErrorKind.NOT_ALLOWED
    assert refused.value.clerk_message == "A charge above $500.00 needs a supervisor's approval."
    assert authorise(POLICY, Action.CHARGE, CLERK, SUPERVISOR, above) == SUPERVISOR
    assert authorise(POLICY, Action.CHARGE, CLERK, OWNER, above) == OWNER
    # a supervisor signed in charges alone
    assert authorise(POLICY, Action.CHARGE, SUPERVISOR, amount=above) is None


def test_the_limit_is_in_the_currencys_major_unit() -> None:
    assert decide(POLICY, Action.CHARGE, Role.CLERK, Money(500, "jpy")).allowed
    assert not decide(POLICY, Action.CHARGE, Role.CLERK, Money(501, "jpy")).allowed
    no_limit = ApprovalPolicy(charge_limit=None)
    assert decide(no_limit, Action.CHARGE, Role.CLERK, Money(10**9, "usd")).allowed


def test_another_clerk_or_oneself_cannot_approve() -> None:
    above = Money(60000, "usd")
    for approver in (OTHER_CLERK, CLERK):
        with pytest.raises(NotAllowed, match="may not approve this"):
            authorise(POLICY, Action.CHARGE, CLERK, approver, above)


@pytest.mark.parametrize(
    "action",
    [Action.CHARGE_DUPLICATE, Action.REFUND, Action.CLEAR_READER, Action.EXPORT_EVIDENCE,
     Action.EXPORT_LEDGER],
)  # fmt: skip
def test_supervised_rows_refused_then_approved(action: Action) -> None:
    amount = Money(100, "usd") if action is Action.REFUND else None
    with pytest.raises(NotAllowed) as refused:
        authorise(POLICY, action, CLERK, amount=amount)
    assert refused.value.needs_approval
    assert "supervisor" in refused.value.clerk_message
    assert authorise(POLICY, action, CLERK, SUPERVISOR, amount) == SUPERVISOR
    assert authorise(POLICY, action, SUPERVISOR, amount=amount) is None


def test_refunds_up_to_a_limit_the_owner_sets() -> None:
    policy = ApprovalPolicy(refund_limit=Decimal("20"))
    assert authorise(policy, Action.REFUND, CLERK, amount=Money(2000, "usd")) is None
    with pytest.raises(NotAllowed, match=r"above \$20\.00"):
        authorise(policy, Action.REFUND, CLERK, amount=Money(2001, "usd"))


@pytest.mark.parametrize("action", sorted(OWNER_ONLY))
def test_owner_only_rows_refused_even_with_an_approval(action: Action) -> None:
    for actor in (CLERK, SUPERVISOR):
        with pytest.raises(NotAllowed) as refused:
            authorise(POLICY, action, actor, SUPERVISOR)
        assert not refused.value.needs_approval
        assert "Only the shop's owner" in refused.value.clerk_message
    assert authorise(POLICY, action, OWNER) is None


def test_sign_in_off_checks_nobody() -> None:
    assert authorise(POLICY, Action.SETTINGS, None) is None


def test_policy_round_trips_through_settings() -> None:
    policy = ApprovalPolicy(Decimal("250.00"), Decimal("20"), 10)
    assert ApprovalPolicy.from_settings(policy.to_settings()) == policy
    no_limits = ApprovalPolicy(None, None, 5)
    assert ApprovalPolicy.from_settings(no_limits.to_settings()) == no_limits
    assert ApprovalPolicy.from_settings({}) == ApprovalPolicy()


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "١٢٣٤", ""])
def test_pin_shape(pin: str) -> None:
    with pytest.raises(InvalidInput):
        check_pin_shape(pin)
    assert check_pin_shape("0042") == "0042"
