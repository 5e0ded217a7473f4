"""Reading parameter values as Stripe reads them.

Every value arrives as a string (form encoding), a nested dict or a list. The server has
already refused unknown and missing parameters; these helpers check the values themselves
and answer with Stripe's messages and codes. Their errors are flagged ``validation`` so
that, as at Stripe, a request refused here stores no idempotent result.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import stripe.params

from ..errors import ApiError, invalid_request

METADATA_MAX_KEYS = 50
METADATA_KEY_MAX = 40
METADATA_VALUE_MAX = 500


def bad_value(message: str, param: str, code: str | None = None) -> ApiError:
    """A 400 about a parameter's value, raised before the endpoint does any work."""
    return invalid_request(message, code=code, param=param, validation=True)


def empty_refused(name: str) -> ApiError:
    return bad_value(
        f"You passed an empty string for '{name}'. We assume empty values are an attempt to "
        f"unset a parameter; however '{name}' cannot be unset. You should remove '{name}' "
        "from your request or supply a non-empty value.",
        name,
        "parameter_invalid_empty",
    )


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={v!r}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(repr(v) for v in value) + "]"
    return str(value)


def text(
    params: dict[str, Any],
    name: str,
    *,
    max_length: int | None = None,
    param: str | None = None,
    allow_empty: bool = False,
) -> str | None:
    """A string parameter; ``None`` when absent (or ``""`` when ``allow_empty``)."""
    label = param or name
    if name not in params:
        return None
    value = params[name]
    if not isinstance(value, str):
        raise bad_value(f"Invalid string: {_describe(value)}", label)
    if value == "":
        if allow_empty:
            return ""
        raise empty_refused(label)
    if max_length is not None and len(value) > max_length:
        raise bad_value(
            f"Invalid string: {value[:20]}...; must be at most {max_length} characters",
            label,
        )
    return value


def nullable_text(
    params: dict[str, Any], name: str, *, max_length: int | None = None, param: str | None = None
) -> tuple[bool, str | None]:
    """(present, value) for a field an update may unset with ``""`` (value ``None``)."""
    if name not in params:
        return False, None
    value = text(params, name, max_length=max_length, param=param, allow_empty=True)
    return True, (value or None)


def integer(
    params: dict[str, Any],
    name: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    param: str | None = None,
) -> int | None:
    """An integer parameter, refused like Stripe (``parameter_invalid_integer``)."""
    label = param or name
    if name not in params:
        return None
    raw = params[name]
    if raw == "":
        raise empty_refused(label)
    if not isinstance(raw, str) or not _is_integer_text(raw):
        raise bad_value(f"Invalid integer: {_describe(raw)}", label, "parameter_invalid_integer")
    value = int(raw)
    if minimum is not None and value < minimum:
        raise bad_value(
            f"This value must be greater than or equal to {minimum}.",
            label,
            "parameter_invalid_integer",
        )
    if maximum is not None and value > maximum:
        raise bad_value(
            f"This value must be less than or equal to {maximum}.",
            label,
            "parameter_invalid_integer",
        )
    return value


def _is_integer_text(raw: str) -> bool:
    digits = raw[1:] if raw[:1] in "+-" else raw
    return digits.isascii() and digits.isdigit()


def boolean(params: dict[str, Any], name: str, *, param: str | None = None) -> bool | None:
    """``true``/``false`` as the SDK sends them."""
    label = param or name
    if name not in params:
        return None
    raw = params[name]
    if raw == "":
        raise empty_refused(label)
    if raw == "true":
        return True
    if raw == "false":
        return False
    raise bad_value(f"Invalid boolean: {_describe(raw)}", label)


def choice(
    params: dict[str, Any], name: str, allowed: Iterable[str], *, param: str | None = None
) -> str | None:
    """An enum parameter, with Stripe's "must be one of" message."""
    label = param or name
    options = list(allowed)
    value = text(params, name, param=label)
    if value is None:
        return None
    if value not in options:
        listed = ", ".join(options[:-1]) + f", or {options[-1]}" if len(options) > 1 else options[0]
        raise bad_value(f"Invalid {label}: must be one of {listed}", label)
    return value


def object_id(
    params: dict[str, Any], name: str, prefix: str, *, param: str | None = None
) -> str | None:
    """An id parameter (the lookup, with its 404, is the caller's)."""
    label = param or name
    value = text(params, name, param=label)
    if value is not None and not value.strip():
        raise bad_value(f"Invalid {prefix} id: {value!r}", label)
    return value


def hash_param(params: dict[str, Any], name: str, *, param: str | None = None) -> dict[str, Any]:
    """A nested hash parameter (``address[city]``…); ``{}`` when absent."""
    label = param or name
    value = params.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise bad_value(f"Invalid hash: {_describe(value)}", label)
    return value


