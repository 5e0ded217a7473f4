"""Accepted parameters per endpoint, derived from the stripe SDK's generated TypedDicts.

The SDK's ``stripe.params`` classes are generated from Stripe's OpenAPI spec, so reading the
parameter names from them keeps the simulator and Stripe's published API from drifting apart.
A parameter Stripe does not publish (``process_config[moto]``, gated behind MOTO access) is
added explicitly with :func:`with_extra`.
"""

from __future__ import annotations

import importlib
import sys
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .errors import missing_parameter, unknown_parameter

# Keys of the SDK's RequestOptions mix-in: client-side options, never sent as parameters.
_REQUEST_OPTIONS = frozenset(
    {
        "api_key",
        "stripe_version",
        "stripe_account",
        "stripe_context",
        "max_network_retries",
        "idempotency_key",
        "content_type",
        "headers",
    }
)


@dataclass
class Field:
    """One parameter: scalar, nested hash (``children``), list, or free-form map (metadata)."""

    required: bool = False
    children: dict[str, Field] | None = None
    is_list: bool = False
    is_map: bool = False


@dataclass
class Schema:
    fields: dict[str, Field] = field(default_factory=dict)

    def validate(self, params: dict[str, Any]) -> None:
        """Raise Stripe's ``parameter_unknown`` / ``parameter_missing`` errors."""
        _check(self.fields, params, "")


def _name(prefix: str, key: str) -> str:
    return f"{prefix}[{key}]" if prefix else key


def _check(fields: dict[str, Field], params: dict[str, Any], prefix: str) -> None:
    for key, value in params.items():
        spec = fields.get(key)
        if spec is None:
            raise unknown_parameter(_name(prefix, key))
        _check_value(spec, value, _name(prefix, key))
    for key, spec in fields.items():
        if spec.required and key not in params:
            raise missing_parameter(_name(prefix, key))


def _check_value(spec: Field, value: Any, name: str) -> None:
    if spec.is_map or value == "":
        return
    if spec.children is not None:
        if spec.is_list and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    _check(spec.children, item, f"{name}[{index}]")
        elif isinstance(value, dict):
            _check(spec.children, value, name)


def _split_union(text: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        if char == "|" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return parts


def _field_from_text(text: str, namespace: dict[str, Any], required: bool) -> Field:
    result = Field(required=required)
    for alternative in _split_union(text):
        if alternative.startswith(("Dict[", "UntypedStripeObject", "Mapping[")):
            result.is_map = True
        elif alternative.startswith("List["):
            inner = _field_from_text(alternative[5:-1], namespace, False)
            result.is_list = True
            result.children = inner.children
            result.is_map = result.is_map or inner.is_map
        else:
            candidate = namespace.get(alternative.strip("\"'"))
            if isinstance(candidate, type) and hasattr(candidate, "__annotations__"):
                result.children = _fields_of(candidate)
    return result


def _field_from_annotation(annotation: Any, namespace: dict[str, Any]) -> Field:
    required = True
    if typing.get_origin(annotation) is typing.NotRequired:
        required = False
        annotation = typing.get_args(annotation)[0]
    if isinstance(annotation, typing.ForwardRef):
        return _field_from_text(annotation.__forward_arg__, namespace, required)
    if isinstance(annotation, str):
        return _field_from_text(annotation, namespace, required)
    origin = typing.get_origin(annotation)
    if origin in (list, typing.List):  # noqa: UP006  the SDK spells it typing.List
        inner = _field_from_annotation(typing.get_args(annotation)[0], namespace)
        return Field(required=required, children=inner.children, is_list=True)
    if origin is typing.Union:
        merged = Field(required=required)
        for arg in typing.get_args(annotation):
            sub = _field_from_annotation(arg, namespace)
            merged.children = merged.children or sub.children
            merged.is_map = merged.is_map or sub.is_map
            merged.is_list = merged.is_list or sub.is_list
        return merged
    if origin in (dict, typing.Dict):  # noqa: UP006
        return Field(required=required, is_map=True)
    if isinstance(annotation, type) and typing.is_typeddict(annotation):
        return Field(required=required, children=_fields_of(annotation))
    return Field(required=required)


def _fields_of(typed_dict: type) -> dict[str, Field]:
    namespace = vars(sys.modules[typed_dict.__module__])
    fields: dict[str, Field] = {}
    for key, annotation in typed_dict.__annotations__.items():
        if key in _REQUEST_OPTIONS:
            continue
        fields[key] = _field_from_annotation(annotation, namespace)
    return fields


@cache
def from_sdk(class_name: str, package: str = "stripe.params") -> Schema:
    """The schema of ``stripe.params.<class_name>`` (e.g. ``CustomerCreateParams``)."""
    module = importlib.import_module(package)
    return Schema(_fields_of(getattr(module, class_name)))


def with_extra(base: Schema, path: list[str], extra: Field | None = None) -> Schema:
    """A copy of ``base`` that also accepts the nested parameter ``path`` (e.g. moto)."""
    import copy

    schema = copy.deepcopy(base)
    fields = schema.fields
    for key in path[:-1]:
        node = fields.setdefault(key, Field(children={}))
        if node.children is None:
            node.children = {}
        fields = node.children
    fields[path[-1]] = extra or Field()
    return schema


def without(base: Schema, *names: str) -> Schema:
    """A copy of ``base`` without some top-level parameters."""
    import copy

    schema = copy.deepcopy(base)
    for name in names:
        schema.fields.pop(name, None)
    return schema
