"""Start-up: the window first (before stripe and keyring load), then the backend in its mode —
DEMO, TEST or LIVE (confirmed once) — and a clear word when the keyring is missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from moto_desk.gateway.keys import KEYRING_SERVICE, KEYRING_USER
from moto_desk.ui.shell.app import DISPLAY_NAME
from tests.ui.conftest import (
    MemoryKeyring,
    WindowFactory,
    find,
    key,
    screenshot,
    wait_ready_window,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("store", ["own file", "shop records"])
def test_window_appears_before_stripe_and_keyring_are_imported(
    tmp_path: Path, store: str, request: pytest.FixtureRequest
) -> None:
    env = dict(os.environ, MOTO_DESK_REPORT_FIRST_PAINT="1", QT_QPA_PLATFORM="offscreen")
    env.pop("STRIPE_API_KEY", None)
    env.pop("MOTO_DESK_RECORDS", None)
    if store == "shop records":  # psycopg too waits until the window is painted
        env["MOTO_DESK_RECORDS"] = str(request.getfixturevalue("shop_url"))
    done = subprocess.run(
        [sys.executable, "-m", "moto_desk", "--demo", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no first-paint report in {done.stdout!r} / {done.stderr!r}"
    report = json.loads(lines[-1])
    assert report["first_paint"] is True
    assert report["loaded"] == {
        "stripe": False,
        "keyring": False,
        "requests": False,
        "moto_desk.gateway.client": False,
        "moto_desk.simulator": False,
        "psycopg": False,
    }


def test_the_title_bar_names_moto_desk_once(open_window: WindowFactory) -> None:
    """Qt's platform window appends the application's display name to every title (the
    X title bar read "moto-desk — save and charge cards by phone or mail — moto-desk")."""
    window = open_window()
    shown = f"{window.windowTitle()} — {DISPLAY_NAME}"
    assert shown == "Save and charge cards by phone or mail — moto-desk"


def test_demo_mode_banner_readers_and_ready_state(qtbot: Any, open_window: WindowFactory) -> None:
    window = open_window()
    banner = find(window, "modeBanner")
    assert banner.mode == "demo"
    assert "DEMO" in banner.text()
    selector = find(window, "readerSelector")
    texts = [selector.itemText(i) for i in range(selector.count())]
    assert texts == [
        "Front desk — Main street shop (online)",
        "Phone desk — Main street shop (online)",
    ]
    assert find(window, "statusPanel").state == "idle"
    assert window.simulator_action.isEnabled()


def test_every_control_has_an_accessible_name(qtbot: Any, open_window: WindowFactory) -> None:
    window = open_window()
    names = [
        "customerSearch",
        "customerResults",
        "newCustomerButton",
        "consentTerms",
        "consentCheck",
        "channelChoice",
        "allowRedisplayChoice",
        "readerSelector",
        "refreshReadersButton",
        "saveCardButton",
        "cancelButton",
        "statusPanel",
        "savedCards",
        "chargeButton",
        "modeBanner",
    ]
    for name in names:
        assert find(window, name).accessibleName(), f"{name} has no accessible name"
    # Shortcuts are shown where the clerk looks for them.
    assert "F2" in find(window, "customerSearch").toolTip()
    assert "Ctrl+N" in find(window, "newCustomerButton").toolTip()
    assert "Esc" in find(window, "cancelButton").toolTip()
    assert "F6" in find(window, "chargeButton").toolTip()
    assert "F5" in find(window, "saveCardButton").toolTip()


def test_test_key_shows_the_test_banner_and_the_simulator_panel(
    qtbot: Any, open_window: WindowFactory, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, KEYRING_USER, "sk_test_desk_key_1234567890")
    window = open_window(demo=False)
    banner = find(window, "modeBanner")
    assert banner.mode == "test"
    assert "TEST" in banner.text()
    key(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: find(window, "simulatorPanel").isVisible(), timeout=2000)
    screenshot(window, "18-test-mode")


def _live_box(qtbot: Any, window: Any) -> QMessageBox:
    qtbot.waitUntil(
        lambda: window.findChild(QMessageBox, "liveConfirmation") is not None, timeout=10_000
    )
    box = window.findChild(QMessageBox, "liveConfirmation")
    assert isinstance(box, QMessageBox)
    return box


def test_live_key_is_confirmed_once_and_never_offers_the_simulator(
    qtbot: Any, open_window: WindowFactory, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, KEYRING_USER, "sk_live_desk_key_1234567890")
    window = open_window(demo=False, wait_ready=False)
    box = _live_box(qtbot, window)
    assert "LIVE" in box.text()
    assert "sk_live_…7890" in box.text()
    assert "sk_live_desk_key_1234567890" not in box.text()
    banner = find(window, "modeBanner")
    assert banner.mode == "live"
    screenshot(box, "19-live-confirmation")
    with qtbot.waitSignal(window.session_started, timeout=5000):
        box.findChild(QPushButton, "useLiveButton").click()
    assert banner.mode == "live"
    assert "LIVE" in banner.text()
    assert window.findChild(object, "simulatorPanel") is None
    assert not window.simulator_action.isEnabled()
    key(qtbot, window, Qt.Key.Key_F9)
    assert window.findChild(object, "simulatorPanel") is None
    screenshot(window, "20-live-mode")

    # Reconnecting (e.g. after Settings) in the same session does not ask again.
    with qtbot.waitSignal(window.session_started, timeout=10_000):
        window.reconnect()
    assert window.findChild(QMessageBox, "liveConfirmation") is None
    assert banner.mode == "live"


def test_declining_live_mode_starts_the_demo(
    qtbot: Any, open_window: WindowFactory, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, KEYRING_USER, "sk_live_desk_key_1234567890")
    window = open_window(demo=False, wait_ready=False)
    box = _live_box(qtbot, window)
    box.findChild(QPushButton, "useDemoButton").click()
    wait_ready_window(qtbot, window)
    assert find(window, "modeBanner").mode == "demo"


def test_no_keyring_runs_the_demo_and_says_what_to_do(
    qtbot: Any, open_window: WindowFactory
) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    window = open_window(demo=False)
    banner = find(window, "modeBanner")
    assert banner.mode == "demo"
    assert "could not be read" in banner.text()
    notice = find(window, "noticeBar")
    assert "no password store" in notice.text()
    assert "STRIPE_API_KEY" in notice.text()
    screenshot(window, "21-no-keyring")


def test_the_last_reader_is_remembered_for_this_desk(
    qtbot: Any, open_window: WindowFactory, desk: dict[str, Any]
) -> None:
    window = open_window()
    selector = find(window, "readerSelector")
    assert selector.currentText().startswith("Front desk")
    selector.setCurrentIndex(1)
    assert selector.currentText().startswith("Phone desk")
    window.close()  # the choice was written to DeskState by a job, joined at close

    again = open_window()
    assert find(again, "readerSelector").currentText().startswith("Phone desk")


def test_a_default_reader_from_settings_wins(
    qtbot: Any, open_window: WindowFactory, desk: dict[str, Any]
) -> None:
    from moto_desk.settings import DeskSettings

    phone_desk = str(desk["readers"]["Phone desk"])
    window = open_window(settings=DeskSettings(default_reader_id=phone_desk))
    assert find(window, "readerSelector").currentText().startswith("Phone desk")
