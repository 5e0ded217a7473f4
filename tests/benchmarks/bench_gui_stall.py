"""GUI thread: the longest event-loop stall during a full save and charge, every request slow.

The real window runs offscreen on an in-process simulator that sleeps ``--latency-ms``
(300 ms) before answering every API request. A clerk then saves a card (F2, type, Down,
Enter, Space, F5, the simulated reader's "Present" button) and charges it (F6, amount,
Enter, Charge, Done), one key per turn of the event loop. A 1 ms precise ``QTimer`` on the
GUI thread is the heartbeat: a stall is how late a tick comes beyond its interval.

Baselines, in the same run and the same window: the same heartbeat with the window idle for
as long as a warm round took, and a warm round with no latency at all. The clerk's first
round of the day ("cold": first-use imports, first dialogs) is reported apart from the warm
ones. Budgets (issue 17): no stall of 16 ms (one frame) or more in any save and charge
with latency, counting the first round, in every run of nine (``--repeat 9``: nine
processes, each a whole run); and in the start-up phase (the first paint to connected and
readers listed, the backend's imports running meanwhile) no stall of 50 ms or more.

The heartbeat also reads the GUI thread's CPU clock: of each stall, how much the GUI thread
itself ran (its own work) and how much it waited (for a core on a busy machine, or for the
GIL held by a worker or the simulator). On a shared machine the wall figure is noisy; the
CPU figure is the app's part.

Where a stall comes from: a sampler thread takes the GUI thread's Python stack whenever the
heartbeat is more than ``--sample-after-ms`` late; the longest stalls are printed with the
app frames (file:line) that were running. ``--name-events`` adds the Qt event being
delivered (for stalls inside Qt's own code: layout, paint, style), and ``--trace-calls``
times every app function on the GUI thread; both slow the GUI thread down, so use them to
find causes, not for the figures.

This file also holds the harness the other window benchmarks import (an in-memory keyring,
waits on the event loop without sleeping, opening and closing a real window).

    python tests/benchmarks/bench_gui_stall.py [--latency-ms 300] [--warm-rounds 2]
        [--repeat 9] [--name-events] [--trace-calls] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

import moto_desk.ui  # noqa: F401  first, as in the app: its package switches PySide6's source scan off

# isort: split
from moto_desk.settings import SettingsStore
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.shell.assets import stylesheet
from moto_desk.ui.shell.session import StartOptions
from tests.helpers.memory_keyring import memory_keyring_installed

if TYPE_CHECKING:  # imported in main(): bench_memory's test-mode desk runs without it
    from moto_desk.simulator import Simulator

ROOT = Path(__file__).resolve().parents[2]
BUDGET_MS = 16.0
STARTUP_BUDGET_MS = 50.0
APP_DIR = str(ROOT / "moto_desk")


# ============================================================================ harness
#: What ``isolate`` set up, undone only when the process ends.
_ISOLATION = ExitStack()


def isolate() -> None:
    """An in-memory keyring, and no key or folder from the environment (for the whole run)."""
    _ISOLATION.enter_context(memory_keyring_installed())


def application() -> QApplication:
    """The application with the app's stylesheet, as ``moto-desk`` sets it up."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication([sys.argv[0]])
    app.setStyleSheet(stylesheet())
    return app


def wait_until(predicate: Callable[[], object], timeout_s: float = 15.0, what: str = "") -> None:
    """Run the event loop until ``predicate()`` is true (checked every 2 ms); no sleeping."""
    if predicate():
        return
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    timed_out: list[bool] = []

    def check() -> None:
        if predicate():
            loop.quit()
        elif time.monotonic() > deadline:
            timed_out.append(True)
            loop.quit()

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if timed_out:
        raise TimeoutError(f"waited {timeout_s} s for {what or predicate}")


