"""Routes: which handler answers which method and path, with which accepted parameters."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .schema import Schema
from .state import State


@dataclass
class Request:
    """What a handler sees: decoded parameters, path ids, the account state and the clock."""

    method: str
    path: str
    params: dict[str, Any]
    path_params: dict[str, str]
    state: State
    now: float
    request_id: str
    api_key: str = ""
    idempotency_key: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def created(self) -> int:
        return int(self.now)


Handler = Callable[[Request], dict[str, Any]]


@dataclass
class Route:
    method: str
    template: str
    pattern: re.Pattern[str]
    handler: Handler
    schema: Schema | None
    permission: str | None
    # Parameters Stripe refuses with a code of their own rather than parameter_unknown.
    refused: dict[str, tuple[str, str]] = field(default_factory=dict)


class Router:
    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(
        self,
        method: str,
        template: str,
        handler: Handler,
        schema: Schema | None,
        *,
        permission: str | None = None,
        refused: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        """Register ``handler`` for ``template`` such as ``/v1/customers/{id}``.

        ``permission`` names the restricted-key permission family (``customer``,
        ``terminal_reader``…); reads need ``_read``, writes ``_write``.
        """
        regex = "^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template) + "$"
        self.routes.append(
            Route(
                method,
                template,
                re.compile(regex),
                handler,
                schema,
                permission,
                dict(refused or {}),
            )
        )

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        for route in self.routes:
            if route.method != method:
                continue
            found = route.pattern.match(path)
            if found:
                return route, found.groupdict()
        return None

    def path_known(self, path: str) -> bool:
        return any(route.pattern.match(path) for route in self.routes)
