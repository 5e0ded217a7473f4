"""The Stripe permissions moto-desk needs, and their names in words an administrator can act on.

Stripe advises a restricted key (``rk_…``) rather than the account's secret key (``sk_…``): a
restricted key can do only what it was given, so a desk computer that is stolen or copied cannot
be used to pay out or read every customer (https://docs.stripe.com/keys/restricted-api-keys:
"Stripe recommends always using RAKs instead of unrestricted secret keys"; "Use restricted keys
wherever possible"). When a restricted key lacks a permission, Stripe answers HTTP 403 whose
message names it as ``rak_<resource>_<read|write>`` ("Having the 'rak_event_read' permission would
allow this request to continue"), which is not something to show a clerk as it stands.

Permission names: Stripe's permissions reference (https://docs.stripe.com/stripe-apps/reference/
permissions, "Object permissions") lists ``customer_*``, ``setup_intent_*``, ``payment_intent_*``,
``payment_method_*``, ``terminal_reader_*`` ("Reader"), ``terminal_location_*`` ("Location") and
``charge_*``, each as read/write; the restricted-key guide maps GET to read and POST/DELETE to
write, says Write includes Read, and names them in the Dashboard as e.g. "PaymentIntents: Write"
and "Customers: Read". Refunds are not in that reference (Stripe Apps issue stripe/stripe-apps#443
asks for a refund permission); ``rak_refund_write`` is the name Stripe's 403 uses for
``POST /v1/refunds`` as reported by integrations that met it — not confirmed by Stripe's own
documentation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Access = Literal["read", "write"]

#: The resource part of ``rak_<resource>_<access>`` → the resource's name in Stripe's Dashboard.
#: Left in English on purpose: the administrator looks for these words in the Dashboard's
#: restricted-key form, whatever language the desk shows.
RESOURCE_NAMES: dict[str, str] = {
    "customer": "Customers",
    "setup_intent": "SetupIntents",
    "payment_intent": "PaymentIntents",
    "payment_method": "PaymentMethods",
    "refund": "Refunds",
    "terminal_reader": "Terminal Readers",
    "terminal_location": "Terminal Locations",
    "charge": "Charges",
    "event": "Events",
    "balance": "Balance",
    "dispute": "Disputes",
    "mandate": "Mandates",
    "product": "Products",
    "terminal_configuration": "Terminal Configurations",
    "terminal_connection_token": "Terminal Connection Tokens",
}

_CODE = re.compile(r"^rak_([a-z_]+)_(read|write)$")


@dataclass(frozen=True)
class Permission:
    """One restricted-key permission: ``resource`` as in ``rak_<resource>_<access>``."""

    resource: str
    access: Access
    #: What moto-desk does with it (shown by doctor next to a missing permission).
    used_for: str = ""

    @property
    def code(self) -> str:
        """Stripe's name for it, as in a 403's message: ``rak_terminal_reader_write``."""
        return f"rak_{self.resource}_{self.access}"

    @property
    def label(self) -> str:
        """The Dashboard's words: ``Terminal Readers: write``."""
        name = RESOURCE_NAMES.get(self.resource, self.resource.replace("_", " ").title())
        return f"{name}: {self.access}"


#: What a desk's restricted key needs, each from the call moto-desk makes with it.
REQUIRED_PERMISSIONS: tuple[Permission, ...] = (
    Permission("customer", "write", "create and find customers"),
    Permission("setup_intent", "write", "save a card (SetupIntent)"),
    Permission("payment_intent", "write", "charge a saved card (PaymentIntent)"),
    Permission("payment_method", "write", "list a customer's saved cards and remove one"),
    Permission("refund", "write", "refund a payment"),
    Permission("terminal_reader", "write", "send a save to a reader and cancel it"),
    Permission("terminal_location", "read", "show each reader's location"),
    Permission("charge", "read", "read what a payment can still refund (its charge)"),
)


def parse_permission(code: str) -> Permission | None:
    """The permission Stripe named as ``rak_…``, or None for another text."""
    found = _CODE.match(code)
    if found is None:
        return None
    access: Access = "read" if found.group(2) == "read" else "write"
    return Permission(found.group(1), access)


def permission_label(code: str) -> str:
    """``rak_terminal_reader_write`` → ``Terminal Readers: write``; any other text unchanged."""
    found = parse_permission(code)
    return found.label if found is not None else code
