"""A window on the shop's records hears other desks' changes (LISTEN/NOTIFY): the saved
cards it shows and an open history refresh when another desk saves a card for the customer
on screen — no click, no poll."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from moto_desk.backend import DEMO_KEY
from moto_desk.domain.consent import load_terms
from moto_desk.domain.models import AllowRedisplay, Channel
from moto_desk.flows.context import DeskIdentity, FlowContext
from moto_desk.flows.readers import list_readers
from moto_desk.flows.save_card import SaveRequest, save_card
from moto_desk.gateway.client import Gateway
from moto_desk.records.store import RecordsAddress
from moto_desk.settings import DeskSettings
from moto_desk.simulator import Simulator
from moto_desk.ui.after_sale.history_model import ROW_ROLE
from tests.ui.conftest import WindowFactory, find, screenshot
from tests.ui.test_save_card import choose_customer_by_keyboard


def test_another_desks_save_appears_in_the_saved_cards_and_the_history(
    qtbot: Any, open_window: WindowFactory, sim: Simulator, shop_url: str, tmp_path: Path
) -> None:
    window = open_window(settings=DeskSettings(records_url=shop_url, desk_name="front"))
    changes = window.shop_changes()
    assert changes is not None and changes.listener is not None
    qtbot.waitUntil(changes.listener.listening.is_set, timeout=10_000)
    choose_customer_by_keyboard(qtbot, window, "okafor")
    customer = window.customers.current_customer()
    assert customer is not None
    qtbot.waitUntil(lambda: window.saved_cards.cards() == [], timeout=5000)
    window.on_history_requested()
    qtbot.waitUntil(lambda: window.history_dialog() is not None, timeout=5000)
    history = window.history_dialog()
    assert history is not None
    qtbot.waitUntil(lambda: not history.loading, timeout=5000)
    rows_before = history.model.rowCount()

    # The phone desk, another process in a real shop, saves a card for the same customer.
    phone = FlowContext(
        Gateway(DEMO_KEY, sim.url, simulated=True),
        RecordsAddress(tmp_path / "phone.sqlite3", shop_url),
        DeskIdentity("bob", "phone"),
    )
    reader = next(r for r in list_readers(phone) if r.label == "Phone desk")
    sim.set_reader(reader.id, auto_present={"number": "5555555555554444", "delay_s": 0.05})
    save_card(
        phone,
        SaveRequest(
            customer.id, customer.name or "", reader.id, reader.label, Channel.PHONE,
            AllowRedisplay.LIMITED, load_terms("en"), consent_given=True,
        ),
    )  # fmt: skip
    saved_at = time.monotonic()
    qtbot.waitUntil(lambda: len(window.saved_cards.cards()) == 1, timeout=10_000)
    shown_after = time.monotonic() - saved_at
    assert window.saved_cards.cards()[0].last4 == "4444"
    qtbot.waitUntil(lambda: history.model.rowCount() > rows_before, timeout=10_000)
    print(f"\nanother desk's save shown {shown_after * 1000:.0f} ms after it returned")
    assert shown_after < 5, shown_after
    assert find(window, "savedCards").isVisible()

    # The shop's history has a desk and a clerk filter.
    def desks() -> set[str | None]:
        rows = [history.model.index(r, 0).data(ROW_ROLE) for r in range(history.model.rowCount())]
        return {row.desk for row in rows}

    assert "phone" in desks()
    screenshot(history, "41-shop-history")
    find(history, "historyDeskFilter").setText("phone")
    qtbot.waitUntil(lambda: desks() == {"phone"}, timeout=5000)
    find(history, "historyDeskFilter").clear()
    find(history, "historyClerkFilter").setText("nobody")
    qtbot.waitUntil(lambda: history.model.rowCount() == 0, timeout=5000)


def test_the_shops_name_is_read_at_every_desk(
    qtbot: Any, open_window: WindowFactory, shop_url: str
) -> None:
    """The shop's name is a shop setting in its records: a desk whose own settings say
    something else reads the shop's in the terms."""
    from moto_desk.records.shop import connect
    from moto_desk.records.shop_settings import write_shop_settings

    admin = connect(shop_url)
    try:
        write_shop_settings(admin, {"shop_name": "Corner Books", "shop_address": "1 High St"})
    finally:
        admin.raw.close()
    window = open_window(
        settings=DeskSettings(records_url=shop_url, desk_name="front", shop_name="Old Name")
    )
    qtbot.waitUntil(lambda: window.settings.shop_name == "Corner Books", timeout=10_000)
    terms = window.consent.terms()
    assert terms is not None and "Corner Books will keep your card" in terms.text
    assert window.settings.shop_address == "1 High St"


