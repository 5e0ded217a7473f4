"""The frozen moto-desk against a frozen bare PySide6 window, built the same way in this run.

Both are built by ``packaging/build.py`` (the same slimming steps, strip, one folder) into
``build/bench/``; then each is started offscreen with ``MOTO_DESK_REPORT_FIRST_PAINT=1``,
which makes it print one line at its first paint and quit. Reported: build time, one-folder
size, start-up time to first paint (from process start to that line) and to exit, peak RSS,
and the ratios app / bare window. The same two programs run from source are timed too, to
show what freezing adds.

    python tests/benchmarks/bench_frozen.py [--runs 11] [--json] [--no-build] [--no-source]
    python tests/benchmarks/bench_frozen.py --exclusions     also: what each slimming step
                                                              saves (one build per step)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "packaging" / "build.py"
BUNDLE = REPO / "packaging" / "bundle.py"
BARE_SOURCE = REPO / "packaging" / "baseline" / "bare_window.py"
BENCH = REPO / "build" / "bench"
REPORT_ENV = "MOTO_DESK_REPORT_FIRST_PAINT"
TOUCH_QT_ENV = "MOTO_DESK_BARE_TOUCH_QT"
#: Issue 17: the frozen desk's first paint ≤ 1.25x the frozen bare window touching ``Qt``.
BUDGET = 1.25


@dataclass
class Build:
    name: str
    build_seconds: float
    bytes: int
    files: int
    path: str


@dataclass
class Startup:
    first_paint_ms: float
    first_paint_min_ms: float
    exit_ms: float
    peak_rss_mb: float
    runs: int


def build(*options: str) -> Build:
    """Run ``packaging/build.py --json`` into ``build/bench`` and read its summary."""
    command = [
        sys.executable,
        str(BUILD),
        "--json",
        "--distpath",
        str(BENCH / "dist"),
        "--workpath",
        str(BENCH / "work"),
        *options,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"build failed: {' '.join(options) or 'moto-desk'}")
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    return Build(
        summary["name"], summary["build_seconds"], summary["bytes"], summary["files"],
        summary["path"],
    )  # fmt: skip


def _one_start(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Milliseconds to the first-paint line and to exit, and peak RSS in MB, of one run."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline()
    painted = time.perf_counter()
    rest = process.stdout.read()
    errors = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    ended = time.perf_counter()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or "first_paint" not in line:
        raise SystemExit(
            f"{command[0]} exited {process.returncode} without a first-paint report:\n"
            f"{line}{rest}{errors}"
        )
    if errors.strip():
        print(f"warning: {Path(command[0]).name} wrote to stderr: {errors.strip()}")
    rss_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    return (painted - started) * 1000, (ended - started) * 1000, rss_mb


def time_startups(commands: dict[str, list[str]], runs: int) -> dict[str, Startup]:
    """Start each command ``runs`` times, interleaved so drift hits all alike. A name ending
    in "+Qt" runs the bare window touching PySide6's ``Qt`` namespace first."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", REPORT_ENV: "1"}
    for name in ("QT_DEBUG_PLUGINS", "CLAUDECODE", "CLAUDE_CODE_CHILD_SESSION"):
        env.pop(name, None)
    envs = {name: {**env, TOUCH_QT_ENV: "1"} if name.endswith("+Qt") else env for name in commands}
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for name, command in commands.items():
        _one_start(command, envs[name])  # warm the page cache, create the data folder
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(_one_start(command, envs[name]))
    return {
        name: Startup(
            first_paint_ms=statistics.median(s[0] for s in runs_of),
            first_paint_min_ms=min(s[0] for s in runs_of),
            exit_ms=statistics.median(s[1] for s in runs_of),
            peak_rss_mb=statistics.median(s[2] for s in runs_of),
            runs=len(runs_of),
        )
        for name, runs_of in samples.items()
    }


