"""Entry point: ``moto-desk`` / ``python -m moto_desk``."""

from __future__ import annotations

import io
import sys


def utf8_when_redirected() -> None:
    """On Windows, write redirected output (a file, a pipe, a script reading ``--json``) as
    UTF-8, as Python's UTF-8 mode does. Python writes it in the ANSI code page otherwise
    (cp1252…), which holds neither "✓" nor most of the world's names: a charge that went
    through would end in ``UnicodeEncodeError``. A console keeps its own stream, Unicode
    already (PEP 528). Elsewhere the locale's encoding (UTF-8 on any desk) is left alone."""
    if sys.platform != "win32":
        return
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not stream.isatty():
            stream.reconfigure(encoding="utf-8")


def main() -> int:
    utf8_when_redirected()
    from moto_desk.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
