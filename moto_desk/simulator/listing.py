"""Lists and search results paginated exactly as Stripe does, so SDK auto-pagination works.

The SDK's ``auto_paging_iter`` calls the returned ``url`` again with the original filters
plus ``starting_after=<last id>`` (lists) or ``page=<next_page>`` (search), and stops when
``has_more`` is false.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from .errors import invalid_request


def parse_limit(params: dict[str, Any], default: int = 10) -> int:
    raw = params.get("limit", default)
    try:
        limit = int(raw)
    except (TypeError, ValueError):
        raise invalid_request(
            "Invalid integer: " + str(raw), code="parameter_invalid_integer", param="limit"
        ) from None
    if not 1 <= limit <= 100:
        raise invalid_request(
            "This value must be between 1 and 100 (it currently is " + str(limit) + ").",
            code="parameter_invalid_integer",
            param="limit",
        )
    return limit


def list_page(items: Sequence[dict[str, Any]], params: dict[str, Any], url: str) -> dict[str, Any]:
    """A Stripe list object over ``items`` (already filtered, newest first)."""
    limit = parse_limit(params)
    after = params.get("starting_after")
    before = params.get("ending_before")
    if after and before:
        raise invalid_request(
            "You may only specify one of these parameters: ending_before, starting_after.",
            param="ending_before",
        )
    ids = [item["id"] for item in items]
    if after:
        if after not in ids:
            raise invalid_request(
                f"No such object: '{after}'", code="resource_missing", param="starting_after"
            )
        start = ids.index(after) + 1
        window = list(items[start : start + limit])
        has_more = start + limit < len(items)
    elif before:
        if before not in ids:
            raise invalid_request(
                f"No such object: '{before}'", code="resource_missing", param="ending_before"
            )
        end = ids.index(before)
        start = max(0, end - limit)
        window = list(items[start:end])
        has_more = start > 0
    else:
        window = list(items[:limit])
        has_more = len(items) > limit
    return {"object": "list", "data": window, "has_more": has_more, "url": url}


def _encode_page(offset: int) -> str:
    return "page_" + base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def _decode_page(token: str) -> int:
    try:
        raw = token.removeprefix("page_")
        decoded = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
        return int(decoded.removeprefix("o:"))
    except (ValueError, UnicodeDecodeError):
        raise invalid_request("Invalid page: " + token, param="page") from None


def search_page(
    items: Sequence[dict[str, Any]], params: dict[str, Any], url: str
) -> dict[str, Any]:
    """A Stripe ``search_result`` over ``items`` (already matched, newest first)."""
    limit = parse_limit(params)
    offset = _decode_page(params["page"]) if params.get("page") else 0
    window = list(items[offset : offset + limit])
    has_more = offset + limit < len(items)
    return {
        "object": "search_result",
        "data": window,
        "has_more": has_more,
        "next_page": _encode_page(offset + limit) if has_more else None,
        "url": url,
    }
