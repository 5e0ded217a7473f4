"""Fixtures for the window's tests: a seeded simulator, an in-memory keyring, real windows.

Every test drives real widgets against a real in-process simulator through the real backend
and flows (the official ``stripe`` SDK over loopback HTTP) — no mock of the SDK. Waits are
``waitUntil``/``waitSignal``; nothing sleeps.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from moto_desk.settings import DeskSettings, SettingsStore
from moto_desk.simulator import Simulator
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.shell.assets import stylesheet
from moto_desk.ui.shell.jobs import JOB_THREAD_PREFIX, JobRunner
from moto_desk.ui.shell.session import StartOptions
from tests.helpers.memory_keyring import MemoryKeyring, memory_keyring_installed

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"

# The offscreen platform plugin warns on every top-level window it shows ("This plugin does
# not support propagateSizeHints()", QPlatformWindow's default implementation); it says
# nothing about our code, and qt_log_level_fail = WARNING would fail every window test.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def nothing_left_running(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a job, a worker thread or an active timer behind.

    As napari's ``dangling_qthreads``/``dangling_qtimers`` fixtures do: work still running
    after a test ends would fire into the next test's widgets, and in the program it is work
    that outlives the screen that asked for it. Set up before any window (autouse, no other
    fixture needed), so it is torn down after them: by then every window was closed and shut
    down. Timers are followed from ``start()``; one whose widget is deleted does not count.
    """
    runners: list[weakref.ref[JobRunner]] = []
    timers: list[QTimer] = []
    runner_init = JobRunner.__init__
    timer_start = QTimer.start

    def tracking_init(self: JobRunner, *args: Any, **kwargs: Any) -> None:
        runner_init(self, *args, **kwargs)
        runners.append(weakref.ref(self))

    def tracking_start(self: QTimer, *args: Any) -> None:
        timers.append(self)
        timer_start(self, *args)

    monkeypatch.setattr(JobRunner, "__init__", tracking_init)
    monkeypatch.setattr(QTimer, "start", tracking_start)
    threads_before = set(threading.enumerate())
    yield
    left: list[str] = []
    for ref in runners:
        runner = ref()
        if runner is not None and shiboken6.isValid(runner) and runner.busy:
            left.append(f"a job of {runner!r}")
    for timer in dict.fromkeys(timers):  # each once, however often it was started
        if shiboken6.isValid(timer) and timer.isActive():
            left.append(f"timer {timer.objectName() or timer!r} of {timer.parent()!r}")
    deadline = time.monotonic() + 5
    workers = [t for t in threading.enumerate() if t.name.startswith(JOB_THREAD_PREFIX)]
    for thread in [t for t in workers if t not in threads_before]:
        thread.join(max(0.0, deadline - time.monotonic()))  # a worker may be finishing
        if thread.is_alive():
            left.append(f"thread {thread.name}")
    assert not left, "the test left work running: " + ", ".join(left)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    with memory_keyring_installed() as backend:
        yield backend


@pytest.fixture
def desk(sim: Simulator) -> dict[str, Any]:
    """The demo shop in the simulator: ids of its location, readers and customers."""
    return sim.seed_demo()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "desk-data"


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def open_window(
    qtbot: Any, qapp: QApplication, sim: Simulator, desk: dict[str, Any], data_dir: Path
) -> Iterator[WindowFactory]:
    """Open a started window on the simulator; closed (and its workers joined) at the end."""
    windows: list[MainWindow] = []
    qapp.setStyleSheet(stylesheet())

    def factory(
        *,
        demo: bool = True,
        settings: DeskSettings | None = None,
        language: str = "en",
        folder: Path | None = None,
        wait_ready: bool = True,
    ) -> MainWindow:
        where = folder or data_dir
        store = SettingsStore(where / "settings.json")
        if settings is not None:
            store.save(settings)
        options = StartOptions(where, api_base=sim.url, demo=demo, lang=language)
        window = MainWindow(options, store, store.load(), language)
        # Qt's offscreen screen is smaller than a desk's: show the window at its design size
        # (MainWindow fits itself to the screen, which here would squeeze it).
        window.resize(1280, 800)
        windows.append(window)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        window.start()
        if wait_ready:
            wait_ready_window(qtbot, window)
        return window

    yield factory
    for window in windows:
        window._quit_confirmed = True
        window.close()
        window.shutdown()
    qapp.setStyleSheet("")


def wait_ready_window(qtbot: Any, window: MainWindow, readers: int = 2) -> None:
    qtbot.waitUntil(
        lambda: window.session is not None and len(window.readers.readers()) == readers,
        timeout=10_000,
    )


def find(window: QWidget, name: str) -> Any:
    """The child called ``name`` (the stable objectNames of issue 4)."""
    widget = window.findChild(QWidget, name)
    assert widget is not None, f"no widget named {name!r}"
    return widget


def screenshot(widget: QWidget, name: str) -> Path:
    """Save what ``widget`` shows under test-output/screenshots (looked at by a person)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # Apply pending layouts first: grab() paints the geometry as it is, and a state change
    # made a moment ago has only posted its layout request (the clerk never sees that).
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path


def key(qtbot: Any, target: QWidget | None, code: Qt.Key, modifier: Any = None) -> None:
    """Press a key where the keyboard focus is (as a clerk would)."""
    focus = target or QApplication.focusWidget()
    assert focus is not None, "nothing has the keyboard focus"
    if modifier is None:
        qtbot.keyClick(focus, code)
    else:
        qtbot.keyClick(focus, code, modifier)


def reader_id(desk: dict[str, Any], label: str = "Front desk") -> str:
    return str(desk["readers"][label])


def customer_id(desk: dict[str, Any], email: str = "margaret.okafor@example.com") -> str:
    return str(desk["customers"][email])