def _slimming_steps() -> list[tuple[str, str]]:
    """``packaging/bundle.py``'s steps (that folder is not a package: loaded by path)."""
    spec = importlib.util.spec_from_file_location("moto_desk_bundle", BUNDLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return [(step.name, step.summary) for step in module.SLIMMING]


def measure_exclusions(slim: Build) -> dict[str, Any]:
    """Build the app with PyInstaller's defaults, and once per slimming step with only that
    step skipped: a step's saving is what skipping it adds to the slim build."""
    default = build("--no-slim")
    steps: dict[str, dict[str, float]] = {}
    for name, summary in _slimming_steps():
        without = build("--keep", name)
        steps[name] = {
            "bytes_without_step": without.bytes,
            "saves_mb": round((without.bytes - slim.bytes) / 1e6, 1),
            "build_seconds": without.build_seconds,
        }
        saves = steps[name]["saves_mb"]
        print(f"  {name:<18} saves {saves:6.1f} MB  ({summary})", file=sys.stderr, flush=True)
    return {
        "default_bytes": default.bytes,
        "default_files": default.files,
        "default_build_seconds": default.build_seconds,
        "slim_bytes": slim.bytes,
        "steps": steps,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11, help="starts of each program")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-build", action="store_true", help="reuse build/bench/dist")
    parser.add_argument("--no-source", action="store_true", help="skip the from-source runs")
    parser.add_argument("--exclusions", action="store_true", help="measure each slimming step")
    args = parser.parse_args()

    dist = BENCH / "dist"
    if args.no_build:
        app = Build("moto-desk", 0.0, *_size(dist / "moto-desk"), str(dist / "moto-desk"))
        bare = Build("bare-window", 0.0, *_size(dist / "bare-window"), str(dist / "bare-window"))
    else:
        if not args.json:
            print("building the app and the bare window into build/bench/ …")
        app = build()
        bare = build("--baseline")

    with tempfile.TemporaryDirectory(prefix="moto-desk-bench-") as data:
        commands = {
            "app frozen": [str(Path(app.path) / "moto-desk"), "--data-dir", data + "/frozen"],
            "bare frozen": [str(Path(bare.path) / "bare-window")],
            "bare frozen+Qt": [str(Path(bare.path) / "bare-window")],
        }
        if not args.no_source:
            commands["app source"] = [
                sys.executable, "-m", "moto_desk", "--data-dir", data + "/source",
            ]  # fmt: skip
            commands["bare source"] = [sys.executable, str(BARE_SOURCE)]
            commands["bare source+Qt"] = [sys.executable, str(BARE_SOURCE)]
        startups = time_startups(commands, args.runs)

    result: dict[str, Any] = {
        "builds": {"app": asdict(app), "bare": asdict(bare)},
        "size_ratio": round(app.bytes / bare.bytes, 2),
        "startup": {name: asdict(value) for name, value in startups.items()},
        "first_paint_ratio": round(
            startups["app frozen"].first_paint_ms / startups["bare frozen"].first_paint_ms, 2
        ),
        "first_paint_extra_ms": round(
            startups["app frozen"].first_paint_ms - startups["bare frozen"].first_paint_ms, 1
        ),
        "first_paint_ratio_bare_qt": round(
            startups["app frozen"].first_paint_ms / startups["bare frozen+Qt"].first_paint_ms, 2
        ),
        "budget": BUDGET,
    }
    result["budget_met"] = result["first_paint_ratio_bare_qt"] <= BUDGET
    if not args.no_source:
        result["first_paint_ratio_bare_qt_source"] = round(
            startups["app source"].first_paint_ms / startups["bare source+Qt"].first_paint_ms, 2
        )
    if not args.json:
        _print(result, startups)
    if args.exclusions:
        print("\nslimming steps, leave-one-out from the slim app build:", file=sys.stderr)
        result["exclusions"] = measure_exclusions(app)
        if not args.json:
            ex = result["exclusions"]
            print(
                f"  PyInstaller defaults: {ex['default_bytes'] / 1e6:.1f} MB "
                f"({ex['default_files']} files, built in {ex['default_build_seconds']:.0f} s); "
                f"slim: {app.bytes / 1e6:.1f} MB"
            )
    if args.json:
        print(json.dumps(result, indent=2))
    return 0


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def _print(result: dict[str, Any], startups: dict[str, Startup]) -> None:
    builds = result["builds"]
    print("one-folder builds (same slimming, same run):")
    print(f"  {'':<12} {'build s':>8} {'size MB':>8} {'files':>6}")
    for label, key in (("moto-desk", "app"), ("bare window", "bare")):
        b = builds[key]
        print(f"  {label:<12} {b['build_seconds']:8.1f} {b['bytes'] / 1e6:8.1f} {b['files']:6d}")
    print(f"  size ratio app / bare: {result['size_ratio']:.2f}")
    print("start-up, offscreen, median of runs (first paint min in brackets):")
    print(f"  {'':<12} {'first paint ms':>20} {'exit ms':>8} {'peak RSS MB':>12}")
    for name, s in startups.items():
        paint = f"{s.first_paint_ms:.0f} ({s.first_paint_min_ms:.0f})"
        print(f"  {name:<12} {paint:>20} {s.exit_ms:8.0f} {s.peak_rss_mb:12.0f}")
    print(
        f"  first paint ratio app / bare (frozen): {result['first_paint_ratio']:.2f} "
        f"(+{result['first_paint_extra_ms']:.0f} ms)"
    )
    verdict = "met" if result["budget_met"] else "MISSED"
    print(
        f"  first paint ratio app / bare+Qt (frozen): {result['first_paint_ratio_bare_qt']:.2f} "
        f"(budget {result['budget']}x: {verdict})"
    )
    if "first_paint_ratio_bare_qt_source" in result:
        print(
            "  first paint ratio app / bare+Qt (source): "
            f"{result['first_paint_ratio_bare_qt_source']:.2f}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