def pause(ms: int) -> None:
    """Let the event loop run for ``ms`` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def find(parent: QWidget, name: str) -> Any:
    widget = parent.findChild(QWidget, name)
    if widget is None:
        raise LookupError(f"no widget named {name!r}")
    return widget


def key(target: QWidget, code: Qt.Key) -> None:
    QTest.keyClick(target, code)


def type_like_a_clerk(target: QWidget, text: str, gap_ms: int = 40) -> None:
    """One key per turn of the event loop, ``gap_ms`` apart (a quick typist)."""
    for char in text:
        QTest.keyClicks(target, char)
        pause(gap_ms)


def open_window(sim: Simulator, data_dir: Path, *, start: bool = True) -> MainWindow:
    """The real window as the UI tests open it: demo mode on ``sim``, 1280x800, started
    (connected, readers listed) unless ``start`` is False."""
    store = SettingsStore(data_dir / "settings.json")
    options = StartOptions(data_dir, api_base=sim.url, demo=True, lang="en")
    window = MainWindow(options, store, store.load(), "en")
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    if start:
        start_window(window)
    return window


def start_window(window: MainWindow) -> None:
    """What the app does after the first paint: start the backend; wait until ready."""
    window.start()
    wait_ready_window(window)


def wait_ready_window(window: MainWindow, readers: int = 2) -> None:
    wait_until(
        lambda: window.session is not None and len(window.readers.readers()) == readers,
        30,
        "the window to connect and list the readers",
    )


def close_window(window: MainWindow) -> None:
    window._quit_confirmed = True
    window.close()
    window.shutdown()
    window.deleteLater()
    pause(20)


def activate(window: QWidget) -> None:
    """Offscreen, a closed dialog does not hand activation back by itself."""
    window.activateWindow()
    wait_until(window.isActiveWindow, 2, "the window to be active")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# ============================================================================ measuring
@dataclass
class Stall:
    start: float  # the tick before (perf_counter)
    end: float  # the late tick
    ms: float  # how late, beyond the interval
    cpu_ms: float  # the GUI thread's own CPU time within it
    phase: str = ""


@dataclass
class Phase:
    name: str
    ticks: int = 0
    stalls_ms: list[float] = field(default_factory=list)
    long: list[Stall] = field(default_factory=list)
    seconds: float = 0.0

    def row(self) -> dict[str, float]:
        worst = max(self.long, key=lambda s: s.ms, default=None)
        return {
            "seconds": self.seconds,
            "ticks": float(self.ticks),
            "max_stall_ms": max(self.stalls_ms, default=0.0),
            "p99_stall_ms": percentile(self.stalls_ms, 0.99),
            "stalls_over_16ms": float(sum(s >= BUDGET_MS for s in self.stalls_ms)),
            # Of the longest stall, how much the GUI thread itself ran (the rest it waited:
            # for the CPU on a busy machine, or for the GIL held by another thread).
            "max_stall_gui_cpu_ms": worst.cpu_ms if worst else 0.0,
            # The most the GUI thread itself ran between two ticks: its own work, the figure
            # least disturbed by other programs on the machine.
            "max_gui_cpu_ms": max((s.cpu_ms for s in self.long), default=0.0),
        }


class Heartbeat(QObject):
    """A 1 ms precise timer on the GUI thread; each tick's lateness is a stall sample."""

    def __init__(self, interval_ms: int = 1, keep_over_ms: float = 8.0) -> None:
        super().__init__()
        self.interval_ms = interval_ms
        self.keep_over_ms = keep_over_ms
        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.phase: Phase | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        phase = self.phase
        if phase is not None:
            late = max(0.0, (now - self.last) * 1000 - self.interval_ms)
            phase.ticks += 1
            phase.stalls_ms.append(late)
            if late >= self.keep_over_ms:
                own = min(late, (cpu - self.last_cpu) * 1000)
                phase.long.append(Stall(self.last, now, late, own))
        self.last, self.last_cpu = now, cpu

    @contextmanager
    def measuring(self, name: str) -> Iterator[Phase]:
        phase = Phase(name)
        started = time.perf_counter()
        self.last, self.last_cpu = started, time.thread_time()
        self.phase = phase
        self._timer.start()
        try:
            yield phase
        finally:
            self._timer.stop()
            self.phase = None
            phase.seconds = time.perf_counter() - started


