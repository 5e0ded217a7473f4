"""Clerks' roles, what each may do, and when a supervisor must approve (issue 16).

Pure rules, no I/O: :func:`decide` says whether a person of a role may do an action alone
(``ALLOWED``), only with a supervisor's approval (``NEEDS_APPROVAL``), or not at all
(``REFUSED``), with the reason in the clerk's words (a ``QT_TRANSLATE_NOOP`` template). The
shop's :class:`ApprovalPolicy` holds what the owner may change: the charge limit, the refund
limit and the idle lock. :func:`authorise` applies a decision to who is at the desk and who
approved, and raises :class:`NotAllowed` (exit code 6 on the command line) when it fails.

When no clerk account exists, sign-in is off and nobody is checked (a one-person shop keeps
working as before): callers pass ``actor=None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.money import Money, currency_rule, format_money
from moto_desk.domain.words import QT_TRANSLATE_NOOP


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    OWNER = "owner"


_RANK = {Role.CLERK: 0, Role.SUPERVISOR: 1, Role.OWNER: 2}


class Action(StrEnum):
    """What a person at the desk asks to do (the rows of the issue's table)."""

    FIND_CUSTOMERS = "find_customers"
    CREATE_CUSTOMER = "create_customer"
    SAVE_CARD = "save_card"
    PRINT_RECEIPT = "print_receipt"
    CHARGE = "charge"
    #: A charge the clerk confirmed although it looks like a repeat of a recent one.
    CHARGE_DUPLICATE = "charge_duplicate"
    REFUND = "refund"
    REMOVE_CARD = "remove_card"
    CLEAR_READER = "clear_reader"
    EXPORT_EVIDENCE = "export_evidence"
    EXPORT_LEDGER = "export_ledger"
    SETTINGS = "settings"
    STRIPE_KEY = "stripe_key"
    LIVE_MODE = "live_mode"
    CLERK_ACCOUNTS = "clerk_accounts"
    SHOP_RECORDS = "shop_records"


#: Any clerk may do these alone.
_EVERYONE = frozenset(
    {
        Action.FIND_CUSTOMERS,
        Action.CREATE_CUSTOMER,
        Action.SAVE_CARD,
        Action.PRINT_RECEIPT,
        Action.REMOVE_CARD,
    }
)
#: A clerk needs a supervisor's approval for these (a supervisor or owner does them alone).
_SUPERVISED = frozenset(
    {
        Action.CHARGE_DUPLICATE,
        Action.CLEAR_READER,
        Action.EXPORT_EVIDENCE,
        Action.EXPORT_LEDGER,
    }
)
#: Only the owner, and no approval makes it otherwise.
OWNER_ONLY = frozenset(
    {
        Action.SETTINGS,
        Action.STRIPE_KEY,
        Action.LIVE_MODE,
        Action.CLERK_ACCOUNTS,
        Action.SHOP_RECORDS,
    }
)

DEFAULT_CHARGE_LIMIT = Decimal("500.00")
DEFAULT_IDLE_LOCK_MINUTES = 5
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8


@dataclass(frozen=True)
class ApprovalPolicy:
    """The shop's rules the owner may change.

    Limits are in the currency's major unit (500.00 is $500.00, €500.00 or ¥500): the shop
    charges in one currency. ``charge_limit=None``: clerks charge any amount alone;
    ``refund_limit=None`` (the default): every refund by a clerk needs approval.
    """

    charge_limit: Decimal | None = DEFAULT_CHARGE_LIMIT
    refund_limit: Decimal | None = None
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES

    def to_settings(self) -> dict[str, str]:
        """The policy as text, for the shop's settings table ("" is "no limit")."""
        return {
            "charge_limit": "" if self.charge_limit is None else str(self.charge_limit),
            "refund_limit": "" if self.refund_limit is None else str(self.refund_limit),
            "idle_lock_minutes": str(self.idle_lock_minutes),
        }

    @classmethod
    def from_settings(cls, values: dict[str, str]) -> ApprovalPolicy:
        """The policy stored with :meth:`to_settings`; a missing key keeps its default."""
        default = cls()
        charge = values.get("charge_limit")
        refund = values.get("refund_limit")
        idle = values.get("idle_lock_minutes")
        return cls(
            charge_limit=default.charge_limit if charge is None else parse_limit(charge),
            refund_limit=default.refund_limit if refund is None else parse_limit(refund),
            idle_lock_minutes=int(idle) if idle else default.idle_lock_minutes,
        )


def parse_limit(text: str) -> Decimal | None:
    """A limit as typed ("500", "500.00"); "" or "none" is no limit."""
    cleaned = text.strip().lower()
    if cleaned in ("", "none"):
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text!r}") from None
    if not value.is_finite() or value < 0:
        raise ValueError(f"not an amount: {text!r}")
    return value


def major_units(amount: Money) -> Decimal:
    """``amount`` in the currency's major unit (1250 usd → 12.50)."""
    return Decimal(amount.amount).scaleb(-currency_rule(amount.currency).exponent)


def _limit_money(limit: Decimal, currency: str) -> Money:
    exponent = currency_rule(currency).exponent
    return Money(int(limit.scaleb(exponent).to_integral_value()), currency)


class Verdict(StrEnum):
    ALLOWED = "allowed"
    NEEDS_APPROVAL = "needs_approval"
    REFUSED = "refused"


