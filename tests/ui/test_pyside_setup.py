"""PySide6's per-module source scan is off once ``moto_desk.ui`` is imported.

Each case runs in a fresh interpreter (the test process imported everything long ago). The
first case proves the measurement: without our package first, PySide6 reads stripe's and
moto-desk's sources into ``linecache``; with it, it reads none.
"""

from __future__ import annotations

import json
import subprocess
import sys

_READ = """
import json, linecache, sys
{first}
import moto_desk.gateway.client, moto_desk.ui.main_window
read = [f for f in linecache.cache if "stripe" in f or "moto_desk" in f]
print(json.dumps(read))
"""


def _sources_read(first: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _READ.format(first=first)],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    result: list[str] = json.loads(done.stdout)
    return result


def test_pyside6_alone_reads_the_source_of_every_later_module() -> None:
    read = _sources_read("import PySide6.QtCore")
    assert any("stripe" in path for path in read)
    assert any("moto_desk" in path for path in read)


def test_the_window_package_switches_the_scan_off() -> None:
    assert _sources_read("import moto_desk.ui") == []
