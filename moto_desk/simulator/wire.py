"""Stripe's wire format: form-encoded bodies and query strings with nested keys.

Stripe accepts ``a[b][c]=v`` for nested hashes and both ``x[]=v`` and ``x[0]=v`` for arrays
(the Python SDK sends indexed arrays; Stripe's curl examples use ``[]``). Explicit indices
must be sequential from 0, otherwise Stripe refuses the parameter, and so do we.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

from .errors import invalid_request

_SEGMENT = re.compile(r"\[([^\[\]]*)\]")


def _split_key(key: str) -> list[str]:
    head, bracket, rest = key.partition("[")
    if not bracket:
        return [key]
    parts = [head]
    tail = "[" + rest
    pos = 0
    for match in _SEGMENT.finditer(tail):
        if match.start() != pos:
            raise invalid_request(f"Invalid parameter name: {key}", param=key)
        parts.append(match.group(1))
        pos = match.end()
    if pos != len(tail) or not head:
        raise invalid_request(f"Invalid parameter name: {key}", param=key)
    return parts


def decode(text: str) -> dict[str, Any]:
    """Turn a form-encoded string into nested dicts and lists, as Stripe reads it."""
    root: dict[str, Any] = {}
    for key, value in parse_qsl(text, keep_blank_values=True):
        _insert(root, _split_key(key), value, key)
    return _finalise(root, "")  # type: ignore[no-any-return]


_APPEND = "\x00[]"  # a key no form field can have: marks an x[] array under construction


def _insert(node: dict[Any, Any], parts: list[str], value: str, full: str) -> None:
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        key: str = part
        if part == "":
            key = _APPEND
            node.setdefault(_APPEND, [])
            if last:
                node[_APPEND].append(value)
                return
            child: dict[str, Any] = {}
            node[_APPEND].append(child)
            node = child
            continue
        if last:
            node[key] = value
            return
        existing = node.get(key)
        if existing is None or isinstance(existing, str):
            existing = {}
            node[key] = existing
        node = existing


def _finalise(node: Any, path: str) -> Any:
    """Turn dicts whose keys are all digits (or appended) into lists, checking the indices."""
    if not isinstance(node, dict):
        return node
    if _APPEND in node:
        items = node.pop(_APPEND)
        if node:
            raise invalid_request(
                f"Invalid array: {path} mixes indexed and unindexed elements", param=path
            )
        return [_finalise(item, f"{path}[]") for item in items]
    if node and all(isinstance(k, str) and k.isdigit() for k in node):
        indices = sorted(int(k) for k in node)
        if indices != list(range(len(indices))):
            raise invalid_request(
                f"Invalid array: the keys of {path} must be numeric and sequential "
                "starting from 0.",
                param=path,
            )
        return [_finalise(node[str(i)], f"{path}[{i}]") for i in indices]
    return {k: _finalise(v, f"{path}[{k}]" if path else k) for k, v in node.items()}


def flatten_names(params: dict[str, Any], prefix: str = "") -> list[str]:
    """The bracketed names of every leaf, used to name an unknown parameter as Stripe does."""
    names: list[str] = []
    for key, value in params.items():
        name = f"{prefix}[{key}]" if prefix else key
        if isinstance(value, dict) and value:
            names.extend(flatten_names(value, name))
        else:
            names.append(name)
    return names
