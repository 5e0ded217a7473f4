"""Entry point: ``moto-desk`` / ``python -m moto_desk``."""

from __future__ import annotations

import sys


def main() -> int:
    from moto_desk.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
