"""``moto-desk`` with no sub-command: the window.

Order matters for a calm start: the application, settings, language and stylesheet (all
local and quick), then the window is shown at once in a "connecting…" state, and only
after its first paint does a job start the backend — which is when ``stripe`` and
``keyring`` are imported. Set ``MOTO_DESK_REPORT_FIRST_PAINT=1`` to print, at the first
paint, which of those modules are loaded, then quit (the start-up test uses it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from moto_desk import __version__
from moto_desk.domain.errors import MotoDeskError
from moto_desk.paths import ENV_DATA_DIR
from moto_desk.settings import SettingsStore, settings_path
from moto_desk.single_instance import acquire as acquire_instance_lock
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.shell.assets import icon, stylesheet
from moto_desk.ui.shell.error_router import clerk_text
from moto_desk.ui.shell.log_setup import hold_early_records, setup_logging
from moto_desk.ui.shell.session import StartOptions
from moto_desk.ui.shell.translations import (
    choose_language,
    install_translators,
    set_default_locale,
)

REPORT_ENV = "MOTO_DESK_REPORT_FIRST_PAINT"
DISPLAY_NAME = "moto-desk"
#: Modules that must not be loaded when the window first appears (platform-notes).
HEAVY_MODULES = (
    "stripe",
    "keyring",
    "requests",
    "moto_desk.gateway.client",
    "moto_desk.simulator",
    "psycopg",  # only with the shop's records, and only after the window is painted
)
#: If the window is never painted (started minimised), start the backend anyway.
START_FALLBACK_MS = 1500


def _report_and_quit(app: QApplication) -> None:
    loaded = {name: name in sys.modules for name in HEAVY_MODULES}
    print(json.dumps({"first_paint": True, "loaded": loaded}), flush=True)
    QTimer.singleShot(0, app.quit)


def build_window(args: argparse.Namespace, folder: Path, app: QApplication) -> MainWindow:
    """Settings, language, stylesheet and the window (not shown yet)."""
    overridden = bool(getattr(args, "data_dir", None) or os.environ.get(ENV_DATA_DIR))
    store = SettingsStore(settings_path(overridden, folder))
    settings = store.load()
    language = choose_language(getattr(args, "lang", None), settings.language)
    set_default_locale(language)
    install_translators(app, language)
    app.setStyleSheet(stylesheet())
    options = StartOptions(
        data_dir=folder,
        api_base=getattr(args, "api_base", None),
        demo=bool(getattr(args, "demo", False)),
        lang=language,
        records=getattr(args, "records", None) or os.environ.get("MOTO_DESK_RECORDS"),
    )
    return MainWindow(options, store, settings, language)


def run_gui(args: argparse.Namespace, folder: Path) -> int:
    """Run the window until the clerk quits; the process's exit code."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("moto-desk")
    app.setApplicationDisplayName(DISPLAY_NAME)  # Qt appends it to every window title
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("moto-desk")
    app.setWindowIcon(icon("moto-desk"))
    hold_early_records()

    window = build_window(args, folder, app)  # installs the translators the refusal needs
    try:
        lock = acquire_instance_lock(folder)
    except MotoDeskError as error:
        message = clerk_text(error)
        print(f"moto-desk: {message}", file=sys.stderr)
        if not os.environ.get(REPORT_ENV):  # automation has nobody to click OK
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(None, "moto-desk", message)
        window.deleteLater()
        return 1
    window.router.install_hooks()

    def begin() -> None:
        """After the first paint: the log file, then the backend (both idempotent)."""
        setup_logging(folder)
        window.start()

    if os.environ.get(REPORT_ENV):
        window.first_painted.connect(lambda: _report_and_quit(app))
    else:
        window.first_painted.connect(begin)
        QTimer.singleShot(START_FALLBACK_MS, begin)
    window.show_on_screen()
    try:
        return app.exec()
    finally:
        window.shutdown()
        window.router.uninstall_hooks()
        lock.release()
