"""Redaction of text leaving the desk (log file, support bundle): one set of rules, here."""

from __future__ import annotations

import logging

import pytest

from moto_desk.domain.sensitive import redact, redact_personal, screen_log_text
from moto_desk.ui.shell.log_setup import RedactingFilter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail ada@example.com now", "mail [email] now"),
        ("q=email~%27ada.l%40example.co.uk%27", "q=email~[email]%27"),
        ("call +44 20 7946 0000 or (802) 555-0142", "call [phone] or [phone]"),
        ("phone~%278025550142%27", "phone~%27[phone]%27"),
        (
            "Customer(id='cus_1', name='Ada', email='a@b.co', phone=None)",
            "Customer(id='cus_1', name='[redacted]', email='[redacted]', phone=None)",
        ),
        ('{"name": "Ada L", "email": null}', '{"name": "[redacted]", "email": null}'),
    ],
)
def test_personal_details_are_replaced_by_what_they_were(text: str, expected: str) -> None:
    assert redact_personal(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-03 16:20:38,123 INFO moto_desk.ui.main_window: reconciled",
        "2026-12-03T16:20:38.123Z GET /v1/customers/cus_PVCcvNMOFu8N1Z 200",
        "amount=123456 currency=usd pi_3Abc123456789 req_ABC1234567 seti_123",
        "idempotency moto-desk-0f3c55e5ab8a4bd0b3a0e2e6cb7e9d01-create_customer",
        "visa •••• 4242 exp 12/2028, order A-20391, 3 attempts in 1500 ms",
    ],
)
def test_what_support_needs_is_left_alone(text: str) -> None:
    assert redact(text) == text


def test_a_bare_long_number_may_be_a_phone_and_goes() -> None:
    """The trade-off, stated: 7 to 15 digits standing alone cannot be told from a phone number
    typed without separators (a phone search sends exactly that), so an order number or a
    Unix time that long is redacted as well — better than a customer's number leaving."""
    assert redact("order 1234567890123 at 1796314999") == "order [phone] at [phone]"


def test_secrets_are_replaced_too() -> None:
    line = "key sk_live_51AbCdEf card 4000-0566-5566-5556 cvc=737 pi_1_secret_Xy whsec_abc"
    assert (
        redact(line)
        == "key [api key] card [card number] cvc=[cvc] [client secret] [webhook secret]"
    )


def test_the_log_filter_withholds_secrets_and_redacts_personal_details() -> None:
    assert screen_log_text("key sk_test_abcdef123", None) == (
        "[log line withheld: text: looks like an API key]",
        None,
        "text: looks like an API key",
    )

    def filtered(msg: str, *args: object) -> str:
        record = logging.LogRecord("t", logging.INFO, __file__, 1, msg, args, None)
        assert RedactingFilter().filter(record)
        return record.getMessage()

    assert filtered("customer %s wrote from %s", "cus_1", "ada@example.com") == (
        "customer cus_1 wrote from [email]"
    )
    assert filtered("100%% done for %s", "cus_1") == "100% done for cus_1"
    assert filtered("card %s", "4242 4242 4242 4242") == (
        "[log line withheld: text: looks like a card number]"
    )
