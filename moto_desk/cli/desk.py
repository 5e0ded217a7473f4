"""A desk opened for one command: its folder, settings, identity, Stripe and records.

The same choices the window makes (DESIGN: "three ways to run, one code path"): demo when
asked (``--demo``, or the desk's settings say so) or when no key is configured; Stripe, or
``--api-base``, otherwise. In demo mode without ``--api-base`` the embedded simulator keeps
its state in the data folder as the window's does, so a card saved by one command can be
charged by the next; that simulator belongs to one process at a time, so the command then
holds the folder's lock (a window open on the same folder is named in the refusal).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from moto_desk.cli.options import GlobalOptions
from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.flows.cancel import CancelToken
from moto_desk.flows.progress import ProgressCallback, ignore_progress
from moto_desk.paths import ENV_DATA_DIR, data_dir, database_path
from moto_desk.records.store import RecordsAddress
from moto_desk.settings import (
    BackendChoice,
    DeskSettings,
    SettingsStore,
    computer_clerk,
    computer_desk,
    settings_path,
)

if TYPE_CHECKING:
    from moto_desk.backend import Backend
    from moto_desk.cli.output import Output
    from moto_desk.domain.money import Money
    from moto_desk.domain.roles import Action, Actor
    from moto_desk.flows.context import FlowContext
    from moto_desk.single_instance import InstanceLock

ENV_RECORDS = "MOTO_DESK_RECORDS"


@dataclass
class Desk:
    """What one command works with; :meth:`close` stops the embedded simulator, if any."""

    folder: Path
    settings: DeskSettings
    clerk: str
    desk: str
    backend: Backend | None = None
    lock: InstanceLock | None = None
    #: Words for stderr about how the desk was opened (no keyring, so demo…).
    notices: list[str] = field(default_factory=list)
    #: The shop's records (PostgreSQL URL) when the desk joined a shop.
    records_url: str | None = None
    #: The clerk signed in with ``--clerk`` (None while the shop has no accounts).
    actor: Actor | None = None
    #: The supervisor who approved this command with ``--approver``.
    approver: Actor | None = None

    @property
    def records_at(self) -> RecordsAddress:
        return RecordsAddress(database_path(self.folder), self.records_url)

    def context(
        self, progress: ProgressCallback = ignore_progress, cancel: CancelToken | None = None
    ) -> FlowContext:
        from moto_desk.flows.context import DeskIdentity, FlowContext

        if self.backend is None:
            raise RuntimeError("this command opened the desk without Stripe")
        return FlowContext(
            self.backend.gateway,
            self.records_at,
            DeskIdentity(self.clerk, self.desk, self.actor, self.approver),
            progress=progress,
            cancel=cancel or CancelToken(),
        )

    def authorise(self, action: Action, amount: Money | None = None) -> str | None:
        """Refuse ``action`` (exit 6) unless the signed-in clerk may do it, or ``--approver``
        approves; the approver's id when one was needed."""
        from moto_desk.flows.clerks import check_action
        from moto_desk.flows.context import DeskIdentity, open_records

        with open_records(self.records_at) as records:
            identity = DeskIdentity(self.clerk, self.desk, self.actor, self.approver)
            return check_action(records, identity, action, amount)

    def close(self) -> None:
        if self.backend is not None:
            self.backend.close()
            self.backend = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def records_url(options: GlobalOptions, settings: DeskSettings) -> str | None:
    """The shop's records URL: ``--records``, else ``MOTO_DESK_RECORDS``, else Settings →
    Shop records; None for a desk that keeps its own records."""
    url = options.records or os.environ.get(ENV_RECORDS) or settings.records_url
    return url.strip() or None if url else None


def load_settings(options: GlobalOptions, folder: Path) -> DeskSettings:
    overridden = bool(options.data_dir or os.environ.get(ENV_DATA_DIR))
    return SettingsStore(settings_path(overridden, folder)).load()


