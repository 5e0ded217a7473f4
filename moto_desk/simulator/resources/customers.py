"""Customers: create, retrieve, update, delete, list, search, and their payment methods.

Shapes follow Stripe's published customer object (stripe-notes §1.3). A deleted customer
stays stored as ``{id, object, deleted: true}`` so that retrieving it answers as Stripe
does, while every other endpoint treats it as missing.
"""

from __future__ import annotations

import secrets
import string
from typing import Any

from ..errors import invalid_request, resource_missing
from ..listing import list_page, search_page
from ..routing import Request, Router
from ..schema import from_sdk
from ..state import State
from . import values
from .payment_methods import customer_payment_methods, detach_for_deleted_customer
from .search_query import SearchField, search

PREFIX_LENGTH = 14
TAX_EXEMPT = ("none", "exempt", "reverse")

SEARCH_FIELDS = {
    "created": SearchField("number"),
    "email": SearchField("string", substring=True),
    "metadata": SearchField("metadata"),
    "name": SearchField("string", substring=True),
    "phone": SearchField("string", substring=True),
}

# Parameters of the SDK's create/update params the simulator does not model: refused with
# a clear message rather than silently ignored.
_UNSUPPORTED = ("source", "tax_id_data", "cash_balance", "default_source")


def _invoice_prefix() -> str:
    alphabet = string.ascii_uppercase + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(8))


def require_customer(state: State, customer_id: Any, param: str = "id") -> dict[str, Any]:
    """A live (not deleted) customer, or Stripe's 404."""
    return state.require("customer", customer_id, "customer", param)


# ---------------------------------------------------------------------------- fields
def _refuse_unsupported(params: dict[str, Any]) -> None:
    for name in _UNSUPPORTED:
        if name in params:
            raise values.bad_value(
                f"The moto-desk simulator does not support '{name}' on customers "
                "(Sources, tax IDs and cash balances are not simulated).",
                name,
            )


def _shipping(params: dict[str, Any]) -> tuple[bool, dict[str, Any] | None]:
    if "shipping" not in params:
        return False, None
    if params["shipping"] == "":
        return True, None
    raw = values.hash_param(params, "shipping")
    if "address" not in raw:
        raise values.bad_value(
            "Missing required param: shipping[address].", "shipping[address]", "parameter_missing"
        )
    name = values.text(raw, "name", param="shipping[name]", max_length=5000)
    if name is None:
        raise values.bad_value(
            "Missing required param: shipping[name].", "shipping[name]", "parameter_missing"
        )
    phone = values.nullable_text(raw, "phone", param="shipping[phone]")[1]
    return True, {
        "address": values.address(values.hash_param(raw, "address"), "shipping[address]"),
        "name": name,
        "phone": phone,
    }


def _preferred_locales(params: dict[str, Any]) -> list[str] | None:
    locales = values.string_list(params, "preferred_locales")
    if locales is not None and len(locales) > 30:
        raise values.bad_value(
            "preferred_locales can have at most 30 entries.", "preferred_locales"
        )
    return locales


def _check_default_payment_method(
    state: State, customer_id: str | None, pm_id: str, attaching: str | None = None
) -> None:
    """The default must be one of the customer's payment methods (or the one being attached)."""
    if pm_id == attaching:
        return
    pm = state.get(pm_id)
    if pm is None or pm.get("object") != "payment_method":
        raise resource_missing("PaymentMethod", pm_id, "invoice_settings[default_payment_method]")
    if pm.get("customer") != customer_id:
        raise invalid_request(
            f"The customer does not have a payment method with the ID {pm_id}. The payment "
            "method must be attached to the customer.",
            param="invoice_settings[default_payment_method]",
        )


def _invoice_settings_update(params: dict[str, Any]) -> dict[str, Any]:
    """The invoice_settings fields a request sets (values checked, not yet applied)."""
    raw = params.get("invoice_settings")
    if raw is None:
        return {}
    if raw == "":
        return {
            "default_payment_method": None,
            "footer": None,
            "custom_fields": None,
            "rendering_options": None,
        }
    raw = values.hash_param(params, "invoice_settings")
    changes: dict[str, Any] = {}
    for key in ("default_payment_method", "footer"):
        present, value = values.nullable_text(raw, key, param=f"invoice_settings[{key}]")
        if present:
            changes[key] = value
    if "custom_fields" in raw:
        changes["custom_fields"] = _custom_fields(raw["custom_fields"])
    if "rendering_options" in raw:
        changes["rendering_options"] = _rendering_options(raw["rendering_options"])
    return changes


