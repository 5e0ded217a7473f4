"""The desk's history: journal entries joined with what the clerk recognises them by.

The journal stores ids; a clerk answering "did it go through?" needs the customer's name, the
card's brand and last four digits, and — for a charge — how much of it was refunded already.
:func:`load_history` reads all of that in one pass on a worker thread and returns plain
:class:`HistoryRow` values, so the GUI only formats them and the joins can be tested without Qt.

Where the pieces come from:

* customer name and email: the local customer index (a customer this desk never opened shows
  by id only);
* card: a charge's ``details["card"]`` (``"visa 4242"``), the consent ledger's ``card_saved``
  record for a saved or removed card, and the charge's card for a refund;
* refunded so far: the journal's succeeded refunds of the same PaymentIntent (a refund made
  for "whatever remains" counts as everything that remained). Refunds made outside this desk
  are not in the journal: the refund dialog asks Stripe before it sends anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from moto_desk.domain.money import Money
from moto_desk.flows.context import Records, open_records
from moto_desk.records.connection import Db
from moto_desk.records.customer_index import fold
from moto_desk.records.journal import JournalEntry, JournalKind, JournalScope, JournalState
from moto_desk.records.store import Where

#: Rows shown at most; the dialog says so when the newest ones filled it.
DEFAULT_LIMIT = 500
#: The newest new-customer entries searched for a create the customer index does not know
#: (matched against what the clerk typed in its form).
_NEW_CUSTOMER_SCAN = 5000
#: Ids looked up per query (``IN (…)``): well under SQLite's limit on parameters.
_CHUNK = 500


class Outcome(StrEnum):
    """How an operation ended, as the history shows it.

    ``unknown`` covers every entry that is not final (pending, sent, or with a lost answer):
    from the counter, all three mean "not known yet — do not repeat it by hand".
    """

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELED = "canceled"
    UNKNOWN = "unknown"


_STATES: dict[Outcome, tuple[JournalState, ...]] = {
    Outcome.SUCCEEDED: (JournalState.SUCCEEDED,),
    Outcome.FAILED: (JournalState.FAILED,),
    Outcome.CANCELED: (JournalState.CANCELED,),
    Outcome.UNKNOWN: (JournalState.PENDING, JournalState.SENT, JournalState.UNKNOWN),
}


def outcome_of(state: JournalState) -> Outcome:
    """The history's outcome for a journal state."""
    return next(outcome for outcome, states in _STATES.items() if state in states)


@dataclass(frozen=True)
class HistoryFilters:
    """What the clerk narrowed the history to.

    ``customer``: words that must all appear in the customer's name, email or id (case and
    accents ignored), or a customer id. ``since``/``until``: local calendar days, both
    included. ``outcome``: one outcome, or None for all.
    """

    customer: str = ""
    since: date | None = None
    until: date | None = None
    outcome: Outcome | None = None
    limit: int = DEFAULT_LIMIT
    #: One desk's operations only (its name as the journal records it); "" for every desk.
    desk: str = ""
    #: One clerk's operations only (the name the journal records); "" for every clerk.
    clerk: str = ""


@dataclass(frozen=True)
class HistoryRow:
    """One operation as the history table, the refund dialog and the receipt need it."""

    entry_id: str
    kind: JournalKind
    state: JournalState
    outcome: Outcome
    created_at: datetime
    clerk: str | None
    desk: str | None
    customer_id: str | None
    customer_name: str | None
    customer_email: str | None
    amount: Money | None
    card_brand: str | None
    card_last4: str | None
    payment_method_id: str | None
    #: The object the operation created or acted on (``pi_``, ``re_``, ``seti_``, ``cus_``,
    #: ``pm_``), as the journal recorded it.
    stripe_object_id: str | None
    #: The PaymentIntent of a charge, or the one a refund gave money back from.
    payment_intent_id: str | None
    outcome_code: str | None
    outcome_message: str | None
    #: A refund's reason (``requested_by_customer``…).
    reason: str | None = None
    #: A charge's succeeded refunds so far, as this desk's journal knows them.
    refunded: Money | None = None
    #: A charge has a refund whose outcome is not known yet: no second refund until it is.
    refund_open: bool = False
    #: The signed-in clerk's account id, and the name of the supervisor who approved (issue 16).
    clerk_id: str | None = None
    approved_by: str | None = None

    @property
    def remaining(self) -> Money | None:
        """What is left to refund of a succeeded charge, as the journal knows it."""
        if self.kind is not JournalKind.CHARGE or self.outcome is not Outcome.SUCCEEDED:
            return None
        if self.amount is None:
            return None
        refunded = self.refunded or Money(0, self.amount.currency)
        left = self.amount - refunded
        return left if left.amount > 0 else Money(0, self.amount.currency)

    @property
    def refundable(self) -> bool:
        """A succeeded charge with something left and no refund still in doubt."""
        left = self.remaining
        return left is not None and left.amount > 0 and not self.refund_open

    @property
    def has_receipt(self) -> bool:
        """Receipts exist for money that moved: succeeded charges and refunds."""
        return self.outcome is Outcome.SUCCEEDED and self.kind in (
            JournalKind.CHARGE,
            JournalKind.REFUND,
        )

    @property
    def refund_id(self) -> str | None:
        return self.stripe_object_id if self.kind is JournalKind.REFUND else None


