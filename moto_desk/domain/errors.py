"""The clerk-facing error taxonomy.

Every failure the clerk may see is a :class:`MotoDeskError` with a :class:`ErrorKind` and a
message that says, in plain words, what happened and what to do next. One router in the GUI
shows it — through :func:`render`, which translates the English template (see
:mod:`moto_desk.domain.words`); ``clerk_message`` is the English text for logs and the CLI.
Anything that is not a ``MotoDeskError`` is a bug of ours and is logged and reported instead.
:class:`UserCancelled` is neither: the clerk closed a dialog on purpose, so it is ignored
silently.

The gateway maps Stripe's errors into these kinds in exactly one place; this module only defines
them, so the words a clerk reads do not depend on how Stripe phrases its messages.

Kinds that carry facts the GUI needs (a decline code, which permission is missing, whether this
desk holds a busy reader, which field is wrong) have a small subclass with typed fields; the
other kinds use ``MotoDeskError`` directly with the default message of their kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType

from moto_desk.domain.words import QT_TRANSLATE_NOOP, Translate, render_template


class ErrorKind(Enum):
    """What went wrong, as the routing code and the clerk need to tell it apart."""

    DECLINED = "declined"
    AUTHENTICATION_REQUIRED = "authentication_required"
    READER_BUSY = "reader_busy"
    READER_OFFLINE = "reader_offline"
    READER_TIMEOUT = "reader_timeout"
    CANCELED = "canceled"
    NETWORK = "network"
    AUTHENTICATION = "authentication"
    PERMISSION = "permission"
    MOTO_NOT_ENABLED = "moto_not_enabled"
    INVALID_INPUT = "invalid_input"
    RATE_LIMITED = "rate_limited"
    OUTCOME_UNKNOWN = "outcome_unknown"
    NOT_FOUND = "not_found"
    CONFIGURATION = "configuration"
    STORAGE = "storage"
    #: The signed-in clerk may not do this alone (roles and approvals, ``domain.roles``).
    NOT_ALLOWED = "not_allowed"
    BUG = "bug"

    @property
    def environment_fault(self) -> bool:
        """True when the cause lies outside the program (network, disk, account set-up).

        Separating these from ``BUG`` lets the GUI offer "try again" for the former and a bug
        report only for the latter.
        """
        return self in _ENVIRONMENT_KINDS


_ENVIRONMENT_KINDS = frozenset(
    {
        ErrorKind.READER_OFFLINE,
        ErrorKind.READER_TIMEOUT,
        ErrorKind.NETWORK,
        ErrorKind.RATE_LIMITED,
        ErrorKind.STORAGE,
        ErrorKind.CONFIGURATION,
        ErrorKind.AUTHENTICATION,
        ErrorKind.PERMISSION,
        ErrorKind.MOTO_NOT_ENABLED,
    }
)

DEFAULT_MESSAGES: dict[ErrorKind, str] = {
    ErrorKind.DECLINED: QT_TRANSLATE_NOOP(
        "clerk",
        "The card was declined. Ask the customer for another card, "
        "or ask them to contact their bank.",
    ),
    ErrorKind.AUTHENTICATION_REQUIRED: QT_TRANSLATE_NOOP(
        "clerk",
        "The customer's bank wants the customer to approve this payment themselves, which "
        "cannot be done over the phone. Ask the customer to pay in person or online, "
        "or to use another card.",
    ),
    ErrorKind.READER_BUSY: QT_TRANSLATE_NOOP(
        "clerk",
        "The card reader is busy with another payment. Wait for it to finish, "
        "or cancel what it is doing, then try again.",
    ),
    ErrorKind.READER_OFFLINE: QT_TRANSLATE_NOOP(
        "clerk",
        "The card reader is offline. Check that it is switched on and connected to the "
        "network, then try again.",
    ),
    ErrorKind.READER_TIMEOUT: QT_TRANSLATE_NOOP(
        "clerk",
        "The card reader did not answer in time. Check the reader's screen: if it shows the "
        "card entry, carry on; otherwise try again.",
    ),
    ErrorKind.CANCELED: QT_TRANSLATE_NOOP(
        "clerk", "The operation was canceled. Nothing was charged or saved."
    ),
    ErrorKind.NETWORK: QT_TRANSLATE_NOOP(
        "clerk",
        "moto-desk could not reach Stripe. Check this computer's internet connection, "
        "then try again.",
    ),
    ErrorKind.AUTHENTICATION: QT_TRANSLATE_NOOP(
        "clerk",
        "Stripe did not accept this desk's API key: it may be wrong or revoked. "
        "Ask your administrator to set a valid key.",
    ),
    ErrorKind.PERMISSION: QT_TRANSLATE_NOOP(
        "clerk",
        "This desk's API key is not allowed to do this. "
        "Ask your administrator to grant the missing permission.",
    ),
    ErrorKind.MOTO_NOT_ENABLED: QT_TRANSLATE_NOOP(
        "clerk",
        "Mail and telephone orders (MOTO) are not enabled on this Stripe account. "
        "Ask your administrator to request MOTO access from Stripe support.",
    ),
    ErrorKind.INVALID_INPUT: QT_TRANSLATE_NOOP(
        "clerk", "Some of the details entered are not valid. Check them and try again."
    ),
    ErrorKind.RATE_LIMITED: QT_TRANSLATE_NOOP(
        "clerk",
        "Stripe is receiving too many requests from this account right now. "
        "Wait a few seconds, then try again.",
    ),
    ErrorKind.OUTCOME_UNKNOWN: QT_TRANSLATE_NOOP(
        "clerk",
        "We could not find out whether this went through. Do not try again by hand: "
        "moto-desk will check with Stripe and show the result.",
    ),
    ErrorKind.NOT_FOUND: QT_TRANSLATE_NOOP(
        "clerk",
        "Stripe does not know this item: it may have been deleted. Refresh the list and try again.",
    ),
    ErrorKind.CONFIGURATION: QT_TRANSLATE_NOOP(
        "clerk",
        "moto-desk is not set up correctly on this computer. Ask your administrator to check "
        "its settings.",
    ),
    ErrorKind.STORAGE: QT_TRANSLATE_NOOP(
        "clerk",
        "moto-desk could not read or write its data file on this computer. Check that the "
        "disk is not full, then restart moto-desk.",
    ),
    ErrorKind.NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "clerk",
        "You may not do this alone. Ask a supervisor to approve it, or the shop's owner.",
    ),
    ErrorKind.BUG: QT_TRANSLATE_NOOP(
        "clerk",
        "Something went wrong inside moto-desk. Please report it to your administrator; "
        "check the payment history before trying again.",
    ),
}


class MotoDeskError(Exception):
    """A failure the clerk can understand and act on.

    ``template`` is the untranslated English message with ``{name}`` placeholders, and
    ``template_args`` the values that fill them, already written as text (an amount formatted
    in English, a reader's label). ``clerk_message`` is the two put together in English, for
    logs, the journal and the CLI; the GUI shows :func:`render` instead, which translates the
    template first. The values are named ``template_args`` rather than ``args`` because
    ``BaseException.args`` is a tuple that Python itself relies on (and turns a mapping
    assigned to it into a tuple of its keys).

    ``detail`` holds technical context for the log (Stripe's code and message, a file path);
    it must never contain a secret, a card number or a CVC. ``request_id`` is Stripe's request
    id when the failure came from an API call, so support can find it in the dashboard.
    ``object_id`` is the Stripe object the failure left behind (the PaymentIntent of a
    declined charge), so the journal can record it.
    """

    kind: ErrorKind
    template: str
    template_args: Mapping[str, str]
    clerk_message: str
    detail: str | None
    request_id: str | None
    object_id: str | None = None

    def __init__(
        self,
        kind: ErrorKind,
        clerk_message: str | None = None,
        *,
        args: Mapping[str, str] | None = None,
        detail: str | None = None,
        request_id: str | None = None,
    ) -> None:
        """``clerk_message`` is the template (a ``QT_TRANSLATE_NOOP`` literal), ``args`` its
        values; without a template the kind's default message is used."""
        template = clerk_message if clerk_message is not None else DEFAULT_MESSAGES[kind]
        values: dict[str, str] = dict(args or {})
        # Formatting here, not lazily, makes a template/argument mismatch fail where the
        # error is raised rather than in the GUI's error handler.
        message = template.format(**values)
        super().__init__(message)
        self.kind = kind
        self.template = template
        self.template_args = MappingProxyType(values)
        self.clerk_message = message
        self.detail = detail
        self.request_id = request_id

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.kind.name}, {self.clerk_message!r})"


