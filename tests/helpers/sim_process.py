"""A ``moto-desk-sim`` process with the demo's objects, for the tests and benchmarks that need
the simulator outside their own process (desk commands, the test-mode desk's memory)."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def sim_process() -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Start ``moto-desk-sim --port 0 --seed-demo``; its URL and process, stopped after."""
    process = subprocess.Popen(
        [sys.executable, "-m", "moto_desk.simulator.cli", "--port", "0", "--seed-demo"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    if not first.startswith("listening on "):
        process.kill()
        raise RuntimeError(
            f"moto-desk-sim did not start: {first}{process.stderr.read() if process.stderr else ''}"
        )
    try:
        yield first.split()[-1], process
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
