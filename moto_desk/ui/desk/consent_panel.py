"""The consent the clerk reads aloud and records: terms (with version), channel,
``allow_redisplay`` and the consent checkbox. No tick, no save.

The text shown is exactly the text whose SHA-256 the ledger records, so the terms object
handed to the save is built from what is on screen, shop name filled in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from moto_desk.domain.choices import AllowRedisplay, Channel
from moto_desk.domain.consent import ConsentTerms, fill_shop


class ConsentPanel(QGroupBox):
    """Terms, channel, card display choice and the consent tick.

    Signals:
        consent_changed(bool): the consent box was ticked or unticked.
    """

    consent_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("2 · Consent"))
        self._terms: ConsentTerms | None = None

        self._version = QLabel(self)
        self._version.setObjectName("consentVersion")
        self._terms_view = QPlainTextEdit(self)
        self._terms_view.setObjectName("consentTerms")
        self._terms_view.setReadOnly(True)
        self._terms_view.setAccessibleName(self.tr("Consent terms to read to the customer"))
        # Out of the Tab chain: the clerk reads it; Tab goes from the customer to the tick.
        self._terms_view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._terms_view.setMinimumHeight(180)

        self._channel = QComboBox(self)
        self._channel.setObjectName("channelChoice")
        self._channel.setAccessibleName(self.tr("How the customer gave consent"))
        self._channel.addItem(self.tr("By phone"), Channel.PHONE.value)
        self._channel.addItem(self.tr("By mail"), Channel.MAIL.value)

        self._redisplay = QComboBox(self)
        self._redisplay.setObjectName("allowRedisplayChoice")
        self._redisplay.setAccessibleName(self.tr("Where the saved card may be shown again"))
        self._redisplay.addItem(
            self.tr("Limited — only where the customer agreed to saving it"),
            AllowRedisplay.LIMITED.value,
        )
        self._redisplay.addItem(
            self.tr("Always — in any of our checkouts"), AllowRedisplay.ALWAYS.value
        )
        self._redisplay.setToolTip(
            self.tr(
                "Stripe's allow_redisplay: whether the card may be offered to the customer again."
            )
        )

        self._check = QCheckBox(self.tr("I read the terms aloud and the customer agreed"), self)
        self._check.setObjectName("consentCheck")
        self._check.setAccessibleName(self.tr("The customer agreed to the terms"))
        self._check.setToolTip(self.tr("Tick only after the customer said yes."))
        self._check.toggled.connect(self.on_consent_toggled)

        form = QFormLayout()
        # A label goes above its field when both do not fit side by side (the French
        # "Limité — seulement là où le client a accepté son enregistrement"), rather than
        # the panel taking the reader panel's width on a 1280 px screen.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Consent given"), self._channel)
        form.addRow(self.tr("Show the card again"), self._redisplay)
        layout = QVBoxLayout(self)
        layout.addWidget(self._version)
        layout.addWidget(self._terms_view, 1)
        layout.addLayout(form)
        layout.addWidget(self._check)

    # ------------------------------------------------------------------ terms
    def set_terms(self, terms: ConsentTerms, shop: str) -> None:
        self._terms = fill_shop(terms, shop)
        self._version.setText(
            self.tr("Read these terms aloud to the customer (version {version}):").format(
                version=terms.version
            )
        )
        self._version.setWordWrap(True)
        self._terms_view.setPlainText(self._terms.text)

    def terms(self) -> ConsentTerms | None:
        """The terms exactly as shown (None until loaded)."""
        return self._terms

    # ------------------------------------------------------------------ choices
    def channel(self) -> Channel:
        return Channel(str(self._channel.currentData()))

    def allow_redisplay(self) -> AllowRedisplay:
        return AllowRedisplay(str(self._redisplay.currentData()))

    def consent_given(self) -> bool:
        return self._check.isChecked()

    def clear_consent(self) -> None:
        """Untick (a new customer, or a card already saved under this consent)."""
        self._check.setChecked(False)

    def focus_consent(self) -> None:
        self._check.setFocus(Qt.FocusReason.OtherFocusReason)

    def tab_chain(self) -> list[QWidget]:
        return [self._check, self._channel, self._redisplay]

    def set_enabled_for_work(self, enabled: bool) -> None:
        """Freeze the choices while a save runs (they are part of the request)."""
        for widget in self.tab_chain():
            widget.setEnabled(enabled)

    @Slot(bool)
    def on_consent_toggled(self, checked: bool) -> None:
        self.consent_changed.emit(checked)
