"""The write-ahead operation journal: what we are about to ask Stripe, before we ask.

Every Stripe write belongs to a journal entry (one save-card, one charge, one refund…). Before a
request is sent, :meth:`OperationJournal.step_key` stores the request's idempotency key and
commits it (fsynced, see :mod:`moto_desk.records.database`). After a crash at any point, the
entries still open tell start-up reconciliation what may have reached Stripe, and repeating a
request with its stored key can never create a second object — so there is at most one intent
per entry.

State machine (``mark`` and ``step_key`` enforce it; anything else raises
:class:`IllegalTransitionError`)::

    pending ──step_key()──► sent ──► succeeded | failed | canceled
       │                      │
       │                      └────► unknown ──► succeeded | failed | canceled
       └──► failed | canceled          (reconciliation, or a repeat with the same key)

* ``pending``: written, nothing sent. A crash here means nothing happened at Stripe.
* ``sent``: at least one request *may* have reached Stripe. The first ``step_key`` moves the
  entry here in the same transaction that stores the key, because from that moment a crash
  could follow the send.
* ``unknown``: a request's outcome was lost (timeout, dropped connection). Only asking Stripe
  (or repeating with the same key) resolves it — never a new key.
* ``succeeded`` / ``failed`` / ``canceled``: final, never left. ``reconciled_at`` records that
  the outcome was established by reconciliation rather than seen directly.

Idempotency keys are ``moto-desk-<entry id>-<step>``. One entry may make several writes (a
save-card creates a SetupIntent, sends it to the reader, perhaps cancels it), so each *step* has
its own key, stored in ``journal_steps``. Repeating a step after an unknown outcome reuses its
key; a deliberate new attempt (the reader was busy, try again) must use a new step name such as
``process.2``, because Stripe replays the stored answer — even an error — for a key it has
seen. Stripe forgets keys after 24 hours: reconciliation of older steps must retrieve objects,
not repeat requests (``JournalStep.created_at`` tells the age). Entry ids are random (uuid4), not
sequential, so a desk whose database was reset can never reuse a key another run used.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from moto_desk.domain.errors import InvalidInput
from moto_desk.domain.money import Money
from moto_desk.domain.sensitive import find_sensitive
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.records.connection import Db, is_shop, serialise
from moto_desk.records.database import storage_errors, transaction
from moto_desk.records.timestamps import Clock, from_iso, to_iso, utc_now

MAX_KEY_LENGTH = 255  # Stripe's limit for Idempotency-Key
_STEP_RE = re.compile(r"[a-z0-9][a-z0-9_.:-]{0,63}")
_ENTRY_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class JournalKind(StrEnum):
    """The operation an entry stands for."""

    SAVE_CARD = "save_card"
    CHARGE = "charge"
    REFUND = "refund"
    DETACH = "detach"
    CREATE_CUSTOMER = "create_customer"
    CLEAR_READER = "clear_reader"


class JournalState(StrEnum):
    """Where an entry is in the state machine of the module docstring."""

    PENDING = "pending"
    SENT = "sent"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELED = "canceled"
    UNKNOWN = "unknown"

    @property
    def is_final(self) -> bool:
        return not TRANSITIONS[self]


TRANSITIONS: dict[JournalState, frozenset[JournalState]] = {
    JournalState.PENDING: frozenset(
        {JournalState.SENT, JournalState.FAILED, JournalState.CANCELED}
    ),
    JournalState.SENT: frozenset(
        {
            JournalState.SUCCEEDED,
            JournalState.FAILED,
            JournalState.CANCELED,
            JournalState.UNKNOWN,
        }
    ),
    JournalState.UNKNOWN: frozenset(
        {JournalState.SUCCEEDED, JournalState.FAILED, JournalState.CANCELED}
    ),
    JournalState.SUCCEEDED: frozenset(),
    JournalState.FAILED: frozenset(),
    JournalState.CANCELED: frozenset(),
}

OPEN_STATES = (JournalState.PENDING, JournalState.SENT, JournalState.UNKNOWN)
# States in which a charge has taken, or may have taken, the customer's money.
_MAY_HAVE_CHARGED = (
    JournalState.PENDING,
    JournalState.SENT,
    JournalState.UNKNOWN,
    JournalState.SUCCEEDED,
)


class IllegalTransitionError(ValueError):
    """A state change the journal's state machine does not allow (a bug in the caller)."""


