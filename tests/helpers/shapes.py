"""Shape checks against Stripe's published example objects (tests/data/stripe-fixtures.json).

The simulator promises that every key of a fixture object is present in the object it serves,
with the same JSON type or null. ``assert_shape`` checks exactly that, recursing into nested
objects where both sides are objects (except free-form maps such as ``metadata``), and
reports every mismatch at once with its dotted path.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

FIXTURES_PATH = Path(__file__).resolve().parent.parent / "data" / "stripe-fixtures.json"
# Free-form maps: their keys are the example's data, not part of the shape.
FREE_FORM = frozenset({"metadata"})


@cache
def _all_fixtures() -> dict[str, Any]:
    with FIXTURES_PATH.open(encoding="utf-8") as handle:
        resources: dict[str, Any] = json.load(handle)["resources"]
    return resources


def fixture(name: str) -> dict[str, Any]:
    """The published example object called ``name`` (e.g. "customer", "charge")."""
    resources = _all_fixtures()
    if name not in resources:
        raise KeyError(f"no fixture named {name!r}; known: {sorted(resources)}")
    value: dict[str, Any] = resources[name]
    return value


def json_type(value: Any) -> str:
    """The JSON type name of a decoded JSON value (bool is not a number, int and float are)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    raise TypeError(f"not a JSON value: {value!r}")


def shape_problems(actual: Any, expected: Any, path: str = "") -> list[str]:
    """Every way ``actual`` fails to have the shape of ``expected``, as readable lines."""
    problems: list[str] = []
    if not isinstance(expected, dict) or not isinstance(actual, dict):
        return problems
    for key, expected_value in expected.items():
        where = f"{path}.{key}" if path else key
        if key not in actual:
            problems.append(f"{where}: missing")
            continue
        actual_value = actual[key]
        if actual_value is None or expected_value is None:
            continue
        expected_type, actual_type = json_type(expected_value), json_type(actual_value)
        if expected_type != actual_type:
            problems.append(f"{where}: {actual_type} where the fixture has {expected_type}")
            continue
        if expected_type == "object" and key not in FREE_FORM:
            problems.extend(shape_problems(actual_value, expected_value, where))
    return problems


def assert_shape(actual: dict[str, Any], fixture_object: dict[str, Any], path: str = "") -> None:
    """Fail unless every key of ``fixture_object`` is in ``actual`` with the same JSON type or null.

    ``actual`` may be a plain dict or a StripeObject (converted with ``to_dict()``).
    """
    to_dict = getattr(actual, "to_dict", None)
    plain = to_dict() if callable(to_dict) else actual
    problems = shape_problems(plain, fixture_object, path)
    assert not problems, "shape differs from the fixture:\n  " + "\n  ".join(problems)
