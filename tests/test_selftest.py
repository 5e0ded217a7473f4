"""``moto-desk --self-test``: passes end to end, and names the failing step otherwise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from moto_desk.selftest import run_self_test

ROOT = Path(__file__).resolve().parent.parent


def test_self_test_passes_from_the_command_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "moto_desk", "--self-test", "--data-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
    assert "save a card by MOTO" in done.stdout
    assert "save a card through the window (offscreen) — Visa ending in 4242" in done.stdout
    assert done.stderr == ""
    assert (tmp_path / "moto-desk.sqlite3").exists()


def test_a_failing_step_is_named(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("in the way")
    lines: list[str] = []
    assert run_self_test(not_a_folder, lines.append) == 1
    assert lines[0].startswith("FAIL  open the desk's records")
    assert lines[-1] == "self-test FAILED"
