"""Doctor through the real SDK against the simulator: key advice, access, readers, and a
restricted key's missing permissions named in the Dashboard's words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moto_desk.backend import DEMO_KEY
from moto_desk.diagnostics.doctor import DoctorReport, Finding, run_doctor
from moto_desk.domain.errors import PermissionDenied
from moto_desk.domain.permissions import REQUIRED_PERMISSIONS, permission_label
from moto_desk.flows.context import DeskIdentity, FlowContext
from moto_desk.gateway.client import Gateway
from moto_desk.gateway.keys import classify
from moto_desk.simulator import Simulator

ALL_NEEDED = [p.code for p in REQUIRED_PERMISSIONS]


def doctor(sim: Simulator, tmp_path: Path, key: str, *, simulated: bool = False) -> DoctorReport:
    gateway = Gateway(DEMO_KEY if simulated else classify(key), sim.url, simulated=simulated)
    ctx = FlowContext(gateway, tmp_path / "desk.sqlite3", DeskIdentity("ada", "desk-1"))
    return run_doctor(ctx)


def by_topic(report: DoctorReport) -> dict[str, Finding]:
    return {finding.topic: finding for finding in report.findings}


@pytest.fixture
def seeded(sim: Simulator) -> Simulator:
    sim.seed_demo()
    return sim


def test_a_full_secret_key_is_warned_about_with_the_permissions_to_give_instead(
    seeded: Simulator, tmp_path: Path
) -> None:
    report = doctor(seeded, tmp_path, "sk_test_doctor_full_key_0001")
    found = by_topic(report)
    assert found["key"].status == "warn"
    assert "restricted key (rk_…)" in found["key"].message
    for label in (
        "Customers: write",
        "SetupIntents: write",
        "PaymentIntents: write",
        "PaymentMethods: write",
        "Refunds: write",
        "Terminal Readers: write",
        "Terminal Locations: read",
        "Charges: read",
    ):
        assert label in found["key"].message
    assert "sk_test_doctor_full_key_0001" not in json.dumps(report.to_json())
    assert (found["access"].status, found["readers"].status) == ("ok", "ok")
    assert found["readers"].message == "2 reader(s)"
    assert len(found["readers"].details) == 2
    assert "permissions" not in found  # a full key has them all
    assert report.ok  # advice, not a failure
    lines = report.lines()
    assert lines[0].startswith("mode: test  key: sk_test_…0001  api: Gateway(test, http")
    assert "ok    Stripe reachable and the key accepted" in lines
    assert any(
        line.startswith("WARN  This desk uses the account's full secret key") for line in lines
    )
    assert lines[-1].startswith("info  MOTO access is checked when a save is started")


def test_a_restricted_key_with_every_permission_passes(seeded: Simulator, tmp_path: Path) -> None:
    key = "rk_test_doctor_all_permissions"
    seeded.keys.restrict(key, ALL_NEEDED)
    report = doctor(seeded, tmp_path, key)
    found = by_topic(report)
    assert found["key"].status == "ok"
    assert found["permissions"].status == "ok"
    assert "Write access" in found["permissions"].message
    assert report.ok
    assert [f.status for f in report.findings].count("fail") == 0


def test_a_restricted_key_missing_permissions_names_each_in_plain_words(
    seeded: Simulator, tmp_path: Path
) -> None:
    key = "rk_test_doctor_no_terminal"
    lacking = {"rak_terminal_reader_write", "rak_charge_read", "rak_refund_write"}
    seeded.keys.restrict(key, [code for code in ALL_NEEDED if code not in lacking])
    report = doctor(seeded, tmp_path, key)
    found = by_topic(report)
    assert not report.ok
    assert found["access"].status == "ok"
    assert found["readers"].status == "fail"
    assert "“Terminal Readers: read” permission (rak_terminal_reader_read)" in (
        found["readers"].message
    )
    permissions = found["permissions"]
    assert permissions.status == "fail"
    assert "Refunds: write, Terminal Readers: write, Charges: read" in permissions.message
    assert [line.split()[0:3] for line in permissions.details] == [
        ["Refunds:", "write", "rak_refund_write"],
        ["Terminal", "Readers:", "write"],
        ["Charges:", "read", "rak_charge_read"],
    ]
    data = report.to_json()
    assert data["ok"] is False
    assert json.loads(json.dumps(data)) == data


def test_a_restricted_key_without_any_permission_still_gets_the_whole_list(
    seeded: Simulator, tmp_path: Path
) -> None:
    key = "rk_test_doctor_nothing_at_all"
    seeded.keys.restrict(key, [])
    report = doctor(seeded, tmp_path, key)
    found = by_topic(report)
    assert found["access"].status == "fail"
    assert "“Customers: read”" in found["access"].message
    assert len(found["permissions"].details) == len(REQUIRED_PERMISSIONS)
    assert any(
        line.startswith("FAIL  Stripe access: This desk's API key is not allowed")
        for line in report.lines()
    )


def test_demo_mode_needs_no_key_advice(seeded: Simulator, tmp_path: Path) -> None:
    report = doctor(seeded, tmp_path, "", simulated=True)
    found = by_topic(report)
    assert found["key"].status == "info"
    assert "Demo mode" in found["key"].message
    assert report.mode == "demo"
    assert report.ok


def test_a_revoked_key_stops_at_access(seeded: Simulator, tmp_path: Path) -> None:
    seeded.keys.revoke("sk_test_doctor_revoked_01")
    report = doctor(seeded, tmp_path, "sk_test_doctor_revoked_01")
    assert [f.topic for f in report.findings] == ["key", "access"]
    assert report.findings[-1].status == "fail"
    assert "did not accept this desk's API key" in report.findings[-1].message
    assert not report.ok


def test_the_clerk_is_told_the_missing_permission_in_plain_words(
    seeded: Simulator, tmp_path: Path
) -> None:
    """What the window shows (PermissionDenied's message), from Stripe's 403 through the SDK."""
    key = "rk_test_clerk_no_readers"
    seeded.keys.restrict(key, ["rak_customer_write"])
    gateway = Gateway(classify(key), seeded.url)
    with pytest.raises(PermissionDenied) as caught:
        gateway.list_readers()
    assert caught.value.permission == "rak_terminal_location_read"
    assert caught.value.clerk_message == (
        "This desk's API key is not allowed to do this: it lacks the “Terminal Locations: read” "
        "permission (rak_terminal_location_read). Ask your administrator to add it to the key "
        "in the Stripe Dashboard (Developers → API keys)."
    )


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("rak_terminal_reader_write", "Terminal Readers: write"),
        ("rak_customer_read", "Customers: read"),
        ("rak_payment_intent_write", "PaymentIntents: write"),
        ("rak_some_new_thing_read", "Some New Thing: read"),
        ("not a permission", "not a permission"),
    ],
)
def test_permission_labels(code: str, words: str) -> None:
    assert permission_label(code) == words
