"""The item models behind the lists, checked by Qt's own model tester, and what they show."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import Qt

from moto_desk.domain.models import AllowRedisplay, Customer, Reader, SavedCard
from moto_desk.ui.desk.customer_model import CUSTOMER_ROLE, CustomerModel
from moto_desk.ui.desk.reader_model import READER_ROLE, ReaderModel
from moto_desk.ui.desk.saved_cards_model import CARD_ROLE, SavedCardsModel

TODAY = date(2026, 11, 29)


def customer(n: int, email: str | None = "a@example.com") -> Customer:
    return Customer(f"cus_{n}", f"Name {n}", email, "+18025550100", datetime.now(UTC))


def card(pm: str, month: int, year: int, redisplay: AllowRedisplay | None) -> SavedCard:
    return SavedCard(pm, "cus_1", "visa", pm[-4:], month, year, allow_redisplay=redisplay)


def test_customer_model(qtmodeltester: Any) -> None:
    model = CustomerModel()
    model.set_customers([customer(1), customer(2, None)])
    qtmodeltester.check(model)
    assert model.index(0).data() == "Name 1\na@example.com · +1 802-555-0100"
    assert model.index(1).data() == "Name 2\n+1 802-555-0100"  # stored as E.164
    assert model.index(0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Name 1 — ")
    assert model.index(1).data(CUSTOMER_ROLE).id == "cus_2"
    model.put_first(customer(2))
    assert [model.customer_at(i).id for i in range(2)] == ["cus_2", "cus_1"]
    model.put_first(customer(3))
    assert model.rowCount() == 3
    qtmodeltester.check(model)


def test_reader_model(qtmodeltester: Any) -> None:
    model = ReaderModel()
    model.set_readers(
        [
            Reader("tmr_1", "Front desk", "simulated_wisepos_e", "online", "tml_1", "Shop", None),
            Reader("tmr_2", "Back", "simulated_wisepos_e", "offline", None, None, None),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0).data() == "Front desk — Shop (online)"
    assert model.index(1).data() == "Back (offline)"
    assert model.index(1).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1).data(READER_ROLE).id == "tmr_2"
    assert model.row_of("tmr_2") == 1


def test_saved_cards_model_marks_expired_and_expiring(qtmodeltester: Any) -> None:
    model = SavedCardsModel(today=TODAY)
    model.set_cards(
        [
            card("pm_ok_4242", 12, 2030, AllowRedisplay.ALWAYS),
            card("pm_soon_1111", 12, 2026, AllowRedisplay.LIMITED),  # valid through 31 Dec
            card("pm_old_0002", 10, 2026, None),  # expired at the end of October
        ]
    )
    qtmodeltester.check(model)
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(3)]
    assert rows == [
        ["Visa •••• 4242", "12/2030", "Valid", "Always"],
        ["Visa •••• 1111", "12/2026", "Expires soon", "Limited"],
        ["Visa •••• 0002", "10/2026", "Expired", "Not set"],
    ]
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(2, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(2, 0).data(CARD_ROLE).payment_method_id == "pm_old_0002"
    assert "expires 10/2026 (Expired)" in model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Shown again"
