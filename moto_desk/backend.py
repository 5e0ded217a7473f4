"""Choosing and starting the Stripe backend: the embedded simulator (demo) or Stripe.

The app never knows which one it talks to except through the base URL and the key
(DESIGN: "three ways to run, one code path"). This module is the app's composition root
for the non-GUI side; the simulator is imported only in demo mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from moto_desk.gateway.client import Gateway
from moto_desk.gateway.keys import ApiKey, Mode, load_key
from moto_desk.paths import simulator_state_path

if TYPE_CHECKING:
    from moto_desk.simulator import Simulator

#: The key the app uses with its own embedded simulator (any sk_test_ key is accepted there).
DEMO_KEY = ApiKey("sk_test_moto_desk_demo_mode", Mode.TEST, restricted=False)


@dataclass
class Backend:
    gateway: Gateway
    simulator: Simulator | None = None

    @property
    def mode(self) -> Mode:
        return self.gateway.mode

    def close(self) -> None:
        if self.simulator is not None:
            self.simulator.stop()
            self.simulator = None


def start_backend(
    data_dir: Path,
    *,
    demo: bool = False,
    api_base: str | None = None,
    key: ApiKey | None = None,
    persist_simulator: bool = True,
    request_log: Path | None = None,
) -> Backend:
    """Demo mode when asked for or when no key is configured; otherwise Stripe (or
    ``api_base``, e.g. a shared ``moto-desk-sim`` for several desks).

    ``request_log`` is the file where the gateway records each Stripe request
    (``diagnostics.request_log.request_log_path(data_dir)``), or None to record nothing.
    """
    if not demo and key is None:
        key = load_key()
    if demo or key is None:
        if api_base:
            return Backend(Gateway(DEMO_KEY, api_base, simulated=True, request_log=request_log))
        from moto_desk.simulator import Simulator

        state = simulator_state_path(data_dir) if persist_simulator else None
        simulator = Simulator(state_path=state).start()
        simulator.seed_demo()
        return Backend(
            Gateway(DEMO_KEY, simulator.url, simulated=True, request_log=request_log), simulator
        )
    return Backend(Gateway(key, api_base, request_log=request_log))
