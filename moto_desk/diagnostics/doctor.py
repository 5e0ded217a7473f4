"""Doctor: is this desk set up to work — the key, Stripe, the readers, the key's permissions?

The checks return data (:class:`DoctorReport`) rather than printing, so the same report feeds
``moto-desk doctor`` (as text or ``--json``), the support bundle, and could feed a window.
Every check is a read: doctor never creates, changes or charges anything in the account.

Key advice: Stripe recommends a restricted key over the account's secret key (see
:mod:`moto_desk.domain.permissions`), so a desk running on ``sk_…`` gets a warning listing
exactly what a restricted key for moto-desk needs. For a restricted key, doctor asks Stripe
for one object of each resource moto-desk uses: a refusal names the missing permission. Write
access cannot be tested without writing, so it is checked when first used, and the clerk's
message then names the permission in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from moto_desk.domain.errors import MotoDeskError, PermissionDenied
from moto_desk.domain.permissions import REQUIRED_PERMISSIONS, Permission, parse_permission
from moto_desk.gateway.keys import Mode

if TYPE_CHECKING:
    from moto_desk.flows.context import FlowContext

Status = Literal["ok", "warn", "fail", "info"]

_LABELS: dict[Status, str] = {"ok": "ok", "warn": "WARN", "fail": "FAIL", "info": "info"}

MOTO_NOTE = (
    "MOTO access is checked when a save is started (Stripe publishes no way to ask without "
    "sending a card to a reader)."
)


@dataclass(frozen=True)
class Finding:
    """One thing doctor found. ``topic`` is a stable machine name (``key``, ``access``,
    ``readers``, ``permissions``, ``moto``); ``details`` are further lines (one per reader,
    one per missing permission)."""

    status: Status
    topic: str
    message: str
    details: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "status": self.status,
            "topic": self.topic,
            "message": self.message,
            "details": list(self.details),
        }


@dataclass
class DoctorReport:
    """What doctor found; ``ok`` when nothing failed (a warning is advice, not a failure)."""

    mode: str
    key: str  # masked: ``sk_test_…abcd``
    api: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.status == "fail" for f in self.findings)

    def add(self, status: Status, topic: str, message: str, details: tuple[str, ...] = ()) -> None:
        self.findings.append(Finding(status, topic, message, details))

    def lines(self) -> list[str]:
        """The report as ``moto-desk doctor`` prints it: a heading, then one line per finding
        (``ok    Stripe reachable and the key accepted``), details indented below."""
        out = [f"mode: {self.mode}  key: {self.key}  api: {self.api}"]
        for finding in self.findings:
            out.append(f"{_LABELS[finding.status]:<6}{finding.message}")
            out.extend(f"      {line}" for line in finding.details)
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "mode": self.mode,
            "key": self.key,
            "api": self.api,
            "findings": [finding.to_json() for finding in self.findings],
        }


def _needed(permissions: tuple[Permission, ...] = REQUIRED_PERMISSIONS) -> str:
    return ", ".join(p.label for p in permissions)


def _key_advice(report: DoctorReport, ctx: FlowContext) -> None:
    gateway = ctx.gateway
    if gateway.mode is Mode.DEMO:
        report.add(
            "info",
            "key",
            "Demo mode: the built-in simulator answers, with no Stripe key, so there is no "
            "key advice to give.",
        )
    elif gateway.key.restricted:
        report.add("ok", "key", "The key is a restricted key (rk_…), as Stripe advises.")
    else:
        report.add(
            "warn",
            "key",
            f"This desk uses the account's full secret key ({gateway.key.masked}), which can do "
            "anything in the Stripe account. Stripe advises a restricted key (rk_…) that can "
            "do only what moto-desk needs; create one in the Stripe Dashboard (Developers → "
            f"API keys → Create restricted key) with: {_needed()}.",
            tuple(f"{p.label:<26} {p.used_for}" for p in REQUIRED_PERMISSIONS),
        )


def _check_permissions(report: DoctorReport, ctx: FlowContext) -> None:
    """Probe read access to each resource moto-desk uses (restricted keys only)."""
    missing: list[Permission] = []
    for needed in REQUIRED_PERMISSIONS:
        try:
            ctx.gateway.check_read_access(needed.resource)
        except PermissionDenied as error:
            named = parse_permission(error.permission or "")
            # Stripe names the read it refused; report what moto-desk needs of that resource.
            if named is None or named.resource == needed.resource:
                missing.append(needed)
            else:
                missing.append(Permission(named.resource, named.access, needed.used_for))
        except MotoDeskError as error:
            message = f"Could not check the key's permissions: {error.clerk_message}"
            report.add("fail", "permissions", message)
            return
    if missing:
        report.add(
            "fail",
            "permissions",
            f"The restricted key lacks permissions moto-desk needs: {_needed(tuple(missing))}. "
            "Add them to the key in the Stripe Dashboard (Developers → API keys → Edit key).",
            tuple(f"{p.label:<26} {p.code:<30} {p.used_for}" for p in missing),
        )
        return
    writes = tuple(p for p in REQUIRED_PERMISSIONS if p.access == "write")
    report.add(
        "ok",
        "permissions",
        "The restricted key can read every resource moto-desk uses. Write access "
        f"({_needed(writes)}) is checked when first used: Stripe offers no way to test it "
        "without changing something in the account.",
    )


def run_doctor(ctx: FlowContext) -> DoctorReport:
    """Key kind and advice, Stripe reachable, readers and their status, a restricted key's
    permissions, MOTO access. Never raises a ``MotoDeskError``: each failure is a finding."""
    from moto_desk.flows.readers import list_readers

    gateway = ctx.gateway
    report = DoctorReport(gateway.mode.value, gateway.key.masked, repr(gateway))
    _key_advice(report, ctx)
    try:
        gateway.check_access()
        report.add("ok", "access", "Stripe reachable and the key accepted")
    except PermissionDenied as error:
        # Reachable, and the key is valid: it only may not read customers. Carry on, so the
        # permission check below lists everything that is missing at once.
        report.add("fail", "access", f"Stripe access: {error.clerk_message}")
    except MotoDeskError as error:
        report.add("fail", "access", f"Stripe access: {error.clerk_message}")
        return report
    try:
        readers = list_readers(ctx)
        report.add(
            "ok",
            "readers",
            f"{len(readers)} reader(s)",
            tuple(
                f"{r.label} ({r.device_type}, {r.location_name or 'no location'}): {r.status}"
                for r in readers
            ),
        )
    except MotoDeskError as error:
        report.add("fail", "readers", f"readers: {error.clerk_message}")
    if gateway.key.restricted and gateway.mode is not Mode.DEMO:
        _check_permissions(report, ctx)
    report.add("info", "moto", MOTO_NOTE)
    return report
