"""Terminal Locations (stripe-notes §1.5; Fixtures ``terminal.location``).

A location groups readers (the shop); moto-desk only lists and shows them, the demo seed and
the tests create them. Stripe behaviour chosen here where it is unverified is marked
**(unverified)**.
"""

from __future__ import annotations

from typing import Any

from ..errors import invalid_request
from ..listing import list_page
from ..routing import Request, Router
from ..schema import from_sdk
from ..state import State
from .values import (
    ADDRESS_KEYS,
    address,
    bad_value,
    hash_param,
    merged_metadata,
    new_metadata,
    nullable_text,
    text,
)

LOCATION = "terminal.location"
_PACKAGE = "stripe.params.terminal"
_JAPANESE_ADDRESS_KEYS = (*ADDRESS_KEYS, "town")


def register(router: Router) -> None:
    """Routes of Terminal Locations (restricted-key family ``terminal_location``)."""
    family = "terminal_location"
    base = "/v1/terminal/locations"
    router.add(
        "POST",
        base,
        create_location,
        from_sdk("LocationCreateParams", _PACKAGE),
        permission=family,
    )
    router.add(
        "GET", base, list_locations, from_sdk("LocationListParams", _PACKAGE), permission=family
    )
    router.add(
        "GET",
        base + "/{location}",
        retrieve_location,
        from_sdk("LocationRetrieveParams", _PACKAGE),
        permission=family,
    )
    router.add(
        "POST",
        base + "/{location}",
        update_location,
        from_sdk("LocationUpdateParams", _PACKAGE),
        permission=family,
    )
    router.add(
        "DELETE",
        base + "/{location}",
        delete_location,
        from_sdk("LocationDeleteParams", _PACKAGE),
        permission=family,
    )


def require_location(state: State, location_id: Any, param: str = "location") -> dict[str, Any]:
    """The location, or Stripe's 404 ``No such terminal.location: 'tml_…'``."""
    return state.require(LOCATION, location_id, LOCATION, param)


def _japanese_address(raw: dict[str, Any], param: str) -> dict[str, Any]:
    result: dict[str, Any] = dict.fromkeys(_JAPANESE_ADDRESS_KEYS)
    for key in _JAPANESE_ADDRESS_KEYS:
        present, value = nullable_text(raw, key, param=f"{param}[{key}]", max_length=5000)
        if present:
            result[key] = value
    return result


def _require_one(params: dict[str, Any], names: tuple[str, ...]) -> None:
    """Stripe requires a name and an address, in Latin script or in a Japanese variant.

    The SDK marks them optional only because of those variants **(unverified: the API
    reference lists ``display_name`` and ``address`` as required)**.
    """
    if not any(name in params for name in names):
        raise invalid_request(
            f"Missing required param: {names[0]}.",
            code="parameter_missing",
            param=names[0],
            validation=True,
        )


def create_location(request: Request) -> dict[str, Any]:
    """``POST /v1/terminal/locations``."""
    params = request.params
    _require_one(params, ("display_name", "display_name_kana", "display_name_kanji"))
    _require_one(params, ("address", "address_kana", "address_kanji"))
    display_name = text(params, "display_name", max_length=1000)
    postal = hash_param(params, "address")
    location: dict[str, Any] = {
        "id": request.state.new_id("tml"),
        "object": LOCATION,
        "address": address(postal, "address") if postal else dict.fromkeys(ADDRESS_KEYS),
        "address_kana": _optional_japanese(params, "address_kana"),
        "address_kanji": _optional_japanese(params, "address_kanji"),
        "configuration_overrides": text(params, "configuration_overrides"),
        "display_name": display_name or "",
        "display_name_kana": text(params, "display_name_kana", max_length=1000),
        "display_name_kanji": text(params, "display_name_kanji", max_length=1000),
        "livemode": False,
        "metadata": new_metadata(params),
        "phone": text(params, "phone"),
    }
    if postal and not location["address"]["country"]:
        raise invalid_request(
            "Missing required param: address[country].",
            code="parameter_missing",
            param="address[country]",
            validation=True,
        )
    return request.state.add(location)


def _optional_japanese(params: dict[str, Any], name: str) -> dict[str, Any] | None:
    raw = hash_param(params, name)
    return _japanese_address(raw, name) if raw else None


def retrieve_location(request: Request) -> dict[str, Any]:
    """``GET /v1/terminal/locations/{location}``."""
    return require_location(request.state, request.path_params["location"])


def update_location(request: Request) -> dict[str, Any]:
    """``POST /v1/terminal/locations/{location}``; the country cannot change (SDK docstring)."""
    state, params = request.state, request.params
    location = require_location(state, request.path_params["location"])
    changes: dict[str, Any] = {}
    if "display_name" in params:
        changes["display_name"] = text(params, "display_name", max_length=1000)
    for name in ("display_name_kana", "display_name_kanji", "phone", "configuration_overrides"):
        present, value = nullable_text(params, name)
        if present:
            changes[name] = value
    postal = hash_param(params, "address")
    if postal:
        merged = address(postal, "address", location["address"])
        if merged["country"] != location["address"]["country"]:
            raise bad_value(
                "You can't change the country of a location. Create a new location and "
                "re-register its readers there instead.",
                "address[country]",
            )
        changes["address"] = merged
    metadata = merged_metadata(location["metadata"], params)
    if metadata is not None:
        changes["metadata"] = metadata
    location.update(changes)
    state.touch(location["id"])
    return location


def delete_location(request: Request) -> dict[str, Any]:
    """``DELETE /v1/terminal/locations/{location}``: ``{id, object, deleted: true}``.

    A location that still has readers is refused **(unverified: Stripe's behaviour is not
    documented; refusing keeps readers from pointing at a deleted location)**.
    """
    state = request.state
    location = require_location(state, request.path_params["location"])
    for reader in state.newest_first("terminal.reader"):
        if reader["location"] == location["id"]:
            raise invalid_request(
                "This location still has readers registered to it "
                f"({reader['id']}). Delete the readers or register them to another location "
                "before deleting it.",
                param="location",
            )
    state.remove(location["id"])
    return {"id": location["id"], "object": LOCATION, "deleted": True}


def list_locations(request: Request) -> dict[str, Any]:
    """``GET /v1/terminal/locations``: newest first, with cursors."""
    return list_page(request.state.newest_first(LOCATION), request.params, "/v1/terminal/locations")
