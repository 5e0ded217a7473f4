"""The options every command takes, before or after its name (kept apart so that starting
the window, which parses them too, imports nothing else of the command line)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GlobalOptions:
    """The options every command takes, before or after its name."""

    data_dir: Path | None = None
    api_base: str | None = None
    demo: bool = False
    records: str | None = None
    lang: str | None = None
    json: bool = False
    #: Who signs in (issue 16): the PIN comes from ``MOTO_DESK_PIN`` or a prompt.
    clerk: str | None = None
    #: A supervisor approving this command: PIN from ``MOTO_DESK_APPROVER_PIN`` or a prompt.
    approver: str | None = None
