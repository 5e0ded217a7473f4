"""The window never writes a secret: not the Stripe key, not a card number — in the settings,
the records or the log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from moto_desk.simulator import Simulator
from moto_desk.ui.shell.log_setup import RedactingFilter, setup_logging
from tests.ui.conftest import WindowFactory, find, reader_id, wait_ready_window
from tests.ui.test_save_failures import fill_form
from tests.ui.test_settings import open_settings

KEY = "sk_test_secret_desk_key_ZYXW4321"
CARD = "4242424242424242"


@pytest.fixture
def desk_log(data_dir: Path) -> Iterator[Path]:
    path = setup_logging(data_dir)
    assert path is not None
    yield path
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "moto_desk", False)]:
        root.removeHandler(handler)
        handler.close()


def test_no_file_the_window_wrote_holds_the_key_or_a_card_number(
    qtbot: Any,
    open_window: WindowFactory,
    sim: Simulator,
    desk: dict[str, Any],
    data_dir: Path,
    desk_log: Path,
) -> None:
    window = open_window(demo=False)
    dialog = open_settings(qtbot, window)
    find(dialog, "stripeKeyEdit").setText(KEY)
    with qtbot.waitSignal(window.session_started, timeout=10_000):
        find(dialog, "saveSettingsButton").click()
    # The new session lists its readers in a job: Save stays disabled until one is chosen
    # (under load the click could come first and save nothing).
    wait_ready_window(qtbot, window)
    sim.set_reader(reader_id(desk), auto_present={"number": CARD, "delay_s": 0.05})
    fill_form(qtbot, window)
    status = find(window, "statusPanel")
    find(window, "saveCardButton").click()
    qtbot.waitUntil(lambda: status.state == "approved", timeout=10_000)
    logging.getLogger("moto_desk.test").info("the key is %s", KEY)  # must be withheld
    window.close()

    written = [p for p in data_dir.rglob("*") if p.is_file()]
    assert desk_log in written
    assert any(p.name == "settings.json" for p in written)
    for path in written:
        content = path.read_bytes()
        assert KEY.encode() not in content, f"the key is in {path}"
        assert CARD.encode() not in content, f"a card number is in {path}"
    assert "log line withheld: text: looks like an API key" in desk_log.read_text()


def test_redacting_filter_withholds_secrets_and_keeps_the_rest() -> None:
    keep = logging.LogRecord("x", logging.INFO, __file__, 1, "saved %s", ("visa 4242",), None)
    assert RedactingFilter().filter(keep)
    assert keep.getMessage() == "saved visa 4242"
    leak = logging.LogRecord("x", logging.INFO, __file__, 1, "pan %s", (CARD,), None)
    assert RedactingFilter().filter(leak)
    assert CARD not in leak.getMessage()
    assert "looks like a card number" in leak.getMessage()
