"""``moto-desk save-card``: record consent and save a card by MOTO on a reader, headless.

The save runs on a worker thread while the main thread waits and keeps the clerk informed
on stderr (what the reader asks for, and the time waited). Ctrl+C (SIGINT) does what Esc does
in the window: it asks the flow to cancel, and the flow stops the reader and then checks
what really happened — a cancel can lose the race with an approval, and then the card is
saved and said so. The signal handler only sets the cancel flag; it never touches the flow
(the main thread is parked in ``join``, so the flag's lock is free).

At ``--timeout`` (default: the desk's "reader wait" setting) no clerk is there to choose, so
the command stops the reader and settles the save by Stripe's word, leaving no open entry.
"""

from __future__ import annotations

import argparse
import signal
import threading
import time
from types import FrameType
from typing import TYPE_CHECKING, Any

from moto_desk.cli import shapes
from moto_desk.cli.desk import Desk, opened
from moto_desk.cli.exit_codes import ExitCode
from moto_desk.cli.language import OUR_SHOP
from moto_desk.cli.options import GlobalOptions
from moto_desk.cli.output import Output
from moto_desk.domain.errors import ErrorKind, InvalidInput, MotoDeskError
from moto_desk.domain.ids import IdKind, check_id
from moto_desk.domain.words import QT_TRANSLATE_NOOP
from moto_desk.flows.cancel import CancelToken
from moto_desk.flows.progress import Progress, Step

if TYPE_CHECKING:
    from moto_desk.domain.models import SaveResult
    from moto_desk.flows.reconcile import Settled
    from moto_desk.flows.save_card import SaveRequest

#: How often the time waited is repeated on stderr while the reader waits.
_WAIT_NOTE_EVERY_S = 5.0

_STEP_WORDS: dict[Step, str] = {
    Step.RECORDING_CONSENT: QT_TRANSLATE_NOOP("clerk", "Recording the customer's consent…"),
    Step.CREATING_INTENT: QT_TRANSLATE_NOOP("clerk", "Preparing the save with Stripe…"),
    Step.SENDING_TO_READER: QT_TRANSLATE_NOOP("clerk", "Sending to the reader “{reader}”…"),
    Step.WAITING_FOR_CARD: QT_TRANSLATE_NOOP(
        "clerk",
        "The reader “{reader}” asks for the card: key in the number, expiry, CVC and postal "
        "code on the reader. Waited {seconds} s. (Ctrl+C cancels.)",
    ),
    Step.CANCELING: QT_TRANSLATE_NOOP("clerk", "Canceling on the reader…"),
    Step.VERIFYING: QT_TRANSLATE_NOOP("clerk", "Checking the result with Stripe…"),
}


class _Watcher:
    """Turns the flow's progress into lines on stderr (from the worker thread)."""

    def __init__(self, out: Output) -> None:
        self.out = out
        self.entry_id: str | None = None
        self.waiting = threading.Event()
        self._last_step: Step | None = None
        self._last_note = 0.0

    def __call__(self, report: Progress) -> None:
        if report.entry_id:
            self.entry_id = report.entry_id
        template = _STEP_WORDS.get(report.step)
        if template is None:
            return
        if report.step is Step.WAITING_FOR_CARD:
            self.waiting.set()
            repeat = report.waited_s - self._last_note >= _WAIT_NOTE_EVERY_S
            if self._last_step is Step.WAITING_FOR_CARD and not repeat:
                return
            self._last_note = report.waited_s
        elif report.step is self._last_step:
            return
        self._last_step = report.step
        self.out.note(
            self.out.words(
                template, reader=report.reader_label or "", seconds=f"{report.waited_s:.0f}"
            )
        )


def _test_card(number: str) -> dict[str, Any]:
    """One of Stripe's public test numbers, never anything else (no real card passes
    through moto-desk): the simulator's copy of Stripe's published list decides, and any
    other number is refused in the clerk's words."""
    from moto_desk.simulator.cards import lookup

    digits = "".join(number.split())
    known, _ = lookup(digits)
    if known is None:
        raise InvalidInput(
            QT_TRANSLATE_NOOP(
                "clerk",
                "Only Stripe's public test card numbers can be keyed here (for example "
                "4242 4242 4242 4242).",
            ),
            field="test_card",
        )
    return {
        "number": digits,
        "exp_month": 12,
        "exp_year": time.gmtime().tm_year + 3,
        "cvc": "123",
    }


