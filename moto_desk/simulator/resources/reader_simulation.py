"""What only a simulator has: the reader's clock and its switchable faults.

There is no clock thread: :func:`tick` runs before every request and applies what fell due
since — an authorisation that ends, a card the reader keys in by itself (``auto_present``),
a reader that gives up waiting — which a client cannot tell apart from a ticking clock.
:func:`set_reader_flags` switches the faults (Python, CLI, control endpoint).
"""

from __future__ import annotations

import copy
from typing import Any

from ..state import State
from .reader_actions import DEFAULT_CVC
from .reader_outcomes import (
    AUTO_PRESENT_DELAY_S,
    FLAG_DEFAULTS,
    PROCESS_KINDS,
    accept_card,
    auto_present_at,
    conclude,
    finish,
    flags_of,
    next_year,
    run_of,
    set_flags,
    set_run,
)
from .terminal_readers import READER, mark_seen, require_reader

FLAG_NAMES = ("status", *FLAG_DEFAULTS, "customer_cancel", "reset")
AUTO_PRESENT_KEYS = ("number", "exp_month", "exp_year", "cvc", "delay_s")
CUSTOMER_CANCELED_MESSAGE = "This action could not be completed due to an error on the card reader."
# Stripe publishes neither the wait nor the failure of a reader left without a card (§9.5);
# the code is the account setting ``timeout_failure_code``.
READER_TIMED_OUT_MESSAGE = "The reader timed out waiting for the card details."


# ============================================================================ the clock
def tick(state: State, now: float) -> None:
    """Apply every reader event due by ``now``: authorisations, auto-presented cards, timeouts.

    An offline reader cannot report, so its action waits until it is back online **(unverified:
    the docs only say an action may stay in progress when a reader drops)**; a ``hang``
    reader's action never ends on its own. How long a real reader waits for a card and what
    it then reports are unpublished (stripe-notes §9.5): both are account settings
    (``reader_timeout_s``, ``timeout_failure_code``).
    """
    for reader in state.newest_first(READER):
        private = state.peek_private(reader["id"])
        if not private.get("run") or reader["status"] != "online":
            continue
        if (private.get("flags") or {}).get("hang"):
            continue
        _advance(state, reader, now)


def _advance(state: State, reader: dict[str, Any], now: float) -> None:
    while True:
        run = run_of(state, reader["id"])
        if run is None or run["kind"] not in PROCESS_KINDS:
            return
        authorising = run.get("authorising")
        if authorising:
            if authorising["due"] > now:
                return
            conclude(state, reader, run, authorising["card"], authorising["due"])
            continue
        due = [
            (at, event)
            for at, event in (
                (run.get("auto_present_at"), "auto"),
                (run.get("deadline"), "timeout"),
            )
            if at is not None and at <= now
        ]
        if not due:
            return
        at, event = min(due)
        if event == "timeout":
            _time_out(state, reader, run)
            return
        _auto_present(state, reader, run, at)


def _time_out(state: State, reader: dict[str, Any], run: dict[str, Any]) -> None:
    """No card came: the action fails with the account's ``timeout_failure_code``.

    A reader-side failure, so ``api_error`` is null (stripe-notes §2.4).
    """
    finish(
        state, reader, run, failure=(state.settings.timeout_failure_code, READER_TIMED_OUT_MESSAGE)
    )


def _auto_present(state: State, reader: dict[str, Any], run: dict[str, Any], at: float) -> None:
    """The reader keys in (MOTO) or reads (card_present) the ``auto_present`` card itself."""
    run["auto_present_at"] = None
    set_run(state, reader["id"], run)
    auto = flags_of(state, reader["id"])["auto_present"]
    if not auto:
        return
    presented = {
        "type": "card" if run["moto"] else "card_present",
        "number": str(auto["number"]),
        "exp_month": int(auto.get("exp_month", 12)),
        "exp_year": int(auto.get("exp_year", next_year(at))),
        "cvc": (str(auto.get("cvc", DEFAULT_CVC)) if run["moto"] else None),
    }
    accept_card(state, reader, run, presented, at)


