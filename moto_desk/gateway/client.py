"""The gateway: the only module that talks to Stripe (through the official SDK).

One :class:`Gateway` per backend — the embedded simulator's URL in demo mode, Stripe's own
otherwise. The API version is pinned, timeouts are short enough that a clerk is never left
staring at a frozen status, and the SDK retries network failures itself (its default is no
retries) with the same idempotency key each time. Every write takes an idempotency key from
the caller: the journal derives and stores it before the request is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import stripe

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.intents import SetupIntentState
from moto_desk.domain.models import ChargeResult, Customer, Reader, RefundResult, SavedCard
from moto_desk.domain.money import Money, from_wire, to_wire
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.gateway import convert
from moto_desk.gateway.error_map import map_error
from moto_desk.gateway.keys import ApiKey, Mode

API_VERSION = "2026-10-28.endive"
#: (connect, read) seconds. Reader commands return as soon as the reader acknowledges.
DEFAULT_TIMEOUT = (5.0, 30.0)
DEFAULT_RETRIES = 2

T = TypeVar("T")


def _plain(obj: Any) -> dict[str, Any]:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def _search_literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


# The SDK's telemetry writes a random id to ~/.config/stripe/telemetry_id (world-readable,
# outside moto-desk's owner-only folders) and sends request timings to Stripe with every call.
# A desk program writes only where it says it does: off, process-wide.
stripe.enable_telemetry = False


class Gateway:
    """Typed, domain-level access to the Stripe API subset moto-desk uses."""

    def __init__(
        self,
        key: ApiKey,
        api_base: str | None = None,
        *,
        max_network_retries: int = DEFAULT_RETRIES,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        simulated: bool = False,
        request_log: Path | None = None,
    ) -> None:
        """``request_log`` is the file that records every HTTP attempt (method, path,
        status, Stripe's request id, duration; see ``diagnostics.request_log``), or None to
        record nothing."""
        self.key = key
        self.api_base = api_base
        self.simulated = simulated
        self.request_log = request_log
        http_client: stripe.RequestsClient
        if request_log is not None:
            from moto_desk.diagnostics.request_log import RequestLog
            from moto_desk.gateway.timed_http import TimedRequestsClient

            http_client = TimedRequestsClient(RequestLog(request_log), timeout=timeout)
        else:
            http_client = stripe.RequestsClient(timeout=timeout)
        self._client = stripe.StripeClient(
            key.secret,
            stripe_version=API_VERSION,
            base_addresses={"api": api_base} if api_base else None,
            max_network_retries=max_network_retries,
            http_client=http_client,
        )

    @property
    def mode(self) -> Mode:
        return Mode.DEMO if self.simulated else self.key.mode

    def __repr__(self) -> str:
        return f"Gateway({self.mode.value}, {self.api_base or 'api.stripe.com'})"

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def _calling(self, *, write: bool) -> Iterator[None]:
        try:
            yield
        except stripe.StripeError as error:
            raise map_error(error, write=write) from None

    def _read(self, call: Callable[[], T]) -> T:
        with self._calling(write=False):
            return call()

    def _write(self, call: Callable[[], T]) -> T:
        with self._calling(write=True):
            return call()

    @staticmethod
    def _options(idempotency_key: str) -> dict[str, Any]:
        return {"idempotency_key": idempotency_key}

    # ------------------------------------------------------------------ account
    def check_access(self) -> None:
        """A cheap authenticated read: proves the key works and Stripe is reachable."""
        self._read(lambda: self._client.v1.customers.list({"limit": 1}))

    def check_read_access(self, resource: str) -> None:
        """One read-only request (``limit=1``) needing ``rak_<resource>_read``: doctor's way of
        testing a restricted key's permissions without changing anything in the account.

        ``resource`` is a resource of ``domain.permissions`` (``customer``, ``terminal_reader``
        …); raises ``PermissionDenied`` naming the permission when the key lacks it, and
        ``KeyError`` for a resource that cannot be probed this way.
        """
        v1 = self._client.v1
        probes: dict[str, Callable[[], object]] = {
            "customer": lambda: v1.customers.list({"limit": 1}),
            "setup_intent": lambda: v1.setup_intents.list({"limit": 1}),
            "payment_intent": lambda: v1.payment_intents.list({"limit": 1}),
            "payment_method": lambda: v1.payment_methods.list({"type": "card", "limit": 1}),
            "refund": lambda: v1.refunds.list({"limit": 1}),
            "terminal_reader": lambda: v1.terminal.readers.list({"limit": 1}),
            "terminal_location": lambda: v1.terminal.locations.list({"limit": 1}),
            "charge": lambda: v1.charges.list({"limit": 1}),
        }
        self._read(probes[resource])

    # ------------------------------------------------------------------ customers
    def create_customer(
        self,
        *,
        name: str,
        email: str | None,
        phone: str | None,
        metadata: dict[str, str],
        idempotency_key: str,
    ) -> Customer:
        params: dict[str, Any] = {"name": name, "metadata": metadata}
        if email:
            params["email"] = email
        if phone:
            params["phone"] = phone
        created = self._write(
            lambda: self._client.v1.customers.create(
                params,  # type: ignore[arg-type]
                self._options(idempotency_key),  # type: ignore[arg-type]
            )
        )
        return convert.customer(_plain(created))

    def customers_by_email(self, email: str, limit: int = 20) -> list[Customer]:
        """Exact email through the list endpoint: consistent right after a create."""
        page = self._read(lambda: self._client.v1.customers.list({"email": email, "limit": limit}))
        return [convert.customer(_plain(c)) for c in page.data]

    def search_customers(self, text: str, limit: int = 20) -> list[Customer]:
        """Free text over name, email and phone through Stripe search (may lag a minute)."""
        text = text.strip()
        if len(text) < 3:
            return []
        literal = _search_literal(text)
        clauses = [f"name~{literal}", f"email~{literal}"]
        digits = "".join(ch for ch in text if ch.isdigit())
        if len(digits) >= 3:
            clauses.append(f"phone~{_search_literal(digits)}")
        query = " OR ".join(clauses)
        result = self._read(
            lambda: self._client.v1.customers.search({"query": query, "limit": limit})
        )
        return [convert.customer(_plain(c)) for c in result.data]

    def get_customer(self, customer_id: str) -> Customer:
        data = _plain(self._read(lambda: self._client.v1.customers.retrieve(customer_id)))
        if data.get("deleted"):
            raise MotoDeskError(
                ErrorKind.NOT_FOUND,
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "This customer has been deleted in Stripe. Search for the customer again, "
                    "or create a new one.",
                ),
                detail=f"customer {customer_id} deleted",
            )
        return convert.customer(data)

    # ------------------------------------------------------------------ cards
    def saved_cards(self, customer_id: str) -> list[SavedCard]:
        page = self._read(
            lambda: self._client.v1.customers.payment_methods.list(
                customer_id, {"type": "card", "limit": 100}
            )
        )
        cards = (convert.saved_card(_plain(pm)) for pm in page.auto_paging_iter())
        return [card for card in cards if card is not None]

    def detach_card(self, payment_method_id: str, *, idempotency_key: str) -> SavedCard | None:
        data = self._write(
            lambda: self._client.v1.payment_methods.detach(
                payment_method_id,
                None,
                self._options(idempotency_key),  # type: ignore[arg-type]
            )
        )
        return convert.saved_card(_plain(data))

    # ------------------------------------------------------------------ readers
    def list_readers(self) -> list[Reader]:
        names = {
            loc.id: loc.display_name
            for loc in self._read(
                lambda: list(
                    self._client.v1.terminal.locations.list({"limit": 100}).auto_paging_iter()
                )
            )
        }
        readers = self._read(
            lambda: list(self._client.v1.terminal.readers.list({"limit": 100}).auto_paging_iter())
        )
        return [convert.reader(_plain(r), names) for r in readers]

    def get_reader(self, reader_id: str) -> Reader:
        data = self._read(lambda: self._client.v1.terminal.readers.retrieve(reader_id))
        return convert.reader(_plain(data), {})

    def process_setup_intent(
        self, reader_id: str, setup_intent_id: str, allow_redisplay: str, *, idempotency_key: str
    ) -> Reader:
        params = {
            "setup_intent": setup_intent_id,
            "allow_redisplay": allow_redisplay,
            # moto is not in the SDK's typed params (stripe-notes §0.2); Stripe's MOTO guide
            # sends it. The cancel button lets whoever keys the card stop on the reader itself.
            "process_config": {"moto": True, "enable_customer_cancellation": True},
        }
        data = self._write(
            lambda: self._client.v1.terminal.readers.process_setup_intent(
                reader_id,
                params,  # type: ignore[arg-type]
                self._options(idempotency_key),  # type: ignore[arg-type]
            )
        )
        return convert.reader(_plain(data), {})

    def cancel_reader_action(self, reader_id: str, *, idempotency_key: str) -> Reader:
        data = self._write(
            lambda: self._client.v1.terminal.readers.cancel_action(
                reader_id,
                None,
                self._options(idempotency_key),  # type: ignore[arg-type]
            )
        )
        return convert.reader(_plain(data), {})

    def present_test_card(
        self, reader_id: str, number: str, exp_month: int, exp_year: int, cvc: str | None
    ) -> Reader:
        """Stripe's test helper: key a public test card into a simulated reader."""
        if self.key.mode is Mode.LIVE:
            raise MotoDeskError(
                ErrorKind.CONFIGURATION,
                QT_TRANSLATE_NOOP("clerk", "Test cards cannot be used in live mode."),
            )
        card: dict[str, Any] = {"number": number, "exp_month": exp_month, "exp_year": exp_year}
        if cvc:
            card["cvc"] = cvc
        data = self._write(
            lambda: self._client.v1.test_helpers.terminal.readers.present_payment_method(
                reader_id,
                {"type": "card", "card": card},  # type: ignore[arg-type]
            )
        )
        return convert.reader(_plain(data), {})

    # ------------------------------------------------------------------ setup intents
    def create_setup_intent(
        self, customer_id: str, metadata: dict[str, str], *, idempotency_key: str
    ) -> SetupIntentState:
        params = {
            "customer": customer_id,
            # Endive replaced payment_method_types (stripe-notes §0.1).
            "allowed_payment_method_types": ["card"],
            "usage": "off_session",
            "metadata": metadata,
        }
        data = self._write(
            lambda: self._client.v1.setup_intents.create(
                params,  # type: ignore[arg-type]
                self._options(idempotency_key),  # type: ignore[arg-type]
            )
        )
        return convert.setup_intent(_plain(data))

    def get_setup_intent(self, setup_intent_id: str) -> SetupIntentState:
        data = self._read(
            lambda: self._client.v1.setup_intents.retrieve(
                setup_intent_id, {"expand": ["payment_method"]}
            )
        )
        return convert.setup_intent(_plain(data))

    def cancel_setup_intent(
        self, setup_intent_id: str, *, idempotency_key: str
    ) -> SetupIntentState:
        data = self._write(
            lambda: self._client.v1.setup_intents.cancel(
                setup_intent_id,
                {"cancellation_reason": "abandoned"},
                self._options(idempotency_key),  # type: ignore[arg-type]
            )
        )
        return convert.setup_intent(_plain(data))

    def setup_intents_for(self, customer_id: str, journal_id: str) -> list[SetupIntentState]:
        """SetupIntents of a customer made for one journal entry (reconciliation)."""
        page = self._read(
            lambda: self._client.v1.setup_intents.list(
                {"customer": customer_id, "limit": 100, "expand": ["data.payment_method"]}
            )
        )
        found = [convert.setup_intent(_plain(si)) for si in page.auto_paging_iter()]
        return [si for si in found if si.metadata.get("journal_id") == journal_id]

    # ------------------------------------------------------------------ payment intents
    def charge_off_session(
        self,
        *,
        customer_id: str,
        payment_method_id: str,
        amount: Money,
        metadata: dict[str, str],
        description: str | None,
        receipt_email: str | None,
        idempotency_key: str,
    ) -> ChargeResult:
        params: dict[str, Any] = {
            "amount": to_wire(amount),
            "currency": amount.currency,
            "customer": customer_id,
            "payment_method": payment_method_id,
            "off_session": True,
            "confirm": True,
            "metadata": metadata,
        }
        if description:
            params["description"] = description
        if receipt_email:
            params["receipt_email"] = receipt_email
        try:
            data = self._client.v1.payment_intents.create(
                params,  # type: ignore[arg-type]
                self._options(idempotency_key),  # type: ignore[arg-type]
            )
        except stripe.StripeError as error:
            mapped = map_error(error, write=True)
            embedded = error.error.payment_intent if error.error is not None else None
            if embedded is not None:
                mapped.object_id = embedded.id
            raise mapped from None
        return convert.payment_intent(_plain(data))

    def get_payment_intent(self, payment_intent_id: str) -> ChargeResult:
        data = self._read(lambda: self._client.v1.payment_intents.retrieve(payment_intent_id))
        return convert.payment_intent(_plain(data))

    def refundable_amount(self, payment_intent_id: str) -> Money:
        """What can still be refunded of a PaymentIntent: its charge's captured amount less
        what was refunded so far (zero when the payment did not succeed).

        Stripe is asked rather than this desk's journal because a refund may have been made
        elsewhere (another desk, the Dashboard), and the journal cannot know about those.
        """
        data = _plain(
            self._read(
                lambda: self._client.v1.payment_intents.retrieve(
                    payment_intent_id, {"expand": ["latest_charge"]}
                )
            )
        )
        currency = str(data["currency"])
        charge = data.get("latest_charge")
        if data.get("status") != "succeeded" or not isinstance(charge, dict):
            return Money(0, currency)
        captured = int(charge.get("amount_captured") or 0)
        refunded = int(charge.get("amount_refunded") or 0)
        return from_wire(max(captured - refunded, 0), currency)

    def payment_intents_for(self, customer_id: str, journal_id: str) -> list[ChargeResult]:
        """PaymentIntents made for one journal entry.

        Listed by customer rather than searched by metadata: search can lag a minute behind
        a create, and reconciliation must not conclude "never created" from a stale index.
        """
        page = self._read(
            lambda: self._client.v1.payment_intents.list({"customer": customer_id, "limit": 100})
        )
        found = [_plain(pi) for pi in page.auto_paging_iter()]
        return [
            convert.payment_intent(pi)
            for pi in found
            if (pi.get("metadata") or {}).get("journal_id") == journal_id
        ]

    def refund(
        self,
        *,
        payment_intent_id: str,
        amount: Money | None,
        reason: str | None,
        metadata: dict[str, str],
        idempotency_key: str,
    ) -> RefundResult:
        params: dict[str, Any] = {"payment_intent": payment_intent_id, "metadata": metadata}
        if amount is not None:
            params["amount"] = to_wire(amount)
        if reason:
            params["reason"] = reason
        data = self._write(
            lambda: self._client.v1.refunds.create(
                params,  # type: ignore[arg-type]
                self._options(idempotency_key),  # type: ignore[arg-type]
            )
        )
        return convert.refund(_plain(data))

    def refunds_for(self, payment_intent_id: str, journal_id: str) -> list[RefundResult]:
        """Refunds of a PaymentIntent made for one journal entry (reconciliation)."""
        page = self._read(
            lambda: self._client.v1.refunds.list(
                {"payment_intent": payment_intent_id, "limit": 100}
            )
        )
        found = [_plain(r) for r in page.auto_paging_iter()]
        return [
            convert.refund(r)
            for r in found
            if (r.get("metadata") or {}).get("journal_id") == journal_id
        ]
