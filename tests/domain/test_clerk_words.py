"""The core's clerk messages: English templates, all of them translated into French.

The core cannot import Qt, so its messages are ``QT_TRANSLATE_NOOP("clerk", …)`` templates that
the GUI translates (``moto_desk.domain.words``). These tests check that every template in the
sources is in the committed catalogue with a finished French translation, that the committed
``.qm`` is the compiled ``.ts``, and that :func:`render` gives French while ``clerk_message``
stays English. The catalogue checks need PySide6's lupdate/lrelease/QTranslator and are skipped
where Qt is not installed (the core's own tests run without it); the others need no Qt.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from moto_desk.domain.errors import (
    DEFAULT_MESSAGES,
    Declined,
    ErrorKind,
    InvalidInput,
    MotoDeskError,
    PermissionDenied,
    ReaderBusy,
    render,
)
from moto_desk.domain.money import Money, check_chargeable, parse_amount
from moto_desk.domain.phone import normalize_phone
from moto_desk.domain.words import CONTEXT, QT_TRANSLATE_NOOP, render_template
from moto_desk.flows.reconcile import Settled
from moto_desk.records.journal import JournalKind, JournalState

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

Translate = Callable[[str, str], str]


def _load_script() -> ModuleType:
    path = ROOT / "packaging" / "translations_clerk.py"
    spec = importlib.util.spec_from_file_location("translations_clerk", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


script = _load_script()


def _messages(ts: Path) -> Iterator[tuple[str, str, ET.Element]]:
    """(context, source, message element) for every message of a .ts file."""
    root = ET.parse(ts).getroot()  # noqa: S314  our own catalogue, not untrusted input
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message.findtext("source") or "", message


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


# ------------------------------------------------------------------ sources (no Qt needed)

#: Callables whose positional arguments carry clerk text; a bare literal or an f-string there
#: would reach the clerk untranslated.
_MESSAGE_CALLS = frozenset(
    {
        "MotoDeskError",
        "InvalidInput",
        "OutcomeUnknown",
        "ReaderBusy",
        "PermissionDenied",
        "_refuse",
        "_storage_error",
        "_close",
        "Settled",
    }
)


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_text(node: ast.expr) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return False


def test_every_marker_has_the_clerk_context_and_literal_text() -> None:
    found = 0
    for path in script.sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called_name(node) == "QT_TRANSLATE_NOOP":
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                context, text = node.args
                assert isinstance(context, ast.Constant) and context.value == CONTEXT, where
                # lupdate reads literals only: an f-string would never reach the catalogue.
                assert isinstance(text, ast.Constant) and isinstance(text.value, str), where
                found += 1
    assert found > 100


def test_no_clerk_text_escapes_the_marker() -> None:
    unwrapped: list[str] = []
    for path in script.sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called_name(node) in _MESSAGE_CALLS:
                unwrapped.extend(
                    f"{path.relative_to(ROOT)}:{arg.lineno}" for arg in node.args if _is_text(arg)
                )
    assert not unwrapped, "wrap clerk text in QT_TRANSLATE_NOOP: " + ", ".join(unwrapped)


def test_the_catalogue_covers_the_core_and_not_the_ui_or_simulator() -> None:
    names = {path.relative_to(ROOT / "moto_desk").parts[0] for path in script.sources()}
    assert {"domain", "records", "gateway", "flows"} <= names
    assert not names & {"ui", "simulator"}


# ------------------------------------------------------------------ English stays English


def test_the_marker_returns_its_text() -> None:
    assert QT_TRANSLATE_NOOP("clerk", "Enter an amount.") == "Enter an amount."


def test_clerk_message_is_the_english_template_filled_in() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_amount("abc", "eur", "fr")
    error = caught.value
    assert (
        error.template
        == "“{shown}” is not an amount. Type it in figures, for example {small} or {large}."
    )
    assert dict(error.template_args) == {"shown": "abc", "small": "12,50", "large": "1 234,50"}
    assert error.clerk_message == (
        "“abc” is not an amount. Type it in figures, for example 12,50 or 1 234,50."
    )
    # BaseException.args keeps its meaning: the message, so str() and tracebacks show it.
    assert error.args == (error.clerk_message,)
    assert str(error) == error.clerk_message


def test_values_are_text_formatted_in_english() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_chargeable(Money(10, "eur"))
    assert dict(caught.value.template_args) == {"currency": "EUR", "amount": "€0.50"}
    assert caught.value.clerk_message == "The smallest amount you can charge in EUR is €0.50."


def test_a_busy_reader_held_elsewhere_without_a_name() -> None:
    error = ReaderBusy(False)
    assert error.template_args == {}
    assert "being used by another desk or program" in error.clerk_message


def test_template_values_cannot_be_changed_after_the_fact() -> None:
    error = ReaderBusy(False, "desk 2")
    with pytest.raises(TypeError):
        error.template_args["holder"] = "desk 3"  # type: ignore[index]


def test_render_without_a_translation_is_the_english_message() -> None:
    untranslated: Translate = lambda _context, text: text  # noqa: E731
    for error in (
        Declined("insufficient_funds"),
        ReaderBusy(False, "desk 2"),
        PermissionDenied("rak_terminal_reader_write"),
        MotoDeskError(ErrorKind.NETWORK),
    ):
        assert render(error, untranslated) == error.clerk_message
    # QTranslator answers "" for a message it does not hold.
    assert render(Declined(), lambda _c, _t: "") == DEFAULT_MESSAGES[ErrorKind.DECLINED]


def test_a_broken_translation_falls_back_to_english() -> None:
    error = ReaderBusy(False, "desk 2")
    assert render(error, lambda _c, _t: "Occupé par {someone}.") == error.clerk_message


def test_render_template_passes_the_clerk_context() -> None:
    seen: list[tuple[str, str]] = []

    def spy(context: str, text: str) -> str:
        seen.append((context, text))
        return "Client {name} créé."

    assert render_template("Customer {name} created.", {"name": "Ada"}, spy) == "Client Ada créé."
    assert seen == [("clerk", "Customer {name} created.")]


# ------------------------------------------------------------------ the committed catalogue


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What lupdate extracts from today's sources, into an empty catalogue."""
    pytest.importorskip("PySide6.QtCore")
    ts = tmp_path_factory.mktemp("clerk") / "fresh.ts"
    script.lupdate(ts)
    return ts