def render(error: MotoDeskError, translate: Translate) -> str:
    """The clerk's message for ``error`` in the GUI's language.

    ``translate`` is ``QCoreApplication.translate`` in the GUI (the core cannot import Qt);
    the result is ``translate("clerk", error.template).format(**error.template_args)``, or the
    English ``clerk_message`` when no translation is installed.
    """
    return render_template(error.template, error.template_args, translate)


class Declined(MotoDeskError):
    """The issuer refused the card; ``decline_code`` says why when Stripe tells us."""

    decline_code: str | None
    code: str | None

    def __init__(
        self,
        decline_code: str | None = None,
        code: str | None = None,
        *,
        detail: str | None = None,
        request_id: str | None = None,
    ) -> None:
        template, args = decline_template(decline_code, code)
        super().__init__(
            ErrorKind.DECLINED, template, args=args, detail=detail, request_id=request_id
        )
        self.decline_code = decline_code
        self.code = code


class ReaderBusy(MotoDeskError):
    """The reader is processing another action.

    ``held_by_this_desk`` is True when the action belongs to one of this desk's own open
    operations (the clerk should finish or cancel it), False when another desk or integration
    holds it, None when we cannot tell. ``holder`` names the holder for the clerk when known
    (a desk's name), and is shown as written, untranslated.
    """

    held_by_this_desk: bool | None
    holder: str | None

    def __init__(
        self,
        held_by_this_desk: bool | None = None,
        holder: str | None = None,
        *,
        detail: str | None = None,
        request_id: str | None = None,
    ) -> None:
        args: dict[str, str] = {}
        if held_by_this_desk is True:
            template = QT_TRANSLATE_NOOP(
                "clerk",
                "The card reader is still busy with an earlier operation from this desk. "
                "Finish or cancel it on this desk, then try again.",
            )
        elif held_by_this_desk is False and holder:
            template = QT_TRANSLATE_NOOP(
                "clerk",
                "The card reader is being used by someone else ({holder}). "
                "Wait for them to finish, or choose another reader.",
            )
            args["holder"] = holder
        elif held_by_this_desk is False:
            template = QT_TRANSLATE_NOOP(
                "clerk",
                "The card reader is being used by another desk or program. "
                "Wait for them to finish, or choose another reader.",
            )
        else:
            template = DEFAULT_MESSAGES[ErrorKind.READER_BUSY]
        super().__init__(
            ErrorKind.READER_BUSY, template, args=args, detail=detail, request_id=request_id
        )
        self.held_by_this_desk = held_by_this_desk
        self.holder = holder


