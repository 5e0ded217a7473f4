"""Stripe Terminal: locations, readers, reader actions and the reader test helper.

The family is split by concern — :mod:`.terminal_locations`, :mod:`.terminal_readers`,
:mod:`.reader_actions` (commands), :mod:`.reader_outcomes` (what a presented card does),
:mod:`.reader_simulation` (the readers' clock and faults) — and this module is its single
entry point: it registers the routes and exposes :func:`tick` and :func:`set_reader_flags`
to the simulator.
"""

from __future__ import annotations

from ..routing import Router
from . import reader_actions, terminal_locations, terminal_readers
from .reader_simulation import set_reader_flags, tick

__all__ = ["register", "set_reader_flags", "tick"]


def register(router: Router) -> None:
    """Routes of locations, readers, reader commands and the test helper."""
    terminal_locations.register(router)
    terminal_readers.register(router)
    reader_actions.register(router)
