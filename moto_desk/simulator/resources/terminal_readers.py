"""Terminal Readers: register, list, read, relabel, delete (stripe-notes §1.5, §2.1).

Only Stripe's simulated readers can be registered (``simulated-wpe``, ``simulated-s700``,
``simulated-s710``), as in a Stripe sandbox. A reader's commands (``process_setup_intent``…)
live in :mod:`.reader_actions`; what the simulator keeps about a reader that Stripe never
shows (its simulated faults, the deadlines of its action) lives in its private record.
"""

from __future__ import annotations

import secrets
from typing import Any

from ..errors import ApiError, invalid_request
from ..listing import list_page
from ..routing import Request, Router
from ..schema import from_sdk
from ..state import State
from .reader_outcomes import release_intent, run_of
from .setup_intents import sdk_literals
from .terminal_locations import require_location
from .values import choice, merged_metadata, new_metadata, nullable_text, text

READER = "terminal.reader"
PACKAGE = "stripe.params.terminal"

# Registration codes of Stripe's simulated readers (stripe-notes §2.1).
REGISTRATION_CODES = {
    "simulated-wpe": "simulated_wisepos_e",
    "simulated-s700": "simulated_stripe_s700",
    "simulated-s710": "simulated_stripe_s710",
}
# The API-reference example of a simulated reader reports this software version.
DEVICE_SW_VERSION = "2.37.2.0"


def register(router: Router) -> None:
    """Routes of Terminal Readers (restricted-key family ``terminal_reader``)."""
    family = "terminal_reader"
    base = "/v1/terminal/readers"
    router.add(
        "POST", base, create_reader, from_sdk("ReaderCreateParams", PACKAGE), permission=family
    )
    router.add("GET", base, list_readers, from_sdk("ReaderListParams", PACKAGE), permission=family)
    router.add(
        "GET",
        base + "/{reader}",
        retrieve_reader,
        from_sdk("ReaderRetrieveParams", PACKAGE),
        permission=family,
    )
    router.add(
        "POST",
        base + "/{reader}",
        update_reader,
        from_sdk("ReaderUpdateParams", PACKAGE),
        permission=family,
    )
    router.add(
        "DELETE",
        base + "/{reader}",
        delete_reader,
        from_sdk("ReaderDeleteParams", PACKAGE),
        permission=family,
    )


def require_reader(state: State, reader_id: Any, param: str = "reader") -> dict[str, Any]:
    """The reader, or Stripe's 404 ``No such terminal.reader: 'tmr_…'``."""
    return state.require(READER, reader_id, READER, param)


def mark_seen(state: State, reader: dict[str, Any], now: float) -> None:
    """An online reader heartbeats continuously, so it was last seen now (in milliseconds).

    An offline reader keeps the time it was last heard from.
    """
    if reader["status"] == "online":
        reader["last_seen_at"] = int(now * 1000)
        state.touch(reader["id"])


def _serial_number(code: str) -> str:
    """Like the serials of Stripe's simulated readers: ``simulated-wpe-xxx-xxx-xx-xxx``."""
    groups = (secrets.token_hex(2)[:3], secrets.token_hex(2)[:3], secrets.token_hex(1))
    return "-".join((code, *groups, secrets.token_hex(2)[:3]))


def invalid_registration_code(code: str) -> ApiError:
    """400 for a code no reader shows **(unverified wording; Stripe publishes no example)**."""
    return invalid_request(
        f"The registration code '{code}' is invalid. Check the code shown on the reader and "
        "try again. In test mode, register a simulated reader with simulated-wpe, "
        "simulated-s700 or simulated-s710.",
        param="registration_code",
    )


def new_reader(
    state: State,
    *,
    code: str,
    created: float,
    label: str | None = None,
    location: str | None = None,
    metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Store a freshly registered simulated reader, online and idle.

    ``label`` defaults to the serial number, as the docs' example of a new simulated reader
    shows (the SDK says "the registration code"; for simulated readers both start with it).
    """
    serial = _serial_number(code)
    reader = {
        "id": state.new_id("tmr"),
        "object": READER,
        "action": None,
        "device_sw_version": DEVICE_SW_VERSION,
        "device_type": REGISTRATION_CODES[code],
        "ip_address": "0.0.0.0",  # noqa: S104  what Stripe reports for a simulated reader
        "label": label or serial,
        "last_seen_at": int(created * 1000),
        "livemode": False,
        "location": location,
        "metadata": dict(metadata or {}),
        "serial_number": serial,
        "status": "online",
    }
    return state.add(reader)


def create_reader(request: Request) -> dict[str, Any]:
    """``POST /v1/terminal/readers`` (``location`` optional, as the SDK types it)."""
    state, params = request.state, request.params
    code = text(params, "registration_code")
    label = text(params, "label", max_length=5000)
    location = text(params, "location")
    metadata = new_metadata(params)
    if code not in REGISTRATION_CODES:
        raise invalid_registration_code(str(code))
    if location is not None:
        require_location(state, location)
    return new_reader(
        state, code=code, created=request.now, label=label, location=location, metadata=metadata
    )


def retrieve_reader(request: Request) -> dict[str, Any]:
    """``GET /v1/terminal/readers/{reader}``: what the app polls for an action's outcome."""
    reader = require_reader(request.state, request.path_params["reader"])
    mark_seen(request.state, reader, request.now)
    return reader


def update_reader(request: Request) -> dict[str, Any]:
    """``POST /v1/terminal/readers/{reader}``: label and metadata.

    ``label=""`` gives the reader back its default label (its serial number) **(unverified)**.
    """
    state, params = request.state, request.params
    reader = require_reader(state, request.path_params["reader"])
    present, label = nullable_text(params, "label", max_length=5000)
    metadata = merged_metadata(reader["metadata"], params)
    if present:
        reader["label"] = label or reader["serial_number"]
    if metadata is not None:
        reader["metadata"] = metadata
    mark_seen(state, reader, request.now)
    state.touch(reader["id"])
    return reader


def delete_reader(request: Request) -> dict[str, Any]:
    """``DELETE /v1/terminal/readers/{reader}``; a deleted reader is then unknown (404).

    An action in progress goes with it; its SetupIntent is free for another reader.
    """
    state = request.state
    reader = require_reader(state, request.path_params["reader"])
    release_intent(state, run_of(state, reader["id"]))
    state.remove(reader["id"])
    return {"id": reader["id"], "object": READER, "deleted": True}


def list_readers(request: Request) -> dict[str, Any]:
    """``GET /v1/terminal/readers``: filters device_type, location, serial_number, status."""
    state, params = request.state, request.params
    device_type = choice(
        params, "device_type", sdk_literals("ReaderListParams", "device_type", PACKAGE)
    )
    status = choice(params, "status", ("offline", "online"))
    location = text(params, "location")
    serial = text(params, "serial_number")
    items = [
        reader
        for reader in state.newest_first(READER)
        if (device_type is None or reader["device_type"] == device_type)
        and (status is None or reader["status"] == status)
        and (location is None or reader["location"] == location)
        and (serial is None or reader["serial_number"] == serial)
    ]
    for reader in items:
        mark_seen(state, reader, request.now)
    return list_page(items, params, "/v1/terminal/readers")
