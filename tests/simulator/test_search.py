"""Customer search: Stripe's query language subset, and search-result pagination."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import stripe

from moto_desk.simulator import Simulator


@pytest.fixture
def people(sim: Simulator, client: stripe.StripeClient) -> Iterator[dict[str, str]]:
    """Four customers, created at known times (oldest first)."""
    specs = {
        "jenny": {
            "name": "Jenny Rosen",
            "email": "jenny.rosen@example.com",
            "phone": "+33612345678",
            "metadata": {"desk": "front", "tier": "gold"},
        },
        "john": {"name": "John O'Hara", "email": "john@example.org", "metadata": {"desk": "phone"}},
        "marie": {
            "name": "Marie Curie",
            "email": "marie@EXAMPLE.com",
            "metadata": {"desk": "front"},
        },
        "quote": {"name": 'Ann "Ace" Lee', "email": None},
    }
    ids: dict[str, str] = {}
    for offset, (label, spec) in enumerate(specs.items()):
        params = {k: v for k, v in spec.items() if v is not None}
        ids[label] = client.v1.customers.create(params).id  # type: ignore[arg-type]
        with sim.state.lock:
            stored = sim.state.get(ids[label])
            assert stored is not None
            stored["created"] = 1_700_000_000 + offset
    yield ids


def found(client: stripe.StripeClient, query: str) -> list[str]:
    return [c.id for c in client.v1.customers.search({"query": query, "limit": 100}).data]


def test_exact_match_is_case_insensitive(
    client: stripe.StripeClient, people: dict[str, str]
) -> None:
    assert found(client, "email:'JENNY.ROSEN@example.com'") == [people["jenny"]]
    assert found(client, 'name:"marie curie"') == [people["marie"]]
    assert found(client, "email:'jenny'") == []


def test_substring_match(client: stripe.StripeClient, people: dict[str, str]) -> None:
    assert found(client, "email~'example.com'") == [people["marie"], people["jenny"]]
    assert found(client, "phone~'612'") == [people["jenny"]]


def test_substring_needs_three_characters(
    client: stripe.StripeClient, people: dict[str, str]
) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.search({"query": "name~'je'"})
    assert caught.value.param == "query"
    assert "at least 3 characters" in str(caught.value.user_message)


def test_substring_is_refused_on_metadata_and_created(
    client: stripe.StripeClient, people: dict[str, str]
) -> None:
    for query in ("metadata['desk']~'fro'", "created~'170'"):
        with pytest.raises(stripe.InvalidRequestError) as caught:
            client.v1.customers.search({"query": query})
        assert caught.value.param == "query"


def test_and_or_and_implicit_and(client: stripe.StripeClient, people: dict[str, str]) -> None:
    assert found(client, "metadata['desk']:'front' AND name~'rosen'") == [people["jenny"]]
    assert found(client, "metadata['desk']:'front' name~'rosen'") == [people["jenny"]]
    assert found(client, "name:'John O\\'Hara' or email:'marie@example.com'") == [
        people["marie"],
        people["john"],
    ]


def test_mixing_and_with_or_is_refused(client: stripe.StripeClient, people: dict[str, str]) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.search({"query": "name:'a' AND email:'b' OR phone:'c'"})
    assert caught.value.http_status == 400
    assert caught.value.param == "query"
    assert "AND and OR cannot be combined" in str(caught.value.user_message)


def test_negation_and_null(client: stripe.StripeClient, people: dict[str, str]) -> None:
    assert found(client, "-metadata['desk']:'front'") == [people["quote"], people["john"]]
    assert found(client, "email:null") == [people["quote"]]
    assert found(client, "metadata['tier']:null") == [
        people["quote"],
        people["marie"],
        people["john"],
    ]
    assert found(client, "-phone:null") == [people["jenny"]]


def test_created_ranges(client: stripe.StripeClient, people: dict[str, str]) -> None:
    assert found(client, "created>1700000001") == [people["quote"], people["marie"]]
    assert found(client, "created>=1700000001 AND created<1700000003") == [
        people["marie"],
        people["john"],
    ]
    assert found(client, "created<=1700000000") == [people["jenny"]]
    assert found(client, "created=1700000002") == [people["marie"]]


def test_quoted_values_with_escapes(client: stripe.StripeClient, people: dict[str, str]) -> None:
    assert found(client, "name:'Ann \"Ace\" Lee'") == [people["quote"]]
    assert found(client, 'name:"Ann \\"Ace\\" Lee"') == [people["quote"]]
    assert found(client, 'metadata["desk"]:"phone"') == [people["john"]]


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ("email:jenny@example.com", "must be quoted"),
        ("(name:'a' OR name:'b')", "Parentheses"),
        ("planet:'mars'", "not a searchable field"),
        ("name:'unterminated", "Unterminated"),
        ("name>'a'", "numeric"),
        ("name:'a' AND", "no clause after it"),
        ("", "empty"),
        (" ".join(f"name:'n{i}'" for i in range(11)), "at most 10 clauses"),
        ("metadata:'x'", "metadata['key']"),
    ],
)
def test_malformed_queries_are_400_with_a_hint(
    client: stripe.StripeClient, query: str, hint: str
) -> None:
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.customers.search({"query": query})
    assert caught.value.http_status == 400
    assert caught.value.param == "query"
    assert hint in str(caught.value.user_message)


def test_deleted_customers_are_not_found(
    client: stripe.StripeClient, people: dict[str, str]
) -> None:
    client.v1.customers.delete(people["jenny"])
    assert found(client, "metadata['desk']:'front'") == [people["marie"]]


def test_search_result_pagination(client: stripe.StripeClient, people: dict[str, str]) -> None:
    first = client.v1.customers.search({"query": "created>0", "limit": 3})
    assert first.object == "search_result"
    assert first.url == "/v1/customers/search"
    assert first.has_more is True and first.next_page
    second = client.v1.customers.search({"query": "created>0", "limit": 3, "page": first.next_page})
    assert second.has_more is False and second.next_page is None
    assert [c.id for c in first.data + second.data] == [
        people["quote"],
        people["marie"],
        people["john"],
        people["jenny"],
    ]


def test_auto_paging_iter_walks_every_page(
    client: stripe.StripeClient, people: dict[str, str]
) -> None:
    result = client.v1.customers.search({"query": "-name:'nobody'", "limit": 2})
    assert len(result.data) == 2
    assert [c.id for c in result.auto_paging_iter()] == [
        people["quote"],
        people["marie"],
        people["john"],
        people["jenny"],
    ]
