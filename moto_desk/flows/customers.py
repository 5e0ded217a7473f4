"""Finding and creating customers.

Three sources, because each misses something: this desk's local index (instant, and knows
a customer created a second ago), Stripe's list by exact email (consistent right after a
create), and Stripe search (free text, but can lag a minute behind a create).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from moto_desk.domain.errors import ErrorKind, InvalidInput, MotoDeskError, OutcomeUnknown
from moto_desk.domain.models import Customer
from moto_desk.domain.phone import normalize_phone
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.flows.context import FlowContext, open_records
from moto_desk.flows.progress import Progress, Step
from moto_desk.flows.writes import send
from moto_desk.records.customer_index import CustomerIndex
from moto_desk.records.journal import JournalKind, JournalState
from moto_desk.records.store import address
from moto_desk.records.timestamps import utc_now

log = logging.getLogger(__name__)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: A second click on "Create" within this window reuses the first request's key.
DOUBLE_CLICK_WINDOW = timedelta(minutes=10)
MAX_NAME = 256


@dataclass(frozen=True)
class NewCustomer:
    name: str
    email: str | None = None
    phone: str | None = None


def validate_new_customer(form: NewCustomer, default_country: str = "US") -> NewCustomer:
    """Clean what the clerk typed, or say exactly which field is wrong (the first one;
    :func:`new_customer_problems` lists them all)."""
    problems = new_customer_problems(form, default_country)
    if problems:
        raise problems[0]
    email = (form.email or "").strip() or None
    phone = (form.phone or "").strip()
    normalized = normalize_phone(phone, default_country) if phone else None
    return NewCustomer(" ".join(form.name.split()), email, normalized)


def new_customer_problems(form: NewCustomer, default_country: str = "US") -> list[InvalidInput]:
    """Every field that is wrong, in the form's order (name, email, phone), each saying how:
    the window shows them all at once rather than one per press of Create."""
    problems: list[InvalidInput] = []
    name = " ".join(form.name.split())
    if not name:
        problems.append(
            InvalidInput(QT_TRANSLATE_NOOP("clerk", "Enter the customer's name."), field="name")
        )
    elif len(name) > MAX_NAME:
        problems.append(
            InvalidInput(
                QT_TRANSLATE_NOOP("clerk", "The name is too long (at most {limit} characters)."),
                args={"limit": str(MAX_NAME)},
                field="name",
            )
        )
    email = (form.email or "").strip() or None
    if email is not None and (not _EMAIL.match(email) or len(email) > 512):
        problems.append(
            InvalidInput(
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "The email address does not look right (for example: name@example.com).",
                ),
                field="email",
            )
        )
    phone = (form.phone or "").strip()
    if phone:
        try:
            normalize_phone(phone, default_country)
        except InvalidInput as error:
            problems.append(error)
    return problems


def find_customers(
    ctx: FlowContext,
    text: str,
    limit: int = 20,
    *,
    on_local: Callable[[list[Customer]], None] | None = None,
) -> list[Customer]:
    """Local index first, then Stripe; each customer once, the local ones first and in place.

    ``on_local`` is given the local index's matches (perhaps none) before Stripe is asked, so a
    window can show them at once; the list returned starts with the same customers, in the
    same order (refreshed from Stripe's answer), followed by those only Stripe knew.

    Stripe: an exact email is looked up by the list endpoint (consistent right after a create,
    but case-sensitive); Stripe search runs when that finds nobody, and for any other text.
    Stripe's answer is remembered in the local index in one write.
    """
    text = text.strip()
    if not text:
        return []
    try:
        with open_records(ctx.records_at) as records:
            return _find(ctx, records.customers, text, limit, on_local)
    except MotoDeskError as error:
        if error.kind is not ErrorKind.STORAGE or not address(ctx.records_at).is_shop:
            raise
    # The shop's records are away: Stripe alone still answers (a customer created seconds
    # ago may be missing until they are back), so the clerk can go on finding customers.
    log.warning("customer search without the shop's records (unreachable)")
    return _find(ctx, None, text, limit, on_local)


def _find(
    ctx: FlowContext,
    index: CustomerIndex | None,
    text: str,
    limit: int,
    on_local: Callable[[list[Customer]], None] | None,
) -> list[Customer]:
    local = index.search(text, limit) if index is not None else []
    if on_local is not None:
        on_local(list(local))
    found: dict[str, Customer] = {c.id: c for c in local}
    remote: list[Customer] = []
    if _EMAIL.match(text):
        remote = ctx.gateway.customers_by_email(text, limit)
    if not remote:
        remote = ctx.gateway.search_customers(text, limit)
    for customer in remote:
        found[customer.id] = customer
    if index is not None:
        index.remember_all(remote)
    return list(found.values())[:limit]


def _fingerprint(form: NewCustomer, desk: str) -> str:
    raw = "\x1f".join([desk, form.name.casefold(), (form.email or "").casefold(), form.phone or ""])
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


class SameContact(InvalidInput):
    """A customer with the same email or phone number exists already (created at this desk or
    another, or in Stripe): the clerk chooses between that customer and a new one."""

    def __init__(self, existing: list[Customer]) -> None:
        first = existing[0]
        super().__init__(
            QT_TRANSLATE_NOOP(
                "clerk",
                "A customer with this email or phone number already exists: {who}. Use that "
                "customer, or create a new one only if this is another person.",
            ),
            args={"who": " – ".join(p for p in (first.name, first.email, first.phone) if p)},
            field="email" if first.email else "phone",
        )
        self.existing = existing


def _same_contact(ctx: FlowContext, index: CustomerIndex, form: NewCustomer) -> list[Customer]:
    """Who already has this form's email or phone: the shared index, then Stripe's list by
    exact email (a customer made in the Dashboard)."""
    found = index.same_contact(form.email, form.phone)
    if not found and form.email:
        found = ctx.gateway.customers_by_email(form.email, 5)
        index.remember_all(found)
    return found


def create_customer(
    ctx: FlowContext,
    form: NewCustomer,
    default_country: str = "US",
    *,
    allow_same_contact: bool = False,
) -> Customer:
    """Create a customer once, however many times the clerk clicks.

    A repeat of the same form within ``DOUBLE_CLICK_WINDOW`` reuses the first attempt's
    journal entry and idempotency key, so Stripe answers with the same customer. Otherwise a
    form whose email or phone a known customer has raises :class:`SameContact`, unless the
    clerk said it is another person (``allow_same_contact``).
    """
    form = validate_new_customer(form, default_country)
    fingerprint = _fingerprint(form, ctx.identity.desk)
    with open_records(ctx.records_at) as records:
        journal = records.journal
        entry = None
        for earlier in journal.list(kind=JournalKind.CREATE_CUSTOMER, limit=50):
            fresh = earlier.created_at >= utc_now() - DOUBLE_CLICK_WINDOW
            if fresh and earlier.details.get("fingerprint") == fingerprint:
                if earlier.state is JournalState.SUCCEEDED and earlier.stripe_object_id:
                    ctx.report(Progress(Step.DONE, entry_id=earlier.id))
                    return ctx.gateway.get_customer(earlier.stripe_object_id)
                if earlier.is_open:
                    entry = earlier
                break
        if entry is None and not allow_same_contact:
            same = _same_contact(ctx, records.customers, form)
            if same:
                raise SameContact(same)
        if entry is None:
            entry = journal.begin(
                JournalKind.CREATE_CUSTOMER,
                clerk=ctx.identity.clerk,
                desk=ctx.identity.desk,
                clerk_id=ctx.identity.clerk_id,
                # The form itself (contact details, no secret) lets reconciliation repeat
                # the create with the same key after a crash.
                details={
                    "fingerprint": fingerprint,
                    "form": {"name": form.name, "email": form.email, "phone": form.phone},
                },
            )
        entry_id = entry.id
        try:
            customer = send(
                journal,
                entry_id,
                "create_customer",
                lambda key: ctx.gateway.create_customer(
                    name=form.name,
                    email=form.email,
                    phone=form.phone,
                    metadata=ctx.metadata(entry_id),
                    idempotency_key=key,
                ),
                object_id=lambda c: c.id,
            )
        except OutcomeUnknown:
            raise
        except MotoDeskError as error:
            journal.mark(entry_id, JournalState.FAILED, error.kind.value, error.clerk_message)
            raise
        journal.record_object(entry_id, customer.id)
        journal.mark(entry_id, JournalState.SUCCEEDED)
        records.customers.remember(customer)
        ctx.report(Progress(Step.DONE, entry_id=entry_id))
        return customer
