"""The memory floor: the bare window of ``packaging/baseline/bare_window.py`` with the
libraries every desk must load imported first — the stripe SDK (which loads requests, urllib3
and OpenSSL at import), keyring with its backend chosen (SecretStorage and cryptography on
Linux), and sqlite3 — and nothing of moto-desk's own.

``bench_memory.py`` prints its peak RSS next to the bare window's and the desk's: what no code
of ours could remove, with the dependencies the project requires.
"""

from __future__ import annotations

import runpy
import sqlite3  # noqa: F401  the journal and the ledger
from pathlib import Path

import keyring
import stripe

keyring.get_keyring()  # the backend discovery a desk with a key runs at start
stripe.StripeClient("sk_test_floor")  # the client and its HTTP session, as the gateway builds

runpy.run_path(
    str(Path(__file__).resolve().parents[2] / "packaging" / "baseline" / "bare_window.py"),
    run_name="__main__",
)