def _custom_fields(raw: Any) -> list[dict[str, str]] | None:
    if raw == "":
        return None
    if not isinstance(raw, list) or len(raw) > 4:
        raise values.bad_value(
            "invoice_settings[custom_fields] must be a list of at most 4 name/value pairs.",
            "invoice_settings[custom_fields]",
        )
    fields = []
    for index, item in enumerate(raw):
        label = f"invoice_settings[custom_fields][{index}]"
        if not isinstance(item, dict):
            raise values.bad_value(f"Invalid hash: {item!r}", label)
        name = values.text(item, "name", param=f"{label}[name]", max_length=40)
        value = values.text(item, "value", param=f"{label}[value]", max_length=140)
        if name is None or value is None:
            raise values.bad_value(
                f"Missing required param: {label}[{'name' if name is None else 'value'}].",
                label,
                "parameter_missing",
            )
        fields.append({"name": name, "value": value})
    return fields


def _rendering_options(raw: Any) -> dict[str, Any] | None:
    if raw == "":
        return None
    options = values.hash_param({"r": raw}, "r", param="invoice_settings[rendering_options]")
    display = values.choice(
        options,
        "amount_tax_display",
        ("exclude_tax", "include_inclusive_tax"),
        param="invoice_settings[rendering_options][amount_tax_display]",
    )
    template = values.text(
        options, "template", param="invoice_settings[rendering_options][template]"
    )
    return {"amount_tax_display": display, "template": template}


def _scalar_changes(params: dict[str, Any]) -> dict[str, Any]:
    """Top-level fields of create/update, checked; ``""`` unsets the nullable ones."""
    changes: dict[str, Any] = {}
    limits = {"email": 512, "name": 256, "phone": 20, "description": 350,
              "business_name": 150, "individual_name": 150}  # fmt: skip
    for key, limit in limits.items():
        present, value = values.nullable_text(params, key, max_length=limit)
        if present:
            changes[key] = value
    if "address" in params:
        raw = params["address"]
        changes["address"] = (
            None if raw == "" else values.address(values.hash_param(params, "address"), "address")
        )
    present, shipping = _shipping(params)
    if present:
        changes["shipping"] = shipping
    balance = values.integer(params, "balance")
    if balance is not None:
        changes["balance"] = balance
    prefix = values.text(params, "invoice_prefix")
    if prefix is not None:
        if not (3 <= len(prefix) <= 12 and prefix.isalnum() and prefix.upper() == prefix):
            raise values.bad_value(
                "Invoice prefix must be 3 to 12 uppercase letters or numbers.", "invoice_prefix"
            )
        changes["invoice_prefix"] = prefix
    sequence = values.integer(params, "next_invoice_sequence", minimum=1)
    if sequence is not None:
        changes["next_invoice_sequence"] = sequence
    locales = _preferred_locales(params)
    if locales is not None:
        changes["preferred_locales"] = locales
    exempt = values.choice(params, "tax_exempt", TAX_EXEMPT)
    if exempt is not None:
        changes["tax_exempt"] = exempt
    return changes


# ---------------------------------------------------------------------------- handlers
def _new_customer(state: State, created: int) -> dict[str, Any]:
    return {
        "id": state.new_id("cus", PREFIX_LENGTH),
        "object": "customer",
        "address": None,
        "balance": 0,
        "business_name": None,
        "created": created,
        "currency": None,
        "customer_account": None,
        "default_source": None,
        "delinquent": False,
        "description": None,
        "discount": None,
        "email": None,
        "individual_name": None,
        "invoice_prefix": _invoice_prefix(),
        "invoice_settings": {
            "custom_fields": None,
            "default_payment_method": None,
            "footer": None,
            "rendering_options": None,
        },
        "livemode": False,
        "metadata": {},
        "name": None,
        "next_invoice_sequence": 1,
        "phone": None,
        "preferred_locales": [],
        "shipping": None,
        "tax_exempt": "none",
        "test_clock": None,
    }


def _payment_method_to_attach(state: State, params: dict[str, Any]) -> dict[str, Any] | None:
    pm_id = values.object_id(params, "payment_method", "pm")
    if pm_id is None:
        return None
    pm = state.require("payment_method", pm_id, "PaymentMethod", "payment_method")
    if pm.get("customer") is not None or state.peek_private(pm_id).get("unusable"):
        raise invalid_request(
            "The payment method you provided has already been attached to a customer."
            if pm.get("customer")
            else "The provided PaymentMethod was previously used with a PaymentIntent without "
            "Customer attachment, shared with a connected account without Customer "
            "attachment, or was detached from a Customer. It may not be used again. To use a "
            "PaymentMethod multiple times, you must attach it to a Customer first.",
            param="payment_method",
        )
    return pm


def create(request: Request) -> dict[str, Any]:
    """POST /v1/customers."""
    params = request.params
    state = request.state
    _refuse_unsupported(params)
    changes = _scalar_changes(params)
    metadata = values.new_metadata(params)
    invoice = _invoice_settings_update(params)
    if "test_clock" in params:
        clock = values.text(params, "test_clock")
        raise resource_missing("test_clock", str(clock), "test_clock")
    pm = _payment_method_to_attach(state, params)
    if invoice.get("default_payment_method"):
        _check_default_payment_method(
            state, None, invoice["default_payment_method"], pm["id"] if pm else None
        )
    customer = _new_customer(state, request.created)
    if pm is not None:
        pm["customer"] = customer["id"]
        state.touch(pm["id"])
    customer.update(changes)
    customer["metadata"] = metadata
    customer["invoice_settings"].update(invoice)
    return state.add(customer)