Frame = tuple[str, int, str]


@dataclass
class Sample:
    at: float
    gui: list[Frame]
    others: dict[str, Frame]
    event: str


def _stack(frame: FrameType | None, depth: int = 60) -> list[Frame]:
    frames: list[Frame] = []
    while frame is not None and len(frames) < depth:
        frames.append((frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name))
        frame = frame.f_back
    return frames  # innermost first


class StackSampler(threading.Thread):
    """Takes the GUI thread's stack (and the others' innermost frames) while it is late."""

    def __init__(
        self, heartbeat: Heartbeat, tracker: EventTracker, after_ms: float, period_ms: float = 2.0
    ) -> None:
        super().__init__(name="stall-sampler", daemon=True)
        self.heartbeat = heartbeat
        self.tracker = tracker
        self.after_s = after_ms / 1000
        self.period_s = period_ms / 1000
        self.gui_ident = threading.get_ident()
        self.samples: list[Sample] = []
        self._done = threading.Event()

    def run(self) -> None:
        names: dict[int, str] = {}
        while not self._done.wait(self.period_s):
            if self.heartbeat.phase is None:
                continue
            now = time.perf_counter()
            if now - self.heartbeat.last < self.after_s:
                continue
            frames = sys._current_frames()
            if len(names) != len(frames):
                names = {t.ident: t.name for t in threading.enumerate() if t.ident}
            others = {
                names.get(ident, str(ident)): _stack(frame, 1)[0]
                for ident, frame in frames.items()
                if ident not in (self.gui_ident, threading.get_ident())
            }
            since, event = self.tracker.current
            if event and since < self.heartbeat.last:
                event = "(no event delivered since the last tick)"
            self.samples.append(Sample(now, _stack(frames.get(self.gui_ident)), others, event))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _where(function: object) -> str:
    code = getattr(function, "__code__", None) or getattr(
        getattr(function, "__func__", None), "__code__", None
    )
    if code is None:
        return type(function).__name__
    return f"{code.co_qualname} ({_short(code.co_filename)}:{code.co_firstlineno})"


def _short(path: str) -> str:
    return os.path.relpath(path, ROOT) if path.startswith(str(ROOT)) else Path(path).name


