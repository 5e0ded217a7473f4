"""Help → Create a support bundle…: ask where, write it in a job, say where it went.

The clerk picks the .zip's name in a file dialog; the bundle (``diagnostics.bundle``) is then
written by a job — doctor's checks ask Stripe a dozen questions, and the logs are read and
redacted — so the window never waits on it. When connected, doctor's report goes in too.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from moto_desk.diagnostics.bundle import BundleSummary
    from moto_desk.settings import DeskSettings
    from moto_desk.ui.shell.error_router import ErrorRouter
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession


def _bundle_job(
    data_dir: Path, out: Path, session: DeskSession | None, settings: DeskSettings
) -> BundleSummary:
    """Runs on a worker: doctor's report (when connected), then the zip."""
    from moto_desk.diagnostics.bundle import write_support_bundle
    from moto_desk.diagnostics.doctor import run_doctor

    report = run_doctor(session.context()) if session is not None else None
    return write_support_bundle(data_dir, out, doctor=report, settings=asdict(settings))


class SupportBundleAction(QObject):
    """Owns the file dialog and the job of one support bundle at a time.

    Signals:
        bundle_written(object): the bundle is on disk (a ``BundleSummary``).
    """

    bundle_written = Signal(object)

    def __init__(
        self,
        runner: JobRunner,
        router: ErrorRouter,
        window: QWidget,
        data_dir: Path,
    ) -> None:
        super().__init__(window)
        self._runner = runner
        self._router = router
        self._window = window
        self._data_dir = data_dir
        self.dialog: QFileDialog | None = None
        self.running = False
        self._session: DeskSession | None = None
        self._settings: DeskSettings | None = None

    def start(self, session: DeskSession | None, settings: DeskSettings) -> None:
        """Ask for the file; the bundle is written once one is chosen."""
        if self.running or self.dialog is not None:
            return
        self._session = session
        self._settings = settings
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        name = f"moto-desk-support-{datetime.now():%Y%m%d-%H%M}.zip"
        dialog = QFileDialog(
            self._window, self.tr("Create a support bundle"), str(Path(folder) / name)
        )
        dialog.setObjectName("supportBundleFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter(self.tr("Zip archives (*.zip)"))
        dialog.setDefaultSuffix("zip")
        # Qt's own dialog: the same on every desk, and one the tests can drive.
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.on_file_chosen)
        dialog.finished.connect(self.on_dialog_closed)
        self.dialog = dialog
        dialog.open()

    @Slot(int)
    def on_dialog_closed(self, _result: int) -> None:
        self.dialog = None

    @Slot(str)
    def on_file_chosen(self, path: str) -> None:
        if not path:
            return
        out = Path(path)
        data_dir, session, settings = self._data_dir, self._session, self._settings
        if settings is None:
            return
        self.running = True
        (
            self._runner.job(lambda: _bundle_job(data_dir, out, session, settings), owner=self)
            .on_success(self.on_written)
            .on_failure(self._router.route)
            .on_finished(self.on_job_finished)
            .run()
        )

    @Slot()
    def on_job_finished(self) -> None:
        self.running = False

    def on_written(self, summary: BundleSummary) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Support bundle created"),
            self.tr(
                "The support bundle was written to:\n{path}\n\n"
                "Send this file to your support contact. It holds no card number, no API key "
                "and no customer's name, email or phone number."
            ).format(path=str(summary.path)),
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setObjectName("supportBundleWritten")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.bundle_written.emit(summary)
