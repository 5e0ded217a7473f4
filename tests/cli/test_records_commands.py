"""``records init|status|migrate`` and ``ledger verify --against-stripe`` against a private
PostgreSQL, with real desk processes and a real ``moto-desk-sim`` process."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from tests.helpers.postgres import PostgresServer

from .conftest import Desk, SimProcess, save_args


def named_desk(folder: Path, sim: SimProcess, name: str) -> Desk:
    """A desk folder whose settings name it (two desks on one computer need two names)."""
    folder.mkdir(parents=True)
    (folder / "settings.json").write_text(
        json.dumps({"schema_version": 1, "settings": {"desk_name": name, "clerk_name": name}})
    )
    return Desk(folder, sim)


def test_init_twice_changes_nothing_and_status_reports(
    pg_server: PostgresServer, tmp_path: Path, sim_process: SimProcess
) -> None:
    url = pg_server.empty_database()
    desk = named_desk(tmp_path / "a", sim_process, "front")
    first = desk.json("records", "init", "--records", url)
    assert first["schema_version"] >= 1
    assert any("applied migration 1" in line for line in first["done"])
    again = desk.json("records", "--records", url, "init")  # option before the sub-command
    assert again["done"] == ["nothing to do: the shop's records are up to date"]
    status = desk.json("records", "status", "--records", url)
    assert (status["store"], status["desks"], status["ledger"]["records"]) == ("postgresql", [], 0)
    assert "@127.0.0.1:" in status["where"] and "password" not in status["where"]
    local = desk.json("records", "status")
    assert local["store"] == "sqlite"


def test_the_desk_role_may_append_to_the_ledger_but_never_change_it(
    pg_server: PostgresServer, shop_url: str
) -> None:
    """Privileges, not only triggers: as a desk's login role, UPDATE, DELETE and TRUNCATE of
    the ledger are refused by PostgreSQL before any trigger runs, and so is dropping one."""
    as_desk = shop_url.replace("moto_test@", "desk_login@")
    with psycopg.connect(as_desk, autocommit=True, options="-c search_path=moto_desk") as conn:
        conn.execute(
            "INSERT INTO journal (id, kind, state, created_at, updated_at)"
            " VALUES ('e1', 'charge', 'pending', 'now', 'now')"
        )
        for statement in (
            "UPDATE ledger SET clerk = 'x'",
            "DELETE FROM ledger",
            "TRUNCATE ledger",
            "DELETE FROM journal",
            "DROP TRIGGER ledger_no_change ON ledger",
            "ALTER TABLE ledger DISABLE TRIGGER USER",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)  # type: ignore[arg-type]  # constant test SQL


def test_two_desks_migrate_into_one_shop_and_the_chains_stay_evidence(
    shop_url: str, tmp_path: Path, sim_process: SimProcess
) -> None:
    front = named_desk(tmp_path / "a", sim_process, "front")
    phone = named_desk(tmp_path / "b", sim_process, "phone")
    saved = {}
    for desk in (front, phone):
        customer = desk.new_customer(f"Customer of {desk.folder.name}")
        saved[desk.folder.name] = (customer, desk.saved_card(customer))
        desk.json("charge", "--customer", customer, "--card",
                  saved[desk.folder.name][1]["card"]["id"], "--amount", "12.00",
                  "--currency", "usd")  # fmt: skip
    for desk in (front, phone):
        moved = desk.json("records", "migrate", "--to", shop_url)
        assert moved["ledger"] == {"added": 2, "already_there": 0}
        assert moved["journal"]["added"] >= 3
    # Twice: nothing added.
    again = front.json("records", "migrate", "--to", shop_url)
    assert again["ledger"] == {"added": 0, "already_there": 2}
    assert again["journal"]["added"] == 0
    # The desks now use the shop's records: each sees the other's history.
    history = phone.json("history")
    desks = {row["desk"] for row in history["operations"]}
    assert {"front", "phone"} <= desks
    status = front.json("records", "status")
    assert status["store"] == "postgresql"
    assert {d["desk"] for d in status["desks"]} == {"front", "phone"}
    assert status["ledger"]["records"] == 4
    verified = front.json("ledger", "verify", "--against-stripe")
    assert verified["ok"] is True
    assert verified["stripe"] == {"checked": 2, "confirmed": 2, "unwitnessed": 0, "problems": []}


def test_verify_against_stripe_catches_a_chain_rewritten_end_to_end(
    shop_url: str, tmp_path: Path, sim_process: SimProcess
) -> None:
    desk = named_desk(tmp_path / "a", sim_process, "front")
    desk.json("records", "migrate", "--to", shop_url)  # an empty desk joins the shop
    customer = desk.new_customer("Rewritten Later")
    desk.saved_card(customer)
    # Someone with the owner's rights rewrites the consent (another terms version) and
    # recomputes every hash and the head: the chain verifies on its own.
    from moto_desk.records.ledger import record_hash

    with psycopg.connect(shop_url, autocommit=True, options="-c search_path=moto_desk") as conn:
        conn.execute("ALTER TABLE ledger DISABLE TRIGGER USER")
        columns = [c.name for c in conn.execute("SELECT * FROM ledger LIMIT 0").description or []]
        rows = [dict(zip(columns, r, strict=True)) for r in conn.execute(
            "SELECT * FROM ledger ORDER BY seq").fetchall()]  # fmt: skip
        prev = "0" * 64
        for row in rows:
            if row["kind"] == "consent":
                row["terms_version"] = "forged-1"
            row["prev_hash"] = prev
            row["hash"] = record_hash(row)
            conn.execute(
                "UPDATE ledger SET terms_version = %s, prev_hash = %s, hash = %s WHERE seq = %s",
                (row["terms_version"], row["prev_hash"], row["hash"], row["seq"]),
            )
            prev = row["hash"]
        conn.execute("UPDATE ledger_head SET hash = %s", (prev,))
    assert desk.json("ledger", "verify")["ok"] is True  # the chain alone cannot tell
    caught = desk.run("ledger", "verify", "--against-stripe", "--json")
    assert caught.code == 1, caught
    problems = caught.json["problems"]
    assert len(problems) == 1 and "Stripe does not confirm its hash" in problems[0]


def test_an_unreachable_store_refuses_before_stripe(
    tmp_path: Path, sim_process: SimProcess
) -> None:
    desk = named_desk(tmp_path / "a", sim_process, "front")
    customer = desk.new_customer("Before The Outage")
    card = desk.saved_card(customer)["card"]["id"]
    nowhere = "postgresql://nobody@127.0.0.1:1/shop"
    done = desk.run(
        "charge", "--customer", customer, "--card", card, "--amount", "5.00",
        "--currency", "usd", "--records", nowhere, "--json",
    )  # fmt: skip
    assert done.code == 1, done
    error = done.json["error"]
    assert error["kind"] == "storage"
    assert "nobody@127.0.0.1:1/shop" in error["message"]
    assert sim_process.client().v1.payment_intents.list({"customer": customer}).data == []
    saving = desk.run(*save_args(customer), "--test-card", "4242424242424242",
                      "--records", nowhere, "--json")  # fmt: skip
    assert saving.code == 1 and saving.json["error"]["kind"] == "storage"
    assert len(sim_process.client().v1.setup_intents.list({"customer": customer}).data) == 1


def test_the_shop_name_and_terms_version_are_the_shops(
    shop_url: str, tmp_path: Path, sim_process: SimProcess
) -> None:
    desk = named_desk(tmp_path / "a", sim_process, "front")
    done = desk.json("records", "init", "--records", shop_url, "--shop-name", "Corner Books")
    assert "set the shop's shop_name" in done["done"]
    status = desk.json("records", "status", "--records", shop_url)
    assert status["shop"]["shop_name"] == "Corner Books"
    assert status["shop"]["terms_version"]
    customer = desk.new_customer("Reads The Terms")
    saving = desk.run(*save_args(customer), "--test-card", "4242424242424242",
                      "--records", shop_url)  # fmt: skip
    assert saving.code == 0, saving
    assert "Corner Books will keep your card on file" in saving.stdout + saving.stderr
    # The shop moved on to other terms (a newer moto-desk ran init): this desk refuses.
    with psycopg.connect(shop_url, autocommit=True, options="-c search_path=moto_desk") as conn:
        conn.execute("UPDATE shop_settings SET value = '2099-01-01' WHERE key = 'terms_version'")
    refused = desk.run(*save_args(customer), "--test-card", "4242424242424242",
                       "--records", shop_url, "--json")  # fmt: skip
    assert refused.code == 1, refused
    assert "version 2099-01-01" in refused.json["error"]["message"]
    setups = sim_process.client().v1.setup_intents.list({"customer": customer}).data
    assert len(setups) == 1  # the refused save reached nothing


def test_a_desk_works_with_the_desk_role_alone(
    shop_url: str, tmp_path: Path, sim_process: SimProcess
) -> None:
    """A desk connects as a login role in moto_desk_desk, not as the owner: every operation
    it makes must be within that role's privileges (identity columns, advisory locks,
    shop settings, migration of its own records)."""
    as_desk = shop_url.replace("moto_test@", "desk_login@")
    desk = named_desk(tmp_path / "a", sim_process, "front")
    customer = desk.new_customer("Kept Locally First")
    desk.saved_card(customer)
    moved = desk.json("records", "migrate", "--to", as_desk)
    assert moved["ledger"]["added"] == 2
    card = desk.saved_card(customer, "5555555555554444")["card"]["id"]
    charged = desk.json("charge", "--customer", customer, "--card", card,
                        "--amount", "20.00", "--currency", "usd")  # fmt: skip
    desk.json("refund", "--payment", charged["payment"], "--amount", "5.00")
    desk.json("customers", "find", "Kept Locally")
    assert desk.json("ledger", "verify", "--against-stripe")["ok"] is True
    status = desk.json("records", "status")
    assert status["store"] == "postgresql" and status["desks"][0]["open_operations"] == 0
