"""The simulated API's endpoints, one module per Stripe resource family."""

from __future__ import annotations

from collections.abc import Callable

from ..routing import Router
from ..state import State
from . import customers, payment_intents, payment_methods, refunds, setup_intents, terminal

_MODULES = (customers, payment_methods, setup_intents, payment_intents, refunds, terminal)


def build_router() -> Router:
    router = Router()
    for module in _MODULES:
        module.register(router)
    return router


def tickers() -> list[Callable[[State, float], None]]:
    """Each module's time-driven step (``tick``), run before every request."""
    return [module.tick for module in _MODULES if hasattr(module, "tick")]
