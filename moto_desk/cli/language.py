"""The command line's language (``--lang en|fr``).

The same compiled catalogues as the window (``resources/translations/*.qm``, the only ones
the frozen build ships): the clerk catalogue holds the core's messages — errors,
reconciliation notes — and the command line's own lines; the window's holds "our shop", the
name put in the consent terms when the shop has none. ``QTranslator`` reads them with
``QtCore`` alone, and only when a language other than English is asked for: no display, no
widgets, and nothing of Qt loaded for an English run.
"""

from __future__ import annotations

from collections.abc import Callable

from moto_desk.domain.consent import resources_dir

Translate = Callable[[str, str], str]
CATALOGS = ("moto_desk_clerk", "moto_desk")
#: The window's name for a shop with none set, in the window's catalogue (context, text):
#: the consent terms are filled with it, so the command line must use the very same words.
OUR_SHOP = ("MainWindow", "our shop")


def english(context: str, text: str) -> str:
    return text


def translator(language: str | None) -> Translate:
    """``translate(context, text)`` for ``language``; English when none or unknown."""
    if not language or language == "en":
        return english
    from PySide6.QtCore import QTranslator

    folder = str(resources_dir() / "translations")
    loaded = []
    for catalog in CATALOGS:
        catalogue = QTranslator()
        if catalogue.load(f"{catalog}_{language}", folder):
            loaded.append(catalogue)

    def translate(context: str, text: str) -> str:
        for catalogue in loaded:
            found = catalogue.translate(context, text)
            if found:
                return found
        return text

    return translate
