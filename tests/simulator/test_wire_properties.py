"""Property test: whatever nested parameters the stripe SDK encodes, the simulator reads back.

The SDK's own encoder (``stripe._encode._api_encode`` then ``urlencode``, exactly what it
sends) is the reference; Stripe's curl-style ``x[]`` arrays are checked the same way.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from hypothesis import given, settings
from hypothesis import strategies as st
from stripe._encode import _api_encode

from moto_desk.simulator import wire

keys = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
numbers = st.integers(min_value=-(10**12), max_value=10**12)
scalars = st.one_of(texts, numbers, st.booleans())
# The SDK writes a boolean inside a list as Python's "True"/"False" (it lowercases only
# booleans in hashes), so lists here hold text and numbers; the app never sends such lists.
list_items = st.one_of(texts, numbers)


def _expected(value: Any) -> Any:
    """What a form-encoded value reads back as: everything is text."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return {k: _expected(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expected(v) for v in value]
    return str(value)


params = st.recursive(
    st.dictionaries(keys, scalars, min_size=1, max_size=4),
    lambda inner: st.dictionaries(
        keys,
        st.one_of(
            scalars,
            inner,
            st.lists(list_items, min_size=1, max_size=4),
            st.lists(inner, min_size=1, max_size=3),
        ),
        min_size=1,
        max_size=4,
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(params)
def test_sdk_encoding_round_trips(value: dict[str, Any]) -> None:
    body = urlencode(list(_api_encode(value)))
    assert wire.decode(body) == _expected(value)


@settings(max_examples=200, deadline=None)
@given(keys, st.lists(st.text(max_size=8), min_size=1, max_size=5))
def test_curl_style_arrays_read_like_indexed_ones(name: str, items: list[str]) -> None:
    curl = urlencode([(f"{name}[]", item) for item in items])
    indexed = urlencode([(f"{name}[{i}]", item) for i, item in enumerate(items)])
    assert wire.decode(curl) == wire.decode(indexed) == {name: items}
