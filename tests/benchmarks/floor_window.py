"""The memory floor: the bare window of ``packaging/baseline/bare_window.py`` with the
libraries every desk must load imported first — the stripe SDK (which loads requests, urllib3
and OpenSSL at import), keyring with its backend chosen (SecretStorage and cryptography on
Linux), and sqlite3 — and nothing of moto-desk's own.

``bench_memory.py`` measures the test-mode desk against its peak RSS (issue 17's budget:
1.25x): what no code of ours could remove, with the dependencies the project requires.
"""

from __future__ import annotations

import os
import runpy
import sqlite3  # noqa: F401  the journal and the ledger
import sys
from pathlib import Path

import keyring
import stripe

keyring.get_keyring()  # the backend discovery a desk with a key runs at start
stripe.StripeClient("sk_test_floor")  # the client and its HTTP session, as the gateway builds

try:
    runpy.run_path(
        str(Path(__file__).resolve().parents[2] / "packaging" / "baseline" / "bare_window.py"),
        run_name="__main__",
    )
finally:
    # For bench_memory's list of the modules a desk loads above the floor.
    if where := os.environ.get("MOTO_DESK_BENCH_MODULES"):
        Path(where).write_text("\n".join(sorted(sys.modules)), encoding="utf-8")
