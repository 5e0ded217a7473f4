"""Stripe's search query language (stripe-notes §1.3), compiled once per request.

A query is up to 10 clauses ``[-]field OP value`` joined by whitespace/``AND`` or by
``OR`` (case-insensitive; the two cannot be mixed; no parentheses). Operators: ``:``
exact match (case-insensitive), ``~`` substring (at least 3 characters, on the fields that
allow it), and ``> < >= <= =`` on numeric fields. String values are quoted with ``'`` or
``"`` (backslash escapes); numbers and ``null`` may be bare. Metadata is addressed as
``metadata['key']`` or ``metadata["key"]``; ``field:null`` matches an absent value.

The result is a predicate over stored objects built from plain closures, so a search over
ten thousand customers does no parsing, regex or JSON work per object.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .values import bad_value

MAX_CLAUSES = 10
MIN_SUBSTRING = 3
DOCS = "https://docs.stripe.com/search#search-query-language"

Predicate = Callable[[dict[str, Any]], bool]
_COMPARISONS: dict[str, Callable[[int, int], bool]] = {
    ">": operator.gt,
    "<": operator.lt,
    ">=": operator.ge,
    "<=": operator.le,
    "=": operator.eq,
    ":": operator.eq,
}
_OPERATORS = (">=", "<=", ":", "~", ">", "<", "=")


@dataclass(frozen=True)
class SearchField:
    """How one queryable field is matched."""

    kind: Literal["string", "number", "metadata"]
    substring: bool = False


@dataclass(frozen=True)
class _Clause:
    negated: bool
    field: str
    key: str | None  # the metadata key
    op: str
    value: str | None  # None for a bare null
    quoted: bool
    position: int


class QueryError(Exception):
    """A malformed query; turned into Stripe's 400 on ``query``."""


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    # -------------------------------------------------------------- characters
    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _skip_space(self) -> bool:
        start = self.pos
        while self._peek().isspace():
            self.pos += 1
        return self.pos > start

    def _fail(self, reason: str) -> QueryError:
        return QueryError(f"{reason} (at character {self.pos + 1})")

    # -------------------------------------------------------------- grammar
    def parse(self) -> tuple[str, list[_Clause]]:
        clauses: list[_Clause] = []
        joiner: str | None = None
        self._skip_space()
        if not self._peek():
            raise QueryError("The search query is empty")
        while True:
            clauses.append(self._clause())
            spaced = self._skip_space()
            if not self._peek():
                break
            word = self._keyword()
            if word is None and not spaced:
                raise self._fail(f"Unexpected {self._peek()!r} after a clause")
            this = word or "AND"
            if joiner is not None and this != joiner:
                raise self._fail(
                    "AND and OR cannot be combined in one search query; use one or the other"
                )
            joiner = this
            self._skip_space()
            if not self._peek():
                raise self._fail(f"The query ends with {this} and no clause after it")
        if len(clauses) > MAX_CLAUSES:
            raise QueryError(
                f"A search query can have at most {MAX_CLAUSES} clauses; this one has "
                f"{len(clauses)}"
            )
        return joiner or "AND", clauses

    def _keyword(self) -> str | None:
        for word in ("AND", "OR"):
            end = self.pos + len(word)
            if self.text[self.pos : end].upper() == word and (
                end == len(self.text) or self.text[end].isspace()
            ):
                self.pos = end
                return word
        return None

    def _clause(self) -> _Clause:
        start = self.pos
        if self._peek() in "()":
            raise self._fail("Parentheses are not supported in search queries")
        negated = self._peek() == "-"
        if negated:
            self.pos += 1
        field = self._identifier()
        key = self._metadata_key() if field == "metadata" else None
        op = self._operator(field)
        value, quoted = self._value()
        return _Clause(negated, field, key, op, value, quoted, start)

    def _identifier(self) -> str:
        start = self.pos
        while self._peek().isalnum() or self._peek() == "_":
            self.pos += 1
        if self.pos == start:
            found = self._peek() or "the end of the query"
            raise self._fail(f"Expected a field name such as email, found {found!r}")
        return self.text[start : self.pos]

    def _metadata_key(self) -> str:
        if self._peek() != "[":
            raise self._fail("Metadata is queried as metadata['key']:'value'")
        self.pos += 1
        if self._peek() not in ("'", '"'):
            raise self._fail("The metadata key must be quoted, as in metadata['key']")
        key = self._quoted()
        if self._peek() != "]":
            raise self._fail("Expected ] after the metadata key")
        self.pos += 1
        return key

    def _operator(self, field: str) -> str:
        for op in _OPERATORS:
            if self.text.startswith(op, self.pos):
                self.pos += len(op)
                return op
        raise self._fail(
            f"Expected an operator (:, ~, >, <, >=, <=, =) after {field!r}, found "
            f"{self._peek() or 'the end of the query'!r}"
        )

    def _value(self) -> tuple[str | None, bool]:
        if self._peek() in ("'", '"'):
            return self._quoted(), True
        start = self.pos
        while self._peek() and not self._peek().isspace() and self._peek() not in "()":
            self.pos += 1
        bare = self.text[start : self.pos]
        if not bare:
            raise self._fail("Expected a value after the operator")
        if bare.lower() == "null":
            return None, False
        if _is_number(bare):
            return bare, False
        raise QueryError(
            f"String values must be quoted: use \"{bare}\" or '{bare}' (at character {start + 1})"
        )

    def _quoted(self) -> str:
        quote = self._peek()
        self.pos += 1
        chars: list[str] = []
        while True:
            char = self._peek()
            if not char:
                raise self._fail(f"Unterminated string: missing closing {quote}")
            self.pos += 1
            if char == "\\":
                escaped = self._peek()
                if not escaped:
                    raise self._fail("A backslash at the end of the query escapes nothing")
                chars.append(escaped)
                self.pos += 1
            elif char == quote:
                return "".join(chars)
            else:
                chars.append(char)


