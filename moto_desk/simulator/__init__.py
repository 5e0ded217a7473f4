"""A stateful simulator of the part of the Stripe API moto-desk uses.

Demo and training mode run the app against it, and every test talks to it through the
official ``stripe`` SDK over HTTP on 127.0.0.1. It imports nothing of the app's other
layers. Start it in-process::

    with Simulator() as sim:
        client = stripe.StripeClient("sk_test_x", base_addresses={"api": sim.url})

or from the command line (``moto-desk-sim --port 0``).
"""

from __future__ import annotations

import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from .faults import FaultRule, Faults
from .idempotency import IdempotencyStore
from .resources import build_router, tickers
from .server import KeyRegistry, SimulatorServer
from .state import State

__all__ = ["FaultRule", "Simulator"]


class Simulator:
    """One simulated Stripe account served over HTTP on a loopback port.

    ``port=0`` picks a free port. ``state_path`` keeps objects in SQLite across restarts.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        state_path: Path | None = None,
        seed_demo: bool = False,
        verbose: bool = False,
    ) -> None:
        self.verbose = verbose
        self.state = State(state_path)
        self.faults = Faults()
        self.keys = KeyRegistry()
        self.idempotency = IdempotencyStore(self.state.database)
        self.router = build_router()
        self._tickers = tickers()
        self._server = SimulatorServer((host, port), self)
        self._thread: threading.Thread | None = None
        if seed_demo:
            self.seed_demo()

    # ------------------------------------------------------------------ lifecycle
    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Simulator:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.1},
                name="stripe-simulator",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()
        self.state.close()

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ------------------------------------------------------------------ time
    def advance(self, now: float) -> None:
        """Let time-driven events happen (reader timeouts, auto-presented cards).

        Called under the state lock before every request, so what a client sees is always
        what it would see had a clock been ticking.
        """
        for tick in self._tickers:
            tick(self.state, now)

    # ------------------------------------------------------------------ controls
    def configure(self, **settings: Any) -> None:
        """Change account switches: ``moto_enabled``, ``reader_timeout_s``…"""
        with self.state.lock:
            for name, value in settings.items():
                if not hasattr(self.state.settings, name):
                    raise ValueError(f"unknown setting {name!r}")
                setattr(self.state.settings, name, value)
            self.state.save_settings()

    def set_reader(self, reader_id: str, **flags: Any) -> dict[str, Any]:
        """Simulated reader faults and helpers; see ``resources.terminal.set_reader_flags``."""
        from .resources.terminal import set_reader_flags

        with self.state.lock:
            self.advance(self.state.now())
            result = set_reader_flags(self.state, reader_id, flags)
            self.state.commit()
            return result

    def seed_demo(self) -> dict[str, Any]:
        from .seed import seed_demo

        with self.state.lock:
            result = seed_demo(self.state)
            self.state.commit()
            return result
