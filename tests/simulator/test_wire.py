"""The simulator's form decoding, as Stripe reads form-encoded bodies."""

from __future__ import annotations

import pytest

from moto_desk.simulator import wire
from moto_desk.simulator.errors import ApiError


def test_nested_hashes_and_both_array_forms() -> None:
    decoded = wire.decode(
        "a[b][c]=1&x[]=p&x[]=q&y[0]=r&y[1]=s&expand[0]=latest_charge&metadata[k]=v%20w"
    )
    assert decoded == {
        "a": {"b": {"c": "1"}},
        "x": ["p", "q"],
        "y": ["r", "s"],
        "expand": ["latest_charge"],
        "metadata": {"k": "v w"},
    }


def test_arrays_of_hashes() -> None:
    decoded = wire.decode("items[0][amount]=5&items[0][q]=1&items[1][amount]=7")
    assert decoded == {"items": [{"amount": "5", "q": "1"}, {"amount": "7"}]}


def test_non_sequential_indices_are_refused() -> None:
    with pytest.raises(ApiError) as caught:
        wire.decode("y[0]=a&y[2]=b")
    assert caught.value.param == "y"
    assert "sequential" in caught.value.message


def test_malformed_names_are_refused() -> None:
    with pytest.raises(ApiError):
        wire.decode("a[b=1")


def test_blank_values_are_kept() -> None:
    assert wire.decode("description=&name=x") == {"description": "", "name": "x"}


def test_flatten_names() -> None:
    assert wire.flatten_names({"a": {"b": "1"}, "c": "2"}) == ["a[b]", "c"]
