"""Start-up from source: process start to the first painted main window, offscreen.

Baseline, measured in the same run and the same way (issue 17): the bare PySide6
``QMainWindow`` of ``packaging/baseline/bare_window.py`` started after its first touch of
PySide6's ``Qt`` namespace ("bare+Qt"). Any real window touches ``Qt`` (an alignment, a
focus policy, a key, an item role), and that first touch makes PySide6 create the
namespace's 94 Python enums (``Qt.Key`` alone has ~450 members): a cost of using Qt from
Python, not of moto-desk. Budget: the desk's first painted *complete* window (no shell
painted first) ≤ 1.25x bare+Qt. The plain bare window is printed for reading.

Runs alternate between the three so a noisy machine hurts all alike. Each prints one line
at first paint (``MOTO_DESK_REPORT_FIRST_PAINT=1``) and quits; the time is until that line
reaches us. Also printed: the child's CPU time to that point (user + system), steadier than
the wall clock on a shared machine, and its peak RSS (memory has its own benchmark,
``bench_memory.py``).

    python tests/benchmarks/bench_startup.py [--runs 21] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = [sys.executable, "-m", "moto_desk", "--demo"]
BARE = [sys.executable, str(ROOT / "packaging" / "baseline" / "bare_window.py")]
#: The same bare window, touching ``Qt`` once first (its ``MOTO_DESK_BARE_TOUCH_QT``).
TOUCH_QT = {"MOTO_DESK_BARE_TOUCH_QT": "1"}


def _environment(data_dir: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The children's environment: offscreen, report the first paint, and bytecode caching
    on — an installed program runs from ``.pyc`` files (pip compiles them; the frozen build
    ships them), so a ``PYTHONDONTWRITEBYTECODE`` inherited from a shell would time the
    compiler instead of the program."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "MOTO_DESK_REPORT_FIRST_PAINT": "1",
        "MOTO_DESK_DATA_DIR": data_dir,
        **(extra or {}),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


BUDGET = 1.25


def _once(
    command: list[str], data_dir: str, extra: dict[str, str] | None = None
) -> tuple[float, float, float]:
    env = _environment(data_dir, extra)
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    painted = time.perf_counter() - started
    child.stdout.read()
    child.stdout.close()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if "first_paint" not in line:
        raise SystemExit(f"{command} never painted: {line!r}")
    cpu = usage.ru_utime + usage.ru_stime
    return painted * 1000, cpu * 1000, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float, float]]] = {"bare": [], "bare+Qt": [], "app": []}
    with tempfile.TemporaryDirectory() as data_dir:
        _once(APP, data_dir)  # warm the OS caches, write the bytecode, create the data folder
        _once(BARE, data_dir)
        for _ in range(args.runs):
            results["bare"].append(_once(BARE, data_dir))
            results["bare+Qt"].append(_once(BARE, data_dir, TOUCH_QT))
            results["app"].append(_once(APP, data_dir))
    summary = {
        name: {
            "first_paint_ms": statistics.median(t for t, _, _ in runs),
            "first_paint_range_ms": [min(t for t, _, _ in runs), max(t for t, _, _ in runs)],
            "cpu_ms": statistics.median(c for _, c, _ in runs),
            "peak_rss_mb": statistics.median(m for _, _, m in runs),
        }
        for name, runs in results.items()
    }
    app, bare_qt, bare = summary["app"], summary["bare+Qt"], summary["bare"]
    ratio = app["first_paint_ms"] / bare_qt["first_paint_ms"]
    result = {
        **summary,
        "ratio": ratio,
        "cpu_ratio": app["cpu_ms"] / bare_qt["cpu_ms"],
        "ratio_to_bare": app["first_paint_ms"] / bare["first_paint_ms"],
        "bare_qt_to_bare": bare_qt["first_paint_ms"] / bare["first_paint_ms"],
        "budget": BUDGET,
        "budget_met": ratio <= BUDGET,
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"start-up from source, offscreen, medians of {args.runs} alternating runs")
    print(f"{'':<9}{'first paint ms':>16}{'(range)':>13}{'CPU ms':>9}{'peak RSS MB':>13}")
    for name in ("bare", "bare+Qt", "app"):
        row = summary[name]
        low, high = row["first_paint_range_ms"]
        print(
            f"{name:<9}{row['first_paint_ms']:>16.0f}{f'{low:.0f}-{high:.0f}':>13}"
            f"{row['cpu_ms']:>9.0f}{row['peak_rss_mb']:>13.1f}"
        )
    verdict = "met" if result["budget_met"] else "MISSED"
    print(
        f"app / bare+Qt: {ratio:.2f}x first paint, {result['cpu_ratio']:.2f}x CPU "
        f"(budget {BUDGET}x: {verdict}); app / bare {result['ratio_to_bare']:.2f}x, "
        f"bare+Qt / bare {result['bare_qt_to_bare']:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