class RecentCharges(Exception):
    """:meth:`OperationJournal.begin` refused a charge: the same card was charged the same
    amount moments ago (at this desk or, with shop records, at any desk)."""

    def __init__(self, entries: EntryList) -> None:
        super().__init__(f"{len(entries)} recent charge(s) of the same amount to this card")
        self.entries = entries


def idempotency_key(entry_id: str, step: str) -> str:
    """The Idempotency-Key for ``step`` of journal entry ``entry_id``."""
    if not _ENTRY_ID_RE.fullmatch(entry_id):
        raise ValueError(f"bad journal entry id {entry_id!r}")
    if not _STEP_RE.fullmatch(step):
        raise ValueError(f"bad step name {step!r}: lowercase letters, digits, _ . : - only")
    key = f"moto-desk-{entry_id}-{step}"
    if len(key) > MAX_KEY_LENGTH:  # unreachable with the patterns above; kept as the contract
        raise ValueError("idempotency key too long")
    return key


@dataclass(frozen=True)
class JournalEntry:
    """One operation as the journal knows it."""

    id: str
    kind: JournalKind
    state: JournalState
    created_at: datetime
    updated_at: datetime
    reconciled_at: datetime | None = None
    clerk: str | None = None
    desk: str | None = None
    customer_id: str | None = None
    amount: Money | None = None
    payment_method_id: str | None = None
    stripe_object_id: str | None = None
    outcome_code: str | None = None
    outcome_message: str | None = None
    order_reference: str | None = None
    details: Mapping[str, object] = field(default_factory=dict)
    #: The signed-in clerk's account id, and the approver's when one approved (issue 16).
    clerk_id: str | None = None
    approved_by: str | None = None

    @property
    def is_open(self) -> bool:
        """True while the outcome is not final (start-up reconciles these)."""
        return self.state in OPEN_STATES


@dataclass(frozen=True)
class JournalStep:
    """One Stripe write of an entry, stored before it was sent."""

    entry_id: str
    step: str
    idempotency_key: str
    request_summary: Mapping[str, object]
    created_at: datetime
    response_object_id: str | None
    http_outcome: str | None
    finished_at: datetime | None


EntryList = list[JournalEntry]


@dataclass(frozen=True)
class JournalScope:
    """Which entries a read covers (None: any): their state, ``since`` ≤ created < ``until``,
    the desk and the clerk."""

    state: JournalState | None = None
    since: datetime | None = None
    until: datetime | None = None
    desk: str | None = None
    clerk: str | None = None


_ENTRY_COLUMNS = (
    "id, kind, state, created_at, updated_at, reconciled_at, clerk, desk, customer_id, amount,"
    " currency, payment_method_id, stripe_object_id, outcome_code, outcome_message,"
    " order_reference, details, clerk_id, approved_by"
)