# ============================================================================ flags
def _check_auto_present(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(
            "auto_present must be an object (number, exp_month, exp_year, cvc, delay_s) or null"
        )
    unknown = sorted(set(value) - set(AUTO_PRESENT_KEYS))
    if unknown:
        raise ValueError(f"unknown auto_present keys: {', '.join(unknown)}")
    number = value.get("number")
    if not isinstance(number, str) or not number.isdigit():
        raise ValueError("auto_present.number must be a card number made of digits")
    for key in ("exp_month", "exp_year"):
        if key in value and (isinstance(value[key], bool) or not isinstance(value[key], int)):
            raise ValueError(f"auto_present.{key} must be an integer")
    if "cvc" in value and value["cvc"] is not None and not isinstance(value["cvc"], str):
        raise ValueError("auto_present.cvc must be a string or null")
    delay = value.get("delay_s", AUTO_PRESENT_DELAY_S)
    if isinstance(delay, bool) or not isinstance(delay, int | float) or delay < 0:
        raise ValueError("auto_present.delay_s must be a number of seconds >= 0")
    return dict(value)


def _checked_flags(flags: dict[str, Any]) -> dict[str, Any]:
    """Every flag checked before any is applied: a bad call changes nothing."""
    unknown = sorted(set(flags) - set(FLAG_NAMES))
    if unknown:
        raise ValueError(
            f"unknown reader flag(s): {', '.join(unknown)}; known: {', '.join(FLAG_NAMES)}"
        )
    checked = dict(flags)
    if "status" in flags and flags["status"] not in ("online", "offline"):
        raise ValueError("status must be 'online' or 'offline'")
    for name in ("busy", "hang", "customer_cancel", "reset"):
        if name in flags and not isinstance(flags[name], bool):
            raise ValueError(f"{name} must be true or false")
    if "timeout_delivered" in flags:
        count = flags["timeout_delivered"]
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError("timeout_delivered must be an integer >= 0")
    if "auto_present" in flags:
        checked["auto_present"] = _check_auto_present(flags["auto_present"])
    return checked


def _check_customer_cancel(state: State, reader: dict[str, Any]) -> None:
    """The cardholder can press cancel only on a process action that enabled the button."""
    run = run_of(state, reader["id"])
    if run is None or run["kind"] not in PROCESS_KINDS:
        raise ValueError("customer_cancel: the reader has no process action in progress")
    if run.get("authorising"):
        raise ValueError("customer_cancel: the presented card is already being authorised")
    if not run.get("customer_cancellation"):
        raise ValueError(
            "customer_cancel: the action was started without "
            "process_config[enable_customer_cancellation]=true, so the reader shows no "
            "cancel button"
        )


def set_reader_flags(state: State, reader_id: str, flags: dict[str, Any]) -> dict[str, Any]:
    """Switch a simulated reader's faults; returns ``{"reader": …, "flags": …}``.

    ``status`` online/offline · ``busy`` (commands get terminal_reader_busy) ·
    ``timeout_delivered`` N (the next N process commands start but answer
    terminal_reader_timeout) · ``hang`` (actions never end on their own until cancel_action;
    clearing it restarts the reader timeout) · ``auto_present`` {number, exp_month, exp_year,
    cvc, delay_s} or null · ``customer_cancel`` (the in-progress action fails now with
    customer_canceled) · ``reset`` (every flag back to normal, reader online).
    Raises ``ValueError`` for unknown names or bad values.
    """
    reader = require_reader(state, reader_id)
    checked = _checked_flags(flags)
    if checked.get("customer_cancel"):
        _check_customer_cancel(state, reader)
    now = state.now()
    previous = flags_of(state, reader_id)
    stored = dict(FLAG_DEFAULTS) if checked.get("reset") else dict(previous)
    if checked.get("reset"):
        checked.setdefault("status", "online")
    _apply_flags(state, reader, stored, checked, hung=previous["hang"], now=now)
    set_flags(state, reader_id, stored)
    if checked.get("customer_cancel"):
        finish(
            state,
            reader,
            run_of(state, reader_id),
            failure=("customer_canceled", CUSTOMER_CANCELED_MESSAGE),
        )
    state.touch(reader_id)
    return {"reader": copy.deepcopy(reader), "flags": copy.deepcopy(stored)}


def _apply_flags(
    state: State,
    reader: dict[str, Any],
    stored: dict[str, Any],
    checked: dict[str, Any],
    *,
    hung: bool,
    now: float,
) -> None:
    if "status" in checked:
        mark_seen(state, reader, now)  # an online reader going offline was last seen now
        reader["status"] = checked["status"]
        mark_seen(state, reader, now)
    for name in ("busy", "hang", "timeout_delivered", "auto_present"):
        if name in checked:
            stored[name] = checked[name]
    run = run_of(state, reader["id"])
    if run is None or run.get("authorising"):
        return
    if hung and not stored["hang"] and run["deadline"] is not None:
        run["deadline"] = now + state.settings.reader_timeout_s  # the wait starts again
    if "auto_present" in checked or checked.get("reset"):
        run["auto_present_at"] = auto_present_at(stored, run, now)
    set_run(state, reader["id"], run)
