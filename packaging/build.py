"""Build the standalone moto-desk: ``dist/moto-desk/`` (one folder), or one file on request.

    python packaging/build.py                 dist/moto-desk/moto-desk (+ _internal/)
    python packaging/build.py --onefile       dist/moto-desk (a single file; ~1 s to unpack
                                              at every start, so not the default)
    python packaging/build.py --no-slim       PyInstaller's defaults, for comparison
    python packaging/build.py --keep STEP     skip one slimming step (see packaging/bundle.py)
    python packaging/build.py --baseline      the bare PySide6 window, built the same way

Before building: checks that the runtime files exist and that every file under
``resources/`` is either shipped or declared source-only; renders the ``.ico``/``.icns``
icons. After: checks the bundle holds what the program needs (resources, stripe's CA bundle,
keyring's metadata, the Qt plugins kept), and on Linux adds ``share/`` with the desktop entry
and the icon. PyInstaller's log goes to ``build/pyinstaller/<name>.log``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import bundle  # packaging/bundle.py: this script's folder is first on sys.path
import icons

BASELINE_SPEC = bundle.PACKAGING / "baseline" / "bare-window.spec"
APP_SPEC = bundle.PACKAGING / "moto-desk.spec"
BASELINE_NAME = "bare-window"


def _fail(message: str) -> int:
    print(f"build.py: {message}", file=sys.stderr)
    return 1


def preflight() -> list[str]:
    """Problems with the runtime files, before spending a minute on PyInstaller."""
    problems = [
        f"missing {path}" for path in bundle.REQUIRED_RESOURCES if not (bundle.REPO / path).exists()
    ]
    problems += [
        f"{path} is neither shipped nor source-only: add it to DATA_RULES or SOURCE_ONLY in "
        "packaging/bundle.py"
        for path in bundle.unshipped_resources()
    ]
    return problems


def run_pyinstaller(
    spec: Path, name: str, args: argparse.Namespace, spec_args: list[str]
) -> tuple[int, Path]:
    args.workpath.mkdir(parents=True, exist_ok=True)
    log = args.workpath / f"{name}{'-onefile' if args.onefile else ''}.log"
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(spec),
        "--noconfirm",
        "--distpath",
        str(args.distpath),
        "--workpath",
        str(args.workpath),
        *(["--clean"] if args.clean else []),
        "--",
        *spec_args,
    ]
    with log.open("w", encoding="utf-8") as out:
        into = {} if args.verbose else {"stdout": out, "stderr": subprocess.STDOUT}
        # Our own interpreter running PyInstaller on our own spec: no untrusted input.
        code = subprocess.call(command, cwd=bundle.REPO, **into)  # noqa: S603
    return code, log


def add_desktop_files(folder: Path) -> None:
    """``share/applications/moto-desk.desktop`` and the scalable icon, beside the program, in
    the layout of a ``/usr/local`` prefix (README: "Building the executable")."""
    applications = folder / "share" / "applications"
    scalable = folder / "share" / "icons" / "hicolor" / "scalable" / "apps"
    applications.mkdir(parents=True, exist_ok=True)
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(bundle.DESKTOP_FILE, applications / bundle.DESKTOP_FILE.name)
    shutil.copy2(bundle.ICON_SVG, scalable / f"{bundle.APP_NAME}.svg")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--onefile", action="store_true", help="a single executable file")
    parser.add_argument("--no-slim", action="store_true", help="no slimming step at all")
    parser.add_argument(
        "--keep",
        action="append",
        default=[],
        choices=bundle.STEP_NAMES,
        metavar="STEP",
        help=f"skip this slimming step (repeatable): {', '.join(bundle.STEP_NAMES)}",
    )
    parser.add_argument("--baseline", action="store_true", help="build the bare PySide6 window")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    parser.add_argument("--distpath", type=Path, default=bundle.REPO / "dist")
    parser.add_argument("--workpath", type=Path, default=bundle.REPO / "build" / "pyinstaller")
    parser.add_argument("--verbose", action="store_true", help="show PyInstaller's log")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    args.distpath = args.distpath.resolve()
    args.workpath = args.workpath.resolve()

    started = time.monotonic()
    name = BASELINE_NAME if args.baseline else bundle.APP_NAME
    spec = BASELINE_SPEC if args.baseline else APP_SPEC
    spec_args = [*(["--onefile"] if args.onefile else []), *(["--no-slim"] if args.no_slim else [])]
    for step in args.keep:
        spec_args += ["--keep", step]
    if not args.baseline:
        problems = preflight()
        if problems:
            return _fail("; ".join(problems))
        icon_dir = args.workpath / "icons"
        icons.write_icons(bundle.ICON_SVG, icon_dir)
        spec_args += ["--icon-dir", str(icon_dir)]

    code, log = run_pyinstaller(spec, name, args, spec_args)
    if code != 0:
        if not args.verbose:
            sys.stderr.write("".join(log.read_text(encoding="utf-8").splitlines(True)[-40:]))
        return _fail(f"PyInstaller failed (exit {code}); its log: {log}")

    output = args.distpath / name
    system: list[str] = []
    glibc: str | None = None
    steps = bundle.active_steps(not args.no_slim, args.keep)
    if not args.onefile and not args.baseline:
        missing = bundle.missing_from_bundle(output / "_internal")
        if missing:
            return _fail(f"{output} lacks {', '.join(missing)}")
        if sys.platform.startswith("linux"):
            add_desktop_files(output)
    if not args.onefile and sys.platform.startswith("linux"):
        system, glibc = bundle.system_libraries(output)
    seconds = time.monotonic() - started
    size, files = (output.stat().st_size, 1) if output.is_file() else bundle.folder_size(output)
    summary = {
        "name": name,
        "path": str(output),
        "onefile": args.onefile,
        "steps": sorted(steps),
        "build_seconds": round(seconds, 1),
        "bytes": size,
        "files": files,
        "log": str(log),
        "glibc": glibc,
        "system_libraries": system,
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"{output}: {size / 1e6:.1f} MB in {files} files, built in {seconds:.0f} s")
        if system:
            print(f"  takes from the desk's system: glibc >= {glibc}, {', '.join(system)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
