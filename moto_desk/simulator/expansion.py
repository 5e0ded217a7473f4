"""``expand[]``: replace an id by the object it names, along dotted paths.

Stripe expands only fields documented as expandable; the simulator expands any field
holding the id of an object it knows and refuses other paths with Stripe's message.
"""

from __future__ import annotations

import copy
from typing import Any

from .errors import invalid_request
from .state import State


def expand(state: State, obj: dict[str, Any], paths: list[str] | str | None) -> dict[str, Any]:
    if not paths:
        return obj
    if isinstance(paths, str):
        paths = [paths]
    result = copy.deepcopy(obj)
    is_list = result.get("object") in ("list", "search_result")
    for path in paths:
        parts = path.split(".")
        if is_list:
            if parts[0] != "data":
                raise invalid_request(
                    f"This property cannot be expanded ({parts[0]}).", param="expand"
                )
            for item in result["data"]:
                _expand_path(state, item, parts[1:], path)
        else:
            _expand_path(state, result, parts, path)
    return result


def _expand_path(state: State, node: dict[str, Any], parts: list[str], full: str) -> None:
    if not parts:
        return
    key = parts[0]
    if key not in node:
        raise invalid_request(f"This property cannot be expanded ({key}).", param="expand")
    value = node[key]
    if isinstance(value, str):
        target = state.get(value)
        if target is None:
            raise invalid_request(f"This property cannot be expanded ({key}).", param="expand")
        value = copy.deepcopy(target)
        node[key] = value
    if isinstance(value, dict):
        _expand_path(state, value, parts[1:], full)
    elif value is None:
        return
    elif len(parts) > 1:
        raise invalid_request(f"This property cannot be expanded ({key}).", param="expand")