def test_shop_records_away_at_start_say_so_and_refuse_before_stripe(
    qtbot: Any, open_window: WindowFactory, sim: Simulator
) -> None:
    """The shop's server is unreachable: the window says which server and what failed,
    searching still works (Stripe alone), and a save is refused before anything reaches
    Stripe, with the form kept."""
    from PySide6.QtCore import Qt

    from tests.conftest import make_client
    from tests.ui.conftest import key

    nowhere = "postgresql://desk@127.0.0.1:1/shop"
    window = open_window(settings=DeskSettings(records_url=nowhere, desk_name="front"))
    qtbot.waitUntil(lambda: "cannot reach the shop's records" in window.notice.text(),
                    timeout=10_000)  # fmt: skip
    assert "desk@127.0.0.1:1/shop" in window.notice.text()
    screenshot(window, "42-shop-records-away")
    choose_customer_by_keyboard(qtbot, window, "okafor")
    customer = window.customers.current_customer()
    assert customer is not None
    consent = find(window, "consentCheck")
    key(qtbot, consent, Qt.Key.Key_Space)
    key(qtbot, consent, Qt.Key.Key_F5)
    status = find(window, "statusPanel")
    qtbot.waitUntil(lambda: "cannot reach the shop's records" in status.text(), timeout=10_000)
    assert consent.isChecked()  # the form is kept for when the server is back
    assert make_client(sim).v1.setup_intents.list({"customer": customer.id}).data == []
    screenshot(window, "43-shop-records-away-save")


def test_the_window_checks_the_ledger_at_start(
    qtbot: Any, open_window: WindowFactory, data_dir: Path
) -> None:
    """Issue 17: the window verifies the consent ledger at start, from the last checkpoint
    (records written since the last start are re-hashed; `ledger verify` re-hashes them all);
    a ledger changed outside moto-desk is said in the notice bar."""
    import sqlite3

    from moto_desk.paths import database_path
    from moto_desk.records.database import open_database
    from moto_desk.records.ledger import ConsentLedger

    conn = open_database(database_path(data_dir))
    try:
        ConsentLedger(conn).record_consent(
            "cus_1", clerk="alice", desk="front", channel=Channel.PHONE,
            terms=load_terms("en"), allow_redisplay=AllowRedisplay.LIMITED,
        )  # fmt: skip
    finally:
        conn.close()
    window = open_window()
    qtbot.waitUntil(lambda: window.ledger_check is not None, timeout=10_000)
    assert window.ledger_check is not None and window.ledger_check.ok
    window.close()

    conn = open_database(database_path(data_dir))
    try:
        ConsentLedger(conn).record_consent(
            "cus_2", clerk="alice", desk="front", channel=Channel.PHONE,
            terms=load_terms("en"), allow_redisplay=AllowRedisplay.LIMITED,
        )  # fmt: skip
    finally:
        conn.close()
    raw = sqlite3.connect(database_path(data_dir))
    raw.execute("DROP TRIGGER ledger_no_update")
    raw.execute("UPDATE ledger SET clerk = 'mallory' WHERE seq = 2")  # after the checkpoint
    raw.commit()
    raw.close()
    again = open_window()
    qtbot.waitUntil(lambda: again.ledger_check is not None, timeout=10_000)
    assert again.ledger_check is not None and not again.ledger_check.ok
    assert "consent ledger does not verify" in again.notice.text()
    assert "Record 2 was changed" in again.notice.text()
