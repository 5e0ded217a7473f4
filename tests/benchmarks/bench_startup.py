"""Start-up from source: process start to the first painted main window, offscreen.

Baseline, measured in the same run and the same way: a bare PySide6 ``QMainWindow`` with a
few widgets (``packaging/baseline/bare_window.py``). Runs alternate between the two so a
noisy machine hurts both alike. Both print one line at first paint
(``MOTO_DESK_REPORT_FIRST_PAINT=1``) and quit; the time is until that line reaches us, the
memory is the child's peak RSS. Budget (issue 8): start-up ≤ 1.3x, memory ≤ 1.5x.

A third child, for reading the figure (not a budget): the same bare window started after
its first touch of PySide6's ``Qt`` namespace, which makes PySide6 create the namespace's
94 Python enums (``Qt.Key`` alone has ~450 members). The bare window never touches ``Qt``;
any window that sets an alignment, a focus policy, a key or an item role does.

    python tests/benchmarks/bench_startup.py [--runs 11] [--json]
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
BARE_QT = [
    sys.executable,
    "-c",
    "from PySide6.QtCore import Qt; Qt.AlignmentFlag; import runpy, sys; "
    "runpy.run_path(sys.argv[1], run_name='__main__')",
    BARE[1],
]


def _environment(data_dir: str) -> dict[str, str]:
    """The children's environment: offscreen, report the first paint, and bytecode caching
    on — an installed program runs from ``.pyc`` files (pip compiles them; the frozen build
    ships them), so a ``PYTHONDONTWRITEBYTECODE`` inherited from a shell would time the
    compiler instead of the program."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "MOTO_DESK_REPORT_FIRST_PAINT": "1",
        "MOTO_DESK_DATA_DIR": data_dir,
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _once(command: list[str], data_dir: str) -> tuple[float, float]:
    env = _environment(data_dir)
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
    return painted * 1000, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {"bare": [], "bare+Qt": [], "app": []}
    with tempfile.TemporaryDirectory() as data_dir:
        _once(APP, data_dir)  # warm the OS caches, write the bytecode, create the data folder
        _once(BARE, data_dir)
        for _ in range(args.runs):
            results["bare"].append(_once(BARE, data_dir))
            results["bare+Qt"].append(_once(BARE_QT, data_dir))
            results["app"].append(_once(APP, data_dir))
    summary = {
        name: {
            "first_paint_ms": statistics.median(t for t, _ in runs),
            "peak_rss_mb": statistics.median(m for _, m in runs),
        }
        for name, runs in results.items()
    }
    paint_ratio = summary["app"]["first_paint_ms"] / summary["bare"]["first_paint_ms"]
    rss_ratio = summary["app"]["peak_rss_mb"] / summary["bare"]["peak_rss_mb"]
    qt_ratio = summary["bare+Qt"]["first_paint_ms"] / summary["bare"]["first_paint_ms"]
    if args.json:
        print(
            json.dumps(
                {
                    **summary,
                    "paint_ratio": paint_ratio,
                    "rss_ratio": rss_ratio,
                    "bare_qt_paint_ratio": qt_ratio,
                }
            )
        )
        return 0
    print(f"start-up from source, offscreen, medians of {args.runs} alternating runs")
    print(f"{'':<8}{'first paint ms':>16}{'peak RSS MB':>14}")
    for name in ("bare", "bare+Qt", "app"):
        row = summary[name]
        print(f"{name:<8}{row['first_paint_ms']:>16.0f}{row['peak_rss_mb']:>14.1f}")
    print(f"{'bare+Qt':<8}{qt_ratio:>15.2f}x   (the bare window after touching Qt's namespace)")
    print(f"{'ratio':<8}{paint_ratio:>15.2f}x{rss_ratio:>13.2f}x   (budget 1.3x / 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
