"""Memory: peak RSS of the desk in test mode after a full save and charge, against the floor.

Each side runs in its own process, alternately, so a noisy machine hurts both alike:

- floor (the budget's baseline, ``floor_window.py``): the bare PySide6 window of
  ``packaging/baseline/bare_window.py`` to its first paint, with what every desk must load
  imported first — the stripe SDK with a client (requests, urllib3, OpenSSL), keyring with its
  platform backend chosen, sqlite3 — and nothing of moto-desk's;
- app (budgeted): the real window in test mode, as a desk with a ``sk_test_`` key runs it: no
  embedded simulator — it talks over HTTP on 127.0.0.1 to a separate ``moto-desk-sim``
  process started for the run (``--port 0 --seed-demo``), given as ``--api-base`` — driven by
  the clerk's keys through one save on the simulated reader (F9: Stripe's test helper, as on
  Stripe's own simulated readers) and one charge (the harness of ``bench_gui_stall.py``);
- bare (for reading): the bare window alone;
- demo (for reading, the figure budgeted before issue 17): the same save and charge in demo
  mode, the simulator embedded in the desk's process.

The key: this headless machine has no Secret Service, so the app's child gives its key by
``STRIPE_API_KEY``, which the desk reads before the keyring and so never imports keyring. A
real desk reads the keyring at every start (``gateway.keys.load_key``), so the child loads
keyring and has it choose its platform backend (``keyring.get_keyring()``) as the floor
does: app and floor then differ only by moto-desk's own code (and the harness: QtTest, and
the few standard-library modules the harness alone imports; listed in the report).

The figure is each child's ``ru_maxrss`` (``wait4``); medians of ``--runs`` alternating
runs. Budget (issue 17): the app at most 1.25x the floor. The report also names the modules
loaded in the app and not in the floor: ours, the standard library's, the rest.

    python tests/benchmarks/bench_memory.py [--runs 5] [--no-demo] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from moto_desk.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BARE = [sys.executable, str(ROOT / "packaging" / "baseline" / "bare_window.py")]
FLOOR = [sys.executable, str(HERE / "floor_window.py")]
CHILD = [sys.executable, str(Path(__file__).resolve()), "--child"]
BUDGET = 1.25
#: Any test key: the simulator accepts every ``sk_test_`` key.
TEST_KEY = "sk_test_moto_desk_memory"
#: Where a child writes the names of its loaded modules (``floor_window.py`` honours it too).
MODULES_ENV = "MOTO_DESK_BENCH_MODULES"


# ============================================================================ the children
def _child(mode: str, api_base: str | None) -> int:
    """One desk session: window, save, charge; then print the RSS after each phase, write
    the loaded modules, and leave."""
    phases: dict[str, float] = {}
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    from tests.helpers.memory_keyring import DESK_ENVIRONMENT

    for name in DESK_ENVIRONMENT:  # a fresh folder; the key only as set below
        os.environ.pop(name, None)
    if mode == "test":
        import keyring

        # A desk with a key reads the keyring at every start; here the key comes by the
        # environment (no Secret Service on a headless machine), so load the backend as the
        # floor does.
        keyring.get_keyring()
        os.environ["STRIPE_API_KEY"] = TEST_KEY
    _phase(phases, "keyring's backend")

    from bench_gui_stall import (  # the window harness
        application,
        charge_card,
        close_window,
        open_window,
        save_and_charge,
        save_card,
        start_window,
    )

    _phase(phases, "window's modules, harness")
    application()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "desk"
        if mode == "test":
            assert api_base is not None
            window = open_test_window(api_base, data_dir)
            _phase(phases, "window painted")
            start_window(window)
            if window.session is None or window.session.mode.value != "test":
                raise SystemExit(f"not in test mode: {window.session}")
            _phase(phases, "started (readers listed)")
            save_card(window)
            _phase(phases, "card saved")
            charge_card(window, "12.50")
            _phase(phases, "charged")
            close_window(window)
        else:
            from moto_desk.simulator import Simulator

            with Simulator(seed_demo=True) as sim:
                window = open_window(sim, data_dir)
                save_and_charge(window, "12.50")
                close_window(window)
    _write_modules()
    print(json.dumps({"phases": phases}), flush=True)
    os._exit(0)  # as the other window benchmarks: skip PySide6's teardown


def _phase(phases: dict[str, float], name: str) -> None:
    """The resident set now, in MB (Linux: ``/proc``; nothing elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    phases[name] = int(line.split()[1]) / 1024
    except OSError:
        pass


def open_test_window(api_base: str, data_dir: Path) -> MainWindow:
    """The real window in test mode (the key from ``STRIPE_API_KEY``) on ``api_base``,
    1280x800, shown and not yet started: ``bench_gui_stall.open_window`` for a test key."""
    from PySide6.QtTest import QTest

    from moto_desk.settings import SettingsStore
    from moto_desk.ui.main_window import MainWindow
    from moto_desk.ui.shell.session import StartOptions

    store = SettingsStore(data_dir / "settings.json")
    options = StartOptions(data_dir, api_base=api_base, demo=False, lang="en")
    window = MainWindow(options, store, store.load(), "en")
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    return window


def _write_modules() -> None:
    where = os.environ.get(MODULES_ENV)
    if where:
        Path(where).write_text("\n".join(sorted(sys.modules)), encoding="utf-8")


# ============================================================================ the parent
@contextmanager
def simulator_process() -> Iterator[str]:
    """A ``moto-desk-sim`` process with the demo's objects, as ``tests/cli`` starts one;
    its URL."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.helpers.sim_process import sim_process

    with sim_process() as (url, _process):
        yield url


def _peak(command: list[str]) -> tuple[float, set[str], dict[str, float]]:
    """The child's peak RSS in MB, the modules it had loaded at the end, and the RSS after
    each phase if it printed them."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt", encoding="utf-8") as modules:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "MOTO_DESK_REPORT_FIRST_PAINT": "1",
            MODULES_ENV: modules.name,
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        output = child.stdout.read()
        child.stdout.close()
        _, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{command} failed: {output!r}")
        phases: dict[str, float] = {}
        for line in output.splitlines():
            if line.startswith('{"phases"'):
                phases = json.loads(line)["phases"]
        return usage.ru_maxrss / 1024, set(modules.read().split()), phases


