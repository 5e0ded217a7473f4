"""Regenerate and compile the window's translations (English source, French shipped).

    python packaging/translations.py            # lupdate the .ts, then lrelease the .qm
    python packaging/translations.py --check    # exit 1 if anything is stale or untranslated

``pyside6-lupdate`` collects every ``tr()`` / ``QCoreApplication.translate()`` /
``QT_TRANSLATE_NOOP`` string of ``moto_desk/ui`` into ``resources/translations/
moto_desk_fr.ts`` (keeping the translations already there; without source locations, so the
file only changes when a string does). A translator fills in the French (Qt Linguist, or by
hand), then this script compiles ``moto_desk_fr.qm``. Both files are committed;
``tests/ui/test_translations.py`` runs the same check as ``--check``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "moto_desk" / "ui").rglob("*.py"))  # every room of the window
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("fr",)


def tool(name: str) -> str:
    """``pyside6-lupdate``/``pyside6-lrelease`` next to this Python, else on the PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"moto_desk_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS / f"moto_desk_{language}.qm"


def lupdate(ts: Path, language: str) -> None:
    """Bring ``ts`` up to date with the sources (vanished strings are dropped)."""
    subprocess.run(  # noqa: S603  fixed arguments: Qt's tools on our own files
        [
            tool("pyside6-lupdate"),
            *map(str, SOURCES),
            "-source-language",
            "en",
            "-target-language",
            language,
            "-locations",
            "none",
            "-no-obsolete",
            "-silent",
            "-ts",
            str(ts),
        ],
        check=True,
        cwd=ROOT,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(  # noqa: S603  fixed arguments: Qt's tools on our own files
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, cwd=ROOT
    )


def untranslated(ts: Path) -> list[str]:
    """Source strings of ``ts`` that have no finished translation."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):  # noqa: S314  our own file
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished"):
            missing.append(source)
            continue
        forms = translation.findall("numerusform")
        texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
        if not all(text.strip() for text in texts):
            missing.append(source)
    return missing


def check(language: str) -> list[str]:
    """Problems with the committed files: stale .ts, untranslated strings, stale .qm."""
    problems = []
    with tempfile.TemporaryDirectory() as folder:
        fresh_ts = Path(folder) / ts_path(language).name
        shutil.copy(ts_path(language), fresh_ts)
        lupdate(fresh_ts, language)
        if fresh_ts.read_bytes() != ts_path(language).read_bytes():
            problems.append(
                f"{ts_path(language).name} is not what lupdate makes of the sources: "
                "run python packaging/translations.py"
            )
        problems.extend(f"no French for: {source!r}" for source in untranslated(fresh_ts))
        fresh_qm = Path(folder) / qm_path(language).name
        lrelease(ts_path(language), fresh_qm)
        if (
            not qm_path(language).exists()
            or fresh_qm.read_bytes() != qm_path(language).read_bytes()
        ):
            problems.append(f"{qm_path(language).name} is stale: run packaging/translations.py")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="verify, change nothing")
    args = parser.parse_args(argv)
    if args.check:
        problems = [p for language in LANGUAGES for p in check(language)]
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    for language in LANGUAGES:
        lupdate(ts_path(language), language)
        lrelease(ts_path(language), qm_path(language))
        missing = untranslated(ts_path(language))
        if missing:
            print(f"{len(missing)} string(s) still need French in {ts_path(language).name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
