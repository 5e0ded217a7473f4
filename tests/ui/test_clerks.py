"""Clerks in the window (issue 16): sign-in by keyboard, Lock (Ctrl+L), the idle lock during
a save, and the approval box before a charge above the shop's limit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from moto_desk.domain.roles import Role
from moto_desk.paths import database_path
from moto_desk.records.clerks import ClerkStore
from moto_desk.records.database import open_database
from moto_desk.simulator import Simulator
from moto_desk.ui.clerks.approval_dialog import ApprovalDialog
from moto_desk.ui.main_window import MainWindow
from tests.ui.conftest import WindowFactory, find, key, reader_id, screenshot
from tests.ui.test_charge import open_charge, review, save_a_card
from tests.ui.test_save_failures import fill_form


def _team(data_dir: Path) -> None:
    conn = open_database(database_path(data_dir))
    try:
        store = ClerkStore(conn)
        owner = store.add("Olga", Role.OWNER, "1111")
        store.add("Chloé", Role.CLERK, "2222", by=owner.id)
        store.add("Sam", Role.SUPERVISOR, "3333", by=owner.id)
    finally:
        conn.close()


def _journal(data_dir: Path) -> list[tuple[Any, ...]]:
    conn = open_database(database_path(data_dir))
    try:
        return list(
            conn.execute(
                "SELECT kind, state, clerk, clerk_id, approved_by, amount FROM journal"
                " ORDER BY created_at"
            ).fetchall()
        )
    finally:
        conn.close()


def _wait_locked(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.clerk_lock.locked, timeout=10_000)
    qtbot.waitUntil(lambda: find(window, "signInScreen").isVisible(), timeout=2000)


def sign_in(qtbot: Any, window: MainWindow, name: str, pin: str) -> None:
    """Keyboard only: arrows to the name, Tab to the PIN, Enter."""
    names = find(window, "clerkList")
    names.setFocus()
    qtbot.waitUntil(names.hasFocus, timeout=2000)
    key(qtbot, names, Qt.Key.Key_Home)
    while names.currentItem().text() != name:
        key(qtbot, names, Qt.Key.Key_Down)
    key(qtbot, names, Qt.Key.Key_Tab)
    pin_edit = find(window, "pinEdit")
    assert QApplication.focusWidget() is pin_edit
    qtbot.keyClicks(pin_edit, pin)
    key(qtbot, pin_edit, Qt.Key.Key_Return)


def _signed_in(qtbot: Any, window: MainWindow, name: str) -> None:
    qtbot.waitUntil(lambda: not window.clerk_lock.locked, timeout=10_000)
    assert name in find(window, "clerkLabel").text()
    assert window.session is not None and window.session.clerk == name


def test_sign_in_at_start_wrong_pin_then_lock_with_ctrl_l(
    qtbot: Any, open_window: WindowFactory, data_dir: Path
) -> None:
    _team(data_dir)
    window = open_window()
    _wait_locked(qtbot, window)
    names = find(window, "clerkList")
    assert [names.item(i).text() for i in range(names.count())] == ["Chloé", "Olga", "Sam"]
    assert not find(window, "demoPins").isVisible()  # PINs are shown in demo training only
    assert not window.charge_action.isEnabled() and not window.settings_action.isEnabled()
    sign_in(qtbot, window, "Chloé", "9999")
    message = find(window, "signInMessage")
    qtbot.waitUntil(lambda: "Wrong PIN for Chloé" in message.text(), timeout=5000)
    assert window.clerk_lock.locked
    screenshot(window, "clerks-01-sign-in-wrong-pin")
    sign_in(qtbot, window, "Chloé", "2222")
    _signed_in(qtbot, window, "Chloé")
    assert find(window, "clerkLabel").text() == "Signed in: Chloé (clerk)"
    assert window.settings_action.isEnabled()
    screenshot(window, "clerks-02-signed-in")
    # Settings are the owner's
    window.on_settings_requested()
    assert window.dialogs.current("settings") is None
    assert "Only the shop's owner" in find(window, "noticeBar").text()
    # the owner adds a clerk meanwhile (at another desk, or on the command line)
    conn = open_database(database_path(data_dir))
    try:
        ClerkStore(conn).add("Zoé", Role.CLERK, "4444")
    finally:
        conn.close()
    # Ctrl+L locks, the list is read again; another clerk signs in
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    key(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _wait_locked(qtbot, window)
    qtbot.waitUntil(lambda: names.count() == 4, timeout=5000)
    assert not window.charge_action.isEnabled()
    sign_in(qtbot, window, "Olga", "1111")
    _signed_in(qtbot, window, "Olga")
    window.on_settings_requested()
    qtbot.waitUntil(lambda: window.dialogs.current("settings") is not None, timeout=5000)
    window.dialogs.current("settings").reject()  # type: ignore[union-attr]


def test_idle_lock_during_a_save_that_then_completes(
    qtbot: Any, open_window: WindowFactory, data_dir: Path, sim: Simulator, desk: dict[str, Any]
) -> None:
    _team(data_dir)
    window = open_window()
    _wait_locked(qtbot, window)
    sign_in(qtbot, window, "Chloé", "2222")
    _signed_in(qtbot, window, "Chloé")
    sim.set_reader(reader_id(desk), auto_present={"number": "4242424242424242", "delay_s": 1.0})
    fill_form(qtbot, window)
    status = find(window, "statusPanel")
    find(window, "saveCardButton").click()
    qtbot.waitUntil(lambda: window.save_action.running, timeout=5000)
    # the idle time runs out while the reader waits for the card
    window.clerk_lock.idle_timer.start(10)
    _wait_locked(qtbot, window)
    assert window.save_action.running
    qtbot.waitUntil(lambda: status.state == "approved", timeout=15_000)  # behind the lock
    assert window.clerk_lock.locked
    sign_in(qtbot, window, "Chloé", "2222")
    _signed_in(qtbot, window, "Chloé")
    qtbot.waitUntil(window.saved_cards.can_charge, timeout=5000)
    saves = [row for row in _journal(data_dir) if row[0] == "save_card"]
    assert [(r[1], r[2]) for r in saves] == [("succeeded", "Chloé")]
    assert saves[0][3] is not None  # the clerk's account id


def test_a_charge_above_the_limit_needs_a_supervisors_pin(
    qtbot: Any, open_window: WindowFactory, data_dir: Path, sim: Simulator, desk: dict[str, Any]
) -> None:
    _team(data_dir)
    window = open_window()
    _wait_locked(qtbot, window)
    sign_in(qtbot, window, "Chloé", "2222")
    _signed_in(qtbot, window, "Chloé")
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    dialog = open_charge(qtbot, window)
    review(qtbot, dialog, "600.00")
    find(dialog, "confirmChargeButton").click()
    qtbot.waitUntil(lambda: dialog.findChild(ApprovalDialog) is not None, timeout=2000)
    approval = dialog.findChild(ApprovalDialog)
    qtbot.waitExposed(approval)
    assert find(approval, "approvalReason").text() == (
        "A charge above $500.00 needs a supervisor's approval."
    )
    choice = find(approval, "approverChoice")
    assert [choice.itemText(i) for i in range(choice.count())] == ["Olga", "Sam"]
    choice.setCurrentText("Sam")
    pin = find(approval, "approverPinEdit")
    qtbot.keyClicks(pin, "0000")
    key(qtbot, pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Wrong PIN for Sam" in find(approval, "approvalMessage").text())
    assert dialog.page == "confirm"  # refused: nothing charged
    screenshot(approval, "clerks-03-approval-refused")
    qtbot.keyClicks(pin, "3333")
    key(qtbot, pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.page == "result", timeout=15_000)
    assert "✓ Charged $600.00" in dialog.result_text()
    charges = [row for row in _journal(data_dir) if row[0] == "charge"]
    assert len(charges) == 1
    _kind, state, clerk, clerk_id, approved_by, amount = charges[0]
    assert (state, clerk, amount) == ("succeeded", "Chloé", 60000)
    assert clerk_id and approved_by and approved_by != clerk_id
    dialog.reject()


def test_demo_training_accounts_show_their_pins(qtbot: Any, open_window: WindowFactory) -> None:
    window = open_window()
    assert not window.clerk_lock.locked  # no account: sign-in is off
    assert not find(window, "clerkCorner").isVisible()
    window.clerk_lock.training_action.trigger()
    _wait_locked(qtbot, window)
    assert "Demo clerk: 1111" in find(window, "demoPins").text()
    sign_in(qtbot, window, "Demo clerk", "1111")
    _signed_in(qtbot, window, "Demo clerk")


def _open_approval(parent: Any) -> ApprovalDialog | None:
    shown = [d for d in parent.findChildren(ApprovalDialog) if d.isVisible()]
    return shown[0] if shown else None


def _approve(qtbot: Any, parent: Any, name: str, pin: str) -> None:
    qtbot.waitUntil(lambda: _open_approval(parent) is not None, timeout=2000)
    approval = _open_approval(parent)
    assert approval is not None
    qtbot.waitExposed(approval)
    find(approval, "approverChoice").setCurrentText(name)
    edit = find(approval, "approverPinEdit")
    qtbot.keyClicks(edit, pin)
    key(qtbot, edit, Qt.Key.Key_Return)


def test_a_refund_and_an_evidence_export_need_a_supervisor(
    qtbot: Any,
    open_window: WindowFactory,
    data_dir: Path,
    sim: Simulator,
    desk: dict[str, Any],
    tmp_path: Path,
) -> None:
    from moto_desk.flows.history import Outcome
    from moto_desk.records.journal import JournalKind
    from moto_desk.ui.after_sale.receipt import Receipt
    from tests.ui.test_charge import confirm
    from tests.ui.test_history import open_history, select, start_refund

    _team(data_dir)
    window = open_window()
    _wait_locked(qtbot, window)
    sign_in(qtbot, window, "Chloé", "2222")
    _signed_in(qtbot, window, "Chloé")
    save_a_card(qtbot, window, sim, desk, "4242424242424242")
    charge = open_charge(qtbot, window)
    review(qtbot, charge, "50")  # under the limit: no approval
    confirm(qtbot, charge)
    assert "✓ Charged $50.00" in charge.result_text()
    charge.reject()
    qtbot.waitUntil(lambda: window.charge_dialog() is None, timeout=2000)

    history = open_history(qtbot, window)
    select(history, JournalKind.CHARGE, Outcome.SUCCEEDED)
    refund = start_refund(qtbot, history)
    find(refund, "reviewRefundButton").click()
    assert refund.page == "confirm"
    find(refund, "confirmRefundButton").click()
    _approve(qtbot, refund, "Olga", "1111")
    qtbot.waitUntil(lambda: refund.page == "result", timeout=10_000)
    assert "✓ Refunded $50.00" in refund.result_text()
    refunds = [row for row in _journal(data_dir) if row[0] == "refund"]
    assert len(refunds) == 1 and refunds[0][4] is not None
    refund.reject()
    with qtbot.waitSignal(history.history_loaded, timeout=5000):
        history.reload()
    row = select(history, JournalKind.REFUND, Outcome.SUCCEEDED)
    assert row.approved_by == "Olga"
    receipt = Receipt(row, shop_name="Shop", shop_address="", locale="en")
    assert ("Approved by", "Olga") in receipt.lines()
    history.reject()

    # Evidence: the approval box comes before the file dialog
    window.activateWindow()
    evidence = window.open_evidence()
    assert evidence is not None
    qtbot.waitUntil(lambda: evidence.evidence() is not None, timeout=5000)
    find(evidence, "exportCsvButton").click()
    qtbot.waitUntil(lambda: _open_approval(evidence) is not None, timeout=2000)
    find(_open_approval(evidence), "approvalCancelButton").click()
    assert _open_approval(evidence) is None
    assert evidence.findChild(QFileDialog, "evidenceFileDialog") is None
    out = tmp_path / "evidence.csv"
    with qtbot.waitSignal(evidence.exported, timeout=10_000) as written:
        find(evidence, "exportCsvButton").click()
        _approve(qtbot, evidence, "Sam", "3333")
        qtbot.waitUntil(
            lambda: evidence.findChild(QFileDialog, "evidenceFileDialog") is not None,
            timeout=5000,
        )
        files = evidence.findChild(QFileDialog, "evidenceFileDialog")
        qtbot.waitExposed(files)
        files.selectFile(str(out))
        files.accept()
    assert Path(written.args[0]).exists()  # written once approved
    evidence.reject()
