"""The clerk-facing error taxonomy."""

from __future__ import annotations

import pytest

from moto_desk.domain.errors import (
    DEFAULT_MESSAGES,
    Declined,
    ErrorKind,
    InvalidInput,
    MotoDeskError,
    OutcomeUnknown,
    PermissionDenied,
    ReaderBusy,
    UserCancelled,
    decline_message,
)


def test_every_kind_has_a_default_message() -> None:
    assert set(DEFAULT_MESSAGES) == set(ErrorKind)
    for kind in ErrorKind:
        error = MotoDeskError(kind)
        assert error.kind is kind
        assert error.clerk_message == DEFAULT_MESSAGES[kind]
        assert str(error) == error.clerk_message


def test_custom_message_detail_and_request_id() -> None:
    error = MotoDeskError(
        ErrorKind.CONFIGURATION,
        "This is a publishable key (pk_…). Use a secret or restricted key.",
        detail="key kind pk_test",
        request_id="req_123",
    )
    assert error.clerk_message.startswith("This is a publishable key")
    assert (error.detail, error.request_id) == ("key kind pk_test", "req_123")
    assert "CONFIGURATION" in repr(error)


def test_environment_faults_are_told_apart_from_bugs() -> None:
    assert ErrorKind.STORAGE.environment_fault
    assert ErrorKind.NETWORK.environment_fault
    assert not ErrorKind.BUG.environment_fault
    assert not ErrorKind.DECLINED.environment_fault


@pytest.mark.parametrize(
    ("decline_code", "words"),
    [
        ("generic_decline", "without a reason"),
        ("insufficient_funds", "not enough funds"),
        ("lost_card", "reported lost"),
        ("stolen_card", "reported stolen"),
        ("expired_card", "expired"),
        ("incorrect_cvc", "security code"),
        ("processing_error", "error at the bank"),
        ("incorrect_number", "card number is wrong"),
        ("card_velocity_exceeded", "reached a limit"),
        ("authentication_required", "approve this payment themselves"),
        ("do_not_honor", "declined by the customer's bank"),
        ("fraudulent", "looks suspicious"),
    ],
)
def test_decline_words(decline_code: str, words: str) -> None:
    message = decline_message(decline_code, "card_declined")
    assert words in message
    assert decline_code not in message  # plain words, not codes


def test_decline_code_wins_then_error_code_then_fallback() -> None:
    assert decline_message("insufficient_funds", "expired_card") == decline_message(
        "insufficient_funds", None
    )
    assert "expired" in decline_message(None, "expired_card")
    assert "(reason: pickup_card)" in decline_message("pickup_card", "card_declined")
    assert "(reason: weird_code)" in decline_message(None, "weird_code")
    assert decline_message(None, "card_declined") == DEFAULT_MESSAGES[ErrorKind.DECLINED]
    assert decline_message(None, None) == DEFAULT_MESSAGES[ErrorKind.DECLINED]


def test_declined_carries_its_codes() -> None:
    error = Declined("insufficient_funds", "card_declined", request_id="req_1")
    assert error.kind is ErrorKind.DECLINED
    assert (error.decline_code, error.code) == ("insufficient_funds", "card_declined")
    assert "not enough funds" in error.clerk_message
    assert isinstance(error, MotoDeskError)


def test_reader_busy_says_who_holds_the_reader() -> None:
    ours = ReaderBusy(held_by_this_desk=True)
    theirs = ReaderBusy(held_by_this_desk=False, holder="desk 2")
    unknown = ReaderBusy()
    assert "from this desk" in ours.clerk_message
    assert "someone else (desk 2)" in theirs.clerk_message
    assert unknown.clerk_message == DEFAULT_MESSAGES[ErrorKind.READER_BUSY]
    assert {e.kind for e in (ours, theirs, unknown)} == {ErrorKind.READER_BUSY}
    assert (theirs.held_by_this_desk, theirs.holder) == (False, "desk 2")


def test_permission_denied_names_the_permission() -> None:
    error = PermissionDenied("terminal_reader_write")
    assert error.kind is ErrorKind.PERMISSION
    assert "“terminal_reader_write”" in error.clerk_message
    assert PermissionDenied().clerk_message == DEFAULT_MESSAGES[ErrorKind.PERMISSION]


def test_invalid_input_names_the_field() -> None:
    error = InvalidInput("Enter an amount.", field="amount")
    assert (error.kind, error.field, error.clerk_message) == (
        ErrorKind.INVALID_INPUT,
        "amount",
        "Enter an amount.",
    )


def test_outcome_unknown_names_the_journal_entry() -> None:
    error = OutcomeUnknown("abc123")
    assert error.kind is ErrorKind.OUTCOME_UNKNOWN
    assert error.entry_id == "abc123"
    assert "Do not try again" in error.clerk_message


def test_user_cancelled_is_not_a_clerk_error() -> None:
    assert not issubclass(UserCancelled, MotoDeskError)
    assert issubclass(UserCancelled, Exception)
