"""The desk's settings: a typed schema in a small JSON file, never holding a secret.

STYLE §5: each setting is a dataclass field with a default; the file carries a schema version
so a later program can migrate it, and is written atomically (temporary file, ``fsync``,
``os.replace``) with owner-only permissions set before any byte is written. The Stripe key is
not a setting: it lives only in the OS keyring (``gateway.keys``).

The file lives in the platformdirs config folder — or, when the desk's data folder was chosen
explicitly (``--data-dir`` / ``MOTO_DESK_DATA_DIR``, e.g. two desks on one computer), next to
the data, so each desk keeps its own settings. ``MOTO_DESK_CONFIG_DIR`` overrides both.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields, replace
from enum import StrEnum
from pathlib import Path

from moto_desk.paths import APP_NAME, make_private_dir
from moto_desk.private_files import write_private

SCHEMA_VERSION = 1
FILE_NAME = "settings.json"
ENV_CONFIG_DIR = "MOTO_DESK_CONFIG_DIR"

log = logging.getLogger(__name__)


class BackendChoice(StrEnum):
    """Which Stripe the desk talks to: decided by the key unless the clerk chose demo."""

    AUTO = "auto"  # Stripe when a key is configured, else the built-in simulator
    DEMO = "demo"  # always the built-in simulator


@dataclass(frozen=True)
class DeskSettings:
    """Everything the clerk can set in the Settings dialog except the Stripe key."""

    backend: BackendChoice = BackendChoice.AUTO
    language: str = ""  # "" follows the system; otherwise "en" or "fr"
    desk_name: str = ""
    clerk_name: str = ""
    shop_name: str = ""
    #: Printed under the shop's name on receipts; may hold several lines.
    shop_address: str = ""
    default_currency: str = "usd"
    default_reader_id: str = ""
    phone_country: str = "US"
    #: Seconds a reader may show no result before moto-desk offers to stop it.
    reader_wait_s: int = 300
    #: The shop's records (a PostgreSQL connection string, never with a password); empty: the
    #: desk keeps its own records in its data folder.
    records_url: str = ""


def _coerce(raw: dict[str, object]) -> DeskSettings:
    """Settings from decoded JSON, keeping every known field of the right type.

    A value of the wrong type falls back to its default rather than refusing the whole file:
    a hand-edited typo must not stop a shop from opening.
    """
    defaults = DeskSettings()
    values: dict[str, object] = {}
    for item in fields(DeskSettings):
        if item.name not in raw:
            continue
        value = raw[item.name]
        if item.name == "backend":
            try:
                values["backend"] = BackendChoice(str(value))
            except ValueError:
                log.warning("settings: unknown backend %r ignored", value)
            continue
        if isinstance(value, type(getattr(defaults, item.name))):
            values[item.name] = value
        else:
            log.warning("settings: %s has the wrong type and was ignored", item.name)
    return replace(defaults, **values)  # type: ignore[arg-type]


class SettingsStore:
    """Reads and writes :class:`DeskSettings` at one path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> DeskSettings:
        """The stored settings, or the defaults when there is no readable file."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return DeskSettings()
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("settings: cannot read %s (%s); using defaults", self.path, exc)
            return DeskSettings()
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            log.warning("settings: %s is not valid JSON; using defaults", self.path)
            return DeskSettings()
        if not isinstance(data, dict):
            return DeskSettings()
        version = data.get("schema_version")
        if isinstance(version, int) and version > SCHEMA_VERSION:
            # Written by a newer moto-desk: read what we understand, never write it back
            # blindly (save() would downgrade it), so callers see the version.
            log.warning("settings: %s has schema %s (newer than ours)", self.path, version)
        settings = data.get("settings")
        return _coerce(settings) if isinstance(settings, dict) else DeskSettings()

    def save(self, settings: DeskSettings) -> None:
        """Write atomically with owner-only permissions (raises ``OSError`` on failure)."""
        folder = self.path.parent
        make_private_dir(folder)
        payload = {"schema_version": SCHEMA_VERSION, "settings": asdict(settings)}
        text = json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        write_private(self.path, text)


def settings_path(data_dir_overridden: bool, folder: Path) -> Path:
    """Where this desk's settings file lives (see the module docstring)."""
    from_env = os.environ.get(ENV_CONFIG_DIR)
    if from_env:
        return Path(from_env).expanduser() / FILE_NAME
    if data_dir_overridden:
        return folder / FILE_NAME
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / FILE_NAME


def computer_clerk() -> str:
    """The clerk's name when Settings has none: the computer's login name."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "clerk"


def computer_desk() -> str:
    """The desk's name when Settings has none: the computer's name."""
    import platform  # not needed before the window's first paint

    return platform.node() or "desk"
