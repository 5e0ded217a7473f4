"""What the window knows about the running backend, passed to every panel that starts work.

A :class:`DeskSession` exists once the backend is up. It hands out a fresh
:class:`~moto_desk.flows.context.FlowContext` per job (each job opens its own records
connection inside the worker). Nothing here imports ``stripe`` or ``keyring``: the flows
and the gateway are imported inside the functions, which only jobs call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from moto_desk.flows.cancel import CancelToken
from moto_desk.paths import database_path

if TYPE_CHECKING:
    from moto_desk.backend import Backend
    from moto_desk.domain.errors import MotoDeskError
    from moto_desk.domain.roles import Actor, ApprovalPolicy
    from moto_desk.flows.context import FlowContext
    from moto_desk.flows.progress import ProgressCallback
    from moto_desk.gateway.client import Gateway
    from moto_desk.gateway.keys import Mode
    from moto_desk.records.store import RecordsAddress
    from moto_desk.ui.clerks.clerk_lock import ClerkLock


@dataclass(frozen=True)
class StartOptions:
    """The command line's choices for this run."""

    data_dir: Path
    api_base: str | None = None
    demo: bool = False
    lang: str | None = None
    #: ``--records`` or ``MOTO_DESK_RECORDS``: the shop's records, over Settings' choice.
    records: str | None = None


@dataclass
class DeskSession:
    """The backend and the desk's identity; replaced as a whole when the clerk reconnects."""

    backend: Backend
    data_dir: Path
    clerk: str
    desk: str
    #: Set when the key could not be read (no keyring…): the words to show the clerk.
    key_problem: MotoDeskError | None = None
    last_reader_id: str | None = None
    closed: bool = field(default=False)
    #: The shop's records (PostgreSQL URL) when the desk joined a shop.
    records_url: str | None = None
    #: Set when the shop's records could not be opened at start: the words to show the clerk
    #: (saving, charging and refunding then refuse before anything reaches Stripe).
    records_problem: MotoDeskError | None = None
    #: The signed-in clerk (issue 16); None while the shop has no clerk accounts.
    actor: Actor | None = None
    #: The shop's approval policy, read at sign-in; None while sign-in is off.
    policy: ApprovalPolicy | None = None
    #: The window's sign-in and approvals: dialogs ask it before what needs approving.
    approvals: ClerkLock | None = None
    #: What the shop's records set for every desk (``records.shop_settings``): its name…
    shop: dict[str, str] = field(default_factory=dict)

    @property
    def gateway(self) -> Gateway:
        return self.backend.gateway

    @property
    def mode(self) -> Mode:
        return self.backend.mode

    @property
    def records_at(self) -> RecordsAddress:
        from moto_desk.records.store import RecordsAddress  # the window's jobs use it

        return RecordsAddress(database_path(self.data_dir), self.records_url)

    def context(
        self,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        approver: Actor | None = None,
    ) -> FlowContext:
        """A flow context for one job (call it on the worker thread); ``approver`` is the
        supervisor who approved this operation in the approval box."""
        from moto_desk.flows.context import DeskIdentity, FlowContext
        from moto_desk.flows.progress import ignore_progress

        actor = self.actor
        return FlowContext(
            self.gateway,
            self.records_at,
            DeskIdentity(actor.name if actor else self.clerk, self.desk, actor, approver),
            progress=progress or ignore_progress,
            cancel=cancel or CancelToken(),
        )

    def close(self) -> None:
        """Stop the embedded simulator, if any (after every job has ended)."""
        if not self.closed:
            self.closed = True
            self.backend.close()
