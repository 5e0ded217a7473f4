"""Card-on-file health: the saved cards that need a clerk's attention before a charge fails.

Three problems, each a reason to call the customer or to look closer:

- **expired** — the card can no longer be charged; ask the customer for a new one;
- **expiring** — it stops working within :data:`EXPIRING_DAYS` days (a card is valid through
  the last day of its expiry month);
- **shared** — the same card (Stripe's ``fingerprint``: one card number, whatever the
  expiry) is saved on several customers. A family card can be legitimate, but it is also what
  a duplicate customer record or a stolen card used across accounts looks like.

Stripe cannot list cards by fingerprint, so finding shared cards means listing the cards of
every customer this desk knows (its local customer index and its consent ledger): one request
per customer. The shop check runs in a background job and stops between customers when it is
cancelled.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.models import Customer, SavedCard
from moto_desk.records.customer_index import CustomerIndex
from moto_desk.records.ledger import ConsentLedger
from moto_desk.records.store import Where, open_store

if TYPE_CHECKING:
    from moto_desk.flows.context import FlowContext

#: A card that stops working within this many days is "expiring".
EXPIRING_DAYS = 60
#: More customers than any desk's index holds; the index has no "all" query of its own.
_ALL = 1_000_000


class CardProblem(StrEnum):
    """What is wrong with a saved card, most urgent first."""

    EXPIRED = "expired"
    EXPIRING = "expiring"
    SHARED = "shared"


_ORDER = {CardProblem.EXPIRED: 0, CardProblem.EXPIRING: 1, CardProblem.SHARED: 2}


@dataclass(frozen=True)
class CardHealth:
    """One problem of one card; ``shared_with`` names the other customers holding the same
    card (only for :attr:`CardProblem.SHARED`)."""

    customer: Customer
    card: SavedCard
    problem: CardProblem
    shared_with: tuple[Customer, ...] = ()


def known_customers(records_at: Where) -> list[Customer]:
    """Every customer this desk has seen: its local index, then ledger-only ids (a customer
    whose consent was recorded here but who was never searched for again)."""
    conn = open_store(records_at)
    try:
        indexed = CustomerIndex(conn).search("", limit=_ALL)
        ledger_ids = dict.fromkeys(r.customer_id for r in ConsentLedger(conn).records())
    finally:
        conn.close()
    found = {c.id: c for c in indexed}
    for customer_id in ledger_ids:
        found.setdefault(customer_id, Customer(customer_id, None, None, None, None))
    return list(found.values())


def expiry_problem(card: SavedCard, today: date) -> CardProblem | None:
    if card.is_expired(today):
        return CardProblem.EXPIRED
    if card.expires_within(EXPIRING_DAYS, today):
        return CardProblem.EXPIRING
    return None


def _cards_of(ctx: FlowContext, customers: Iterable[str]) -> dict[str, list[SavedCard]]:
    """Each customer's saved cards; a customer deleted in Stripe has none (not an error: a
    deleted customer's cards were detached with it)."""
    cards: dict[str, list[SavedCard]] = {}
    for customer_id in dict.fromkeys(customers):
        if ctx.cancel.cancelled:
            raise MotoDeskError(ErrorKind.CANCELED, detail="card health check cancelled")
        try:
            cards[customer_id] = ctx.gateway.saved_cards(customer_id)
        except MotoDeskError as error:
            if error.kind is not ErrorKind.NOT_FOUND:
                raise
            cards[customer_id] = []
    return cards


def _people(ctx: FlowContext, ids: Iterable[str]) -> dict[str, Customer]:
    """The customers ``ids`` with their names: from the local index, else from Stripe (a
    customer known only from the ledger has no name here, and a list of ids means nothing to
    a clerk). A customer Stripe no longer has keeps only its id."""
    people = {c.id: c for c in known_customers(ctx.records_at)}
    for customer_id in dict.fromkeys(ids):
        known = people.get(customer_id)
        if known is not None and known.name:
            continue
        try:
            people[customer_id] = ctx.gateway.get_customer(customer_id)
        except MotoDeskError as error:
            if error.kind is not ErrorKind.NOT_FOUND:
                raise
            people.setdefault(customer_id, Customer(customer_id, None, None, None, None))
    return people


def _health(
    ctx: FlowContext,
    cards: dict[str, list[SavedCard]],
    today: date,
    only: str | None = None,
) -> list[CardHealth]:
    holders: dict[str, set[str]] = defaultdict(set)
    for customer_id, saved in cards.items():
        for card in saved:
            if card.fingerprint:
                holders[card.fingerprint].add(customer_id)

    problems: list[tuple[str, SavedCard, CardProblem, list[str]]] = []
    for customer_id, saved in cards.items():
        if only is not None and customer_id != only:
            continue
        for card in saved:
            problem = expiry_problem(card, today)
            if problem is not None:
                problems.append((customer_id, card, problem, []))
            others = sorted(holders.get(card.fingerprint or "", set()) - {customer_id})
            if others:
                problems.append((customer_id, card, CardProblem.SHARED, others))
    people = _people(ctx, [i for p in problems for i in (p[0], *p[3])])

    found = [
        CardHealth(people[owner], card, problem, tuple(people[o] for o in others))
        for owner, card, problem, others in problems
    ]
    found.sort(
        key=lambda h: (
            _ORDER[h.problem],
            (h.card.fingerprint or "") if h.problem is CardProblem.SHARED else "",
            (h.customer.name or h.customer.id).casefold(),
            (h.card.exp_year, h.card.exp_month),
        )
    )
    return found


def customer_card_health(
    ctx: FlowContext,
    customer_id: str,
    today: date,
    others: Sequence[str] | None = None,
) -> list[CardHealth]:
    """The problems of one customer's cards. A card counts as shared when one of ``others``
    (by default every customer this desk knows) holds the same card."""
    if others is None:
        others = [c.id for c in known_customers(ctx.records_at)]
    cards = _cards_of(ctx, [customer_id, *others])
    return _health(ctx, cards, today, only=customer_id)


def shop_card_health(ctx: FlowContext, today: date, customers: Sequence[str]) -> list[CardHealth]:
    """The problems of every card of ``customers`` (the ids this desk knows: see
    :func:`known_customers`), expired first, then expiring, then shared cards grouped by card."""
    return _health(ctx, _cards_of(ctx, customers), today)
