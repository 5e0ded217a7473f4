"""Owner-only files and folders, as the tests check them.

On Linux and macOS owner-only is a mode: 0600 for a file, 0700 for a folder. Windows has no
file modes (``os.stat`` reports 0666 or 0444 from the read-only flag): there moto-desk relies on
the access list its folders inherit from the user's profile (``moto_desk.private_files``), which
these tests cannot see, so the mode checks are skipped on Windows rather than made to pass.
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

#: Whether the OS has POSIX file modes to check.
POSIX_MODES = sys.platform != "win32"
#: For a test whose point is the file mode.
posix_modes_only = pytest.mark.skipif(
    not POSIX_MODES, reason="POSIX file modes; Windows relies on the profile folder's access list"
)


def mode_problem(path: Path) -> str | None:
    """Words for what is wrong with ``path``'s mode, or None when it is owner-only (always
    None on Windows: see the module docstring)."""
    if not POSIX_MODES:
        return None
    mode = stat.S_IMODE(path.lstat().st_mode)
    wanted = 0o700 if path.is_dir() else 0o600
    return None if mode == wanted else f"{path} is {mode:o}, not {wanted:o}"


def assert_owner_only(path: Path) -> None:
    problem = mode_problem(path)
    assert problem is None, problem