def string_list(params: dict[str, Any], name: str) -> list[str] | None:
    """An array of strings (``x[0]=a&x[1]=b``); ``""`` means an empty list."""
    if name not in params:
        return None
    value = params[name]
    if value == "":
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise bad_value(f"Invalid array: {_describe(value)}", name)
    return list(value)


# ---------------------------------------------------------------------------- metadata
def _check_metadata_entry(key: str, value: Any) -> None:
    if not isinstance(value, str):
        raise bad_value(f"Invalid string: {_describe(value)}", f"metadata[{key}]")
    if len(key) > METADATA_KEY_MAX:
        raise bad_value(
            f"Metadata keys can have up to {METADATA_KEY_MAX} characters, but you passed in "
            f"a key that is {len(key)} characters. Invalid key: {key}",
            f"metadata[{key}]",
        )
    if len(value) > METADATA_VALUE_MAX:
        raise bad_value(
            f"Metadata values can have up to {METADATA_VALUE_MAX} characters, but you passed "
            f"in a value that is {len(value)} characters. Invalid value: {value[:40]}...",
            f"metadata[{key}]",
        )
    if "[" in key or "]" in key:
        raise bad_value(
            "Metadata keys cannot contain square brackets ([ or ]).", f"metadata[{key}]"
        )


def merged_metadata(current: dict[str, str], params: dict[str, Any]) -> dict[str, str] | None:
    """Stripe's metadata update: keys merge, ``""`` deletes a key, ``metadata=""`` clears.

    ``None`` when the request does not touch metadata.
    """
    if "metadata" not in params:
        return None
    raw = params["metadata"]
    if raw == "":
        return {}
    if not isinstance(raw, dict):
        raise bad_value(f"Invalid hash: {_describe(raw)}", "metadata")
    result = dict(current)
    for key, value in raw.items():
        _check_metadata_entry(key, value)
        if value == "":
            result.pop(key, None)
        else:
            result[key] = value
    if len(result) > METADATA_MAX_KEYS:
        raise bad_value(
            f"You can have up to {METADATA_MAX_KEYS} metadata keys, but this request would "
            f"leave {len(result)}.",
            "metadata",
        )
    return result


def new_metadata(params: dict[str, Any]) -> dict[str, str]:
    """Metadata of a new object (empty values set nothing)."""
    return merged_metadata({}, params) or {}


# ---------------------------------------------------------------------------- ranges
_RANGE_KEYS = {"gt", "gte", "lt", "lte"}


def range_filter(params: dict[str, Any], name: str) -> Callable[[int], bool] | None:
    """A ``created``-style filter: an exact integer or a hash of gt/gte/lt/lte."""
    if name not in params:
        return None
    raw = params[name]
    if isinstance(raw, dict):
        bounds: dict[str, int] = {}
        for key in raw:
            if key not in _RANGE_KEYS:
                raise bad_value(
                    f"Received unknown parameter: {name}[{key}]",
                    f"{name}[{key}]",
                    "parameter_unknown",
                )
            value = integer(raw, key, param=f"{name}[{key}]")
            assert value is not None
            bounds[key] = value
        return _bounded(bounds)
    exact = integer(params, name)
    assert exact is not None
    return lambda value: value == exact


def _bounded(bounds: dict[str, int]) -> Callable[[int], bool]:
    def accept(value: int) -> bool:
        return (
            ("gt" not in bounds or value > bounds["gt"])
            and ("gte" not in bounds or value >= bounds["gte"])
            and ("lt" not in bounds or value < bounds["lt"])
            and ("lte" not in bounds or value <= bounds["lte"])
        )

    return accept


# ---------------------------------------------------------------------------- addresses
ADDRESS_KEYS = ("city", "country", "line1", "line2", "postal_code", "state")


def address(raw: dict[str, Any], param: str, base: dict[str, Any] | None = None) -> dict[str, Any]:
    """An address hash with every key present (unset ones null); merges into ``base``."""
    result: dict[str, Any] = dict(base) if base else dict.fromkeys(ADDRESS_KEYS)
    for key in ADDRESS_KEYS:
        present, value = nullable_text(raw, key, param=f"{param}[{key}]", max_length=5000)
        if present:
            result[key] = value
    return result


# ---------------------------------------------------------------------------- SDK enums
def sdk_literals(class_name: str, field: str) -> tuple[str, ...]:
    """The string values a ``stripe.params`` TypedDict field documents (its ``Literal``)."""
    annotation = getattr(stripe.params, class_name).__annotations__[field]
    literal = re.search(r"Literal\[([^\]]*)\]", str(annotation))
    return tuple(re.findall(r"'([^']+)'", literal.group(1))) if literal else ()
