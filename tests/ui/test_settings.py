"""Settings (Ctrl+,): the key goes to the keyring once and is only ever shown masked; the rest
goes to a versioned, owner-only settings file that never holds the key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt

from moto_desk.gateway.keys import KEYRING_SERVICE, KEYRING_USER
from moto_desk.settings import SCHEMA_VERSION, BackendChoice, DeskSettings, SettingsStore
from moto_desk.ui.main_window import MainWindow
from moto_desk.ui.shell.settings_dialog import SettingsDialog
from tests.helpers.private_modes import assert_owner_only
from tests.ui.conftest import MemoryKeyring, WindowFactory, find, key, screenshot
from tests.ui.test_translations import french_window  # noqa: F401  a fixture
from tests.ui.test_window_fits import clipped

TEST_KEY = "sk_test_new_desk_key_abcdef987654"


def open_settings(qtbot: Any, window: MainWindow) -> SettingsDialog:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    key(qtbot, window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.settings_dialog() is not None, timeout=2000)
    dialog = window.settings_dialog()
    assert dialog is not None
    status = find(dialog, "storedKeyStatus")
    qtbot.waitUntil(lambda: "Checking" not in status.text(), timeout=5000)
    return dialog


def test_key_goes_to_the_keyring_and_is_shown_masked_afterwards(
    qtbot: Any,
    open_window: WindowFactory,
    memory_keyring: MemoryKeyring,
    data_dir: Path,
) -> None:
    window = open_window(demo=False)  # no --demo: the key decides
    assert find(window, "modeBanner").mode == "demo"
    dialog = open_settings(qtbot, window)
    assert "No key stored" in find(dialog, "storedKeyStatus").text()
    find(dialog, "stripeKeyEdit").setText(TEST_KEY)
    find(dialog, "deskNameEdit").setText("Front counter")
    find(dialog, "clerkNameEdit").setText("Ann")
    find(dialog, "shopNameEdit").setText("Chez Paul")
    screenshot(dialog, "22-settings")
    with qtbot.waitSignal(window.session_started, timeout=10_000):
        find(dialog, "saveSettingsButton").click()

    assert memory_keyring.passwords[(KEYRING_SERVICE, KEYRING_USER)] == TEST_KEY
    assert find(window, "modeBanner").mode == "test"  # reconnected with the new key
    assert window.session is not None
    assert window.session.desk == "Front counter"
    assert window.session.clerk == "Ann"
    assert "Chez Paul will keep your card" in find(window, "consentTerms").toPlainText()

    settings_file = data_dir / "settings.json"
    text = settings_file.read_text(encoding="utf-8")
    assert TEST_KEY not in text
    assert "sk_test" not in text
    data = json.loads(text)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["settings"]["desk_name"] == "Front counter"
    assert_owner_only(settings_file)

    qtbot.waitUntil(lambda: window.settings_dialog() is None, timeout=2000)
    dialog = open_settings(qtbot, window)
    assert find(dialog, "stripeKeyEdit").text() == ""
    shown = find(dialog, "storedKeyStatus").text()
    assert "sk_test_…7654" in shown
    assert TEST_KEY not in shown
    assert "test mode" in shown
    screenshot(dialog, "23-settings-masked")
    dialog.reject()


def test_a_publishable_key_is_refused_in_place(
    qtbot: Any, open_window: WindowFactory, memory_keyring: MemoryKeyring
) -> None:
    window = open_window()
    dialog = open_settings(qtbot, window)
    find(dialog, "stripeKeyEdit").setText("pk_test_publishable_123456")
    find(dialog, "deskNameEdit").setText("Back office")
    find(dialog, "saveSettingsButton").click()
    error = find(dialog, "stripeKeyError")
    qtbot.waitUntil(lambda: not error.isHidden(), timeout=5000)
    assert "publishable key" in error.text()
    assert memory_keyring.passwords == {}
    # Nothing typed is lost; the dialog stays open.
    assert find(dialog, "deskNameEdit").text() == "Back office"
    assert window.settings_dialog() is dialog
    dialog.reject()


def test_removing_the_stored_key_returns_to_demo(
    qtbot: Any, open_window: WindowFactory, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, KEYRING_USER, TEST_KEY)
    window = open_window(demo=False)
    assert find(window, "modeBanner").mode == "test"
    dialog = open_settings(qtbot, window)
    find(dialog, "forgetKeyButton").click()
    with qtbot.waitSignal(window.session_started, timeout=10_000):
        find(dialog, "saveSettingsButton").click()
    assert memory_keyring.passwords == {}
    assert find(window, "modeBanner").mode == "demo"


def test_settings_file_is_typed_tolerant_and_atomic(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "conf" / "settings.json")
    assert store.load() == DeskSettings()
    store.save(DeskSettings(backend=BackendChoice.DEMO, default_currency="eur", language="fr"))
    loaded = store.load()
    assert loaded.backend is BackendChoice.DEMO
    assert loaded.default_currency == "eur"
    assert [p.name for p in store.path.parent.iterdir()] == ["settings.json"]  # no temp left
    # A hand-edited file with a wrong type keeps the rest; garbage gives the defaults.
    store.path.write_text(
        json.dumps({"schema_version": 1, "settings": {"desk_name": 7, "clerk_name": "Bo"}}),
        encoding="utf-8",
    )
    assert store.load() == DeskSettings(clerk_name="Bo")
    store.path.write_text("{not json", encoding="utf-8")
    assert store.load() == DeskSettings()


@pytest.mark.parametrize("stored", ["sk_test_new_desk_key_abcdef987654", None])
def test_the_stripe_key_explanation_is_never_cut_in_french(
    qtbot: Any,
    french_window: MainWindow,  # noqa: F811  the fixture imported above
    stored: str | None,
) -> None:
    """Issue 15: the "Clé Stripe" explanation arrives after the dialog is shown; without a
    keyring it takes five lines in French, and the dialog cut it to two."""
    if stored is None:
        keyring.set_keyring(keyring.backends.fail.Keyring())  # the autouse fixture restores
    else:
        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, stored)
    dialog = open_settings(qtbot, french_window)
    status = find(dialog, "storedKeyStatus")
    qtbot.waitUntil(lambda: "Vérification" not in status.text(), timeout=5000)
    expected = "coffre à mots de passe" if stored is None else "sk_test_…7654 (mode test"
    assert expected in status.text()
    assert clipped(dialog) == []
    screenshot(dialog, f"62-settings-fr-{'no-keyring' if stored is None else 'test-key'}")


def test_the_language_in_use_is_named_when_it_is_not_the_settings(
    qtbot: Any, open_window: WindowFactory
) -> None:
    """Started with --lang fr and "As the system" saved: the dialog says the session is in
    French, rather than only "As the system" (a clerk would think the setting is ignored)."""
    window = open_window(language="fr", settings=DeskSettings(language=""))
    dialog = open_settings(qtbot, window)
    assert find(dialog, "languageChoice").currentData() == ""
    note = find(dialog, "languageNote").text()
    assert "in French" in note or "en français" in note
    dialog.reject()


def test_no_language_note_when_the_settings_chose_it(
    qtbot: Any, open_window: WindowFactory
) -> None:
    window = open_window(language="fr", settings=DeskSettings(language="fr"))
    dialog = open_settings(qtbot, window)
    note = find(dialog, "languageNote").text()
    assert "in French" not in note and "en français" not in note
    dialog.reject()
