"""Help → About moto-desk: the versions support asks for, and where this desk keeps its files.

The versions are the support bundle's (``diagnostics.bundle.bundle_versions``, read from
package metadata: no module is imported for them), so what the clerk reads out on the phone is
what the bundle says. Every value is selectable text, to be copied into an email.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)


class AboutDialog(QDialog):
    """Versions, the data folder, the logs folder and the settings file."""

    def __init__(
        self,
        versions: dict[str, str],
        data_dir: Path,
        logs_dir: Path,
        settings_file: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About moto-desk"))

        heading = QLabel(
            self.tr("moto-desk {version}").format(version=versions.get("moto-desk", "?")), self
        )
        heading.setObjectName("aboutHeading")
        heading.setProperty("role", "heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        summary = QLabel(
            self.tr(
                "Saves a customer's card by phone or mail (MOTO) on a Stripe Terminal reader "
                "and charges it later."
            ),
            self,
        )
        summary.setWordWrap(True)
        summary.setMinimumWidth(560)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        rows = (
            (self.tr("moto-desk"), versions.get("moto-desk", "?"), "aboutAppVersion"),
            (self.tr("Python"), versions.get("python", "?"), "aboutPythonVersion"),
            (self.tr("Qt (PySide6)"), versions.get("pyside6", "?"), "aboutQtVersion"),
            (self.tr("Stripe SDK"), versions.get("stripe", "?"), "aboutStripeVersion"),
            (self.tr("System"), versions.get("os", "?"), "aboutSystem"),
            (self.tr("Data folder"), str(data_dir), "aboutDataFolder"),
            (self.tr("Logs"), str(logs_dir), "aboutLogsFolder"),
            (self.tr("Settings file"), str(settings_file), "aboutSettingsFile"),
        )
        for label, value, name in rows:
            field = QLabel(value, self)
            field.setObjectName(name)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            field.setMinimumWidth(400)
            field.setAccessibleName(label)
            form.addRow(label, field)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        close.setObjectName("aboutCloseButton")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        # As tall as the text needs: the wrapped labels would otherwise share out spare
        # height as blank space above and below themselves.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)

    def value(self, name: str) -> str:
        """The text of the field called ``name`` (``aboutQtVersion``…), for tests."""
        field = self.findChild(QLabel, name)
        return field.text() if field is not None else ""