# ------------------------------------------------------------------------------ dashboard


def dashboard_url(object_id: str, *, live: bool) -> str | None:
    """The Stripe Dashboard page of ``object_id``, in live or test mode; None when the
    Dashboard has no page of its own for that kind of object."""
    sections = {"pi_": "payments", "seti_": "setup_intents", "cus_": "customers"}
    section = next(
        (name for prefix, name in sections.items() if object_id.startswith(prefix)), None
    )
    if section is None or not object_id.replace("_", "").isalnum():
        return None
    mode = "" if live else "test/"
    return f"https://dashboard.stripe.com/{mode}{section}/{object_id}"


def dashboard_target(row: HistoryRow) -> str | None:
    """The object a clerk wants to see for ``row``: the payment of a charge or refund (the
    refund is listed on it), the SetupIntent of a save, else the customer."""
    if row.kind in (JournalKind.CHARGE, JournalKind.REFUND) and row.payment_intent_id:
        return row.payment_intent_id
    if row.kind is JournalKind.SAVE_CARD and (row.stripe_object_id or "").startswith("seti_"):
        return row.stripe_object_id
    return row.customer_id


# ------------------------------------------------------------------------------ loading


def load_history(
    records_at: Where, filters: HistoryFilters, *, tz: tzinfo | None = None
) -> list[HistoryRow]:
    """The operations matching ``filters``, newest first, at most ``filters.limit``.

    ``tz`` is the time zone the filter's days are in (the computer's by default). Run it on a
    worker thread: it opens its own connection.
    """
    since, until = _bounds(filters, tz)
    with open_records(records_at) as records:
        ids: list[str | None] = [None]
        if filters.customer.strip():
            ids = list(_matching_customers(records.conn, filters.customer))
        states: tuple[JournalState | None, ...] = (None,)
        if filters.outcome is not None:
            states = _STATES[filters.outcome]
        entries: dict[str, JournalEntry] = {}
        for customer_id in ids:
            for state in states:
                for entry in records.journal.list(
                    customer_id=customer_id,
                    state=state,
                    since=since,
                    until=until,
                    desk=filters.desk or None,
                    clerk=filters.clerk or None,
                    limit=filters.limit,
                ):
                    entries[entry.id] = entry
        if filters.customer.strip():
            # A new-customer entry names its customer only through the object it created
            # (the journal's customer column is empty): those of the matching customers by
            # that object, whatever their age; and, for a create the index does not know
            # (it failed, or the customer was never indexed here), what the form typed.
            wanted = [i for i in ids if i]
            for state in states:
                scope = JournalScope(
                    state, since, until, filters.desk or None, filters.clerk or None
                )
                for entry in records.journal.customers_created(wanted, scope):
                    entries[entry.id] = entry
                unknown = records.journal.creates_not_indexed(_NEW_CUSTOMER_SCAN, scope)
                for entry in unknown:
                    customer_id, name, email = _who(entry, {})
                    if _matches(filters.customer, customer_id, name, email):
                        entries[entry.id] = entry
        chosen = sorted(entries.values(), key=lambda e: (e.created_at, e.id), reverse=True)
        chosen = chosen[: filters.limit]
        return _rows(records, chosen)


def _bounds(filters: HistoryFilters, tz: tzinfo | None) -> tuple[datetime | None, datetime | None]:
    """The journal's ``since ≤ created < until`` for local days, both included."""

    def midnight(day: date) -> datetime:
        start = datetime.combine(day, time.min)
        return start.replace(tzinfo=tz) if tz is not None else start.astimezone()

    since = midnight(filters.since) if filters.since else None
    until = midnight(filters.until + timedelta(days=1)) if filters.until else None
    return since, until


def _customers(conn: Db, ids: Iterable[str | None]) -> dict[str, tuple[str | None, str | None]]:
    """The customers ``ids`` that the local index holds: id → (name, email).

    Only those asked for: a shop's index holds every customer it has had for years.
    """
    wanted = sorted({i for i in ids if i})
    found: dict[str, tuple[str | None, str | None]] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT id, name, email FROM customer_index WHERE id IN ({marks})",  # noqa: S608  placeholders only
            chunk,
        ).fetchall()
        found.update({str(r[0]): (r[1], r[2]) for r in rows})
    return found


