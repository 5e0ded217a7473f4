"""The work done at start-up, off the GUI thread: start the backend, then reconcile.

These functions run inside jobs. They import ``stripe`` (through the gateway) and
``keyring`` — the reason they are not called before the window has appeared.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from moto_desk.domain.errors import MotoDeskError
from moto_desk.settings import BackendChoice, DeskSettings, computer_clerk, computer_desk
from moto_desk.ui.shell.session import DeskSession, StartOptions

if TYPE_CHECKING:
    from moto_desk.flows.reconcile import Settled
    from moto_desk.records.store import RecordsAddress

LAST_READER_KEY = "last_reader"

# Imported on first use by a search, a save and a charge (the window imports
# them late to keep start-up light); :func:`preload_modules` imports them in a job first.
USED_BY_FIRST_WORK = (
    "moto_desk.flows.customers",
    "moto_desk.flows.save_card",
    "moto_desk.flows.charge",
    "moto_desk.ui.payments.charge_dialog",
)


#: What the window imports when the session is ready (the simulated-reader panel of demo
#: and test mode, the clerks' sign-in state): imported by the start-up job first. Imported
#: on the GUI thread instead, they stalled it ~30 ms — longer when a job was importing one
#: of their modules at that moment and the GUI thread waited for that module's lock.
USED_AT_SESSION_READY = (
    "moto_desk.ui.operations.clerks",
    "moto_desk.ui.training.simulator_panel",
)


def open_session(options: StartOptions, settings: DeskSettings, *, force_demo: bool) -> DeskSession:
    """Start the backend (demo when asked, or when no key can be read) and read the desk's
    state; the identity is written to ``DeskState`` so the command line uses the same one."""
    from moto_desk.backend import start_backend
    from moto_desk.diagnostics.request_log import request_log_path
    from moto_desk.flows.context import open_records
    from moto_desk.gateway.keys import load_key
    from moto_desk.paths import database_path
    from moto_desk.records.desk_state import DeskState
    from moto_desk.records.store import RecordsAddress as Address

    demo = force_demo or options.demo or settings.backend is BackendChoice.DEMO
    key = None
    problem = None
    if not demo:
        try:
            key = load_key()
        except MotoDeskError as error:
            # No keyring, or a damaged key: say so, and run on the simulator — never a
            # plaintext fallback.
            problem = error
    clerk = settings.clerk_name or computer_clerk()
    desk = settings.desk_name or computer_desk()
    with open_records(database_path(options.data_dir)) as records:
        state = DeskState(records.conn)
        last = state.get(LAST_READER_KEY)
        if state.get("clerk") != clerk:
            state.set("clerk", clerk)
        if state.get("desk") != desk:
            state.set("desk", desk)
    records_url = (options.records or settings.records_url).strip() or None
    records_problem, shop = check_records(Address(database_path(options.data_dir), records_url))
    backend = start_backend(
        options.data_dir,
        demo=demo or key is None,
        api_base=options.api_base,
        key=key,
        request_log=request_log_path(options.data_dir),
    )
    for name in USED_AT_SESSION_READY:
        importlib.import_module(name)
    return DeskSession(
        backend,
        options.data_dir,
        clerk,
        desk,
        key_problem=problem,
        last_reader_id=last if isinstance(last, str) else None,
        records_url=records_url,
        records_problem=records_problem,
        shop=shop,
    )


def check_records(where: RecordsAddress) -> tuple[MotoDeskError | None, dict[str, str]]:
    """Open the shop's records once at start, so an unreachable server is said then (which
    server, what failed) rather than at the first save; and read what the shop sets for
    every desk (its name and address)."""
    from moto_desk.records.shop_settings import shop_settings_at

    return shop_settings_at(where)


def reconcile_open_entries(session: DeskSession) -> list[Settled]:
    """Settle every operation a previous run left open (crash, lost response)."""
    from moto_desk.flows.reconcile import reconcile

    return reconcile(session.context())


def check_journal_entry(session: DeskSession, entry_id: str) -> str:
    """Reconcile now, for an operation whose answer was lost; its journal state afterwards
    (``succeeded``, ``failed``, ``canceled``… or ``open`` while Stripe cannot tell yet)."""
    from moto_desk.flows.context import open_records
    from moto_desk.flows.reconcile import reconcile

    for item in reconcile(session.context()):
        if item.entry_id == entry_id:
            return item.state.value if item.state is not None else "open"
    with open_records(session.records_at) as records:
        entry = records.journal.get(entry_id)
    if entry is None or entry.is_open:
        return "open"
    return entry.state.value


def preload_modules() -> None:
    """Import, off the GUI thread, what the first search, save and charge need: the GUI
    thread then finds them in ``sys.modules`` instead of stalling for ~10 ms to import them
    when the clerk presses Save or F6."""
    for name in USED_BY_FIRST_WORK:
        importlib.import_module(name)
