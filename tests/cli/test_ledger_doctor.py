"""The headless commands, run as a clerk's administrator would, against a simulator."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from moto_desk.cli import main
from moto_desk.simulator import Simulator

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def desk_dir(tmp_path: Path) -> Path:
    """A data directory with a real save and charge in it (made by the self-test)."""
    folder = tmp_path / "desk"
    done = subprocess.run(
        [sys.executable, "-m", "moto_desk", "--self-test", "--data-dir", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return folder


def test_ledger_verify_and_export(
    desk_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(desk_dir), "ledger", "verify"]) == 0
    assert "hash chain intact" in capsys.readouterr().out
    out = tmp_path / "consents.json"
    assert (
        main(
            ["--data-dir", str(desk_dir), "ledger", "export", "--format", "json", "--out", str(out)]
        )
        == 0
    )
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert "consent" in json.dumps(exported)
    csv_out = tmp_path / "consents.csv"
    assert main(["--data-dir", str(desk_dir), "ledger", "export", "--out", str(csv_out)]) == 0
    assert csv_out.read_text(encoding="utf-8").count("\n") >= 3


def test_ledger_verify_fails_on_tampering(
    desk_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(desk_dir / "moto-desk.sqlite3")
    try:
        triggers = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        ]
        for name in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("UPDATE ledger SET clerk = 'mallory' WHERE seq = 1")
        conn.commit()
    finally:
        conn.close()
    assert main(["--data-dir", str(desk_dir), "ledger", "verify"]) == 1
    assert "BROKEN" in capsys.readouterr().out


def test_doctor_and_reconcile_against_a_simulator(
    sim: Simulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sim.seed_demo()
    common = ["--data-dir", str(tmp_path / "d"), "--demo", "--api-base", sim.url]
    assert main([*common, "doctor"]) == 0
    out = capsys.readouterr().out
    assert "Stripe reachable" in out
    assert "Front desk" in out and "Phone desk" in out
    assert main([*common, "reconcile"]) == 0
    assert "nothing to reconcile" in capsys.readouterr().out


def test_doctor_names_a_refused_key(
    sim: Simulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sim.keys.revoke("sk_test_revoked_key_123")
    monkeypatch.setenv("STRIPE_API_KEY", "sk_test_revoked_key_123")
    assert main(["--data-dir", str(tmp_path / "d"), "--api-base", sim.url, "doctor"]) == 1
    assert "did not accept" in capsys.readouterr().out


def test_a_publishable_key_is_refused_with_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STRIPE_API_KEY", "pk_test_123456789")
    assert main(["--data-dir", str(tmp_path / "d"), "doctor"]) == 1
    assert "publishable key" in capsys.readouterr().err
