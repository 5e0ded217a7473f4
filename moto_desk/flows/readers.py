"""Readers, with their location names and online/offline status."""

from __future__ import annotations

from moto_desk.domain.models import Reader
from moto_desk.flows.context import FlowContext


def list_readers(ctx: FlowContext) -> list[Reader]:
    """Online readers first, then by label, so the likely choice is at the top."""
    readers = ctx.gateway.list_readers()
    return sorted(readers, key=lambda r: (r.status != "online", r.label.casefold()))