@pytest.fixture(scope="module")
def translate() -> Translate:
    """A translator loaded from the committed .qm, as the GUI installs it."""
    qtcore = pytest.importorskip("PySide6.QtCore")
    translator = qtcore.QTranslator()
    assert translator.load(str(script.qm_path("fr")))

    def lookup(context: str, text: str) -> str:
        return str(translator.translate(context, text))

    # Keep the translator alive as long as the function that uses it.
    lookup.translator = translator  # type: ignore[attr-defined]
    return lookup


def test_every_message_in_the_sources_is_in_the_catalogue(fresh_ts: Path) -> None:
    wanted = {(context, source) for context, source, _ in _messages(fresh_ts)}
    committed = {(context, source) for context, source, _ in _messages(script.ts_path("fr"))}
    assert {context for context, _ in wanted} == {CONTEXT}
    assert wanted - committed == set(), "new messages: run python packaging/translations_clerk.py"
    assert committed - wanted == set(), "stale messages: run python packaging/translations_clerk.py"


def test_every_message_has_a_finished_french_translation() -> None:
    problems = []
    for _context, source, message in _messages(script.ts_path("fr")):
        translation = message.find("translation")
        text = translation.text if translation is not None else None
        if translation is None or translation.get("type") is not None or not (text or "").strip():
            # "unfinished", "vanished" and "obsolete" all mean the .ts needs work.
            problems.append(f"not translated: {source!r}")
        elif _placeholders(source) != _placeholders(text or ""):
            problems.append(f"placeholders differ: {source!r} → {text!r}")
        elif text == source:
            problems.append(f"left in English: {source!r}")
    assert not problems, "\n".join(problems)


def test_committed_qm_is_the_committed_ts_compiled(tmp_path: Path) -> None:
    pytest.importorskip("PySide6.QtCore")
    fresh = tmp_path / "fresh.qm"
    script.lrelease(script.ts_path("fr"), fresh)
    assert fresh.read_bytes() == script.qm_path("fr").read_bytes(), (
        "run python packaging/translations_clerk.py compile"
    )


def test_the_qm_translates_every_message(translate: Translate) -> None:
    for context, source, message in _messages(script.ts_path("fr")):
        assert translate(context, source) == message.findtext("translation"), source


def test_render_gives_french(translate: Translate) -> None:
    assert render(Declined("insufficient_funds", "card_declined"), translate) == (
        "La carte a été refusée\u00a0: fonds insuffisants. "
        "Demandez au client une autre carte, ou de réessayer plus tard."
    )
    assert render(Declined("pickup_card"), translate).startswith(
        "La carte a été refusée (motif\u00a0: pickup_card)."
    )
    with pytest.raises(InvalidInput) as caught:
        parse_amount("abc", "eur", "fr")
    assert render(caught.value, translate) == (
        "«\u00a0abc\u00a0» n’est pas un montant. "
        "Saisissez-le en chiffres, par exemple 12,50 ou 1 234,50."
    )
    assert render(ReaderBusy(), translate).startswith("Le terminal de paiement est occupé")
    assert "quelqu’un d’autre (desk 2)" in render(ReaderBusy(False, "desk 2"), translate)
    with pytest.raises(InvalidInput) as phone:
        normalize_phone("06 12", "FR")
    assert render(phone.value, translate) == (
        "«\u00a006 12\u00a0» est trop court pour un numéro de téléphone. Vérifiez les chiffres."
    )
    for kind in ErrorKind:
        error = MotoDeskError(kind)
        french = render(error, translate)
        assert french != error.clerk_message, kind


def test_reconciliation_notes_render_in_french(translate: Translate) -> None:
    settled = Settled(
        "entry",
        JournalKind.SAVE_CARD,
        None,
        QT_TRANSLATE_NOOP("clerk", "The card {card} was saved."),
        {"card": "visa •••• 4242"},
    )
    assert settled.note == "The card visa •••• 4242 was saved."
    assert settled.render_note(translate) == "La carte visa •••• 4242 a été enregistrée."


def test_a_reconciliation_note_writes_its_amount_as_the_window_writes_money(
    translate: Translate,
) -> None:
    settled = Settled(
        "entry",
        JournalKind.CHARGE,
        JournalState.FAILED,
        QT_TRANSLATE_NOOP(
            "clerk",
            "A charge of {amount} was interrupted before it reached Stripe: the customer was "
            "not charged. Charge again if the order still stands.",
        ),
        amount=Money(123450, "eur"),
    )
    assert settled.note.startswith("A charge of €1,234.50 was interrupted")
    french = settled.render_note(translate, "fr")
    assert "1\u202f234,50\u00a0€" in french, french
    assert "1,234.50" not in french