def _entry(row: tuple[object, ...]) -> JournalEntry:
    (
        entry_id, kind, state, created_at, updated_at, reconciled_at, clerk, desk, customer_id,
        amount, currency, payment_method_id, stripe_object_id, outcome_code, outcome_message,
        order_reference, details, clerk_id, approved_by,
    ) = tuple(row)  # fmt: skip
    return JournalEntry(
        id=str(entry_id),
        kind=JournalKind(str(kind)),
        state=JournalState(str(state)),
        created_at=from_iso(str(created_at)),
        updated_at=from_iso(str(updated_at)),
        reconciled_at=from_iso(str(reconciled_at)) if reconciled_at is not None else None,
        clerk=_opt(clerk),
        desk=_opt(desk),
        customer_id=_opt(customer_id),
        amount=Money(int(str(amount)), str(currency)) if amount is not None else None,
        payment_method_id=_opt(payment_method_id),
        stripe_object_id=_opt(stripe_object_id),
        outcome_code=_opt(outcome_code),
        outcome_message=_opt(outcome_message),
        order_reference=_opt(order_reference),
        details=_load_json(details),
        clerk_id=_opt(clerk_id),
        approved_by=_opt(approved_by),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _load_json(text: object) -> dict[str, object]:
    loaded = json.loads(str(text))
    if not isinstance(loaded, dict):
        raise ValueError("journal JSON column does not hold an object")
    return loaded


def _dump_json(value: Mapping[str, object], what: str) -> str:
    """JSON for a details/summary column, refusing anything that looks secret."""
    found = find_sensitive(value, what)
    if found:
        raise ValueError(f"refusing to store {found}")
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


#: A refund's PaymentIntent, as each store's index on it spells it (schema migration 5 of a
#: desk file, 3 of the shop's): a query uses the index only with the same expression.
REFUND_INTENT_SQLITE = "json_extract(details, '$.payment_intent')"
REFUND_INTENT_PG = "(details::jsonb ->> 'payment_intent')"


def _chunks(values: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    """``values`` a few hundred at a time (one ``IN (…)`` each; far below SQLite's limit on
    parameters)."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


class OperationJournal:
    """The journal stored in an open database (see the module docstring).

    Every method commits before it returns. Use it on the thread that opened its connection
    (each flow run opens its own, on the job's worker thread: ``flows.context.open_records``).
    """

    def __init__(self, conn: Db, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    # -- writing ------------------------------------------------------------------------------

    def begin(
        self,
        kind: JournalKind,
        *,
        clerk: str | None = None,
        desk: str | None = None,
        customer_id: str | None = None,
        amount: Money | None = None,
        payment_method_id: str | None = None,
        order_reference: str | None = None,
        details: Mapping[str, object] | None = None,
        refuse_if_recent: timedelta | None = None,
        clerk_id: str | None = None,
        approved_by: str | None = None,
    ) -> JournalEntry:
        """Write a new ``pending`` entry and return it.

        ``refuse_if_recent`` (charges): raise :class:`RecentCharges` instead when this card was
        charged the same amount within that time — checked and written atomically, across
        desks.

        ``order_reference`` is typed by the clerk and travels to Stripe's metadata, so it is
        refused (as invalid input) if it looks like a card number.
        """
        if order_reference and find_sensitive(order_reference):
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "The order reference looks like a card number. Type the shop's order number, "
                    "never card details.",
                ),
                field="order_reference",
            )
        entry_id = uuid.uuid4().hex

        def values(now: datetime) -> tuple[object, ...]:
            return (
                entry_id,
                JournalKind(kind).value,
                to_iso(now),
                to_iso(now),
                clerk,
                desk,
                customer_id,
                amount.amount if amount else None,
                amount.currency if amount else None,
                payment_method_id,
                order_reference,
                _dump_json(details or {}, "details"),
                clerk_id,
                approved_by,
            )

        insert = (
            f"INSERT INTO journal ({_ENTRY_COLUMNS})"  # noqa: S608  constant column list
            " VALUES (?, ?, 'pending', ?, ?, NULL, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, ?, ?)"
        )
        with storage_errors():
            if refuse_if_recent is None:
                self._conn.execute(insert, values(self._clock()))
            else:
                if customer_id is None or payment_method_id is None or amount is None:
                    raise ValueError("the duplicate guard needs a customer, a card and an amount")
                # Check and insert in one transaction that every desk charging this card
                # serialises on: two desks pressing Charge at the same instant cannot both
                # see "no recent charge".
                with transaction(self._conn):
                    serialise(self._conn, f"charge:{payment_method_id}")
                    # The time is read once the lock is held (a desk that read it before
                    # waiting would look for charges only up to a moment the other desk's
                    # charge came after), and later entries count too: another desk's clock
                    # may run ahead of this one's.
                    now = self._clock()
                    recent = self.recent_charges(
                        customer_id,
                        payment_method_id,
                        amount,
                        refuse_if_recent,
                        now,
                        include_later=True,
                    )
                    if recent:
                        raise RecentCharges(recent)
                    self._conn.execute(insert, values(now))
        return self._require(entry_id)

    def step_key(
        self, entry_id: str, step: str, request_summary: Mapping[str, object] | None = None
    ) -> str:
        """Store (and commit) step ``step`` of ``entry_id``; return its idempotency key.

        Call it immediately before sending the request. Calling it again for the same step
        returns the same key without changing anything — that is how a request with an unknown
        outcome is repeated safely. The first step moves a ``pending`` entry to ``sent``. A
        final entry accepts no new step. ``request_summary`` describes the request for the
        history (ids, amount, reader) and must hold no secret.
        """
        key = idempotency_key(entry_id, step)
        summary = _dump_json(request_summary or {}, "request_summary")
        now = to_iso(self._clock())
        with storage_errors(), transaction(self._conn):
            serialise(self._conn, f"entry:{entry_id}")
            row = self._conn.execute(
                "SELECT idempotency_key FROM journal_steps WHERE entry_id = ? AND step = ?",
                (entry_id, step),
            ).fetchone()
            if row is not None:
                return str(row[0])
            state = self._state(entry_id)
            if state.is_final:
                raise IllegalTransitionError(
                    f"entry {entry_id} is {state}: it sends no more requests"
                )
            self._conn.execute(
                "INSERT INTO journal_steps (entry_id, step, idempotency_key, request_summary,"
                " created_at) VALUES (?, ?, ?, ?, ?)",
                (entry_id, step, key, summary, now),
            )
            if state is JournalState.PENDING:
                self._conn.execute(
                    "UPDATE journal SET state = 'sent', updated_at = ? WHERE id = ?",
                    (now, entry_id),
                )
        return key

    def finish_step(
        self,
        entry_id: str,
        step: str,
        http_outcome: str,
        response_object_id: str | None = None,
    ) -> None:
        """Record how a step's request ended: ``http_outcome`` is short text such as ``200``,
        ``402 card_declined`` or ``timeout``; ``response_object_id`` the id Stripe returned."""
        now = to_iso(self._clock())
        with storage_errors():
            cursor = self._conn.execute(
                "UPDATE journal_steps SET http_outcome = ?, response_object_id = ?,"
                " finished_at = ? WHERE entry_id = ? AND step = ?",
                (http_outcome, response_object_id, now, entry_id, step),
            )
        if cursor.rowcount != 1:
            raise KeyError(f"no step {step!r} in journal entry {entry_id}")

    def record_object(self, entry_id: str, stripe_id: str) -> None:
        """Attach the Stripe object this entry created (its intent, refund or customer).

        An entry owns exactly one such object: recording a different id is refused, because it
        would mean a second intent was created for one operation.
        """
        with storage_errors(), transaction(self._conn):
            serialise(self._conn, f"entry:{entry_id}")
            row = self._conn.execute(
                "SELECT stripe_object_id FROM journal WHERE id = ?", (entry_id,)
            ).fetchone()
            if row is None:
                raise KeyError(f"no journal entry {entry_id}")
            if row[0] == stripe_id:
                return
            if row[0] is not None:
                raise IllegalTransitionError(
                    f"entry {entry_id} already owns {row[0]}; refusing to attach {stripe_id}"
                )
            self._conn.execute(
                "UPDATE journal SET stripe_object_id = ?, updated_at = ? WHERE id = ?",
                (stripe_id, to_iso(self._clock()), entry_id),
            )

    def record_payment_method(self, entry_id: str, payment_method_id: str) -> None:
        """Attach the PaymentMethod an operation produced or used (a saved card's ``pm_…``)."""
        with storage_errors():
            cursor = self._conn.execute(
                "UPDATE journal SET payment_method_id = ?, updated_at = ? WHERE id = ?",
                (payment_method_id, to_iso(self._clock()), entry_id),
            )
        if cursor.rowcount != 1:
            raise KeyError(f"no journal entry {entry_id}")

    def add_details(self, entry_id: str, details: Mapping[str, object]) -> None:
        """Merge ``details`` into the entry's JSON details (new keys win)."""
        with storage_errors(), transaction(self._conn):
            serialise(self._conn, f"entry:{entry_id}")
            entry = self._require(entry_id)
            merged = {**entry.details, **details}
            self._conn.execute(
                "UPDATE journal SET details = ?, updated_at = ? WHERE id = ?",
                (_dump_json(merged, "details"), to_iso(self._clock()), entry_id),
            )

    def mark(
        self,
        entry_id: str,
        state: JournalState,
        code: str | None = None,
        message: str | None = None,
        *,
        reconciled: bool = False,
    ) -> JournalEntry:
        """Move ``entry_id`` to ``state``, recording the outcome's ``code`` and ``message``.

        ``reconciled=True`` says the outcome was established by reconciliation (it sets
        ``reconciled_at``) and is only meaningful for a final state.
        """
        target = JournalState(state)
        if reconciled and not target.is_final:
            raise ValueError("only a final state can be reached by reconciliation")
        now = to_iso(self._clock())
        with storage_errors(), transaction(self._conn):
            serialise(self._conn, f"entry:{entry_id}")
            current = self._state(entry_id)
            if target not in TRANSITIONS[current]:
                raise IllegalTransitionError(
                    f"entry {entry_id}: {current} → {target} is not allowed"
                )
            self._conn.execute(
                "UPDATE journal SET state = ?, outcome_code = coalesce(?, outcome_code),"
                " outcome_message = coalesce(?, outcome_message), updated_at = ?,"
                " reconciled_at = CASE WHEN ? THEN ? ELSE reconciled_at END"
                " WHERE id = ? AND state = ?",
                (target.value, code, message, now, reconciled, now, entry_id, current.value),
            )
        return self._require(entry_id)

    # -- reading ------------------------------------------------------------------------------

    def get(self, entry_id: str) -> JournalEntry | None:
        """The entry, or None if there is none with this id."""
        with storage_errors():
            row = self._conn.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM journal WHERE id = ?",  # noqa: S608  constant columns
                (entry_id,),
            ).fetchone()
        return _entry(row) if row is not None else None

    def steps(self, entry_id: str) -> list[JournalStep]:
        """The entry's steps in the order they were stored."""
        with storage_errors():
            rows = self._conn.execute(
                "SELECT entry_id, step, idempotency_key, request_summary, created_at,"
                " response_object_id, http_outcome, finished_at FROM journal_steps"
                " WHERE entry_id = ? ORDER BY created_at, rowid",
                (entry_id,),
            ).fetchall()
        return [
            JournalStep(
                entry_id=str(r[0]),
                step=str(r[1]),
                idempotency_key=str(r[2]),
                request_summary=_load_json(r[3]),
                created_at=from_iso(str(r[4])),
                response_object_id=_opt(r[5]),
                http_outcome=_opt(r[6]),
                finished_at=from_iso(str(r[7])) if r[7] is not None else None,
            )
            for r in rows
        ]

    def open_entries(self, desk: str | None = None) -> EntryList:
        """Entries whose outcome is not final (pending, sent, unknown), oldest first; only
        ``desk``'s when given (with shop records, each desk settles its own)."""
        where = "state IN ('pending', 'sent', 'unknown')"
        params: tuple[object, ...] = ()
        if desk is not None:
            where, params = where + " AND desk = ?", (desk,)
        return self._select(where, params, order="created_at ASC, id", limit=None)

    def recent_charges(
        self,
        customer_id: str,
        payment_method_id: str,
        amount: Money,
        within: timedelta,
        now: datetime | None = None,
        *,
        include_later: bool = False,
    ) -> EntryList:
        """Charges of exactly ``amount`` to this card in the ``within`` before ``now``, newest
        first — the duplicate-charge guard asks the clerk to confirm when this is not empty.
        ``include_later`` also counts charges stamped after ``now`` (by a desk whose clock runs
        ahead).

        Declined and canceled charges do not count (no money moved); succeeded, in-flight and
        unknown ones do.
        """
        end = now if now is not None else self._clock()
        states = tuple(s.value for s in _MAY_HAVE_CHARGED)
        latest = "9999" if include_later else to_iso(end)  # every stored time sorts below "9999"
        return self._select(
            "kind = 'charge' AND customer_id = ? AND payment_method_id = ? AND amount = ?"
            " AND currency = ? AND created_at >= ? AND created_at <= ?"
            f" AND state IN ({', '.join('?' * len(states))})",
            (
                customer_id,
                payment_method_id,
                amount.amount,
                amount.currency,
                to_iso(end - within),
                latest,
                *states,
            ),
            order="created_at DESC, id",
            limit=None,
        )

    def counts(self) -> dict[str, dict[str, int]]:
        """How many entries of each kind are in each state (``{"charge": {"succeeded": 3}}``):
        the shape of a desk's activity for a support bundle, without any entry's content."""
        with storage_errors():
            rows = self._conn.execute(
                "SELECT kind, state, COUNT(*) FROM journal"
                " GROUP BY kind, state ORDER BY kind, state"
            ).fetchall()
        found: dict[str, dict[str, int]] = {}
        for kind, state, count in rows:
            found.setdefault(str(kind), {})[str(state)] = int(count)
        return found

    def _state(self, entry_id: str) -> JournalState:
        row = self._conn.execute("SELECT state FROM journal WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise KeyError(f"no journal entry {entry_id}")
        return JournalState(str(row[0]))

    def by_object(self, stripe_id: str) -> EntryList:
        """The entries that created or acted on the Stripe object ``stripe_id``, newest
        first (a refund finds the charge it gives money back from)."""
        return self._select(
            "stripe_object_id = ?", (stripe_id,), order="created_at DESC, id", limit=20
        )

    def charges_of(self, payment_intents: Sequence[str]) -> dict[str, JournalEntry]:
        """The charges that created these PaymentIntents, by PaymentIntent (those this
        journal holds), in one indexed read per few hundred."""
        found: dict[str, JournalEntry] = {}
        for chunk in _chunks(payment_intents):
            marks = ", ".join("?" * len(chunk))
            for entry in self._select(
                f"kind = 'charge' AND stripe_object_id IN ({marks})",
                tuple(chunk),
                order="created_at, id",
                limit=None,
            ):
                if entry.stripe_object_id is not None:
                    found[entry.stripe_object_id] = entry
        return found

    def refunds_of(self, payment_intents: Sequence[str]) -> dict[str, list[JournalEntry]]:
        """The refunds of these PaymentIntents, by PaymentIntent, oldest first (an indexed
        read per few hundred, whatever their dates)."""
        expression = REFUND_INTENT_PG if is_shop(self._conn) else REFUND_INTENT_SQLITE
        found: dict[str, list[JournalEntry]] = {}
        for chunk in _chunks(sorted(set(payment_intents))):
            marks = ", ".join("?" * len(chunk))
            for entry in self._select(
                f"kind = 'refund' AND {expression} IN ({marks})",
                tuple(chunk),
                order="created_at, id",
                limit=None,
            ):
                intent = entry.details.get("payment_intent")
                if isinstance(intent, str):
                    found.setdefault(intent, []).append(entry)
        return found

    def _require(self, entry_id: str) -> JournalEntry:
        entry = self.get(entry_id)
        if entry is None:
            raise KeyError(f"no journal entry {entry_id}")
        return entry

    def _select(
        self, where: str, params: tuple[object, ...], *, order: str, limit: int | None
    ) -> EntryList:
        sql = f"SELECT {_ENTRY_COLUMNS} FROM journal WHERE {where} ORDER BY {order}"  # noqa: S608  callers pass constant clauses; values are bound
        if limit is not None:
            sql += " LIMIT ?"
            params = (*params, limit)
        with storage_errors():
            rows = self._conn.execute(sql, params).fetchall()
        return [_entry(row) for row in rows]

    def customers_created(self, customer_ids: Sequence[str], scope: JournalScope) -> EntryList:
        """The new-customer entries in ``scope`` that created these customers (an indexed
        read per few hundred, whatever their age): a new customer is named by the object it
        created, not by the journal's customer column."""
        clauses, values = _filters(scope, kind=JournalKind.CREATE_CUSTOMER)
        found: EntryList = []
        for chunk in _chunks(sorted(set(customer_ids))):
            marks = ", ".join("?" * len(chunk))
            found += self._select(
                " AND ".join([*clauses, f"stripe_object_id IN ({marks})"]),
                (*values, *chunk),
                order="created_at DESC, id",
                limit=None,
            )
        return found

    def creates_not_indexed(self, scan: int, scope: JournalScope) -> EntryList:
        """Among the newest ``scan`` new-customer entries in ``scope``, those whose customer
        the local index does not hold (a create that failed, or a customer never indexed
        here): only their form says who they were for. The store drops the others, so a shop
        with years of new customers sends back the few it must, not thousands to look up."""
        clauses, values = _filters(scope)
        sql = (
            f"SELECT {_ENTRY_COLUMNS} FROM journal WHERE id IN ("  # noqa: S608  constant clauses
            f"SELECT id FROM ({newest_creates(' AND '.join(clauses))}) AS recent"
            " WHERE recent.stripe_object_id IS NULL OR NOT EXISTS"
            " (SELECT 1 FROM customer_index WHERE customer_index.id = recent.stripe_object_id))"
            " ORDER BY created_at DESC, id"
        )
        with storage_errors():
            rows = self._conn.execute(sql, (*values, scan)).fetchall()
        return [_entry(row) for row in rows]

    # Defined last: inside the class body ``list`` names this method from here on.
    def list(
        self,
        *,
        customer_id: str | None = None,
        kind: JournalKind | None = None,
        state: JournalState | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        desk: str | None = None,
        clerk: str | None = None,
        limit: int = 100,
    ) -> EntryList:
        """Entries matching every given filter, newest first (``since`` ≤ created < ``until``)."""
        scope = JournalScope(state, since, until, desk, clerk)
        clauses, values = _filters(scope, customer_id=customer_id, kind=kind)
        return self._select(" AND ".join(clauses), values, order="created_at DESC, id", limit=limit)


def _filters(
    scope: JournalScope, *, customer_id: str | None = None, kind: JournalKind | None = None
) -> tuple[list[str], tuple[object, ...]]:
    """The journal's WHERE clauses for ``scope``, a customer and a kind, and their values:
    constant text with placeholders, every value bound."""
    clauses = ["1 = 1"]
    values: tuple[object, ...] = ()
    if scope.desk is not None:
        clauses.append("desk = ?")
        values += (scope.desk,)
    if scope.clerk is not None:
        clauses.append("clerk = ?")
        values += (scope.clerk,)
    if customer_id is not None:
        clauses.append("customer_id = ?")
        values += (customer_id,)
    if kind is not None:
        clauses.append("kind = ?")
        values += (JournalKind(kind).value,)
    if scope.state is not None:
        clauses.append("state = ?")
        values += (JournalState(scope.state).value,)
    if scope.since is not None:
        clauses.append("created_at >= ?")
        values += (to_iso(scope.since),)
    if scope.until is not None:
        clauses.append("created_at < ?")
        values += (to_iso(scope.until),)
    return clauses, values


def newest_creates(where: str) -> str:
    """The newest new-customer entries meeting ``where`` (constant text, placeholders only),
    at most a bound number: id, the object each created, and when. The kind is written out,
    not bound: only then may the store read the new customers' own index
    (``journal_new_customers``, whose WHERE this is)."""
    return (
        "SELECT id, stripe_object_id, created_at FROM journal"  # noqa: S608  constant clauses
        f" WHERE kind = 'create_customer' AND {where}"
        " ORDER BY created_at DESC, id DESC LIMIT ?"
    )