def _is_number(text: str) -> bool:
    digits = text[1:] if text[:1] == "-" else text
    return digits.isascii() and digits.isdigit()


# ------------------------------------------------------------------------ compiling
def _compile_string(name: str, clause: _Clause, spec: SearchField) -> Predicate:
    if clause.op not in (":", "~"):
        raise QueryError(
            f"The {clause.op} operator works only on numeric fields; use : or ~ with {name}"
        )
    if clause.value is None:
        if clause.op == "~":
            raise QueryError(f"null cannot be used with ~ (field {name})")
        return lambda obj: obj.get(name) is None
    needle = clause.value.lower()
    if clause.op == "~":
        if not spec.substring:
            raise QueryError(f"The ~ (substring) operator is not supported on {name}")
        if len(needle) < MIN_SUBSTRING:
            raise QueryError(
                f"A ~ (substring) value needs at least {MIN_SUBSTRING} characters; "
                f"{clause.value!r} is too short"
            )

        def contains(obj: dict[str, Any]) -> bool:
            value = obj.get(name)
            return isinstance(value, str) and needle in value.lower()

        return contains

    def equals(obj: dict[str, Any]) -> bool:
        value = obj.get(name)
        return isinstance(value, str) and value.lower() == needle

    return equals


def _compile_number(name: str, clause: _Clause) -> Predicate:
    if clause.op == "~":
        raise QueryError(f"The ~ (substring) operator is not supported on {name}")
    if clause.value is None or not _is_number(clause.value):
        raise QueryError(f"{name} is numeric: compare it with a whole number")
    target = int(clause.value)
    compare = _COMPARISONS[clause.op]

    def check(obj: dict[str, Any]) -> bool:
        value = obj.get(name)
        return isinstance(value, int) and compare(value, target)

    return check


def _compile_metadata(clause: _Clause) -> Predicate:
    key = clause.key or ""
    if clause.op != ":":
        raise QueryError("Metadata supports only the : operator, as in metadata['key']:'value'")
    if clause.value is None:
        return lambda obj: key not in (obj.get("metadata") or {})
    needle = clause.value.lower()

    def equals(obj: dict[str, Any]) -> bool:
        value = (obj.get("metadata") or {}).get(key)
        return isinstance(value, str) and value.lower() == needle

    return equals


def _compile_clause(clause: _Clause, fields: Mapping[str, SearchField]) -> Predicate:
    spec = fields.get(clause.field)
    if spec is None:
        raise QueryError(
            f"{clause.field!r} is not a searchable field here; use one of "
            + ", ".join(sorted(fields))
        )
    if spec.kind == "metadata":
        predicate = _compile_metadata(clause)
    elif spec.kind == "number":
        predicate = _compile_number(clause.field, clause)
    else:
        predicate = _compile_string(clause.field, clause, spec)
    if clause.negated:
        positive = predicate
        return lambda obj: not positive(obj)
    return predicate


def compile_query(query: str, fields: Mapping[str, SearchField]) -> Predicate:
    """The predicate for ``query``; a malformed query is Stripe's 400 on ``query``."""
    try:
        joiner, clauses = _Parser(query).parse()
        predicates = [_compile_clause(clause, fields) for clause in clauses]
    except QueryError as error:
        raise bad_value(f"Invalid search query {query!r}: {error}. See {DOCS}", "query") from None
    return functools.reduce(_either if joiner == "OR" else _both, predicates)


def _both(first: Predicate, second: Predicate) -> Predicate:
    return lambda obj: first(obj) and second(obj)


def _either(first: Predicate, second: Predicate) -> Predicate:
    return lambda obj: first(obj) or second(obj)


def search(
    items: list[dict[str, Any]], query: Any, fields: Mapping[str, SearchField]
) -> list[dict[str, Any]]:
    """The items (newest first) matching ``query``."""
    if not isinstance(query, str):
        raise bad_value("Invalid string: query must be a string", "query")
    predicate = compile_query(query, fields)
    return [item for item in items if predicate(item)]