def retrieve(request: Request) -> dict[str, Any]:
    """GET /v1/customers/{customer}: a deleted customer answers ``deleted: true``."""
    customer_id = request.path_params["customer"]
    obj = request.state.get(customer_id)
    if obj is None or obj.get("object") != "customer":
        raise resource_missing("customer", customer_id)
    return obj


def update(request: Request) -> dict[str, Any]:
    """POST /v1/customers/{customer}: only the given fields change; metadata merges."""
    params = request.params
    state = request.state
    customer = require_customer(state, request.path_params["customer"])
    _refuse_unsupported(params)
    changes = _scalar_changes(params)
    metadata = values.merged_metadata(customer["metadata"], params)
    invoice = _invoice_settings_update(params)
    if invoice.get("default_payment_method"):
        _check_default_payment_method(state, customer["id"], invoice["default_payment_method"])
    customer.update(changes)
    if metadata is not None:
        customer["metadata"] = metadata
    customer["invoice_settings"].update(invoice)
    state.touch(customer["id"])
    return customer


def delete(request: Request) -> dict[str, Any]:
    """DELETE /v1/customers/{customer}: permanent; its payment methods are detached."""
    state = request.state
    customer = require_customer(state, request.path_params["customer"])
    detach_for_deleted_customer(state, customer["id"])
    deleted = {"id": customer["id"], "object": "customer", "deleted": True}
    state.replace(deleted)
    return deleted


def _live_customers(state: State) -> list[dict[str, Any]]:
    return [c for c in state.newest_first("customer") if not c.get("deleted")]


def list_customers(request: Request) -> dict[str, Any]:
    """GET /v1/customers: newest first; ``email`` is an exact, case-sensitive match."""
    params = request.params
    email = values.text(params, "email", max_length=512)
    created = values.range_filter(params, "created")
    clock = values.text(params, "test_clock")
    items = _live_customers(request.state)
    if email is not None:
        items = [c for c in items if c["email"] == email]
    if created is not None:
        items = [c for c in items if created(c["created"])]
    if clock is not None:
        items = [c for c in items if c["test_clock"] == clock]
    return list_page(items, params, "/v1/customers")


def search_customers(request: Request) -> dict[str, Any]:
    """GET /v1/customers/search: Stripe's query language over email/name/phone/metadata."""
    params = request.params
    found = search(_live_customers(request.state), params.get("query"), SEARCH_FIELDS)
    return search_page(found, params, "/v1/customers/search")


def list_payment_methods(request: Request) -> dict[str, Any]:
    """GET /v1/customers/{customer}/payment_methods."""
    customer = require_customer(request.state, request.path_params["customer"], "customer")
    items = customer_payment_methods(request.state, customer["id"], request.params)
    return list_page(items, request.params, f"/v1/customers/{customer['id']}/payment_methods")


def retrieve_payment_method(request: Request) -> dict[str, Any]:
    """GET /v1/customers/{customer}/payment_methods/{payment_method}."""
    state = request.state
    customer = require_customer(state, request.path_params["customer"], "customer")
    pm_id = request.path_params["payment_method"]
    pm = state.require("payment_method", pm_id, "PaymentMethod", "payment_method")
    if pm.get("customer") != customer["id"]:
        raise resource_missing("PaymentMethod", pm_id, "payment_method")
    return pm


def register(router: Router) -> None:
    """Routes of the customer family (search before retrieve: the first match wins)."""
    routes = [
        ("POST", "/v1/customers", create, "CustomerCreateParams", "customer"),
        ("GET", "/v1/customers/search", search_customers, "CustomerSearchParams", "customer"),
        ("GET", "/v1/customers", list_customers, "CustomerListParams", "customer"),
        ("GET", "/v1/customers/{customer}", retrieve, "CustomerRetrieveParams", "customer"),
        ("POST", "/v1/customers/{customer}", update, "CustomerUpdateParams", "customer"),
        ("DELETE", "/v1/customers/{customer}", delete, "CustomerDeleteParams", "customer"),
        (
            "GET",
            "/v1/customers/{customer}/payment_methods",
            list_payment_methods,
            "CustomerPaymentMethodListParams",
            "payment_method",
        ),
        (
            "GET",
            "/v1/customers/{customer}/payment_methods/{payment_method}",
            retrieve_payment_method,
            "CustomerPaymentMethodRetrieveParams",
            "payment_method",
        ),
    ]
    for method, template, handler, params_class, permission in routes:
        router.add(method, template, handler, from_sdk(params_class), permission=permission)