class PermissionDenied(MotoDeskError):
    """A restricted key lacks a permission; ``permission`` names it when Stripe does.

    ``permission`` is Stripe's own name (``rak_terminal_reader_write``); the message gives the
    words of Stripe's Dashboard ("Terminal Readers: write", :mod:`moto_desk.domain.permissions`)
    so the administrator knows which box to tick, and Stripe's name in brackets for support.
    """

    permission: str | None

    def __init__(
        self,
        permission: str | None = None,
        *,
        detail: str | None = None,
        request_id: str | None = None,
    ) -> None:
        from moto_desk.domain.permissions import parse_permission  # a rare error; ~1 ms

        args: dict[str, str] = {}
        known = parse_permission(permission) if permission else None
        if permission and known is not None:
            template = QT_TRANSLATE_NOOP(
                "clerk",
                "This desk's API key is not allowed to do this: it lacks the “{permission}” "
                "permission ({code}). Ask your administrator to add it to the key in the "
                "Stripe Dashboard (Developers → API keys).",
            )
            args["permission"] = known.label
            args["code"] = known.code
        elif permission:
            template = QT_TRANSLATE_NOOP(
                "clerk",
                "This desk's API key is not allowed to do this: it lacks the "
                "“{permission}” permission. Ask your administrator to add it to the key.",
            )
            args["permission"] = permission
        else:
            template = DEFAULT_MESSAGES[ErrorKind.PERMISSION]
        super().__init__(
            ErrorKind.PERMISSION, template, args=args, detail=detail, request_id=request_id
        )
        self.permission = permission


