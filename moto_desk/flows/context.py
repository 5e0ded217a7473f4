"""What every flow needs: the gateway, the desk's records, who is working, progress, cancel.

Flows run on a worker thread and may wait minutes on a reader, so each run opens its own
connection to the records (the desk's SQLite file, or the shop's PostgreSQL): no connection
is shared between jobs, and none lives on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from moto_desk.domain.roles import Actor
from moto_desk.flows.cancel import CancelToken
from moto_desk.flows.progress import Progress, ProgressCallback, ignore_progress
from moto_desk.gateway.client import Gateway
from moto_desk.records.connection import Db
from moto_desk.records.customer_index import CustomerIndex
from moto_desk.records.journal import OperationJournal
from moto_desk.records.ledger import ConsentLedger
from moto_desk.records.store import Where, open_store


@dataclass(frozen=True)
class DeskIdentity:
    """Who works where: written into every journal entry, consent record and metadata.

    ``actor`` is the signed-in clerk (None while sign-in is off: ``clerk`` is then the
    computer's user or the name in the settings); ``approver`` the supervisor who typed their
    PIN for this operation, if any.
    """

    clerk: str
    desk: str
    actor: Actor | None = None
    approver: Actor | None = None

    @property
    def clerk_id(self) -> str | None:
        return self.actor.clerk_id if self.actor else None


@dataclass
class Records:
    """The records (the desk's own, or the shop's) on one connection."""

    conn: Db
    journal: OperationJournal
    ledger: ConsentLedger
    customers: CustomerIndex


@contextmanager
def open_records(where: Where) -> Iterator[Records]:
    conn = open_store(where)
    try:
        yield Records(conn, OperationJournal(conn), ConsentLedger(conn), CustomerIndex(conn))
    finally:
        conn.close()


@dataclass
class FlowContext:
    """One flow run's dependencies (passed in, never reached through a global)."""

    gateway: Gateway
    #: Where the records are: the desk's SQLite file, or a RecordsAddress naming the shop's.
    records_at: Where
    identity: DeskIdentity
    progress: ProgressCallback = ignore_progress
    cancel: CancelToken = field(default_factory=CancelToken)

    def report(self, progress: Progress) -> None:
        self.progress(progress)

    def metadata(self, entry_id: str, **extra: str) -> dict[str, str]:
        """Metadata on every Stripe object we create: it links Stripe back to the journal
        (and names the clerk's account, and the approver's as ``approved_by`` in ``extra``)."""
        data = {"journal_id": entry_id, "clerk": self.identity.clerk, "desk": self.identity.desk}
        if self.identity.clerk_id:
            data["clerk_id"] = self.identity.clerk_id
        data.update({k: v for k, v in extra.items() if v})
        return data
