"""The clerk catalogue: the core's messages (errors, reconciliation notes) in French.

The Qt-free core (``domain``, ``records``, ``gateway``, ``flows``, ``diagnostics`` and the
top-level modules) marks every clerk-facing template with ``QT_TRANSLATE_NOOP("clerk", …)``
(:mod:`moto_desk.domain.words`). This script keeps
``resources/translations/moto_desk_clerk_fr.ts`` in step with those sources and compiles it to
the ``.qm`` the GUI loads. It is separate from the GUI's own catalogue (``moto_desk_fr.ts``,
built from ``moto_desk/ui``) so the two can be regenerated independently.

Usage::

    python packaging/translations_clerk.py            # update the .ts, then compile the .qm
    python packaging/translations_clerk.py update     # only refresh the .ts (new text unfinished)
    python packaging/translations_clerk.py compile    # only compile the .qm

After ``update``, translate every ``type="unfinished"`` message (Qt Linguist, or by hand), then
``compile``; ``tests/domain/test_clerk_words.py`` fails while any message is unfinished.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "moto_desk"
#: The folders of the core whose messages belong to this catalogue (ui has its own).
CORE_FOLDERS = ("domain", "records", "gateway", "flows", "cli", "diagnostics")
TRANSLATIONS = ROOT / "resources" / "translations"
CATALOG = "moto_desk_clerk"
LANGUAGES = ("fr",)


def ts_path(language: str = "fr") -> Path:
    return TRANSLATIONS / f"{CATALOG}_{language}.ts"


def qm_path(language: str = "fr") -> Path:
    return TRANSLATIONS / f"{CATALOG}_{language}.qm"


def sources() -> list[Path]:
    """Every Python file whose clerk messages the catalogue holds, in a stable order.

    Top-level modules are included so a message added to one (the self-test, the backend) is
    not missed; the simulator is not, because it imitates Stripe's English API on purpose.
    """
    files = sorted(PACKAGE.glob("*.py"))
    for folder in CORE_FOLDERS:
        files.extend(sorted((PACKAGE / folder).rglob("*.py")))
    return files


def qt_tool(name: str) -> Path:
    """The path of one of PySide6's bundled Qt tools (``lupdate``, ``lrelease``).

    Called directly rather than through the ``pyside6-*`` wrappers because those live in the
    venv's ``bin`` folder, which is not on ``PATH`` when CI runs ``.venv/bin/python -m pytest``.
    """
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("PySide6 is not installed: its lupdate and lrelease are needed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    tool = folder / (f"{name}.exe" if sys.platform == "win32" else name)
    if not tool.is_file():
        raise RuntimeError(f"{tool} is missing from the PySide6 installation")
    return tool


def _run(command: list[str]) -> None:
    """Run a Qt tool; its output is shown only when it fails (it is chatty on success)."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(
            f"{Path(command[0]).name} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )


def lupdate(ts: Path, language: str = "fr") -> None:
    """Extract the sources' messages into ``ts``: new ones unfinished, existing translations
    kept, messages no longer in the sources dropped (``-no-obsolete``) so none lingers.

    Without source locations (as the GUI's catalogue), so the file changes only when a message
    does, not whenever a line moves.
    """
    _run(
        [
            str(qt_tool("lupdate")),
            *[str(path) for path in sources()],
            "-source-language",
            "en",
            "-target-language",
            language,
            "-locations",
            "none",
            "-no-obsolete",
            "-ts",
            str(ts),
        ]
    )
    _drop_extracomments(ts)


# lupdate reads ``#:`` comments in Python as notes for the translator and attaches every one it
# meets to the next message it finds, however far below; in our sources ``#:`` is Sphinx's
# attribute documentation ("Stripe's card limit…"), which would mislead a translator.
_EXTRACOMMENT = re.compile(r"^[ \t]*<extracomment>.*?</extracomment>\n", re.MULTILINE | re.DOTALL)


def _drop_extracomments(ts: Path) -> None:
    text = ts.read_text(encoding="utf-8")
    cleaned = _EXTRACOMMENT.sub("", text)
    if cleaned != text:
        ts.write_text(cleaned, encoding="utf-8", newline="\n")


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` to ``qm``, leaving out unfinished messages (the clerk then reads the
    English text, never a half-done translation)."""
    _run([str(qt_tool("lrelease")), "-nounfinished", "-silent", str(ts), "-qm", str(qm)])


def update() -> None:
    """Refresh every language's ``.ts`` from the sources."""
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        lupdate(ts_path(language), language)


def compile() -> None:
    """Compile every language's ``.ts`` to the ``.qm`` the GUI loads."""
    for language in LANGUAGES:
        lrelease(ts_path(language), qm_path(language))


def main(argv: list[str]) -> int:
    steps = argv or ["update", "compile"]
    unknown = [step for step in steps if step not in ("update", "compile")]
    if unknown:
        print(f"usage: {Path(__file__).name} [update] [compile]", file=sys.stderr)
        return 2
    for step in steps:
        if step == "update":
            update()
        else:
            compile()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