class InvalidInput(MotoDeskError):
    """Something the clerk typed cannot be used; ``field`` names the form field to highlight."""

    field: str | None

    def __init__(
        self,
        clerk_message: str,
        *,
        args: Mapping[str, str] | None = None,
        field: str | None = None,
        detail: str | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(
            ErrorKind.INVALID_INPUT,
            clerk_message,
            args=args,
            detail=detail,
            request_id=request_id,
        )
        self.field = field


class OutcomeUnknown(MotoDeskError):
    """A write may or may not have happened; ``entry_id`` is the journal entry to reconcile."""

    entry_id: str | None

    def __init__(
        self,
        entry_id: str | None = None,
        clerk_message: str | None = None,
        *,
        args: Mapping[str, str] | None = None,
        detail: str | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(
            ErrorKind.OUTCOME_UNKNOWN,
            clerk_message,
            args=args,
            detail=detail,
            request_id=request_id,
        )
        self.entry_id = entry_id


class UserCancelled(Exception):
    """The clerk backed out on purpose (closed a dialog, said no to a confirmation).

    Not a failure: the router ignores it silently. A cancel of a reader action is different — the
    clerk must be told what really happened — and uses ``ErrorKind.CANCELED``.
    """


_DECLINE_WORDS: dict[str, str] = {
    "generic_decline": QT_TRANSLATE_NOOP(
        "clerk",
        "The card was declined by the customer's bank, without a reason. Ask the customer "
        "to contact their bank, or to use another card.",
    ),
    "insufficient_funds": QT_TRANSLATE_NOOP(
        "clerk",
        "The card was declined: not enough funds. "
        "Ask the customer for another card, or to try again later.",
    ),
    "lost_card": QT_TRANSLATE_NOOP(
        "clerk",
        "The card was declined: it has been reported lost. Do not try this card again. "
        "Ask the customer for another card.",
    ),
    "stolen_card": QT_TRANSLATE_NOOP(
        "clerk",
        "The card was declined: it has been reported stolen. Do not try this card again. "
        "Ask the customer for another card.",
    ),
    "expired_card": QT_TRANSLATE_NOOP(
        "clerk",
        "The card was declined: it has expired. Check the expiry date with the customer, "
        "or ask for another card.",
    ),
    "incorrect_cvc": QT_TRANSLATE_NOOP(
        "clerk",
        "The card was declined: the security code (CVC) is wrong. "
        "Ask the customer to read it again and retry.",
    ),
    "processing_error": QT_TRANSLATE_NOOP(
        "clerk",
        "The card could not be processed because of an error at the bank. "
        "Try again in a moment; if it happens again, ask for another card.",
    ),
    "incorrect_number": QT_TRANSLATE_NOOP(
        "clerk", "The card number is wrong. Ask the customer to read it again and retry."
    ),
    "card_velocity_exceeded": QT_TRANSLATE_NOOP(
        "clerk",
        "The card was declined: the customer has reached a limit on this card. "
        "Ask the customer to contact their bank, or to use another card.",
    ),
    "authentication_required": DEFAULT_MESSAGES[ErrorKind.AUTHENTICATION_REQUIRED],
    "do_not_honor": QT_TRANSLATE_NOOP(
        "clerk",
        "The card was declined by the customer's bank. "
        "Ask the customer to contact their bank, or to use another card.",
    ),
    "fraudulent": QT_TRANSLATE_NOOP(
        "clerk",
        "The card was declined because the payment looks suspicious to the bank. "
        "Do not try this card again. Ask the customer for another card.",
    ),
}


def decline_template(decline_code: str | None, code: str | None) -> tuple[str, dict[str, str]]:
    """Plain words for a decline, with what to do next: a template and its values.

    ``decline_code`` is the issuer's reason (``insufficient_funds``…) and wins when known;
    ``code`` is Stripe's error code, which names the reason itself for some declines
    (``expired_card``, ``incorrect_cvc``…). An unknown reason keeps its code in brackets so the
    clerk can quote it to support.
    """
    for candidate in (decline_code, code):
        if candidate and candidate in _DECLINE_WORDS:
            return _DECLINE_WORDS[candidate], {}
    shown = decline_code or (code if code and code != "card_declined" else None)
    if shown:
        template = QT_TRANSLATE_NOOP(
            "clerk",
            "The card was declined (reason: {reason}). Ask the customer for another card, "
            "or ask them to contact their bank.",
        )
        return template, {"reason": shown}
    return DEFAULT_MESSAGES[ErrorKind.DECLINED], {}


def decline_message(decline_code: str | None, code: str | None) -> str:
    """The English words of :func:`decline_template`, filled in."""
    template, args = decline_template(decline_code, code)
    return template.format(**args)
