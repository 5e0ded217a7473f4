"""New customer (Ctrl+N): errors next to the field, what was typed kept, then the customer is
created once, chosen, and the clerk moves on to the consent."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from moto_desk.simulator import Simulator
from tests.conftest import make_client
from tests.ui.conftest import WindowFactory, find, key, screenshot
from tests.ui.test_window_fits import clipped


def test_new_customer_validates_in_place_then_creates_and_chooses(
    qtbot: Any, open_window: WindowFactory, sim: Simulator
) -> None:
    window = open_window()
    search = find(window, "customerSearch")
    # (QTest types ASCII only: accents are set directly below.)
    qtbot.keyClicks(search, "Zoe Martin")
    key(qtbot, search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.customers.dialog() is not None, timeout=2000)
    dialog = window.customers.dialog()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.form_values()[0] == "Zoe Martin"  # prefilled from the search
    find(dialog, "newCustomerName").setText("Zoé Martin")

    find(dialog, "newCustomerEmail").setText("zoe.martin@")
    find(dialog, "newCustomerPhone").setText("+33 6 12 34 56 78")
    find(dialog, "createCustomerButton").click()
    assert "does not look right" in dialog.field_error("email")
    assert dialog.focusWidget() is find(dialog, "newCustomerEmail")
    assert dialog.form_values() == ("Zoé Martin", "zoe.martin@", "+33 6 12 34 56 78")
    screenshot(dialog, "24-new-customer-error")

    find(dialog, "newCustomerEmail").setText("zoe.martin@example.com")
    find(dialog, "newCustomerPhone").setText("12")
    find(dialog, "createCustomerButton").click()
    assert dialog.field_error("phone")
    assert not dialog.field_error("email")
    find(dialog, "newCustomerPhone").setText("+33 6 12 34 56 78")

    with qtbot.waitSignal(dialog.customer_created, timeout=10_000) as created:
        find(dialog, "createCustomerButton").click()
    customer = created.args[0]
    assert customer.name == "Zoé Martin"
    assert customer.phone == "+33612345678"
    qtbot.waitUntil(lambda: window.customers.dialog() is None, timeout=2000)
    chosen = window.customers.current_customer()
    assert chosen is not None
    assert chosen.id == customer.id
    assert window.focusWidget() is find(window, "consentCheck")

    found = make_client(sim).v1.customers.list({"email": "zoe.martin@example.com"}).data
    assert [c.id for c in found] == [customer.id]


def test_every_wrong_field_is_shown_at_once(qtbot: Any, open_window: WindowFactory) -> None:
    """Issue 15: one error per press of Create — the name's, then the email's, then the
    phone's."""
    window = open_window()
    window.customers.on_new_customer_requested()
    qtbot.waitUntil(lambda: window.customers.dialog() is not None, timeout=2000)
    dialog = window.customers.dialog()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    find(dialog, "newCustomerName").setText("   ")
    find(dialog, "newCustomerEmail").setText("zoe.martin@")
    find(dialog, "newCustomerPhone").setText("12")
    find(dialog, "createCustomerButton").click()
    assert dialog.field_error("name") == "Enter the customer's name."
    assert "does not look right" in dialog.field_error("email")
    assert dialog.field_error("phone")
    assert dialog.focusWidget() is find(dialog, "newCustomerName")
    assert clipped(dialog) == []
    screenshot(dialog, "24b-new-customer-all-errors")
    dialog.reject()


def test_phone_country_setting_reads_national_numbers(
    qtbot: Any, open_window: WindowFactory
) -> None:
    from moto_desk.settings import DeskSettings

    window = open_window(settings=DeskSettings(phone_country="FR"))
    window.customers.on_new_customer_requested()
    dialog = window.customers.dialog()
    assert dialog is not None
    find(dialog, "newCustomerName").setText("Luc Girard")
    find(dialog, "newCustomerPhone").setText("06 98 76 54 32")
    with qtbot.waitSignal(dialog.customer_created, timeout=10_000) as created:
        find(dialog, "createCustomerButton").click()
    assert created.args[0].phone == "+33698765432"


def test_type_ahead_is_debounced_and_shows_no_match(
    qtbot: Any, open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    search = find(window, "customerSearch")
    searched: list[str] = []
    run_search = window.customers.search

    def counted(text: str) -> None:
        searched.append(text)
        run_search(text)

    monkeypatch.setattr(window.customers, "search", counted)
    with qtbot.waitSignal(window.customers.search_finished, timeout=5000) as finished:
        qtbot.keyClicks(search, "nobody-here")
    # One search for the whole word, not one per key.
    assert finished.args == [0]
    assert searched == ["nobody-here"]
    assert "No customer found" in find(window, "customerNote").text()


def test_an_email_already_known_offers_that_customer(
    qtbot: Any, open_window: WindowFactory, sim: Simulator
) -> None:
    """Issue "One shop, several desks": the same email (or phone) twice is asked about — use
    the customer who has it, or say it is another person."""
    window = open_window()

    def new_customer(name: str, email: str) -> Any:
        window.customers.on_new_customer_requested()
        qtbot.waitUntil(lambda: window.customers.dialog() is not None, timeout=2000)
        dialog = window.customers.dialog()
        assert dialog is not None
        qtbot.waitExposed(dialog)
        find(dialog, "newCustomerName").setText(name)
        find(dialog, "newCustomerEmail").setText(email)
        return dialog

    dialog = new_customer("Ada Byron", "ada@example.com")
    with qtbot.waitSignal(dialog.customer_created, timeout=10_000) as created:
        find(dialog, "createCustomerButton").click()
    first = created.args[0]
    qtbot.waitUntil(lambda: window.customers.dialog() is None, timeout=2000)

    dialog = new_customer("Ada Lovelace", "ADA@example.com")
    find(dialog, "createCustomerButton").click()
    use = find(dialog, "useExistingCustomerButton")
    qtbot.waitUntil(use.isVisible, timeout=10_000)
    assert "already exists: Ada Byron" in dialog.field_error("")
    assert use.text() == "&Use Ada Byron"
    assert dialog.focusWidget() is use
    assert dialog.form_values() == ("Ada Lovelace", "ADA@example.com", "")
    screenshot(dialog, "24b-new-customer-same-email")
    with qtbot.waitSignal(dialog.customer_created, timeout=2000) as chosen:
        use.click()
    assert chosen.args[0].id == first.id
    qtbot.waitUntil(lambda: window.customers.dialog() is None, timeout=2000)

    dialog = new_customer("Ada Lovelace", "ada@example.com")
    find(dialog, "createCustomerButton").click()
    anyway = find(dialog, "createAnywayButton")
    qtbot.waitUntil(anyway.isVisible, timeout=10_000)
    with qtbot.waitSignal(dialog.customer_created, timeout=10_000) as made:
        anyway.click()
    assert made.args[0].id != first.id
    found = make_client(sim).v1.customers.list({"email": "ada@example.com"}).data
    assert len(found) == 2
