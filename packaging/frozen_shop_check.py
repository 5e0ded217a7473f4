"""The frozen program on the shop's records: a private PostgreSQL, as a shop's server.

``ci_frozen_check.sh`` runs the frozen self-test on the desk's own file; this runs the frozen
program's commands against PostgreSQL, through the libpq (and the OpenSSL it links to) that
the one-folder build ships: ``records init``, a customer created in demo mode on the shop's
records, the shop's status, the history and the ledger's verify — the server's words read
back as JSON. A library the build dropped or linked wrongly fails the first command.

    python packaging/frozen_shop_check.py dist/moto-desk/moto-desk

Needs PostgreSQL's server programs (Debian's ``postgresql``; ``.ci/run`` installs them).
Each command must exit 0 and write nothing to stderr. ``ci_frozen_check.sh`` runs this
script as it runs the frozen program, in the environment its ``run_frozen`` makes
(offscreen, no debugging switches), which the commands inherit.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.helpers.postgres import find_bin, running_server  # noqa: E402  after the path


def _run(app: Path, folder: Path, *args: str) -> Any:
    """One command of the frozen program, with ``--json``; what it printed, parsed."""
    done = subprocess.run(  # noqa: S603  the program under test, with our own arguments
        [str(app), *args, "--data-dir", str(folder), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0 or done.stderr.strip():
        raise SystemExit(
            f"FROZEN SHOP CHECK FAILED: {' '.join(args)} exited {done.returncode}\n"
            f"stdout: {done.stdout}\nstderr: {done.stderr}"
        )
    return json.loads(done.stdout)


def check(app: Path) -> None:
    bin_dir = find_bin()
    if bin_dir is None:
        raise SystemExit("FROZEN SHOP CHECK FAILED: PostgreSQL's server programs are missing")
    with running_server(bin_dir) as server, tempfile.TemporaryDirectory() as temp:
        url = server.empty_database()
        folder = Path(temp) / "desk"
        _run(app, folder, "records", "init", "--records", url, "--shop-name", "Corner Books")
        created = _run(
            app,
            folder,
            "--demo",
            "--records",
            url,
            "customers",
            "create",
            "--name",
            "Ada Lovelace",
            "--email",
            "ada@example.com",
        )
        print(f"    customer created on the shop's records: {created}")
        status = _run(app, folder, "records", "status", "--records", url)
        if status.get("store") != "postgresql" or status["shop"]["shop_name"] != "Corner Books":
            raise SystemExit(f"FROZEN SHOP CHECK FAILED: records status said {status}")
        history = _run(app, folder, "--demo", "--records", url, "history", "--customer", "ada")
        if "create_customer" not in json.dumps(history):
            raise SystemExit(f"FROZEN SHOP CHECK FAILED: the history did not show it: {history}")
        verified = _run(app, folder, "--records", url, "ledger", "verify")
        print(f"    records status: {status['store']}; ledger verify: {verified}")


def main() -> int:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    check(Path(sys.argv[1]).resolve())
    print("frozen shop check passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
