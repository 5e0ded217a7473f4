"""Clerk accounts, PIN hashes and the wrong-PIN throttle, on both stores."""

from __future__ import annotations

from datetime import timedelta

import pytest

from moto_desk.domain.errors import InvalidInput
from moto_desk.domain.roles import ApprovalPolicy, NotAllowed, Role
from moto_desk.records.clerks import (
    FREE_TRIES,
    SCRYPT_N,
    ClerkStore,
    hash_pin,
    pin_matches,
    throttle_wait,
)
from moto_desk.records.connection import Db
from moto_desk.records.store import RecordsAddress, open_store

from .conftest import FakeClock


def test_pin_hash_is_salted_scrypt_with_its_parameters() -> None:
    first, second = hash_pin("2468"), hash_pin("2468")
    assert first != second  # a salt per hash
    scheme, n, r, p, salt, digest = first.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", SCRYPT_N, 8, 1)
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32
    assert "2468" not in first
    assert pin_matches("2468", first) and not pin_matches("2469", first)
    cheaper = hash_pin("2468", n=2**10)
    assert pin_matches("2468", cheaper)
    assert not pin_matches("2468", "garbage")


def test_throttle_formula() -> None:
    assert [throttle_wait(n).total_seconds() for n in range(1, 12)] == [
        0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900,
    ]  # fmt: skip


def test_sign_in_is_off_until_the_first_account(conn: Db, clock: FakeClock) -> None:
    store = ClerkStore(conn, clock)
    assert not store.sign_in_required()
    owner = store.add("Olga", Role.OWNER, "1111")
    assert store.sign_in_required()
    assert store.check_pin("olga", "1111") == owner
    with pytest.raises(InvalidInput, match="already exists"):
        store.add("  OLGA ", Role.CLERK, "2222")
    with pytest.raises(NotAllowed, match="No clerk is called"):
        store.check_pin("nobody", "1111")


def test_roles_pins_and_disabling(conn: Db, clock: FakeClock) -> None:
    store = ClerkStore(conn, clock)
    owner = store.add("Olga", Role.OWNER, "1111")
    clerk = store.add("Chloé", Role.CLERK, "2222", by=owner.id)
    store.set_role(clerk.id, Role.SUPERVISOR, by=owner.id)
    assert store.check_pin("Chloé", "2222").role is Role.SUPERVISOR
    store.set_pin(clerk.id, "33334444", by=owner.id)
    with pytest.raises(NotAllowed, match="Wrong PIN"):
        store.check_pin("Chloé", "2222")
    assert store.check_pin("Chloé", "33334444").id == clerk.id
    store.disable(clerk.id, by=owner.id)
    with pytest.raises(NotAllowed, match="disabled"):
        store.check_pin("Chloé", "33334444")
    assert [a.name for a in store.accounts(active_only=True)] == ["Olga"]
    # the last active owner stays
    with pytest.raises(InvalidInput, match="at least one active owner"):
        store.disable(owner.id, by=owner.id)
    with pytest.raises(InvalidInput, match="at least one active owner"):
        store.set_role(owner.id, Role.CLERK, by=owner.id)
    # nothing of a PIN in the table but its hash
    rows = conn.execute("SELECT * FROM clerks").fetchall()
    assert "33334444" not in repr(rows) and "1111" not in repr(rows)


def test_wrong_pins_throttle_and_the_throttle_survives_a_new_connection(
    where: RecordsAddress, conn: Db, clock: FakeClock
) -> None:
    store = ClerkStore(conn, clock)
    store.add("Olga", Role.OWNER, "1111")
    for left in range(FREE_TRIES - 1, 0, -1):
        with pytest.raises(NotAllowed, match=f"{left} more tries"):
            store.check_pin("Olga", "0000")
    with pytest.raises(NotAllowed, match="Wait 30 seconds"):
        store.check_pin("Olga", "0000")
    # a new connection (another process, or another desk of the shop) sees the wait, and
    # even the right PIN is not checked during it
    again = open_store(where)
    try:
        later = ClerkStore(again, clock)
        with pytest.raises(NotAllowed, match="Too many wrong PINs"):
            later.check_pin("Olga", "1111")
        clock.advance(seconds=31)
        with pytest.raises(NotAllowed, match="Wait 60 seconds"):
            later.check_pin("Olga", "0000")
        clock.advance(seconds=61)
        assert later.check_pin("Olga", "1111").name == "Olga"
        assert later.waiting(later.require("Olga")) == timedelta(0)
    finally:
        again.close()


def test_policy_defaults_and_changes(conn: Db, clock: FakeClock) -> None:
    store = ClerkStore(conn, clock)
    assert store.policy() == ApprovalPolicy()
    changed = ApprovalPolicy(charge_limit=None, idle_lock_minutes=2)
    store.set_policy(changed, by="o1")
    assert store.policy() == changed


def test_a_clerk_disabled_at_one_desk_cannot_sign_in_at_another(
    conn: Db, other_conn: Db, clock: FakeClock
) -> None:
    here, there = ClerkStore(conn, clock), ClerkStore(other_conn, clock)
    owner = here.add("Olga", Role.OWNER, "1111")
    clerk = here.add("Chloé", Role.CLERK, "2222", by=owner.id)
    assert there.check_pin("Chloé", "2222").id == clerk.id
    here.disable(clerk.id, by=owner.id)
    with pytest.raises(NotAllowed, match="disabled"):
        there.check_pin("Chloé", "2222")
    assert there.sign_in_required()
