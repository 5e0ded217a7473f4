"""Memory: peak RSS of the desk after a full save and charge, against the bare window.

Each side runs in its own process, alternately, so a noisy machine hurts both alike:

- app: demo mode as a desk runs it — the embedded simulator in the same process, the real
  window, the backend (stripe, keyring, SQLite) — driven by the clerk's keys through one save
  on the simulated reader and one charge (the harness of ``bench_gui_stall.py``);
- baseline: the bare PySide6 window (``packaging/baseline/bare_window.py``) to its first
  paint, the baseline of ``bench_startup.py``;
- floor (for reading the figure, not a budget): the bare window with the libraries every desk
  must load imported first — stripe (with requests and OpenSSL), keyring with its backend,
  sqlite3 (``floor_window.py``). What is above the floor is ours.

The figure is each child's ``ru_maxrss``. Budget (issue 8): at most 1.5x.

The app's child installs no keyring of its own: in demo mode the desk never reads one, and a
harness that loaded keyring would charge its ~9 MB to the app.

    python tests/benchmarks/bench_memory.py [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BARE = [sys.executable, str(ROOT / "packaging" / "baseline" / "bare_window.py")]
FLOOR = [sys.executable, str(Path(__file__).resolve().parent / "floor_window.py")]
APP = [sys.executable, str(Path(__file__).resolve()), "--child"]
BUDGET = 1.5


def _child() -> int:
    """One desk session: window, save, charge; then print the peak RSS and leave at once."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_gui_stall import (  # the window harness
        application,
        close_window,
        open_window,
        save_and_charge,
    )

    from moto_desk.simulator import Simulator
    from tests.helpers.memory_keyring import DESK_ENVIRONMENT

    for name in DESK_ENVIRONMENT:  # demo mode on a fresh folder: no key, no keyring
        os.environ.pop(name, None)
    application()
    with tempfile.TemporaryDirectory() as folder, Simulator(seed_demo=True) as sim:
        window = open_window(sim, Path(folder) / "desk")
        save_and_charge(window, "12.50")
        close_window(window)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    loaded = {name: name in sys.modules for name in ("stripe", "keyring", "requests")}
    print(json.dumps({"peak_rss_mb": peak, "loaded": loaded}), flush=True)
    os._exit(0)  # as the other window benchmarks: skip PySide6's teardown


def _peak_mb(command: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MOTO_DESK_REPORT_FIRST_PAINT": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    output = child.stdout.read()
    child.stdout.close()
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed: {output!r}")
    return usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child()
    bare: list[float] = []
    floor: list[float] = []
    app: list[float] = []
    for _ in range(args.runs):
        bare.append(_peak_mb(BARE))
        floor.append(_peak_mb(FLOOR))
        app.append(_peak_mb(APP))
    result = {
        "bare_peak_rss_mb": statistics.median(bare),
        "floor_peak_rss_mb": statistics.median(floor),
        "app_peak_rss_mb": statistics.median(app),
        "app_peak_rss_max_mb": max(app),
    }
    result["floor_ratio"] = result["floor_peak_rss_mb"] / result["bare_peak_rss_mb"]
    ratio = result["app_peak_rss_mb"] / result["bare_peak_rss_mb"]
    result["ratio"] = ratio
    result["budget"] = BUDGET
    result["budget_met"] = ratio <= BUDGET
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"peak RSS, medians of {args.runs} alternating runs")
    print(f"{'bare window (first paint)':<34}{result['bare_peak_rss_mb']:>8.1f} MB")
    print(
        f"{'floor: bare + stripe, keyring':<34}{result['floor_peak_rss_mb']:>8.1f} MB"
        f"   {result['floor_ratio']:.2f}x"
    )
    print(f"{'desk after a save and a charge':<34}{result['app_peak_rss_mb']:>8.1f} MB")
    verdict = "met" if result["budget_met"] else "MISSED"
    print(f"{'ratio':<34}{ratio:>8.2f}x   (budget {BUDGET}x: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
