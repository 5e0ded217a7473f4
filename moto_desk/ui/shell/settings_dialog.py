"""Settings (Ctrl+,): mode, the Stripe key, desk and clerk, shop, defaults, language.

The Stripe key is typed once and goes straight to the OS keyring (``gateway.keys``); the
dialog only ever shows it masked (``sk_test_…abcd``) and its field is always empty when the
dialog opens. Everything else goes to the settings file. Keyring access happens in a job:
``keyring`` is never imported on the GUI thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moto_desk.domain.errors import MotoDeskError
from moto_desk.settings import BackendChoice, DeskSettings, SettingsStore
from moto_desk.ui.payments.charge_form import CURRENCIES
from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text
from moto_desk.ui.shell.translations import choose_language

if TYPE_CHECKING:
    from moto_desk.domain.models import Reader
    from moto_desk.gateway.keys import ApiKey
    from moto_desk.ui.shell.jobs import JobRunner

#: Countries whose phone numbering ``domain.phone`` knows.
PHONE_COUNTRIES = (
    "US", "CA", "GB", "IE", "FR", "BE", "LU", "CH", "DE", "AT", "NL", "ES", "IT", "PT", "AU",
    "NZ", "JP",
)  # fmt: skip


@dataclass(frozen=True)
class KeyStatus:
    """What the dialog may show about the configured key (never the key)."""

    masked: str | None
    mode: str | None
    from_environment: bool
    problem: MotoDeskError | None = None


@dataclass(frozen=True)
class SavedSettings:
    """The outcome of a save: the settings and whether the backend must be restarted."""

    settings: DeskSettings
    reconnect: bool


def _read_key_status() -> KeyStatus:
    from moto_desk.gateway.keys import ENV_VAR, load_key

    try:
        key = load_key()
    except MotoDeskError as error:
        return KeyStatus(None, None, False, error)
    if key is None:
        return KeyStatus(None, None, False)
    return KeyStatus(key.masked, key.mode.value, bool(os.environ.get(ENV_VAR)))


def _save(
    store: SettingsStore,
    settings: DeskSettings,
    new_key: str,
    forget: bool,
    check_records: bool = False,
) -> ApiKey | None:
    from moto_desk.gateway.keys import forget_key, store_key

    if check_records and settings.records_url:
        # A new shop records address is tried before it is kept: a typo must not leave the
        # desk unable to save or charge at its next start.
        from moto_desk.records.shop import try_shop

        try_shop(settings.records_url)
    stored = None
    if new_key:
        stored = store_key(new_key)
    elif forget:
        forget_key()
    store.save(settings)
    return stored


class SettingsDialog(QDialog):
    """Edit the desk's settings.

    Signals:
        settings_saved(object): a :class:`SavedSettings` after a successful save.
    """

    settings_saved = Signal(object)

    def __init__(
        self,
        runner: JobRunner,
        router: ErrorRouter,
        store: SettingsStore,
        *,
        settings: DeskSettings,
        readers: list[Reader],
        language_in_use: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._runner = runner
        self._router = router
        self._store = store
        self._settings = settings
        self._forget = False

        self._backend = self._combo("backendChoice", self.tr("Mode"))
        self._backend.addItem(
            self.tr("Automatic — Stripe when a key is stored, otherwise demo"),
            BackendChoice.AUTO.value,
        )
        self._backend.addItem(self.tr("Demo — the built-in simulator"), BackendChoice.DEMO.value)
        self._select(self._backend, settings.backend.value)

        self._key_status = QLabel(self.tr("Checking the stored key…"), self)
        self._key_status.setObjectName("storedKeyStatus")
        self._key_status.setWordWrap(True)
        self._key = QLineEdit(self)
        self._key.setObjectName("stripeKeyEdit")
        self._key.setAccessibleName(self.tr("New Stripe secret key"))
        self._key.setEchoMode(QLineEdit.EchoMode.Password)
        self._key.setPlaceholderText(self.tr("sk_live_… or sk_test_…"))
        self._key.setToolTip(
            self.tr("Typed once: kept in this computer's keyring, never in a file")
        )
        self._key_error = QLabel(self)
        self._key_error.setObjectName("stripeKeyError")
        self._key_error.setProperty("role", "error")
        self._key_error.setWordWrap(True)
        self._key_error.hide()
        self._forget_button = QPushButton(self.tr("Remove the stored key"), self)
        self._forget_button.setObjectName("forgetKeyButton")
        self._forget_button.setEnabled(False)
        self._forget_button.clicked.connect(self.on_forget_clicked)

        self._desk = self._line("deskNameEdit", self.tr("Desk name"), settings.desk_name)
        self._clerk = self._line("clerkNameEdit", self.tr("Clerk name"), settings.clerk_name)
        self._shop = self._line("shopNameEdit", self.tr("Shop name"), settings.shop_name)
        self._shop.setToolTip(
            self.tr("The name read to customers in the consent terms and printed on receipts")
        )
        self._address = QPlainTextEdit(settings.shop_address, self)
        self._address.setObjectName("shopAddressEdit")
        self._address.setAccessibleName(self.tr("Shop address"))
        self._address.setToolTip(self.tr("Printed under the shop's name on receipts"))
        self._address.setPlaceholderText(self.tr("Street, town and postcode, one per line"))
        self._address.setTabChangesFocus(True)  # Tab moves on, as in every other field
        lines = self._address.fontMetrics().lineSpacing()
        self._address.setFixedHeight(lines * 3 + 2 * self._address.frameWidth() + 8)

        self._records = self._line("shopRecordsEdit", self.tr("Shop records"), settings.records_url)
        self._records.setPlaceholderText(self.tr("Empty: this desk keeps its own records"))
        self._records.setToolTip(
            self.tr(
                "The shop's records on PostgreSQL, shared by every desk of the shop, e.g. "
                "postgresql://desk@server/shop?sslmode=require. The password belongs in "
                "~/.pgpass, never here."
            )
        )

        self._reader = self._combo("defaultReaderChoice", self.tr("Default reader"))
        self._reader.addItem(self.tr("The last reader used at this desk"), "")
        for reader in readers:
            self._reader.addItem(reader.label, reader.id)
        self._select(self._reader, settings.default_reader_id)

        self._currency = self._combo("defaultCurrencyChoice", self.tr("Default currency"))
        codes = list(CURRENCIES)
        if settings.default_currency not in codes:
            codes.insert(0, settings.default_currency)
        for code in codes:
            self._currency.addItem(code.upper(), code)
        self._select(self._currency, settings.default_currency)

        self._country = self._combo("phoneCountryChoice", self.tr("Country for phone numbers"))
        for country in PHONE_COUNTRIES:
            self._country.addItem(country, country)
        self._select(self._country, settings.phone_country)

        self._language = self._combo("languageChoice", self.tr("Language"))
        self._language.addItem(self.tr("As the system"), "")
        self._language.addItem("English", "en")
        self._language.addItem("Français", "fr")
        self._select(self._language, settings.language)
        note = self.tr("A new language is used from the next start.")
        if language_in_use and language_in_use != choose_language(None, settings.language):
            # Started with --lang: the setting is not what the clerk sees now; say so.
            in_language = {"en": self.tr("in English"), "fr": self.tr("in French")}
            note = self.tr(
                "This session is {in_language} (chosen when moto-desk was started). {rest}"
            ).format(in_language=in_language.get(language_in_use, language_in_use), rest=note)
        self._language_note = QLabel(note, self)
        self._language_note.setObjectName("languageNote")
        self._language_note.setWordWrap(True)

        key_row = QHBoxLayout()
        key_row.addWidget(self._key, 1)
        key_row.addWidget(self._forget_button)
        form = QFormLayout()
        form.addRow(self.tr("&Mode"), self._backend)
        form.addRow(self.tr("Stripe key"), self._key_status)
        key_label = QLabel(self.tr("New &key"), self)
        key_label.setBuddy(self._key)  # a row holding a layout gets no buddy by itself
        form.addRow(key_label, key_row)
        form.addRow("", self._key_error)
        form.addRow(self.tr("&Desk name"), self._desk)
        form.addRow(self.tr("C&lerk name"), self._clerk)
        form.addRow(self.tr("&Shop name"), self._shop)
        form.addRow(self.tr("Shop &address"), self._address)
        form.addRow(self.tr("Shop rec&ords"), self._records)
        form.addRow(self.tr("Default &reader"), self._reader)
        form.addRow(self.tr("Default c&urrency"), self._currency)
        form.addRow(self.tr("&Phone numbers"), self._country)
        form.addRow(self.tr("La&nguage"), self._language)
        form.addRow("", self._language_note)

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = self._buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("Save"))
        save.setObjectName("saveSettingsButton")
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._buttons.accepted.connect(self.on_save_clicked)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._buttons)
        # No fixed minimum: the layout's own (the widest field's) is the floor, so a long
        # French choice ("Automatique — Stripe si une clé est enregistrée, sinon démo") is
        # never cut; 560 px wide at least, for the explanations to wrap less.
        hint = self.sizeHint()
        self.resize(max(560, hint.width()), hint.height())

        self._runner.job(_read_key_status, owner=self).on_success(self.on_key_status).run()

    # ------------------------------------------------------------------ building
    def _grow_to_fit(self) -> None:
        """Give the wrapped explanations the lines their new text needs.

        A window keeps its size when a label's text grows after it is shown; the stored
        key's explanation arrives from a job, and a missing keyring's takes five lines in
        French, which the dialog cut to two.
        """
        if (layout := self.layout()) is not None:
            layout.activate()
        needed = self.heightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _set_key_status(self, text: str) -> None:
        self._key_status.setText(text)
        self._grow_to_fit()

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        return combo

    def _line(self, name: str, accessible: str, text: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    # ------------------------------------------------------------------ key status
    @Slot(object)
    def on_key_status(self, status: KeyStatus) -> None:
        if status.problem:
            self._set_key_status(clerk_text(status.problem))
            self._key.setEnabled(False)
            return
        if status.masked is None:
            self._set_key_status(self.tr("No key stored: moto-desk runs in demo mode."))
            return
        mode = self.tr("live mode") if status.mode == "live" else self.tr("test mode")
        where = (
            self.tr("from the STRIPE_API_KEY environment variable")
            if status.from_environment
            else self.tr("stored in this computer's keyring")
        )
        self._set_key_status(f"{status.masked} ({mode}, {where})")
        self._forget_button.setEnabled(not status.from_environment)

    @Slot()
    def on_forget_clicked(self) -> None:
        self._forget = True
        self._key.clear()
        self._set_key_status(self.tr("The stored key will be removed when you save."))
        self._forget_button.setEnabled(False)

    def stored_key_text(self) -> str:
        return self._key_status.text()

    # ------------------------------------------------------------------ saving
    def collected(self) -> DeskSettings:
        return replace(
            self._settings,
            backend=BackendChoice(str(self._backend.currentData())),
            desk_name=self._desk.text().strip(),
            clerk_name=self._clerk.text().strip(),
            shop_name=self._shop.text().strip(),
            shop_address=self._address.toPlainText().strip(),
            default_reader_id=str(self._reader.currentData() or ""),
            default_currency=str(self._currency.currentData()),
            phone_country=str(self._country.currentData()),
            language=str(self._language.currentData() or ""),
            records_url=self._records.text().strip(),
        )

    @Slot()
    def on_save_clicked(self) -> None:
        settings = self.collected()
        new_key = self._key.text().strip()
        forget = self._forget
        store = self._store
        records_changed = settings.records_url != self._settings.records_url
        reconnect = (
            bool(new_key) or forget or records_changed or settings.backend != self._settings.backend
        )
        self._key_error.hide()
        self._buttons.setEnabled(False)
        (
            self._runner.job(
                lambda: _save(store, settings, new_key, forget, records_changed), owner=self
            )
            .on_success(lambda _key: self.on_saved(SavedSettings(settings, reconnect)))
            .on_failure(self.on_save_failed)
            .on_finished(lambda: self._buttons.setEnabled(True))
            .run()
        )

    def on_saved(self, saved: SavedSettings) -> None:
        # The key has gone to the keyring: drop it from the widget's memory too.
        self._key.clear()
        self.settings_saved.emit(saved)
        self.accept()

    @Slot(object)
    def on_save_failed(self, error: BaseException) -> None:
        if isinstance(error, MotoDeskError):
            self._key_error.setText(clerk_text(error))
        elif isinstance(error, OSError):
            self._key_error.setText(
                self.tr("The settings could not be saved: {reason}").format(reason=error.strerror)
            )
        else:
            self._router.route(error)
            return
        self._key_error.show()
        self._grow_to_fit()
