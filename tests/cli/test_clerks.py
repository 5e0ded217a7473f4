"""Clerks, roles and approvals through real ``moto-desk`` processes (issue 16)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.cli.conftest import Desk, charge_args

OWNER = {"MOTO_DESK_PIN": "1111"}
CLERK = {"MOTO_DESK_PIN": "2222"}
SUPERVISOR_APPROVES = {"MOTO_DESK_APPROVER_PIN": "31415926"}


def _team(desk: Desk) -> None:
    """An owner (Olga 1111), a clerk (Chloé 2222), a supervisor (Sam 31415926)."""
    assert desk.run("clerks", "add", "Olga", "--role", "owner", stdin="1111\n").code == 0
    for name, role, pin in (("Chloé", "clerk", "2222"), ("Sam", "supervisor", "31415926")):
        done = desk.run(
            "clerks", "add", name, "--role", role, "--clerk", "Olga", stdin=pin + "\n", env=OWNER
        )
        assert done.code == 0, done


def _journal(folder: Path) -> list[tuple[str, str, str | None, str | None]]:
    with sqlite3.connect(folder / "moto-desk.sqlite3") as conn:
        rows = conn.execute(
            "SELECT kind, clerk, clerk_id, approved_by FROM journal ORDER BY created_at"
        ).fetchall()
    return [tuple(r) for r in rows]


def test_sign_in_is_off_until_the_first_account_then_on_for_every_command(desk: Desk) -> None:
    customer = desk.new_customer()  # no account: today's behaviour
    _team(desk)
    refused = desk.run("customers", "find", "Ann", "--json")
    assert refused.code == 6
    assert refused.json["error"]["kind"] == "not_allowed"
    assert "--clerk NAME" in refused.json["error"]["message"]
    found = desk.json("customers", "find", "Ann", "--clerk", "Chloé", env=CLERK)
    assert [c["id"] for c in found["customers"]] == [customer]
    # only the owner manages accounts, whoever else asks
    for who, env in (("Chloé", CLERK), ("Sam", {"MOTO_DESK_PIN": "31415926"})):
        done = desk.run("clerks", "list", "--clerk", who, "--json", env=env)
        assert done.code == 6, done
        assert "Only the shop's owner" in done.json["error"]["message"]
    listed = desk.json("clerks", "list", "--clerk", "Olga", env=OWNER)["clerks"]
    assert sorted((c["name"], c["role"]) for c in listed) == [
        ("Chloé", "clerk"),
        ("Olga", "owner"),
        ("Sam", "supervisor"),
    ]


def test_a_charge_above_the_limit_is_refused_then_approved(desk: Desk) -> None:
    _team(desk)
    me = ("--clerk", "Chloé")
    customer = str(
        desk.json("customers", "create", "--name", "Bea", *me, env=CLERK)["customer"]["id"]
    )
    from tests.cli.conftest import save_args

    card = desk.json(*save_args(customer), "--test-card", "4242424242424242", *me, env=CLERK)
    pm = card["payment_method"]
    small = desk.json(*charge_args(customer, pm, "500.00"), *me, env=CLERK)
    assert small["status"] == "succeeded"
    big = desk.run(*charge_args(customer, pm, "500.01"), *me, "--json", env=CLERK)
    assert big.code == 6, big
    assert big.json["error"]["message"] == "A charge above $500.00 needs a supervisor's approval."
    # another clerk cannot approve; a supervisor can
    not_a_supervisor = desk.run(
        *charge_args(customer, pm, "500.01"), *me, "--approver", "Chloé", "--json",
        env={**CLERK, "MOTO_DESK_APPROVER_PIN": "2222"},
    )  # fmt: skip
    assert not_a_supervisor.code == 6
    approved = desk.json(
        *charge_args(customer, pm, "500.01"), *me, "--approver", "Sam",
        env={**CLERK, **SUPERVISOR_APPROVES},
    )  # fmt: skip
    assert approved["status"] == "succeeded"
    intent = desk.sim.client().v1.payment_intents.retrieve(approved["payment"])
    ids = {row[0]: row for row in _journal(desk.folder)}
    chloe_id, sam_id = ids["charge"][2], intent.metadata["approved_by"]
    assert intent.metadata["clerk_id"] == chloe_id and intent.metadata["clerk"] == "Chloé"
    charges = [r for r in _journal(desk.folder) if r[0] == "charge"]
    assert charges == [
        ("charge", "Chloé", chloe_id, None),
        ("charge", "Chloé", chloe_id, sam_id),
    ]
    history = desk.json("history", *me, env=CLERK)["operations"]
    approved_rows = [r for r in history if r["kind"] == "charge" and r["approved_by"]]
    assert [(r["clerk"], r["approved_by"]) for r in approved_rows] == [("Chloé", "Sam")]
    # a duplicate confirmed needs an approval too
    again = [*charge_args(customer, pm, "500.00"), "--confirm-duplicate", *me, "--json"]
    assert desk.run(*again, env=CLERK).code == 6
    assert desk.run(*again, "--approver", "Sam", env={**CLERK, **SUPERVISOR_APPROVES}).code == 0
    # refunds always need one (the default policy)
    refund = ["refund", "--payment", small["payment"], "--amount", "1.00", *me, "--json"]
    refused = desk.run(*refund, env=CLERK)
    assert refused.code == 6
    assert refused.json["error"]["message"] == "A refund needs a supervisor's approval."
    done = desk.run(*refund, "--approver", "Sam", env={**CLERK, **SUPERVISOR_APPROVES})
    assert done.code == 0, done
    # the owner lifts the charge limit: the clerk charges alone
    desk.json("clerks", "policy", "--charge-limit", "none", "--clerk", "Olga", env=OWNER)
    assert desk.run(*charge_args(customer, pm, "777.00"), *me, env=CLERK).code == 0


def test_wrong_pins_are_throttled_across_processes_and_a_disabled_clerk_cannot_sign_in(
    desk: Desk,
) -> None:
    _team(desk)
    wrong = {"MOTO_DESK_PIN": "97531864"}
    for left in (4, 3, 2, 1):
        done = desk.run("history", "--clerk", "Chloé", "--json", env=wrong)
        assert done.code == 6
        assert f"{left} more tries" in done.json["error"]["message"]
    fifth = desk.run("history", "--clerk", "Chloé", "--json", env=wrong)
    assert "Wait 30 seconds" in fifth.json["error"]["message"]
    # a new process, the right PIN: still waiting (the count is in the records)
    right = desk.run("history", "--clerk", "Chloé", "--json", env=CLERK)
    assert right.code == 6
    assert "Too many wrong PINs for Chloé" in right.json["error"]["message"]
    # the owner gives a new PIN, which clears the wait
    done = desk.run("clerks", "set-pin", "Chloé", "--clerk", "Olga", stdin="24681357\n", env=OWNER)
    assert done.code == 0, done
    assert desk.run("history", "--clerk", "Chloé", env={"MOTO_DESK_PIN": "24681357"}).code == 0
    assert desk.run("clerks", "disable", "Chloé", "--clerk", "Olga", env=OWNER).code == 0
    disabled = desk.run("history", "--clerk", "Chloé", "--json", env={"MOTO_DESK_PIN": "24681357"})
    assert disabled.code == 6
    assert "disabled" in disabled.json["error"]["message"]
    # exports: refused to a clerk, approved by a supervisor
    desk.run("clerks", "set-role", "Sam", "clerk", "--clerk", "Olga", env=OWNER)
    out = desk.folder / "ledger.csv"
    sam = {"MOTO_DESK_PIN": "31415926"}
    assert desk.run("ledger", "export", "--out", str(out), "--clerk", "Sam", env=sam).code == 6
    approved = desk.run(
        "ledger", "export", "--out", str(out), "--clerk", "Sam", "--approver", "Olga",
        env={**sam, "MOTO_DESK_APPROVER_PIN": "1111"},
    )  # fmt: skip
    assert approved.code == 0, approved
    # no PIN in anything the desk wrote
    for path in desk.folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for pin in (b"24681357", b"31415926", b"97531864"):
                assert pin not in data, (path, pin)
