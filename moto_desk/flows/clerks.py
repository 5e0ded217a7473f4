"""Signing in, approvals and the owner's management of clerk accounts (issue 16).

The rules are the domain's (:mod:`moto_desk.domain.roles`); the accounts and the policy are the
records' (:mod:`moto_desk.records.clerks`). Here they meet for the window and the command
line alike:

* :func:`check_action` is called by every flow that needs it (charge, refund, clearing a
  reader, exports) with the records it already opened, so neither front end can skip it;
* account changes need the owner: while no account exists anyone may create the first
  (which must be an owner); after that the caller passes the owner, proven by a PIN just
  checked (:func:`sign_in`). The shop's PostgreSQL lets every desk write the accounts table,
  so this check in code is what keeps accounts the owner's.
"""

from __future__ import annotations

from moto_desk.domain.errors import InvalidInput
from moto_desk.domain.money import Money
from moto_desk.domain.roles import Action, Actor, ApprovalPolicy, Role, authorise
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.flows.context import DeskIdentity, Records, open_records
from moto_desk.records.clerks import ClerkAccount, ClerkStore
from moto_desk.records.store import Where


def check_action(
    records: Records, identity: DeskIdentity, action: Action, amount: Money | None = None
) -> str | None:
    """Raise :class:`~moto_desk.domain.roles.NotAllowed` unless ``identity`` may do
    ``action``; return the approver's account id when an approval was needed and given.

    Nobody signed in passes only while the shop has no account: a front end that could not
    read the accounts when it started (the shop's records were away) cannot act unchecked
    once they are back."""
    store = ClerkStore(records.conn)
    if identity.actor is None:
        if store.sign_in_required():
            from moto_desk.domain.roles import NotAllowed

            raise NotAllowed(
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "This shop's clerks sign in before they work: sign in first (Ctrl+L in "
                    "the window, --clerk on the command line).",
                )
            )
        return None
    policy = store.policy()
    approver = authorise(policy, action, identity.actor, identity.approver, amount)
    return approver.clerk_id if approver else None


def sign_in_required(where: Where) -> bool:
    with open_records(where) as records:
        return ClerkStore(records.conn).sign_in_required()


def sign_in(where: Where, name: str, pin: str) -> Actor:
    """The person ``name`` if ``pin`` is theirs (throttled; see ``records.clerks``)."""
    with open_records(where) as records:
        return ClerkStore(records.conn).check_pin(name, pin).actor


def accounts(where: Where, *, active_only: bool = False) -> list[ClerkAccount]:
    with open_records(where) as records:
        return ClerkStore(records.conn).accounts(active_only=active_only)


def policy(where: Where) -> ApprovalPolicy:
    with open_records(where) as records:
        return ClerkStore(records.conn).policy()


def _owner_check(store: ClerkStore, by: Actor | None) -> str | None:
    """The owner's id, or None while no account exists; refuse anyone else."""
    if not store.sign_in_required():
        return None
    authorise(ApprovalPolicy(), Action.CLERK_ACCOUNTS, by or _NOBODY)
    return by.clerk_id if by else None


#: Stands for "nobody signed in" once accounts exist: refused like a clerk.
_NOBODY = Actor("", "?", Role.CLERK)


def add_account(where: Where, by: Actor | None, name: str, role: Role, pin: str) -> ClerkAccount:
    with open_records(where) as records:
        store = ClerkStore(records.conn)
        owner = _owner_check(store, by)
        if owner is None and Role(role) is not Role.OWNER:
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "The first account must be the shop's owner (--role owner): only the "
                    "owner may add the others.",
                ),
                field="role",
            )
        return store.add(name, role, pin, by=owner)


def set_pin(where: Where, by: Actor | None, name: str, pin: str) -> ClerkAccount:
    with open_records(where) as records:
        store = ClerkStore(records.conn)
        owner = _owner_check(store, by)
        account = store.require(name)
        store.set_pin(account.id, pin, by=owner)
        return account


def set_role(where: Where, by: Actor | None, name: str, role: Role) -> ClerkAccount:
    with open_records(where) as records:
        store = ClerkStore(records.conn)
        owner = _owner_check(store, by)
        account = store.require(name)
        store.set_role(account.id, role, by=owner)
        found = store.get(account.id)
        assert found is not None  # it was just updated
        return found


def disable(where: Where, by: Actor | None, name: str) -> ClerkAccount:
    with open_records(where) as records:
        store = ClerkStore(records.conn)
        owner = _owner_check(store, by)
        account = store.require(name)
        store.disable(account.id, by=owner)
        found = store.get(account.id)
        assert found is not None  # it was just updated
        return found


def set_policy(where: Where, by: Actor | None, new: ApprovalPolicy) -> None:
    with open_records(where) as records:
        store = ClerkStore(records.conn)
        owner = _owner_check(store, by)
        store.set_policy(new, by=owner)


#: Demo mode's training accounts (name, role, PIN): the window keeps them in memory and shows
#: their PINs on the sign-in screen, so they never reach the records.
DEMO_CLERKS: tuple[tuple[str, Role, str], ...] = (
    ("Demo clerk", Role.CLERK, "1111"),
    ("Demo supervisor", Role.SUPERVISOR, "2222"),
    ("Demo owner", Role.OWNER, "3333"),
)


def demo_sign_in(name: str, pin: str) -> Actor:
    """A demo account if ``pin`` is its (public) PIN."""
    from moto_desk.domain.roles import NotAllowed

    for known, role, right in DEMO_CLERKS:
        if known == name and pin == right:
            return Actor(f"demo-{role.value}", known, role)
    raise NotAllowed(
        QT_TRANSLATE_NOOP("clerk", "Wrong PIN for {name}: in training, the PINs are shown."),
        {"name": name},
    )
