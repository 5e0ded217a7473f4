"""The layer rules of DESIGN.md, checked by importing for real in a clean interpreter.

import-linter (run by CI) checks the static import graph; this checks what is actually
loaded, which also catches an import hidden in a function the core calls at import time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _loaded_after(code: str) -> set[str]:
    script = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return set(out.split())


def test_core_layers_load_no_qt() -> None:
    loaded = _loaded_after(
        "import moto_desk.domain.money, moto_desk.domain.errors, moto_desk.domain.models\n"
        "import moto_desk.gateway.client, moto_desk.simulator\n"
        "import moto_desk.flows.reader_watch, moto_desk.records.database\n"
        "import moto_desk.diagnostics.doctor, moto_desk.diagnostics.bundle"
    )
    assert not {m for m in loaded if m.startswith(("PySide6", "shiboken6"))}


def test_domain_loads_neither_stripe_nor_keyring() -> None:
    loaded = _loaded_after("import moto_desk.domain.money, moto_desk.domain.models")
    assert "stripe" not in loaded
    assert "keyring" not in loaded


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    commands = [line.strip() for line in first_block.splitlines() if line.strip()]
    test_command = next(c for c in commands if "pytest" in c)
    # CI splits the README's one-liner into its steps; every step must appear in CI.
    for part in test_command.split("&&"):
        assert part.strip() in ci, part
