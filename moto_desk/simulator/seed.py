"""Demo data: a shop, its two simulated readers and a few customers (``--seed-demo``).

Objects are made by the same handlers the API uses, so they have exactly the shapes the API
serves. Seeding is idempotent: each object is found by what identifies it to a clerk (the
location's name, a reader's label in that location, a customer's email) and created only
when missing, so a second call — or a restart on the same ``--state`` file — adds nothing.
"""

from __future__ import annotations

from typing import Any

from .resources.customers import create as create_customer
from .resources.terminal_locations import LOCATION, create_location
from .resources.terminal_readers import READER, create_reader
from .routing import Request
from .state import State, random_token

LOCATION_NAME = "Main street shop"
LOCATION_ADDRESS = {
    "line1": "412 Main Street",
    "city": "Burlington",
    "state": "VT",
    "postal_code": "05401",
    "country": "US",
}
READERS = (("Front desk", "simulated-wpe"), ("Phone desk", "simulated-s700"))
CUSTOMERS = (
    ("Margaret Okafor", "margaret.okafor@example.com", "+18025550142"),
    ("Hélène Lefèvre", "helene.lefevre@example.com", "+33612345678"),
    ("David Chen", "david.chen@example.com", "+18025550187"),
    ("Priya Raman", "priya.raman@example.com", "+18025550119"),
    ("Tom Whitaker", "tom.whitaker@example.com", "+18025550163"),
)


def _request(state: State, path: str, params: dict[str, Any]) -> Request:
    return Request("POST", path, params, {}, state, state.now(), "req_seed" + random_token(10))


def _location(state: State) -> dict[str, Any]:
    for location in state.newest_first(LOCATION):
        if location["display_name"] == LOCATION_NAME:
            return location
    params = {"display_name": LOCATION_NAME, "address": dict(LOCATION_ADDRESS)}
    return create_location(_request(state, "/v1/terminal/locations", params))


def _reader(state: State, location_id: str, label: str, code: str) -> dict[str, Any]:
    for reader in state.newest_first(READER):
        if reader["location"] == location_id and reader["label"] == label:
            return reader
    params = {"registration_code": code, "label": label, "location": location_id}
    return create_reader(_request(state, "/v1/terminal/readers", params))


def _customer(state: State, name: str, email: str, phone: str) -> dict[str, Any]:
    for customer in state.newest_first("customer"):
        if not customer.get("deleted") and customer.get("email") == email:
            return customer
    params = {"name": name, "email": email, "phone": phone}
    return create_customer(_request(state, "/v1/customers", params))


def seed_demo(state: State) -> dict[str, Any]:
    """Create what is missing of the demo shop; return the ids of all of it.

    ``{"location": "tml_…", "readers": {"Front desk": "tmr_…", "Phone desk": "tmr_…"},
    "customers": {"<email>": "cus_…", …}}``. Call under ``state.lock``; the caller commits.
    """
    location = _location(state)
    readers = {label: _reader(state, location["id"], label, code)["id"] for label, code in READERS}
    customers = {
        email: _customer(state, name, email, phone)["id"] for name, email, phone in CUSTOMERS
    }
    return {"location": location["id"], "readers": readers, "customers": customers}