def _customer_of(entry: JournalEntry) -> str | None:
    """The customer an entry is about (a new customer's: the object it created)."""
    if entry.customer_id is None and entry.kind is JournalKind.CREATE_CUSTOMER:
        return entry.stripe_object_id
    return entry.customer_id


def _matches(text: str, customer_id: str | None, name: str | None, email: str | None) -> bool:
    """Every word of ``text`` appears in the customer's name, email or id (folded)."""
    haystack = fold(f"{name or ''} {email or ''} {customer_id or ''}")
    return all(word in haystack for word in fold(text).split())


def _matching_customers(conn: Db, text: str) -> Iterable[str]:
    """The ids of the indexed customers whose name, email or id holds every word of ``text``
    (as :func:`_matches` decides), and a typed customer id the index does not hold."""
    words = fold(text).split()
    clauses = " AND ".join("(instr(search_text, ?) > 0 OR instr(lower(id), ?) > 0)" for _ in words)
    params = [word for word in words for _ in range(2)]
    rows = conn.execute(
        f"SELECT id, name, email FROM customer_index WHERE {clauses or '1 = 1'}",  # noqa: S608  constant clauses
        params,
    ).fetchall()
    found = [str(r[0]) for r in rows if _matches(text, str(r[0]), r[1], r[2])]
    yield from found
    typed = text.strip()
    if typed.startswith("cus_") and typed not in found:
        yield typed  # a customer this desk never indexed, named by id


def _who(
    entry: JournalEntry, customers: dict[str, tuple[str | None, str | None]]
) -> tuple[str | None, str | None, str | None]:
    """(customer id, name, email) of an entry: from the index, or — for a new customer the
    index does not hold (the create failed) — from the form the clerk typed."""
    customer_id = entry.customer_id
    if customer_id is None and entry.kind is JournalKind.CREATE_CUSTOMER:
        customer_id = entry.stripe_object_id
    if customer_id in customers:
        name, email = customers[customer_id]
        return customer_id, name, email
    form = entry.details.get("form")
    if entry.kind is JournalKind.CREATE_CUSTOMER and isinstance(form, dict):
        return customer_id, _text(form.get("name")), _text(form.get("email"))
    return customer_id, None, None


def _approver_names(records: Records, entries: list[JournalEntry]) -> dict[str, str]:
    """Approvers' names by account id (an id no account has any more is shown as it is)."""
    from moto_desk.records.clerks import ClerkStore

    ids = {entry.approved_by for entry in entries if entry.approved_by}
    if not ids:
        return {}
    store = ClerkStore(records.conn)
    names: dict[str, str] = {}
    for clerk_id in ids:
        account = store.get(clerk_id)
        names[clerk_id] = account.name if account else clerk_id
    return names


def _rows(records: Records, entries: list[JournalEntry]) -> list[HistoryRow]:
    charges_by_intent: dict[str, JournalEntry] = {}
    for entry in entries:
        if entry.kind is JournalKind.CHARGE and entry.stripe_object_id:
            charges_by_intent[entry.stripe_object_id] = entry
    # A refund's card and the charge it belongs to may lie outside the filter: look them up.
    outside = {
        intent
        for entry in entries
        if entry.kind is JournalKind.REFUND
        and (intent := _text(entry.details.get("payment_intent")))
        and intent not in charges_by_intent
    }
    page = list(charges_by_intent.values())
    charges_by_intent.update(records.journal.charges_of(sorted(outside)))
    # The refunds of the page's charges, and of a charge outside the page only for a refund
    # on it made for whatever remained (its amount is what the earlier refunds left).
    remained = {
        intent
        for entry in entries
        if entry.kind is JournalKind.REFUND
        and entry.amount is None
        and entry.state is JournalState.SUCCEEDED
        and (intent := _text(entry.details.get("payment_intent"))) in outside
    }
    needed = page + [charges_by_intent[i] for i in sorted(remained) if i in charges_by_intent]
    refunds = _refunds_of(records, needed)
    customers = _customers(records.conn, (_customer_of(e) for e in entries))
    # A card belongs to the customer it was saved for: the ledger's saved cards of the
    # customers on the page (its index by customer) name every card the page shows.
    owners = {_customer_of(e) for e in (*entries, *charges_by_intent.values())}
    cards = _ledger_cards(records.conn, owners)

    approvers = _approver_names(records, entries)
    rows = []
    for entry in entries:
        customer_id, name, email = _who(entry, customers)
        row = HistoryRow(
            entry_id=entry.id,
            kind=entry.kind,
            state=entry.state,
            outcome=outcome_of(entry.state),
            created_at=entry.created_at,
            clerk=entry.clerk,
            desk=entry.desk,
            customer_id=customer_id,
            customer_name=name,
            customer_email=email,
            amount=entry.amount,
            card_brand=None,
            card_last4=None,
            payment_method_id=entry.payment_method_id,
            stripe_object_id=entry.stripe_object_id,
            payment_intent_id=None,
            outcome_code=entry.outcome_code,
            outcome_message=entry.outcome_message,
            clerk_id=entry.clerk_id,
            approved_by=approvers.get(entry.approved_by or ""),
        )
        rows.append(_complete(row, entry, cards, charges_by_intent, refunds))
    return rows


