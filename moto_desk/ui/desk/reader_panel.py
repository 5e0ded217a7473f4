"""Which reader the card is keyed into: label, location and online/offline, a refresh, and
the last choice remembered for this desk (``DeskState['last_reader']``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from moto_desk.domain.errors import MotoDeskError
from moto_desk.ui.desk.reader_model import ReaderModel
from moto_desk.ui.operations import desk as operations
from moto_desk.ui.shell.assets import icon
from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text

if TYPE_CHECKING:
    from moto_desk.domain.models import Reader
    from moto_desk.ui.shell.jobs import JobRunner
    from moto_desk.ui.shell.session import DeskSession


class ReaderPanel(QGroupBox):
    """The reader selector.

    Signals:
        reader_changed(object): the selected :class:`Reader`, or None when there is none.
    """

    reader_changed = Signal(object)

    def __init__(self, runner: JobRunner, router: ErrorRouter, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("3 · Reader"))
        self._runner = runner
        self._router = router
        self._session: DeskSession | None = None
        self._preferred: str = ""
        self._loading = False

        self._model = ReaderModel(self)
        self._selector = QComboBox(self)
        self._selector.setObjectName("readerSelector")
        self._selector.setModel(self._model)
        self._selector.setAccessibleName(self.tr("Card reader"))
        self._selector.setToolTip(self.tr("The reader to key the card into"))
        self._selector.currentIndexChanged.connect(self.on_selection_changed)
        # As wide as its longest entry: "Front desk — Main street shop (en ligne)" was cut
        # to "… (en lig" in French, hiding whether the reader is online. The window gives
        # this column the room (the consent panel's rows wrap instead).
        self._selector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._selector.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        # Icon only, to leave the selector room for label, location and state.
        self._refresh = QPushButton(icon("refresh"), "", self)
        self._refresh.setObjectName("refreshReadersButton")
        self._refresh.setAccessibleName(self.tr("Refresh the list of readers"))
        self._refresh.setToolTip(self.tr("Refresh: reload the readers and whether they are online"))
        self._refresh.clicked.connect(self.on_refresh_clicked)
        self._note = QLabel(self)
        self._note.setObjectName("readerNote")
        self._note.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(self._selector, 1)
        row.addWidget(self._refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self._note)
        self._set_note(self.tr("Connecting…"))
        self._refresh.setEnabled(False)

    # ------------------------------------------------------------------ public
    def set_session(self, session: DeskSession | None, preferred_reader: str = "") -> None:
        """Use ``session`` (None: disconnected) and select the preferred reader."""
        self._session = session
        # A default reader chosen in Settings wins; otherwise this desk's last reader.
        self._preferred = preferred_reader or (session.last_reader_id if session else None) or ""
        self._refresh.setEnabled(session is not None)
        if session is None:
            self._model.set_readers([])
            self._set_note(self.tr("Connecting…"))
        else:
            self.load()

    def current_reader(self) -> Reader | None:
        return self._model.reader_at(self._selector.currentIndex())

    def readers(self) -> list[Reader]:
        return [r for r in (self._model.reader_at(i) for i in range(self._model.rowCount())) if r]

    def tab_chain(self) -> list[QWidget]:
        return [self._selector, self._refresh]

    def set_enabled_for_work(self, enabled: bool) -> None:
        self._selector.setEnabled(enabled)
        self._refresh.setEnabled(enabled and self._session is not None)

    # ------------------------------------------------------------------ loading
    def load(self) -> None:
        session = self._session
        if session is None or self._loading:
            return
        self._loading = True
        self._refresh.setEnabled(False)
        self._set_note(self.tr("Loading readers…"))

        (
            operations.list_readers(self._runner, session, owner=self)
            .on_success(self.on_readers_found)
            .on_failure(self.on_load_failed)
            .on_finished(self.on_load_finished)
            .run()
        )

    @Slot(object)
    def on_readers_found(self, readers: list[Reader]) -> None:
        keep = self.current_reader()
        wanted = keep.id if keep else self._preferred
        self._selector.blockSignals(True)
        self._model.set_readers(readers)
        row = self._model.row_of(wanted) if wanted else -1
        if row < 0:
            online = [i for i, r in enumerate(readers) if r.status == "online"]
            row = online[0] if online else (0 if readers else -1)
        self._selector.setCurrentIndex(row)
        self._selector.blockSignals(False)
        if not readers:
            self._set_note(
                self.tr(
                    "No reader is registered on this Stripe account. Register one in the "
                    "Stripe Dashboard, then press Refresh."
                )
            )
        else:
            self._set_note("")
        self._announce()

    @Slot(object)
    def on_load_failed(self, error: BaseException) -> None:
        if isinstance(error, MotoDeskError):
            self._set_note(
                self.tr("Could not load the readers: {reason}").format(reason=clerk_text(error))
            )
        else:
            self._router.route(error)

    @Slot()
    def on_load_finished(self) -> None:
        self._loading = False
        self._refresh.setEnabled(self._session is not None and self._selector.isEnabled())

    @Slot()
    def on_refresh_clicked(self) -> None:
        self.load()

    @Slot(int)
    def on_selection_changed(self, row: int) -> None:
        reader = self._model.reader_at(row)
        session = self._session
        if reader is not None and session is not None:
            self._preferred = reader.id
            session.last_reader_id = reader.id
            operations.remember_reader(self._runner, session, reader.id, owner=self).on_failure(
                self.on_remember_failed
            ).run()
        self._announce()

    @Slot(object)
    def on_remember_failed(self, error: BaseException) -> None:
        # Remembering the reader is a convenience; say nothing unless it is a bug.
        if not isinstance(error, MotoDeskError):
            self._router.route(error)

    def _announce(self) -> None:
        reader = self.current_reader()
        if reader is not None and reader.status == "offline":
            self._set_note(
                self.tr("“{reader}” is offline: check that it is on and connected.").format(
                    reader=reader.label
                ),
                kind="offline",
            )
        elif reader is not None and self._note.property("kind") == "offline":
            self._set_note("")
        self.reader_changed.emit(reader)

    def _set_note(self, text: str, kind: str = "") -> None:
        self._note.setProperty("kind", kind)
        self._note.setText(text)
        self._note.setVisible(bool(text))
