"""The clerk's words in the Qt-free core: English templates the GUI can translate.

The core may not import Qt, yet the GUI shows its messages in the clerk's language. So every
clerk-facing sentence in the core is an English *template* (``str.format`` placeholders such as
``{amount}``) wrapped in :func:`QT_TRANSLATE_NOOP` with the context :data:`CONTEXT`, and the
values that fill it travel separately as text. ``pyside6-lupdate`` finds those calls in the
Python sources (it recognises the name, a literal context and literal text — adjacent literals
are joined) and puts the templates in ``resources/translations/moto_desk_clerk_fr.ts``
(``packaging/translations_clerk.py``). At run time the GUI looks the template up with
``QCoreApplication.translate`` and fills it, through :func:`render_template`.

Rules for a template: a literal (never an f-string: lupdate cannot read one, and the text would
differ per call), placeholders named for what they hold, and literal braces doubled (``{{``),
because every template goes through ``str.format`` even when it has no placeholder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

#: The translation context of every core message (one catalogue, one namespace).
CONTEXT = "clerk"

#: ``translate(context, source_text) -> text``: ``QCoreApplication.translate`` fits.
Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802  lupdate's marker name
    """Mark ``text`` for ``pyside6-lupdate`` and return it unchanged.

    The name, and a literal ``context`` and ``text``, are what lupdate looks for; translating
    happens later, in the GUI, when the text is shown.
    """
    return text


def render_template(template: str, args: Mapping[str, str], translate: Translate) -> str:
    """``template`` translated by ``translate`` and filled with ``args``.

    A translation whose placeholders do not match the template's (a catalogue bug the tests
    guard against) falls back to the English text: the clerk must always see the message, even
    in the wrong language, rather than a crash in the error handler.
    """
    translated = translate(CONTEXT, template) or template
    try:
        return translated.format(**args)
    except (KeyError, IndexError, ValueError):
        return template.format(**args)