def _complete(
    row: HistoryRow,
    entry: JournalEntry,
    cards: dict[str, tuple[str, str]],
    charges_by_intent: dict[str, JournalEntry],
    refunds: dict[str, list[JournalEntry]],
) -> HistoryRow:
    """Fill in the card, the PaymentIntent and (for a charge) the refunds of one row."""
    if entry.kind is JournalKind.CHARGE:
        brand, last4 = _card_words(entry.details.get("card"))
        if brand is None and entry.payment_method_id in cards:
            brand, last4 = cards[entry.payment_method_id]
        intent = entry.stripe_object_id
        refunded, still_open = _refunded(entry, refunds.get(intent or "", []))
        return replace(
            row,
            card_brand=brand,
            card_last4=last4,
            payment_intent_id=intent,
            refunded=refunded,
            refund_open=still_open,
        )
    if entry.kind is JournalKind.REFUND:
        intent = _text(entry.details.get("payment_intent"))
        charge = charges_by_intent.get(intent or "")
        brand = last4 = pm = None
        amount = entry.amount
        if charge is not None:
            brand, last4 = _card_words(charge.details.get("card"))
            pm = charge.payment_method_id
            if brand is None and pm in cards:
                brand, last4 = cards[pm]
            if amount is None and entry.state is JournalState.SUCCEEDED:
                amount = _what_remained(charge, entry, refunds.get(intent or "", []))
        return replace(
            row,
            amount=amount,
            card_brand=brand,
            card_last4=last4,
            payment_method_id=pm,
            payment_intent_id=intent,
            reason=_text(entry.details.get("reason")),
        )
    pm = entry.payment_method_id
    if entry.kind is JournalKind.DETACH and (entry.stripe_object_id or "").startswith("pm_"):
        pm = entry.stripe_object_id
    if pm in cards:
        brand, last4 = cards[pm]
        return replace(row, card_brand=brand, card_last4=last4, payment_method_id=pm)
    return replace(row, payment_method_id=pm)


def _refunded(charge: JournalEntry, refunds: list[JournalEntry]) -> tuple[Money | None, bool]:
    """(succeeded refunds of ``charge``, whether one is still in doubt)."""
    if charge.amount is None:
        return None, False
    total = Money(0, charge.amount.currency)
    still_open = False
    for refund in refunds:
        if refund.is_open:
            still_open = True
        elif refund.state is JournalState.SUCCEEDED:
            total = total + (refund.amount if refund.amount is not None else charge.amount - total)
    return min(total, charge.amount), still_open


def _what_remained(
    charge: JournalEntry, refund: JournalEntry, refunds: list[JournalEntry]
) -> Money | None:
    """The amount of a "whatever remains" refund: the charge less the refunds before it."""
    if charge.amount is None:
        return None
    earlier = [r for r in refunds if (r.created_at, r.id) < (refund.created_at, refund.id)]
    done, _ = _refunded(charge, earlier)
    return charge.amount - done if done is not None else None


def _refunds_of(records: Records, charges: list[JournalEntry]) -> dict[str, list[JournalEntry]]:
    """Every journal refund of ``charges``, by PaymentIntent: an indexed read by their
    PaymentIntents (desk-file migration 5, the shop's 3), whatever their dates."""
    intents = [e.stripe_object_id for e in charges if e.stripe_object_id]
    return records.journal.refunds_of(intents) if intents else {}


def _ledger_cards(conn: Db, customer_ids: Iterable[str | None]) -> dict[str, tuple[str, str]]:
    """payment method id → (brand, last4), from the consent ledger's saved cards of
    ``customer_ids``."""
    wanted = sorted({i for i in customer_ids if i})
    cards: dict[str, tuple[str, str]] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for pm, brand, last4 in conn.execute(
            "SELECT payment_method_id, card_brand, card_last4 FROM ledger"  # noqa: S608  placeholders only
            f" WHERE customer_id IN ({marks}) AND kind = 'card_saved' ORDER BY seq",
            chunk,
        ).fetchall():
            if pm and brand and last4:
                cards[str(pm)] = (str(brand), str(last4))
    return cards


def _card_words(value: object) -> tuple[str | None, str | None]:
    """``"visa 4242"`` (a charge's details) → ("visa", "4242")."""
    if not isinstance(value, str):
        return None, None
    brand, _, last4 = value.rpartition(" ")
    if not brand or not (len(last4) == 4 and last4.isdigit()):
        return None, None
    return brand, last4


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