def save_card(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.domain.consent import fill_shop, load_terms
    from moto_desk.domain.models import AllowRedisplay, Channel
    from moto_desk.flows.readers import find_reader
    from moto_desk.flows.save_card import SaveRequest, check_consent_given
    from moto_desk.gateway.keys import Mode

    customer_id = check_id(args.customer, IdKind.CUSTOMER, field="customer")
    check_consent_given(args.consent_given)
    test_card = _test_card(args.test_card) if args.test_card else None
    language = options.lang or "en"
    with opened(options, out) as desk:
        ctx = desk.context()
        if test_card is not None and ctx.gateway.mode is Mode.LIVE:
            raise MotoDeskError(
                ErrorKind.CONFIGURATION,
                QT_TRANSLATE_NOOP("clerk", "Test cards cannot be used in live mode."),
            )
        customer = ctx.gateway.get_customer(customer_id)
        reader = find_reader(ctx, args.reader)
        shop = desk.settings.shop_name or out.translate(*OUR_SHOP)
        terms = fill_shop(load_terms(language), shop)
        out.note(terms.text)
        out.note(
            out.words(
                QT_TRANSLATE_NOOP("clerk", "Consent terms {version} ({language}), SHA-256 {sha}"),
                version=terms.version,
                language=terms.language,
                sha=terms.sha256,
            )
        )
        timeout = args.timeout if args.timeout is not None else float(desk.settings.reader_wait_s)
        request = SaveRequest(
            customer_id=customer.id,
            customer_name=customer.name or "",
            reader_id=reader.id,
            reader_label=reader.label,
            channel=Channel(args.channel),
            allow_redisplay=AllowRedisplay(args.redisplay),
            terms=terms,
            consent_given=True,
            deadline_s=max(1.0, timeout),
        )
        return _run_save(desk, out, request, test_card)


def _run_save(
    desk: Desk, out: Output, request: SaveRequest, test_card: dict[str, Any] | None
) -> ExitCode:
    from moto_desk.flows.reconcile import stop_and_settle_save
    from moto_desk.flows.save_card import ReaderStalled, save_card

    watcher = _Watcher(out)
    cancel = CancelToken()
    ctx = desk.context(watcher, cancel)
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["result"] = save_card(ctx, request)
        except BaseException as error:  # handed to the main thread, raised there
            outcome["error"] = error

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        if not cancel.cancelled:
            out.note(
                out.words(QT_TRANSLATE_NOOP("clerk", "Canceling… the reader is told to stop."))
            )
        cancel.cancel()

    worker = threading.Thread(target=work, name="save-card", daemon=True)
    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        worker.start()
        presented = False
        while worker.is_alive():
            worker.join(0.1)
            if test_card is not None and not presented and watcher.waiting.is_set():
                presented = True
                ctx.gateway.present_test_card(
                    request.reader_id,
                    test_card["number"],
                    test_card["exp_month"],
                    test_card["exp_year"],
                    test_card["cvc"],
                )
    finally:
        signal.signal(signal.SIGINT, previous)
    error = outcome.get("error")
    if isinstance(error, ReaderStalled):
        # Nobody is at this terminal to choose: stop the reader, then Stripe's word decides.
        out.note(error.clerk_message)
        settled = stop_and_settle_save(desk.context(), error.entry_id)
        return _after_stall(desk, out, settled, request)
    if error is not None:
        extra = {"journal_entry": watcher.entry_id} if watcher.entry_id else None
        if not isinstance(error, Exception):
            raise error
        return out.failure(error, extra)
    result = outcome["result"]
    return _saved(desk, out, result, watcher.entry_id, request)


def _saved(
    desk: Desk, out: Output, result: SaveResult, entry_id: str | None, request: SaveRequest
) -> ExitCode:
    from moto_desk.flows.context import open_records

    consent_id = None
    if entry_id:
        with open_records(desk.records_at) as records:
            entry = records.journal.get(entry_id)
            consent_id = entry.details.get("consent_id") if entry else None
    data = {
        "customer": result.customer_id,
        "setup_intent": result.setup_intent_id,
        "payment_method": result.card.payment_method_id,
        "card": shapes.card(result.card),
        "consent": {
            "record": consent_id,
            "terms_version": request.terms.version,
            "terms_language": request.terms.language,
            "terms_sha256": request.terms.sha256,
            "channel": request.channel.value,
            "allow_redisplay": request.allow_redisplay.value,
        },
        "journal_entry": entry_id,
    }
    words = out.words(
        QT_TRANSLATE_NOOP("clerk", "✓ Card saved: {card}"), card=shapes.card_words(result.card)
    )
    return out.result(data, [words, f"payment method: {result.card.payment_method_id}"])


def _after_stall(desk: Desk, out: Output, settled: Settled, request: SaveRequest) -> ExitCode:
    """The outcome of a save stopped at its deadline, as Stripe tells it."""
    from moto_desk.flows.context import open_records
    from moto_desk.records.journal import JournalState

    if settled.state is JournalState.SUCCEEDED:
        from moto_desk.flows.readers import list_saved_cards

        with open_records(desk.records_at) as records:
            entry = records.journal.get(settled.entry_id)
        pm = entry.payment_method_id if entry else None
        cards = [
            c
            for c in list_saved_cards(desk.context(), request.customer_id)
            if c.payment_method_id == pm
        ]
        if cards:
            from moto_desk.domain.models import SaveResult

            return _saved(
                desk,
                out,
                SaveResult(
                    entry.stripe_object_id or "" if entry else "", cards[0], request.customer_id
                ),
                settled.entry_id,
                request,
            )
    error: MotoDeskError
    if settled.state is None:
        from moto_desk.domain.errors import OutcomeUnknown

        error = OutcomeUnknown(settled.entry_id)
    else:
        error = MotoDeskError(
            ErrorKind.READER_TIMEOUT,
            QT_TRANSLATE_NOOP(
                "clerk",
                "The reader showed no result in time and was stopped. No card was saved; "
                "try again when the customer is ready.",
            ),
        )
    return out.failure(error, {"journal_entry": settled.entry_id, "note": settled.note})