def _test_desk() -> tuple[float, set[str], dict[str, float]]:
    with simulator_process() as url:
        return _peak([*CHILD, "test", "--api-base", url])


def above_floor(app: set[str], floor: set[str]) -> dict[str, list[str]]:
    """The modules loaded in the app and not in the floor, by owner."""
    extra = sorted(app - floor)
    stdlib = sys.stdlib_module_names
    groups: dict[str, list[str]] = {"ours": [], "stdlib": [], "harness": [], "other": []}
    for name in extra:
        top = name.partition(".")[0]
        if top == "moto_desk":
            groups["ours"].append(name)
        elif top in ("tests", "bench_gui_stall", "__mp_main__") or name == "PySide6.QtTest":
            groups["harness"].append(name)
        elif top in stdlib or top.startswith("_"):
            groups["stdlib"].append(name)
        else:
            groups["other"].append(name)
    return groups


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-demo", action="store_true", help="skip the demo-mode figure")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", choices=("test", "demo"), help=argparse.SUPPRESS)
    parser.add_argument("--api-base", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args.child, args.api_base)
    bare: list[float] = []
    floor: list[float] = []
    app: list[float] = []
    demo: list[float] = []
    floor_modules: set[str] = set()
    app_modules: set[str] = set()
    phases: dict[str, list[float]] = {}
    for _ in range(args.runs):
        bare.append(_peak(BARE)[0])
        peak, floor_modules, _ = _peak(FLOOR)
        floor.append(peak)
        peak, app_modules, app_phases = _test_desk()
        app.append(peak)
        for name, mb in app_phases.items():
            phases.setdefault(name, []).append(mb)
        if not args.no_demo:
            demo.append(_peak([*CHILD, "demo"])[0])
    result: dict[str, Any] = {
        "runs": args.runs,
        "bare_peak_rss_mb": statistics.median(bare),
        "floor_peak_rss_mb": statistics.median(floor),
        "app_peak_rss_mb": statistics.median(app),
        "app_peak_rss_all_mb": app,
        "floor_peak_rss_all_mb": floor,
    }
    if demo:
        result["demo_peak_rss_mb"] = statistics.median(demo)
    result["floor_ratio_to_bare"] = result["floor_peak_rss_mb"] / result["bare_peak_rss_mb"]
    ratio = result["app_peak_rss_mb"] / result["floor_peak_rss_mb"]
    result["ratio"] = ratio
    result["budget"] = BUDGET
    result["budget_met"] = ratio <= BUDGET
    result["app_rss_after_phase_mb"] = {name: statistics.median(mb) for name, mb in phases.items()}
    result["modules_above_floor"] = above_floor(app_modules, floor_modules)
    if args.json:
        print(json.dumps(result))
        return 0
    _print_report(result)
    return 0


def _print_report(result: dict[str, Any]) -> None:
    floor = result["floor_peak_rss_mb"]
    print(f"peak RSS, medians of {result['runs']} alternating runs")
    print(
        f"{'bare window (first paint)':<40}{result['bare_peak_rss_mb']:>8.1f} MB"
        f"   {result['bare_peak_rss_mb'] / floor:.2f}x floor"
    )
    print(
        f"{'floor: bare + stripe, keyring, sqlite3':<40}{floor:>8.1f} MB"
        f"   {result['floor_ratio_to_bare']:.2f}x bare"
    )
    if "demo_peak_rss_mb" in result:
        print(
            f"{'demo desk (embedded simulator)':<40}{result['demo_peak_rss_mb']:>8.1f} MB"
            f"   {result['demo_peak_rss_mb'] / floor:.2f}x floor"
        )
    runs = ", ".join(f"{mb:.1f}" for mb in result["app_peak_rss_all_mb"])
    print(f"{'test-mode desk, save + charge':<40}{result['app_peak_rss_mb']:>8.1f} MB   ({runs})")
    verdict = "met" if result["budget_met"] else "MISSED"
    print(f"{'ratio to the floor':<40}{result['ratio']:>8.2f}x   (budget {BUDGET}x: {verdict})")
    if result["app_rss_after_phase_mb"]:
        print("test-mode desk, resident set after each phase (medians):")
        last = 0.0
        for name, mb in result["app_rss_after_phase_mb"].items():
            print(f"  {name:<38}{mb:>8.1f} MB   +{mb - last:.1f}")
            last = mb
    groups = result["modules_above_floor"]
    print("modules loaded in the test-mode desk and not in the floor:")
    for owner, names in groups.items():
        tops = sorted({name.partition(".")[0] for name in names})
        if owner == "ours":
            tops = sorted({".".join(name.split(".")[:2]) for name in names})
        print(f"  {owner:<8}{len(names):>4}  {' '.join(tops)}")


if __name__ == "__main__":
    raise SystemExit(main())
