"""Where moto-desk keeps its files (platformdirs), overridable for tests and several desks."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "moto-desk"
ENV_DATA_DIR = "MOTO_DESK_DATA_DIR"


def data_dir(override: Path | str | None = None) -> Path:
    """The data directory: ``--data-dir``, then ``MOTO_DESK_DATA_DIR``, then the OS default."""
    if override:
        return Path(override).expanduser().resolve()
    from_env = os.environ.get(ENV_DATA_DIR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(folder: Path) -> Path:
    return folder / "moto-desk.sqlite3"


def simulator_state_path(folder: Path) -> Path:
    return folder / "demo-simulator.sqlite3"


def log_dir(folder: Path) -> Path:
    return folder / "logs"


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing parents as 0700 (``mkdir``'s mode is masked by the
    umask and ignored for parents, so each one is created and chmod-ed in turn). Every
    folder moto-desk creates goes through here: data, logs, settings, the instance lock.

    On Windows a folder has no mode: it inherits its parent's access list, which under the
    user's profile (where platformdirs puts the data) admits that user only (with SYSTEM and
    Administrators); ``moto_desk.private_files`` says what each platform guarantees."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for directory in reversed(missing):
        directory.mkdir(mode=0o700, exist_ok=True)  # another process may be first
        if sys.platform != "win32":
            os.chmod(directory, 0o700)
