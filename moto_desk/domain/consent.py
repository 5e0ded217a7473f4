"""The consent terms the clerk reads to the customer, and their fingerprint.

The ledger records the SHA-256 of the exact text shown, so that years later anyone can prove
which words the customer agreed to. The texts live in ``resources/consent/terms-<lang>.txt``:

    version: 2026-11-01
    <blank line>
    <the text, which may contain {shop_name}>

Line endings are normalised to ``\\n`` and trailing blank lines dropped before hashing, so the
hash does not change when a checkout on Windows turns the file's newlines into CRLF. The text may
use the placeholder ``{shop_name}``; :meth:`ConsentTerms.for_shop` fills it in, and the hash to
record is the one of the filled-in text — the words the customer actually heard.

Reading these packaged files is the only I/O in the domain layer: they are part of the program,
like its code.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.words import QT_TRANSLATE_NOOP

LANGUAGES = ("en", "fr")
_VERSION_LINE = re.compile(r"version: (\S+)")


@dataclass(frozen=True)
class ConsentTerms:
    """One version of the terms in one language."""

    version: str
    language: str
    text: str

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the UTF-8 bytes of ``text``, exactly as shown."""
        import hashlib  # OpenSSL loads in ~10 ms: not before the window is painted

        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def for_shop(self, shop_name: str) -> ConsentTerms:
        """The terms with ``{shop_name}`` filled in (plain replacement, not ``str.format``, so
        braces in a shop's name cannot break it)."""
        return ConsentTerms(
            self.version, self.language, self.text.replace("{shop_name}", shop_name)
        )


# A sentence starts the text, a line, or follows ".", "!" or "?" — not ":" (English and
# French write on in lower case after a colon: "Stripe: our shop never writes them down").
_SENTENCE_START = re.compile(r"(^|(?<=[.!?]\s)|(?<=^\d\.\s))\{shop_name\}", re.MULTILINE)


def fill_shop(terms: ConsentTerms, shop: str) -> ConsentTerms:
    """``terms`` with the shop's name in, capitalised where it starts a sentence — the text
    the clerk reads out, and so the text whose hash the ledger records, whether the save is
    started from the window or from the command line."""
    capital = shop[:1].upper() + shop[1:]
    text = _SENTENCE_START.sub(capital.replace("\\", "\\\\"), terms.text)
    return ConsentTerms(terms.version, terms.language, text.replace("{shop_name}", shop))


def resources_dir() -> Path:
    """The program's ``resources`` folder, from source or from a PyInstaller bundle.

    PyInstaller unpacks data files under ``sys._MEIPASS``; the spec file must copy
    ``resources/`` there as ``resources``. From source, it is the repository's ``resources/``,
    two levels above this package.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return _source_resources()


@cache
def _source_resources() -> Path:
    """Resolved once: a few system calls, and the window asks for the folder per icon."""
    return Path(__file__).resolve().parents[2] / "resources"


def parse_terms(content: str, language: str) -> ConsentTerms:
    """Terms from a file's content (see the module docstring for the format)."""
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    header, sep, body = content.partition("\n\n")
    match = _VERSION_LINE.fullmatch(header)
    text = body.rstrip("\n")
    if not sep or match is None or not text.strip():
        raise MotoDeskError(
            ErrorKind.CONFIGURATION,
            QT_TRANSLATE_NOOP(
                "clerk",
                "The consent terms in “{language}” are damaged in this installation. "
                "Reinstall moto-desk.",
            ),
            args={"language": language},
            detail="expected 'version: <v>', a blank line, then the text",
        )
    return ConsentTerms(version=match.group(1), language=language, text=text)


def load_terms(language: str, folder: Path | None = None) -> ConsentTerms:
    """The current terms in ``language`` (``en`` or ``fr``), from ``folder`` or the packaged
    ``resources/consent``."""
    if language not in LANGUAGES:
        raise MotoDeskError(
            ErrorKind.CONFIGURATION,
            QT_TRANSLATE_NOOP(
                "clerk", "There are no consent terms in “{language}”. Choose one of: {choices}."
            ),
            args={"language": language, "choices": ", ".join(LANGUAGES)},
        )
    path = (folder or resources_dir() / "consent") / f"terms-{language}.txt"
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MotoDeskError(
            ErrorKind.CONFIGURATION,
            QT_TRANSLATE_NOOP(
                "clerk",
                "The consent terms in “{language}” are missing from this installation. "
                "Reinstall moto-desk.",
            ),
            args={"language": language},
            detail=f"{path}: {exc}",
        ) from exc
    return parse_terms(content, language)
