"""(being written)"""

from __future__ import annotations

from ..routing import Router


def register(router: Router) -> None:
    """Routes of this resource family."""