def settings_file(options: GlobalOptions) -> Path:
    overridden = bool(options.data_dir or os.environ.get(ENV_DATA_DIR))
    return settings_path(overridden, data_dir(options.data_dir))


def desk_settings(options: GlobalOptions) -> DeskSettings:
    """The desk's settings, for checks made before the desk is opened."""
    return load_settings(options, data_dir(options.data_dir))


def _identity(folder: Path, settings: DeskSettings) -> tuple[str, str]:
    """Who and where, as the window names them: the settings, else what the window last
    recorded for this folder, else the computer's user and name."""
    from moto_desk.flows.context import open_records
    from moto_desk.records.desk_state import DeskState

    with open_records(database_path(folder)) as records:
        state = DeskState(records.conn)
        clerk = settings.clerk_name or str(state.get("clerk") or "") or computer_clerk()
        desk = settings.desk_name or str(state.get("desk") or "") or computer_desk()
    return clerk, desk


def _with_shop_settings(settings: DeskSettings, where: RecordsAddress) -> DeskSettings:
    """The desk's settings with what the shop sets for every desk (its name and address)."""
    from dataclasses import replace

    from moto_desk.records.shop_settings import SHOP_ADDRESS, SHOP_NAME, shop_settings_at

    error, shop = shop_settings_at(where)
    if error is not None and error.kind is not ErrorKind.STORAGE:
        raise error
    # With the store away, searching still works; saving and charging refuse by themselves.
    return replace(
        settings,
        shop_name=shop.get(SHOP_NAME) or settings.shop_name,
        shop_address=shop.get(SHOP_ADDRESS) or settings.shop_address,
    )


def open_desk(options: GlobalOptions, *, stripe: bool = True, sign_in: bool = True) -> Desk:
    """Open the desk for a command; ``stripe=False`` for commands that only read records.

    Once the shop has clerk accounts, the clerk signs in (``--clerk`` and a PIN) unless
    ``sign_in=False`` (the ``clerks`` commands check the owner themselves)."""
    folder = data_dir(options.data_dir)
    settings = load_settings(options, folder)
    clerk, name = _identity(folder, settings)
    url = records_url(options, settings)
    if url:
        settings = _with_shop_settings(settings, RecordsAddress(database_path(folder), url))
    desk = Desk(folder, settings, clerk, name, records_url=url)
    if sign_in:
        from moto_desk.cli.sign_in import sign_in_desk

        sign_in_desk(desk, options)
    if not stripe:
        return desk
    from moto_desk.backend import start_backend
    from moto_desk.gateway.keys import ENV_VAR as ENV_KEY
    from moto_desk.gateway.keys import load_key

    demo = options.demo or settings.backend is BackendChoice.DEMO
    key = None
    if not demo:
        try:
            key = load_key()
        except MotoDeskError as error:
            if os.environ.get(ENV_KEY):
                raise  # a key was given and is wrong: never carry on without it
            # No password store: as the window does, say so and work on the simulator —
            # never a key in a file.
            desk.notices.append(error.clerk_message)
    if (demo or key is None) and not options.api_base:
        from moto_desk.single_instance import acquire

        desk.lock = acquire(folder)
    from moto_desk.diagnostics.request_log import request_log_path

    try:
        desk.backend = start_backend(
            folder,
            demo=demo or key is None,
            api_base=options.api_base,
            key=key,
            request_log=request_log_path(folder),
        )
    except BaseException:
        desk.close()
        raise
    return desk


@contextmanager
def opened(
    options: GlobalOptions,
    out: Output | None = None,
    *,
    stripe: bool = True,
    sign_in: bool = True,
) -> Iterator[Desk]:
    """:func:`open_desk` for the length of a ``with`` block; its notices go to stderr."""
    desk = open_desk(options, stripe=stripe, sign_in=sign_in)
    try:
        if out is not None:
            for notice in desk.notices:
                out.note(f"moto-desk: {notice}")
        yield desk
    finally:
        desk.close()
