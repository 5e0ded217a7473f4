"""Every flow from the command line: JSON a script can parse, exit codes it can trust."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.cli.conftest import ROOT, Desk, charge_args, desk_env, save_args
from tests.helpers.private_modes import assert_owner_only


def open_entries(folder: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(folder / "moto-desk.sqlite3")
    try:
        rows = conn.execute(
            "SELECT kind, state FROM journal WHERE state NOT IN ('succeeded', 'failed', 'canceled')"
        ).fetchall()
    finally:
        conn.close()
    return [(str(k), str(s)) for k, s in rows]


def test_save_charge_duplicate_refund_history_evidence(desk: Desk, tmp_path: Path) -> None:
    customer = desk.new_customer()
    saved = desk.saved_card(customer)
    assert saved["customer"] == customer
    assert saved["setup_intent"].startswith("seti_")
    assert saved["payment_method"].startswith("pm_")
    assert saved["card"]["last4"] == "4242" and saved["card"]["brand"] == "visa"
    assert saved["consent"]["terms_sha256"] and saved["journal_entry"]
    card = saved["payment_method"]

    listed = desk.json("cards", "--customer", customer)
    assert [c["id"] for c in listed["cards"]] == [card]

    order = [*charge_args(customer, card, "12.50"), "--order", "A-1"]
    first = desk.json(*order)
    assert first["payment"].startswith("pi_") and first["status"] == "succeeded"
    assert first["amount"] == {"amount": 1250, "currency": "usd", "display": "$12.50"}
    assert first["journal_entry"]

    again = desk.run(*order, "--json")
    assert again.code == 4, again
    error = again.json["error"]
    assert error["kind"] == "possible_duplicate"
    assert error["previous"][0]["payment"] == first["payment"]

    confirmed = desk.json(*order, "--confirm-duplicate")
    assert confirmed["payment"] != first["payment"]

    refund = desk.json("refund", "--payment", first["payment"], "--amount", "4.00")
    assert refund["refund"].startswith("re_")
    assert refund["amount"]["amount"] == 400
    too_much = desk.run("refund", "--payment", first["payment"], "--amount", "9.00")
    assert too_much.code == 2 and "$8.50" in too_much.stderr

    # Global options before the command and after it.
    before = subprocess.run(
        [sys.executable, "-m", "moto_desk", "--data-dir", str(desk.folder), "--json", "history"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=desk_env(),
        timeout=60,
        check=True,
    )
    after = desk.json("history", "--customer", customer)
    assert before.stdout.strip() and after["operations"]
    kinds = [op["kind"] for op in after["operations"]]
    assert kinds.count("charge") == 2 and kinds.count("refund") == 1 and "save_card" in kinds
    charged = next(op for op in after["operations"] if op["object"] == first["payment"])
    assert charged["refunded"]["amount"] == 400
    words = desk.run("history")
    assert words.code == 0 and "$12.50" in words.stdout

    for fmt in ("json", "csv"):
        out = tmp_path / f"evidence.{fmt}"
        done = desk.json("evidence", "--customer", customer, "--format", fmt, "--out", str(out))
        assert done["consents"] == 1 and done["ledger_ok"] is True
        assert card in out.read_text(encoding="utf-8")
        assert_owner_only(out)

    pdf = tmp_path / "evidence.pdf"
    done = desk.json("evidence", "--customer", customer, "--format", "pdf", "--out", str(pdf))
    assert done["consents"] == 1
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert_owner_only(pdf)
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert saved["setup_intent"] in text.replace("\n", "") and "Ann Lee" in text

    verify = desk.run("ledger", "verify")  # the option after the sub-command
    assert verify.code == 0 and "intact" in verify.stdout
    assert open_entries(desk.folder) == []


def test_a_declined_save_and_a_declined_charge_exit_3(desk: Desk) -> None:
    customer = desk.new_customer("Bob Declined")
    save = desk.run(
        *save_args(customer, channel="mail"), "--test-card", "4000000000009995", "--json"
    )
    assert save.code == 3, save
    assert save.json["error"]["kind"] == "declined"
    assert "not enough funds" in save.json["error"]["message"]

    card = desk.saved_card(customer, "4000000000000341")["payment_method"]
    charge = desk.run(
        *charge_args(customer, card, "5", "usd"),
    )
    assert charge.code == 3, charge
    assert "declined" in charge.stderr
    assert open_entries(desk.folder) == []


def test_an_answer_lost_exits_5_and_reconcile_settles_it(desk: Desk) -> None:
    customer = desk.new_customer("Lost Answer")
    card = desk.saved_card(customer)["payment_method"]
    desk.sim.control(
        "fault", "--kind", "drop_after", "--method", "POST", "--path", "^/v1/payment_intents$"
    )
    lost = desk.run(
        *charge_args(customer, card, "7.00", "usd"),
        "--json",
    )
    assert lost.code == 5, lost
    entry = lost.json["error"]["journal_entry"]
    assert lost.json["error"]["kind"] == "outcome_unknown"
    assert [kind for kind, _ in open_entries(desk.folder)] == ["charge"]

    desk.sim.control("fault", "--clear")
    settled = desk.json("reconcile")
    assert [item["journal_entry"] for item in settled["settled"]] == [entry]
    assert settled["settled"][0]["state"] == "succeeded"
    assert open_entries(desk.folder) == []
    intents = desk.sim.client().v1.payment_intents.list({"customer": customer})
    assert len(intents.data) == 1  # charged once, however many times the answer was lost


def test_bad_input_is_refused_before_stripe_with_the_windows_words(desk: Desk) -> None:
    customer = desk.new_customer("Careful Typist")
    wrong_kind = desk.run(
        *charge_args(customer, customer, "1", "usd"),
        "--json",
    )
    assert wrong_kind.code == 2
    assert wrong_kind.json["error"]["field"] == "card"
    assert "starts with pm_" in wrong_kind.json["error"]["message"]
    amount = desk.run(
        "charge",
        "--customer",
        customer,
        "--card",
        "pm_123",
        "--amount",
        "12.505",
        "--currency",
        "usd",
    )
    assert amount.code == 2 and "at most 2 decimals" in amount.stderr
    yen = desk.run(
        "charge",
        "--customer",
        customer,
        "--card",
        "pm_123",
        "--amount",
        "10.5",
        "--currency",
        "jpy",
    )
    assert yen.code == 2, yen
    no_consent = desk.run(
        "save-card",
        "--customer",
        customer,
        "--reader",
        "Front desk",
        "--channel",
        "phone",
        "--redisplay",
        "limited",
    )
    assert no_consent.code == 2 and "consent is required" in no_consent.stderr
    email = desk.run("customers", "create", "--name", "X", "--email", "not-an-email")
    assert email.code == 2 and "email address" in email.stderr
    unknown = desk.run("fly-to-the-moon", "--json")
    assert unknown.code == 2 and unknown.json["error"]["kind"] == "usage"
    real_card = desk.run(
        "save-card",
        "--customer",
        customer,
        "--reader",
        "Front desk",
        "--channel",
        "phone",
        "--redisplay",
        "limited",
        "--consent-given",
        "--test-card",
        "4929 1234 5678 9012",
    )
    assert real_card.code == 2 and "test card" in real_card.stderr
    # Nothing of that reached Stripe: no intent of any kind exists for the customer.
    client = desk.sim.client()
    assert client.v1.payment_intents.list({"customer": customer}).data == []
    assert client.v1.setup_intents.list({"customer": customer}).data == []
    assert open_entries(desk.folder) == []


def test_french_words_with_lang_fr(desk: Desk) -> None:
    customer = desk.new_customer("Jeanne Fr")
    done = desk.run(
        *charge_args(customer, customer, "1", "eur"),
        "--lang",
        "fr",
    )
    assert done.code == 2
    assert "n'est pas une carte" in done.stderr or "n’est pas une carte" in done.stderr


def _wait_for(process: subprocess.Popen[str], text: str, limit_s: float = 60) -> str:
    """stderr lines until one holds ``text`` (the reader asking for the card)."""
    assert process.stderr is not None
    seen = []
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        seen.append(line)
        if text in line:
            return "".join(seen)
    raise AssertionError("never saw " + text + ":\n" + "".join(seen))


@pytest.mark.skipif(
    sys.platform == "win32",
    reason="Popen.send_signal(SIGINT) is POSIX; Windows needs CTRL_C_EVENT and a process group",
)
def test_ctrl_c_during_save_cancels_the_readers_action(desk: Desk) -> None:
    customer = desk.new_customer("Changed Mind")
    process = desk.start(
        "save-card",
        "--customer",
        customer,
        "--reader",
        "Front desk",
        "--channel",
        "phone",
        "--redisplay",
        "limited",
        "--consent-given",
        "--json",
    )
    try:
        _wait_for(process, "asks for the card")
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 1, stderr
    assert '"kind": "canceled"' in stdout
    assert open_entries(desk.folder) == []
    readers = desk.json("readers")["readers"]
    front = next(r for r in readers if r["label"] == "Front desk")
    assert front["action"] is None or front["action"]["status"] != "in_progress"
    intents = desk.sim.client().v1.setup_intents.list({"customer": customer}).data
    assert [i.status for i in intents] == ["canceled"]


def test_a_reader_that_shows_nothing_is_stopped_at_the_timeout(desk: Desk) -> None:
    customer = desk.new_customer("Slow Caller")
    done = desk.run(
        "save-card",
        "--customer",
        customer,
        "--reader",
        "Phone desk",
        "--channel",
        "phone",
        "--redisplay",
        "limited",
        "--consent-given",
        "--timeout",
        "2",
        "--json",
    )
    assert done.code == 1, done
    assert done.json["error"]["kind"] == "reader_timeout"
    assert open_entries(desk.folder) == []


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_anywhere(desk: Desk, where: str) -> None:
    desk.new_customer("Anywhere")
    args = ["--data-dir", str(desk.folder), "--json"]
    command = [*args, "history"] if where == "before" else ["history", *args]
    done = subprocess.run(
        [sys.executable, "-m", "moto_desk", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=desk_env(),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"create_customer"' in done.stdout


def test_doctor_and_the_support_bundle_from_the_command_line(desk: Desk, tmp_path: Path) -> None:
    customer = str(
        desk.json(
            "customers", "create", "--name", "Bundle Person", "--email", "bundle.person@example.com"
        )["customer"]["id"]
    )
    card = desk.saved_card(customer)["payment_method"]
    desk.json(
        *charge_args(customer, card, "3", "usd"),
    )

    doctor = desk.json("doctor")
    assert doctor["ok"] is True and doctor["mode"] == "demo"
    assert {f["topic"] for f in doctor["findings"]} >= {"access", "readers"}

    out = tmp_path / "bundle.zip"
    done = desk.json("support-bundle", "--out", str(out))
    assert done["path"] == str(out)
    assert_owner_only(out)
    with zipfile.ZipFile(out) as bundle:
        names = bundle.namelist()
        text = "\n".join(bundle.read(name).decode("utf-8", "replace") for name in names)
    assert "stripe-requests.jsonl" in names and "records.json" in names
    # The commands' own Stripe requests are in it (method, path, request id — no bodies).
    assert "/v1/payment_intents" in text and "req_" in text
    assert customer in text
    for secret in ("bundle.person@example.com", "4242424242424242", "Bundle Person"):
        assert secret not in text, secret