class EventTracker(QObject):
    """An application event filter: which event the GUI thread is delivering now.

    Only the start of a delivery is visible to a filter; the sampler reads ``current``
    when the heartbeat is late, so a stall inside Qt's own code (layout, paint, style) is
    still named by the event that led there. A job's queued result names its callbacks.
    """

    def __init__(self) -> None:
        super().__init__()
        self.current: tuple[float, str] = (0.0, "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        try:
            kind = event.type()
            what = f"{kind.name} -> {type(watched).__name__}"
            if kind is QEvent.Type.MetaCall:
                callbacks = [
                    _where(callback)
                    for attr in ("_on_progress", "_on_success", "_on_failure")
                    if (callback := getattr(watched, attr, None)) is not None
                ]
                if callbacks:
                    what += f" [{'; '.join(callbacks)}]"
            self.current = (time.perf_counter(), what)
        except (RuntimeError, AttributeError, TypeError):
            pass  # a wrapper of an object being deleted: nothing to learn from it
        return False


class CallTracer:
    """``--trace-calls``: every call into the app's code on the GUI thread that took long.

    ``sys.settrace`` on the GUI thread only, following only the app's own frames (no line
    events): cheap, but not free — the stall figures of a traced run are not the
    benchmark's; the names and relative sizes of the slow calls are what it is for.
    """

    def __init__(self, over_ms: float) -> None:
        self.over_s = over_ms / 1000
        self.calls: list[tuple[float, str]] = []
        self._started: dict[FrameType, float] = {}

    def __call__(self, frame: FrameType, event: str, _arg: object) -> Any:
        if event != "call" or not frame.f_code.co_filename.startswith(APP_DIR):
            return None
        frame.f_trace_lines = False
        self._started[frame] = time.perf_counter()
        return self._local

    def _local(self, frame: FrameType, event: str, _arg: object) -> Any:
        if event == "return":
            started = self._started.pop(frame, None)
            if started is not None:
                took = time.perf_counter() - started
                if took >= self.over_s:
                    code = frame.f_code
                    where = f"{code.co_qualname} ({_short(code.co_filename)}:{code.co_firstlineno})"
                    self.calls.append((took * 1000, where))
        return self._local

    def summary(self) -> list[tuple[str, int, float, float]]:
        """(function, calls over the threshold, median ms, max ms), longest first."""
        times: dict[str, list[float]] = {}
        for ms, where in self.calls:
            times.setdefault(where, []).append(ms)
        rows = [(w, len(t), statistics.median(t), max(t)) for w, t in times.items()]
        return sorted(rows, key=lambda row: -row[3])[:30]


IDLE_FUNCTIONS = {
    "wait",
    "_wait_for_tstate_lock",
    "select",
    "poll",
    "accept",
    "readinto",
    "recv_into",
    "_worker",
    "sleep",
    "serve_forever",
    "get",
}


def explain(stall: Stall, samples: list[Sample]) -> dict[str, Any]:
    """What ran on the GUI thread during ``stall``: the event and the app's frames."""
    inside = [s for s in samples if stall.start <= s.at <= stall.end]
    events: Counter[str] = Counter()
    app_frames: Counter[str] = Counter()
    innermost: Counter[str] = Counter()
    busy_threads: Counter[str] = Counter()
    for sample in inside:
        events[sample.event] += 1
        ours = [f for f in sample.gui if f[0].startswith(APP_DIR)]
        if ours:
            chain = " <- ".join(f"{f[2]} ({_short(f[0])}:{f[1]})" for f in ours[:4])
            app_frames[chain] += 1
        if sample.gui:
            top = sample.gui[0]
            innermost[f"{top[2]} ({_short(top[0])}:{top[1]})"] += 1
        for thread, frame in sample.others.items():
            if frame[2] not in IDLE_FUNCTIONS:
                busy_threads[f"{thread}: {frame[2]} ({_short(frame[0])}:{frame[1]})"] += 1
    return {
        "phase": stall.phase,
        "ms": round(stall.ms, 1),
        "gui_cpu_ms": round(stall.cpu_ms, 1),
        "samples": len(inside),
        "events": events.most_common(2),
        "app_frames": app_frames.most_common(3),
        "gui_innermost": innermost.most_common(2),
        "busy_other_threads": busy_threads.most_common(3),
    }


# ============================================================================ the clerk's work
def choose_customer(window: MainWindow, search: str = "okafor") -> None:
    """F2, type, wait for this search's answer, Down into the results, Enter."""
    activate(window)
    key(window, Qt.Key.Key_F2)
    box = find(window, "customerSearch")
    box.selectAll()
    key(box, Qt.Key.Key_Backspace)
    answered: list[int] = []
    on_answer = answered.append
    window.customers.search_finished.connect(on_answer)
    try:
        type_like_a_clerk(box, search)
        wait_until(lambda: answered, 15, "the search to answer")
    finally:
        window.customers.search_finished.disconnect(on_answer)
    key(box, Qt.Key.Key_Down)
    key(find(window, "customerResults"), Qt.Key.Key_Return)
    if window.customers.current_customer() is None:
        raise RuntimeError(f"no customer found for {search!r}")


def start_save(window: MainWindow) -> None:
    """Space on the consent, then F5 (the reader chosen at start-up is kept)."""
    consent = find(window, "consentCheck")
    pause(40)
    if not consent.isChecked():
        key(consent, Qt.Key.Key_Space)
    if window.readers.current_reader() is None:
        raise RuntimeError("no reader chosen")
    pause(40)
    key(consent, Qt.Key.Key_F5)


def save_card(window: MainWindow, search: str = "okafor") -> None:
    """A whole save, the test card presented from the simulated-reader panel (F9)."""
    choose_customer(window, search)
    start_save(window)
    status = find(window, "statusPanel")
    wait_until(lambda: "Key in the card number" in status.text(), 20, "the reader to wait")
    if window.simulator_dock is None or not window.simulator_dock.isVisible():
        key(window, Qt.Key.Key_F9)
        wait_until(lambda: find(window, "simulatorPanel").isVisible(), 5, "the F9 panel")
    assert window.simulator is not None
    window.simulator.choose("visa")
    pause(40)
    present = find(window, "presentCardButton")
    wait_until(present.isEnabled, 10, "the Present button")
    QTest.mouseClick(present, Qt.MouseButton.LeftButton)
    wait_until(lambda: status.state == "approved", 30, f"approval ({status.text()!r})")
    wait_until(window.saved_cards.can_charge, 15, "the saved card")


def charge_card(window: MainWindow, amount: str) -> None:
    """F6, the amount, Enter (review), Charge, Done."""
    activate(window)
    key(window, Qt.Key.Key_F6)
    wait_until(lambda: window.charge_dialog() is not None, 5, "the charge dialog")
    dialog = window.charge_dialog()
    assert dialog is not None
    QTest.qWaitForWindowExposed(dialog)
    edit = find(dialog, "amountEdit")
    edit.setFocus()
    edit.clear()
    type_like_a_clerk(edit, amount)
    key(edit, Qt.Key.Key_Return)
    wait_until(lambda: dialog.page == "confirm", 5, "the confirmation")
    confirm = find(dialog, "confirmChargeButton")
    wait_until(confirm.isEnabled, 15, "the consent on record")
    pause(40)
    QTest.mouseClick(confirm, Qt.MouseButton.LeftButton)
    wait_until(lambda: dialog.page == "result", 30, "the charge result")
    if "✓ Charged" not in dialog.result_text():
        raise RuntimeError(f"charge failed: {dialog.result_text()}")
    pause(40)
    QTest.mouseClick(find(dialog, "doneButton"), Qt.MouseButton.LeftButton)
    wait_until(lambda: window.charge_dialog() is None, 5, "the dialog to close")


def save_and_charge(window: MainWindow, amount: str) -> None:
    save_card(window)
    charge_card(window, amount)


# ============================================================================ main
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency-ms", type=int, default=300)
    parser.add_argument("--warm-rounds", type=int, default=2)
    parser.add_argument("--sample-after-ms", type=float, default=6.0)
    parser.add_argument("--show", type=int, default=6, help="stalls explained in the report")
    parser.add_argument(
        "--name-events",
        action="store_true",
        help="name the Qt event being delivered in each stall (an event filter: slows Qt)",
    )
    parser.add_argument(
        "--trace-calls",
        action="store_true",
        help="also time every app call on the GUI thread (slows it: names only, not figures)",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="whole runs, each in its own process (issue 17: 9)"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.repeat > 1:
        return repeat(args.repeat, args.latency_ms, args.warm_rounds, as_json=args.json)
    from moto_desk.simulator import Simulator

    isolate()
    app = application()
    tracker = EventTracker()
    if args.name_events:
        app.installEventFilter(tracker)
    heartbeat = Heartbeat()
    sampler = StackSampler(heartbeat, tracker, args.sample_after_ms)
    tracer = CallTracer(4.0) if args.trace_calls else None
    phases: list[Phase] = []
    amounts = iter(f"{12 + n}.{25 * (n % 4):02d}" for n in range(100))

    def slow(sim: Simulator, latency_ms: int) -> None:
        sim.faults.clear()
        if latency_ms:
            sim.faults.add(kind="latency", latency_ms=latency_ms)

    def measure(name: str, work: Callable[[], object]) -> Phase:
        with heartbeat.measuring(name) as phase:
            work()
        phases.append(phase)
        return phase

    sampler.start()
    with tempfile.TemporaryDirectory() as tmp, Simulator() as sim:
        sim.seed_demo()
        slow(sim, args.latency_ms)
        windows: list[MainWindow] = [open_window(sim, Path(tmp) / "desk", start=False)]
        if tracer is not None:
            sys.settrace(tracer)
        try:
            measure(f"start-up, {args.latency_ms} ms", lambda: start_window(windows[0]))
            window = windows[0]
            measure(
                f"save+charge, {args.latency_ms} ms, cold",
                lambda: save_and_charge(window, next(amounts)),
            )
            slow(sim, 0)
            measure("save+charge, 0 ms, warm", lambda: save_and_charge(window, next(amounts)))
            slow(sim, args.latency_ms)
            warm = [
                measure(
                    f"save+charge, {args.latency_ms} ms, warm {n + 1}",
                    lambda: save_and_charge(window, next(amounts)),
                ).seconds
                for n in range(args.warm_rounds)
            ]
            idle_ms = int(1000 * min(20.0, statistics.median(warm or [5.0])))
            pause(300)
            phases.insert(0, measure("idle window (baseline)", lambda: pause(idle_ms)))
            phases.pop()
        finally:
            sys.settrace(None)
            sampler.stop()
            for window in windows:
                close_window(window)

    rows = {phase.name: phase.row() for phase in phases}
    idle = rows["idle window (baseline)"]
    budgeted = [p for p in phases if p.name.startswith("save+charge") and " 0 ms" not in p.name]
    worst = max((max(p.stalls_ms, default=0.0) for p in budgeted), default=0.0)
    worst_cpu = max((p.row()["max_gui_cpu_ms"] for p in budgeted), default=0.0)
    every_long = sorted(
        (
            Stall(stall.start, stall.end, stall.ms, stall.cpu_ms, p.name)
            for p in phases
            if not p.name.startswith("idle")
            for stall in p.long
        ),
        key=lambda s: -s.ms,
    )
    startup = rows[f"start-up, {args.latency_ms} ms"]
    result: dict[str, Any] = {
        "latency_ms": args.latency_ms,
        "budget_ms": BUDGET_MS,
        "budget_met": worst < BUDGET_MS,
        "worst_stall_ms": worst,
        "startup_budget_ms": STARTUP_BUDGET_MS,
        "startup_stall_ms": startup["max_stall_ms"],
        "startup_budget_met": startup["max_stall_ms"] < STARTUP_BUDGET_MS,
        "worst_gui_cpu_ms": worst_cpu,
        "phases": rows,
        "longest_stalls": [explain(stall, sampler.samples) for stall in every_long[: args.show]],
    }
    if tracer is not None:
        result["slow_app_calls"] = tracer.summary()
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    _print_report(result, idle)
    return 0


def _print_report(result: dict[str, Any], idle: dict[str, float]) -> None:
    print(
        f"GUI-thread stalls, 1 ms heartbeat, offscreen, simulator latency "
        f"{result['latency_ms']} ms on every request"
    )
    print(
        f"{'phase':<30}{'s':>5}{'max ms':>8}{'(cpu)':>7}{'p99':>7}{'>=16':>6}"
        f"{'max cpu':>9}{'max/idle':>10}{'max/budget':>12}"
    )
    for name, row in result["phases"].items():
        print(
            f"{name:<30}{row['seconds']:>5.1f}{row['max_stall_ms']:>8.1f}"
            f"{row['max_stall_gui_cpu_ms']:>7.1f}{row['p99_stall_ms']:>7.2f}"
            f"{row['stalls_over_16ms']:>6.0f}{row['max_gui_cpu_ms']:>9.1f}"
            f"{row['max_stall_ms'] / max(idle['max_stall_ms'], 0.1):>9.1f}x"
            f"{row['max_stall_ms'] / BUDGET_MS:>11.2f}x"
        )
    print(
        "  max ms: longest stall (wall); (cpu): the GUI thread's own CPU time within it, the\n"
        "  rest waiting for a core or the GIL; max cpu: the most CPU the GUI thread spent\n"
        "  between two ticks (its own work, least disturbed by a busy machine)"
    )
    verdict = "met" if result["budget_met"] else "MISSED"
    print(
        f"worst stall in a save+charge with latency: {result['worst_stall_ms']:.1f} ms, "
        f"of which GUI-thread CPU {result['worst_gui_cpu_ms']:.1f} ms "
        f"(budget < {BUDGET_MS:.0f} ms: {verdict})"
    )
    verdict = "met" if result["startup_budget_met"] else "MISSED"
    print(
        f"longest stall in the start-up phase: {result['startup_stall_ms']:.1f} ms "
        f"(budget < {STARTUP_BUDGET_MS:.0f} ms: {verdict})"
    )
    if result["longest_stalls"]:
        print("\nlongest stalls (idle excluded), what the GUI thread was doing:")
    for stall in result["longest_stalls"]:
        print(
            f"- {stall['ms']} ms (GUI CPU {stall['gui_cpu_ms']} ms) in {stall['phase']}, "
            f"{stall['samples']} stack samples"
        )
        for event, count in stall["events"]:
            if event:
                print(f"    event x{count}: {event}")
        for chain, count in stall["app_frames"]:
            print(f"    app   x{count}: {chain}")
        if not stall["app_frames"]:
            for frame, count in stall["gui_innermost"]:
                print(f"    top   x{count}: {frame}")
    if "slow_app_calls" in result:
        print("\napp calls on the GUI thread over 4 ms (traced: slower than untraced)")
        print(f"{'max ms':>8}{'median':>8}{'calls':>7}  function")
        for where, count, median, worst in result["slow_app_calls"]:
            print(f"{worst:>8.1f}{median:>8.1f}{count:>7}  {where}")


def repeat(runs: int, latency_ms: int, warm_rounds: int, *, as_json: bool) -> int:
    """``runs`` whole runs, each in a fresh process (its first round cold again): the
    budgets hold only if they hold in every one."""
    import subprocess

    command = [
        sys.executable, str(Path(__file__).resolve()), "--json",
        "--latency-ms", str(latency_ms), "--warm-rounds", str(warm_rounds), "--show", "2",
    ]  # fmt: skip
    results = []
    for n in range(runs):
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        result = json.loads(done.stdout)
        results.append(result)
        if not as_json:
            print(
                f"run {n + 1}: save+charge worst {result['worst_stall_ms']:5.1f} ms "
                f"(GUI CPU {result['worst_gui_cpu_ms']:4.1f}), "
                f"start-up {result['startup_stall_ms']:5.1f} ms",
                flush=True,
            )
    summary = {
        "runs": runs,
        "latency_ms": latency_ms,
        "worst_stall_ms_each_run": [r["worst_stall_ms"] for r in results],
        "startup_stall_ms_each_run": [r["startup_stall_ms"] for r in results],
        "budget_ms": BUDGET_MS,
        "startup_budget_ms": STARTUP_BUDGET_MS,
        "budget_met": all(r["budget_met"] for r in results),
        "startup_budget_met": all(r["startup_budget_met"] for r in results),
    }
    if as_json:
        print(json.dumps(summary, indent=2))
        return 0
    worst = max(summary["worst_stall_ms_each_run"])
    startup = max(summary["startup_stall_ms_each_run"])
    met = sum(r["budget_met"] for r in results)
    print(
        f"save+charge at {latency_ms} ms: worst {worst:.1f} ms; under {BUDGET_MS:.0f} ms in "
        f"{met} of {runs} runs ({'met' if summary['budget_met'] else 'MISSED'})"
    )
    print(
        f"start-up phase: worst {startup:.1f} ms (budget < {STARTUP_BUDGET_MS:.0f} ms: "
        f"{'met' if summary['startup_budget_met'] else 'MISSED'})"
    )
    return 0


def exit_now(code: int) -> None:
    """Leave without the interpreter's final garbage collection.

    PySide6 6.12.0 lost a reference to ``True`` at every signal emission, and after two
    charges and a save it aborted in that collection ("bool_dealloc: deallocating True or
    False"); moto-desk now requires 6.11 (tests/ui/test_pyside_refcounts.py), and this stays
    so a benchmark's exit status is its own whatever Qt for Python does at teardown.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
