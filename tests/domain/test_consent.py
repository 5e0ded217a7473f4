"""Consent terms: loading the packaged texts and the stability of their hashes."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pytest

from moto_desk.domain.consent import (
    LANGUAGES,
    ConsentTerms,
    load_terms,
    parse_terms,
    resources_dir,
)
from moto_desk.domain.errors import ErrorKind, MotoDeskError

# The ledger records these hashes. Changing a text changes what customers agreed to: give the
# new text a new version line and update the hash here in the same change.
PINNED = {
    ("en", "2026-11-01"): "07cfe3f66ea2bf00d82a81c0e71b452030fa1a94f1fdfa27d8ff0f1fd437725e",
    ("fr", "2026-11-01"): "d43781037859b41764fb6df63232006c2bb795fa2ca044686a7554ae63f22698",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_packaged_terms_load_and_match_their_pinned_hash(language: str) -> None:
    terms = load_terms(language)
    assert terms.language == language
    assert PINNED[(language, terms.version)] == terms.sha256
    assert terms.sha256 == hashlib.sha256(terms.text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("language", LANGUAGES)
def test_terms_cover_what_the_customer_must_hear(language: str) -> None:
    text = load_terms(language).text
    assert set(re.findall(r"\{[^}]*\}", text)) == {"{shop_name}"}
    assert "Stripe" in text
    assert not text.startswith("version:")
    assert text == text.strip()


def test_french_uses_french_typography() -> None:
    text = load_terms("fr").text
    assert "'" not in text  # typographic apostrophes
    assert re.search(r"[^\u00a0\u202f][:;?!]", text.replace("https:", "")) is None


def test_for_shop_fills_the_placeholder_and_changes_the_hash() -> None:
    template = load_terms("en")
    filled = template.for_shop("Chez {Marcel} & Fils")
    assert "{shop_name}" not in filled.text
    assert "Chez {Marcel} & Fils will keep your card" in filled.text
    assert filled.version == template.version
    assert filled.sha256 != template.sha256
    assert filled.sha256 == template.for_shop("Chez {Marcel} & Fils").sha256


def test_line_endings_do_not_change_the_hash() -> None:
    unix = parse_terms("version: 1\n\nLine one.\nLine two.\n", "en")
    windows = parse_terms("version: 1\r\n\r\nLine one.\r\nLine two.\r\n\r\n", "en")
    assert unix == windows
    assert unix.text == "Line one.\nLine two."
    assert unix.sha256 == ConsentTerms("1", "en", "Line one.\nLine two.").sha256


@pytest.mark.parametrize(
    "content",
    [
        "Line one.\n",
        "version: 1\nLine one.\n",
        "version:\n\nText\n",
        "version: 1\n\n\n",
        "version: 1\nextra: 2\n\nText\n",
    ],
)
def test_damaged_files_are_a_configuration_error(content: str) -> None:
    with pytest.raises(MotoDeskError) as caught:
        parse_terms(content, "en")
    assert caught.value.kind is ErrorKind.CONFIGURATION


def test_unknown_language_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MotoDeskError) as caught:
        load_terms("../../etc/passwd")
    assert caught.value.kind is ErrorKind.CONFIGURATION
    with pytest.raises(MotoDeskError) as caught:
        load_terms("en", folder=tmp_path)
    assert caught.value.kind is ErrorKind.CONFIGURATION
    assert "missing" in caught.value.clerk_message


def test_load_from_a_given_folder(tmp_path: Path) -> None:
    (tmp_path / "terms-fr.txt").write_text("version: 9\n\nBonjour.\n", encoding="utf-8")
    assert load_terms("fr", folder=tmp_path) == ConsentTerms("9", "fr", "Bonjour.")


def test_resources_dir_from_source_and_frozen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert (resources_dir() / "consent" / "terms-en.txt").is_file()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"
