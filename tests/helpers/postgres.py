"""A private PostgreSQL server for the tests: a temporary folder, 127.0.0.1, a free port.

Never a mock: the shop's records are tested against the server shops run. The server refuses
to run as root, so as root (these machines, CI) ``initdb`` and ``pg_ctl`` run as the
``postgres`` user with ``runuser``; as anyone else they run directly. ``fsync=off`` because
the fault tests stop the server with ``immediate`` mode, a crash of PostgreSQL but not of the
machine: what a commit wrote reaches the OS either way. (``synchronous_commit`` stays on —
and moto-desk sets it on for its own sessions — since with it off an acknowledged commit,
such as an idempotency key stored before a Stripe request, can vanish in exactly that crash;
the outage test found that.)

Each test gets its own database, copied from a template on which ``records init`` already ran
(``CREATE DATABASE … TEMPLATE`` is a file copy, ~20 ms), so tests never see each other's rows.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN_CANDIDATES = (
    Path("/usr/lib/postgresql/15/bin"),
    Path("/usr/lib/postgresql/16/bin"),
    Path("/usr/lib/postgresql/17/bin"),
)
SUPERUSER = "moto_test"
TEMPLATE = "moto_template"


def find_bin() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is absent."""
    for folder in BIN_CANDIDATES:
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One server for the test session; :meth:`new_database` gives each test a fresh one."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="moto-desk-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        # POSIX only: the server refuses root, so root runs it as the postgres user.
        self.as_root = getattr(os, "geteuid", lambda: 1)() == 0
        self._names = itertools.count(1)

    # -- running the server's programs ------------------------------------------------------

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = list(args)
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=60)

    def start(self) -> None:
        if self.as_root:
            import pwd

            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            SUPERUSER,
            "-E",
            "UTF8",
            "--no-locale",
        )
        self.pg_ctl_start()

    def pg_ctl_start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "server.log"),
            "-w",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; ``immediate`` is a crash as far as PostgreSQL is concerned."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self) -> None:
        self.pg_ctl_start()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)

    def close(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop",
                  check=False)  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)

    # -- databases ----------------------------------------------------------------------------

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        """Run ``sql`` as the superuser on the maintenance database (autocommit)."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type,unused-ignore]  # test-only constant SQL

    def prepare_template(self) -> None:
        """A template database on which ``records init`` ran, and a desk login role."""
        from moto_desk.records.shop import init_shop

        self.admin(f"CREATE DATABASE {TEMPLATE}")
        init_shop(self.url(TEMPLATE))
        self.admin("CREATE ROLE desk_login LOGIN IN ROLE moto_desk_desk")

    def new_database(self) -> str:
        """A fresh database with the shop's schema; its URL as the superuser."""
        name = f"shop_{os.getpid()}_{next(self._names)}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def empty_database(self) -> str:
        """A fresh database with nothing in it (for ``records init`` itself)."""
        name = f"empty_{os.getpid()}_{next(self._names)}"
        self.admin(f"CREATE DATABASE {name}")
        return self.url(name)


@contextmanager
def running_server(bin_dir: Path) -> Iterator[PostgresServer]:
    """A started server with its template database, stopped (and its idle pooled
    connections closed) when the block ends."""
    from moto_desk.records.shop import close_idle

    server = PostgresServer(bin_dir)
    server.start()
    try:
        server.prepare_template()
        yield server
    finally:
        close_idle()
        server.close()