@dataclass(frozen=True)
class Decision:
    """:func:`decide`'s answer; ``reason`` is a ``QT_TRANSLATE_NOOP("clerk", …)`` template
    filled by ``args`` ("" when allowed)."""

    verdict: Verdict
    reason: str = ""
    args: tuple[tuple[str, str], ...] = ()

    @property
    def allowed(self) -> bool:
        return self.verdict is Verdict.ALLOWED


def decide(
    policy: ApprovalPolicy, action: Action, role: Role, amount: Money | None = None
) -> Decision:
    """May a person of ``role`` do ``action`` (of ``amount``, for charges and refunds) alone?"""
    role = Role(role)
    if action in OWNER_ONLY:
        if role is Role.OWNER:
            return Decision(Verdict.ALLOWED)
        return Decision(
            Verdict.REFUSED,
            QT_TRANSLATE_NOOP(
                "clerk",
                "Only the shop's owner may change settings, keys, live mode, clerk accounts "
                "and the shop's records.",
            ),
        )
    if action in _EVERYONE or _RANK[role] >= _RANK[Role.SUPERVISOR]:
        return Decision(Verdict.ALLOWED)
    if action is Action.CHARGE:
        limit = policy.charge_limit
        if limit is None or amount is None or major_units(amount) <= limit:
            return Decision(Verdict.ALLOWED)
        return Decision(
            Verdict.NEEDS_APPROVAL,
            QT_TRANSLATE_NOOP(
                "clerk",
                "A charge above {limit} needs a supervisor's approval.",
            ),
            (("limit", format_money(_limit_money(limit, amount.currency))),),
        )
    if action is Action.REFUND:
        limit = policy.refund_limit
        if limit is not None and amount is not None and major_units(amount) <= limit:
            return Decision(Verdict.ALLOWED)
        if limit is None or amount is None:
            return Decision(
                Verdict.NEEDS_APPROVAL,
                QT_TRANSLATE_NOOP("clerk", "A refund needs a supervisor's approval."),
            )
        return Decision(
            Verdict.NEEDS_APPROVAL,
            QT_TRANSLATE_NOOP("clerk", "A refund above {limit} needs a supervisor's approval."),
            (("limit", format_money(_limit_money(limit, amount.currency))),),
        )
    if action is Action.CHARGE_DUPLICATE:
        reason = QT_TRANSLATE_NOOP(
            "clerk", "Charging a card again within minutes needs a supervisor's approval."
        )
    elif action is Action.CLEAR_READER:
        reason = QT_TRANSLATE_NOOP(
            "clerk", "Clearing a reader another desk holds needs a supervisor's approval."
        )
    else:
        reason = QT_TRANSLATE_NOOP(
            "clerk", "Exporting consent evidence or the ledger needs a supervisor's approval."
        )
    assert action in _SUPERVISED, action  # every action is in one of the sets
    return Decision(Verdict.NEEDS_APPROVAL, reason)


@dataclass(frozen=True)
class Actor:
    """A signed-in person: their account id, display name and role."""

    clerk_id: str
    name: str
    role: Role


class NotAllowed(MotoDeskError):
    """The person at the desk may not do this (alone): exit code 6 on the command line.

    ``needs_approval`` is True when a supervisor's approval would allow it.
    """

    def __init__(
        self,
        template: str,
        args: dict[str, str] | None = None,
        *,
        needs_approval: bool = False,
        detail: str | None = None,
    ) -> None:
        super().__init__(ErrorKind.NOT_ALLOWED, template, args=args, detail=detail)
        self.needs_approval = needs_approval


def authorise(
    policy: ApprovalPolicy,
    action: Action,
    actor: Actor | None,
    approver: Actor | None = None,
    amount: Money | None = None,
) -> Actor | None:
    """Check ``action`` for ``actor``; return the approver whose approval was needed (None
    when the actor may do it alone, or when sign-in is off: ``actor=None``).

    Raises :class:`NotAllowed` when the action is refused, or needs an approval that
    ``approver`` cannot give (missing, not a supervisor, or the actor themself).
    """
    if actor is None:
        return None
    decision = decide(policy, action, actor.role, amount)
    if decision.allowed:
        return None
    args = dict(decision.args)
    if decision.verdict is Verdict.REFUSED:
        raise NotAllowed(decision.reason, args, detail=f"{action} refused to {actor.role}")
    if approver is None:
        raise NotAllowed(decision.reason, args, needs_approval=True, detail=f"{action}")
    may_approve = decide(policy, action, approver.role, amount).allowed
    if approver.clerk_id == actor.clerk_id or not may_approve:
        raise NotAllowed(
            QT_TRANSLATE_NOOP(
                "clerk",
                "{name} may not approve this: a supervisor or the owner must approve it.",
            ),
            {"name": approver.name},
            needs_approval=True,
            detail=f"{action} approver {approver.role}",
        )
    return approver


def check_pin_shape(pin: str) -> str:
    """``pin`` if it is 4–8 digits; otherwise :class:`~moto_desk.domain.errors.InvalidInput`."""
    from moto_desk.domain.errors import InvalidInput

    if not (pin.isascii() and pin.isdigit() and PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS):
        raise InvalidInput(
            QT_TRANSLATE_NOOP("clerk", "A PIN is 4 to 8 digits."),
            field="pin",
        )
    return pin
