"""What goes into the frozen moto-desk, and what is left out: the one list the spec reads.

Plain Python with no PyInstaller import at module level, so the fast packaging tests can read
the same lists the build uses (``tests/packaging/test_spec.py``). The spec files
(``packaging/moto-desk.spec`` and ``packaging/baseline/bare-window.spec``) load this file by
path; ``packaging/`` is deliberately not a Python package (its name would shadow the
``packaging`` distribution that pip and pytest import).

Each slimming step has a name so that it can be switched off one at a time
(``python packaging/build.py --keep qt-network``) and its saving measured
(``tests/benchmarks/bench_frozen.py --exclusions``); the figures are beside ``SLIMMING``.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import posixpath
import re
import struct
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parents[1]
PACKAGING = REPO / "packaging"
APP_NAME = "moto-desk"
#: The script PyInstaller freezes (it only calls ``moto_desk.__main__.main``).
ENTRY_SCRIPT = PACKAGING / "launch.py"
ICON_SVG = REPO / "resources" / "icons" / "moto-desk.svg"
DESKTOP_FILE = PACKAGING / "moto-desk.desktop"
#: Languages of the window other than the source language (English): Qt's own catalogue
#: ``qtbase_<lang>.qm`` is kept for each (standard buttons, context menus…).
UI_LANGUAGES = ("fr",)


def app_version(repo: Path = REPO) -> str:
    """``moto_desk.__version__``, read from the source (the spec must not import the app)."""
    text = (repo / "moto_desk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise ValueError("moto_desk/__init__.py has no __version__")
    return found.group(1)


def spec_options(argv: Sequence[str]) -> argparse.Namespace:
    """The options a spec takes after ``--`` (``pyinstaller moto-desk.spec -- --onefile``)."""
    parser = argparse.ArgumentParser(prog="moto-desk.spec", add_help=False)
    parser.add_argument("--onefile", action="store_true", help="one file instead of a folder")
    parser.add_argument("--no-slim", action="store_true", help="PyInstaller's defaults")
    parser.add_argument(
        "--keep", action="append", default=[], choices=STEP_NAMES, help="skip a slimming step"
    )
    parser.add_argument("--icon-dir", type=Path, help="where .ico/.icns were generated")
    return parser.parse_args(list(argv))


# --------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class DataRule:
    """Files under ``REPO/folder`` matching ``patterns``, copied to ``dest`` in the bundle."""

    folder: str
    patterns: tuple[str, ...]
    dest: str

    def files(self, repo: Path = REPO) -> list[Path]:
        root = repo / self.folder
        found = {path for pattern in self.patterns for path in root.glob(pattern) if path.is_file()}
        return sorted(found)


#: The program's runtime files. ``moto_desk.domain.consent.resources_dir()`` expects the
#: folder as ``resources`` at the top of the bundle (``sys._MEIPASS/resources``).
DATA_RULES = (
    DataRule("resources/consent", ("terms-*.txt",), "resources/consent"),
    DataRule("resources/icons", ("*.svg",), "resources/icons"),
    DataRule("resources/translations", ("*.qm",), "resources/translations"),
    DataRule("resources", ("style.qss",), "resources"),
)
#: Files under ``resources/`` that are sources, not runtime data (Qt Linguist catalogues are
#: compiled to ``.qm``, which is what ships).
SOURCE_ONLY = ("translations/*.ts", "**/README*", "**/.gitkeep")
#: Files the program cannot run without (checked before and after a build).
REQUIRED_RESOURCES = (
    "resources/consent/terms-en.txt",
    "resources/consent/terms-fr.txt",
    "resources/style.qss",
    "resources/icons/moto-desk.svg",
)


def data_files(repo: Path = REPO) -> list[tuple[str, str]]:
    """``(source file, destination folder)`` pairs for PyInstaller's ``datas``."""
    pairs: list[tuple[str, str]] = []
    for rule in DATA_RULES:
        pairs.extend((str(path), rule.dest) for path in rule.files(repo))
    return pairs


def shipped_resources(repo: Path = REPO) -> set[str]:
    """Bundle paths (``resources/...``, POSIX) of the runtime files the rules select."""
    return {str(PurePosixPath(dest) / Path(source).name) for source, dest in data_files(repo)}


def unshipped_resources(repo: Path = REPO) -> list[str]:
    """Files under ``resources/`` that no rule ships and that are not declared source-only."""
    root = repo / "resources"
    shipped = shipped_resources(repo)
    left: list[str] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(root).as_posix()
        if f"resources/{relative}" in shipped:
            continue
        if any(fnmatch.fnmatch(relative, pattern) for pattern in SOURCE_ONLY):
            continue
        left.append(f"resources/{relative}")
    return left


#: Package data the program reads at run time: the stripe SDK verifies api.stripe.com against
#: its own CA bundle (``stripe/data/ca-certificates.crt``); without it live mode fails on TLS.
PACKAGE_DATA = (("stripe", ("data/*.crt",)),)
#: Distributions whose metadata must ship: keyring finds its backends through entry points;
#: Help → About and the support bundle read the versions of the others from their metadata
#: (``moto_desk.diagnostics.bundle.bundle_versions``): a few kilobytes each once the
#: ``dist-info-records`` step has dropped the installers' file lists.
PACKAGE_METADATA = ("keyring", "moto-desk", "stripe", "PySide6-Essentials")

# --------------------------------------------------------------------------------------------
# Imports

#: Packages the simulator imports with ``importlib.import_module`` (the ``stripe.params``
#: TypedDicts it validates requests against): PyInstaller cannot see those imports.
DYNAMIC_IMPORT_PACKAGES = (
    "stripe.params",
    "stripe.params.terminal",
    "stripe.params.test_helpers.terminal",
)
#: Packages whose every submodule is collected: ``moto_desk`` itself (the window and the
#: simulator are imported lazily, inside functions) and ``stripe.params`` (which holds all of
#: ``DYNAMIC_IMPORT_PACKAGES``; one ``collect_submodules`` call costs ~1 s, so not one each).
COLLECT_SUBMODULES = ("moto_desk", "stripe.params")
#: The keyring backend each platform uses, named so the build fails loudly if one goes missing
#: (keyring finds backends through entry points, which PyInstaller cannot follow; its hook
#: collects ``keyring.backends`` whole, and these make the platform's own one explicit). The
#: Windows Credential Locker backend needs ``win32ctypes`` (pywin32-ctypes), which keyring
#: itself requires on Windows (``Requires-Dist: pywin32-ctypes>=0.2.0; sys_platform ==
#: "win32"``); macOS's Keychain backend calls the Security framework through ctypes.
PLATFORM_HIDDEN_IMPORTS: dict[str, tuple[str, ...]] = {
    "win32": (
        "keyring.backends.Windows",
        "win32ctypes.pywin32.win32cred",
        "win32ctypes.pywin32.pywintypes",
    ),
    "darwin": ("keyring.backends.macOS", "keyring.backends.macOS.api"),
    "linux": ("keyring.backends.SecretService",),
}


def platform_hidden_imports(platform: str = sys.platform) -> tuple[str, ...]:
    """The hidden imports for ``platform`` (``sys.platform``: ``linux``, ``win32``, ``darwin``)."""
    key = "linux" if platform.startswith("linux") else platform
    return PLATFORM_HIDDEN_IMPORTS.get(key, ())


#: Modules never wanted, whatever pulls them in.
ALWAYS_EXCLUDED = ("tkinter", "_tkinter")
#: Never exclude these, even if a slimming idea suggests it: ``decimal`` (stripe's encoder),
#: ``_ssl``/``_hashlib`` (requests, TLS to Stripe), ``unicodedata`` (idna),
#: ``PySide6.QtPrintSupport`` (receipts, planned), ``PySide6.QtSvg`` (the icons).
NEVER_EXCLUDED = (
    "decimal",
    "_decimal",
    "_ssl",
    "ssl",
    "_hashlib",
    "hashlib",
    "unicodedata",
    "asyncio",
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtSvg",
    "PySide6.QtPrintSupport",
)

# --------------------------------------------------------------------------------------------
# Slimming steps


@dataclass(frozen=True)
class Step:
    name: str
    summary: str


#: Every slimming step, in the order they are applied. What each saves, measured by
#: ``tests/benchmarks/bench_frozen.py --exclusions`` as what skipping only that step adds to
#: the slim one-folder build (Debian 12, PySide6-Essentials 6.12.0 then, PyInstaller 6.22.3):
#: PyInstaller's defaults 204.4 MB → all steps 134.9 MB (the bare window, slimmed: 112.9 MB),
#: before receipts brought QtPrintSupport and its CUPS plugin; with them, all steps: 135.2 MB.
SLIMMING = (
    # −28.8 MB
    Step("strip", "strip symbols from shared libraries and extensions"),
    # −6.9 MB (qtbase_fr.qm, 160 kB, stays)
    Step("qt-translations", "Qt's own catalogues: only qtbase_<lang>.qm for the UI languages"),
    # −4.9 MB; put it back if the program ever imports QtNetwork (e.g. QLocalServer)
    Step("qt-network", "exclude PySide6.QtNetwork (its library, TLS and network plugins)"),
    # −0.3 MB
    Step("qt-dbus-binding", "exclude the PySide6.QtDBus binding (libQt6DBus itself stays)"),
    # −8.3 MB (with the libraries only they need)
    Step("qt-platforms", "platform plugins: only xcb and offscreen (no Wayland, EGLFS, VNC…)"),
    # −20.3 MB: the GTK3 theme drags GTK's stack (cairo, pango, gdk-pixbuf…) from the host
    Step("qt-platformthemes", "no GTK3 or XDG-portal platform theme (they drag in GTK)"),
    # −2.3 MB
    Step("qt-imageformats", "image-format plugins: only SVG"),
    # −4.3 MB; without IBus, Qt falls back to the compose input context (dead keys work)
    Step("qt-other-plugins", "no evdev/tuio input, network-information or IBus plugins"),
    # −0.8 MB (compressed bytecode): the SDK imports them only to parse v2 event payloads
    Step("stripe-events", "exclude stripe.events (v2 event classes; moto-desk reads no events)"),
    # −9.0 MB: libcups and what only it links to (GnuTLS, Kerberos, p11-kit, Avahi…). A desk
    # that prints has CUPS, hence libcups2; without it Qt offers "Print to PDF" only.
    Step("system-cups", "the CUPS print plugin uses the desk's own libcups (Linux)"),
    # −6.9 MB: psycopg_binary brings an OpenSSL of its own (3.5) beside the one Python's ssl
    # module links to (the build machine's 3.0); its libpq and libldap ask only for symbols of
    # OpenSSL 3.0.0, so they use that one (the frozen check connects to a PostgreSQL with them)
    Step("shared-openssl", "psycopg's libpq uses the OpenSSL Python's ssl module brings (Linux)"),
    # −0.6 MB: importlib.metadata reads METADATA and entry points; RECORD lists the files pip
    # installed (PySide6's and stripe's ~0.3 MB each), for pip to uninstall them
    Step("dist-info-records", "no installer file lists (RECORD) in the packages' metadata"),
    # −26.3 MB: what the dropped plugins alone linked to (Qt Wayland/EGLFS/OpenGL, GTK…)
    Step("prune-libs", "drop shared libraries no kept binary links to (Linux)"),
)
STEP_NAMES = tuple(step.name for step in SLIMMING)

#: Python modules each step excludes.
STEP_EXCLUDES = {
    "qt-network": ("PySide6.QtNetwork",),
    "qt-dbus-binding": ("PySide6.QtDBus",),
    "stripe-events": ("stripe.events",),
}
#: Libraries each step leaves to the desk's system (file-name prefixes); with ``prune-libs``
#: on, what only they linked to goes too.
STEP_SYSTEM_LIBRARIES = {
    "system-cups": ("libcups.so",),
}

#: Libraries a wheel brings a copy of that the bundle already holds, by step: (the wheel's
#: folder in the bundle, the start of its copy's file name, the bundle's library). The copy
#: becomes a symbolic link to the bundle's library, under the copy's name (which is what
#: its neighbours' DT_NEEDED asks for: auditwheel renames the libraries it vendors).
SHARED_LIBRARIES = {
    "shared-openssl": (
        ("psycopg_binary.libs", "libssl-", "libssl.so.3"),
        ("psycopg_binary.libs", "libcrypto-", "libcrypto.so.3"),
    ),
}

#: Qt plugins kept, by plugin folder, as names without ``lib`` and the file suffix. A folder
#: not listed here is dropped whole once the step that owns it is on (see ``PLUGIN_STEP``).
#: Windows and macOS names are listed so the same spec builds there (untested on those).
KEPT_PLUGINS = {
    "platforms": ("qxcb", "qoffscreen", "qwindows", "qcocoa"),
    "platforminputcontexts": ("composeplatforminputcontextplugin",),
    "iconengines": ("qsvgicon",),
    "imageformats": ("qsvg",),
}
#: Which step removes unlisted plugins of each folder. Folders not named here are kept whole
#: (``iconengines``, and ``styles``, the native widget styles of Windows and macOS).
PLUGIN_STEP = {
    "platforms": "qt-platforms",
    "egldeviceintegrations": "qt-platforms",
    "xcbglintegrations": "qt-platforms",
    "wayland-decoration-client": "qt-platforms",
    "wayland-graphics-integration-client": "qt-platforms",
    "wayland-shell-integration": "qt-platforms",
    "platformthemes": "qt-platformthemes",
    "imageformats": "qt-imageformats",
    "generic": "qt-other-plugins",
    "networkinformation": "qt-other-plugins",
    "tls": "qt-other-plugins",
    "platforminputcontexts": "qt-other-plugins",
}

#: Where PySide6 wheels keep Qt: ``PySide6/Qt/`` on Linux and macOS, ``PySide6/`` on Windows.
QT_DIR = "PySide6/Qt"
_QT_PREFIXES = ("PySide6/Qt/", "PySide6/")


def _under_qt(dest: str, folder: str) -> str | None:
    """What follows ``<Qt>/<folder>/`` in a bundle path, or None if it is not in there."""
    for prefix in _QT_PREFIXES:
        if dest.startswith(f"{prefix}{folder}/"):
            return dest[len(prefix) + len(folder) + 1 :]
    return None


def check_steps(names: Iterable[str]) -> list[str]:
    """``names`` as a list, after checking each is a slimming step."""
    chosen = list(names)
    unknown = [name for name in chosen if name not in STEP_NAMES]
    if unknown:
        raise ValueError(f"unknown slimming step(s) {unknown}; known: {', '.join(STEP_NAMES)}")
    return chosen


def active_steps(slim: bool, keep: Iterable[str]) -> frozenset[str]:
    """The steps applied: all of them when ``slim``, less the ``keep`` ones; none otherwise."""
    kept = set(check_steps(keep))
    return frozenset(name for name in STEP_NAMES if slim and name not in kept)


def excluded_modules(steps: frozenset[str]) -> list[str]:
    excluded = list(ALWAYS_EXCLUDED)
    for step in STEP_NAMES:
        if step in steps:
            excluded.extend(STEP_EXCLUDES.get(step, ()))
    clash = sorted(set(excluded) & set(NEVER_EXCLUDED))
    if clash:
        raise ValueError(f"modules the program needs are excluded: {clash}")
    return excluded


def plugin_id(filename: str) -> str:
    """``libqxcb.so`` → ``qxcb``; ``qwindows.dll`` → ``qwindows``; ``libqcocoa.dylib``…"""
    stem = filename.split(".", 1)[0]
    return stem.removeprefix("lib")


def _keep_plugin(inside: str, steps: frozenset[str]) -> bool:
    """Whether a plugin stays; ``inside`` is its path in the plugins folder (``platforms/…``)."""
    parts = inside.split("/")
    if len(parts) < 2:
        return True
    folder, filename = parts[0], parts[-1]
    owner = PLUGIN_STEP.get(folder)
    if owner is None or owner not in steps:
        return True
    kept = KEPT_PLUGINS.get(folder, ())
    return any(fnmatch.fnmatch(plugin_id(filename), pattern) for pattern in kept)


def _keep_translation(dest: str) -> bool:
    name = dest.rsplit("/", 1)[-1]
    return any(name == f"qtbase_{lang}.qm" for lang in UI_LANGUAGES)


#: A PyInstaller TOC entry: (name in the bundle, source path, type code).
TocEntry = tuple[str, str, str]


def _dest(entry: TocEntry) -> str:
    return entry[0].replace("\\", "/")


def filter_toc(entries: Sequence[TocEntry], steps: frozenset[str]) -> list[TocEntry]:
    """``entries`` without the Qt plugins, translations and metadata files the steps drop."""
    kept: list[TocEntry] = []
    for entry in entries:
        dest = _dest(entry)
        plugin = _under_qt(dest, "plugins")
        if plugin is not None and not _keep_plugin(plugin, steps):
            continue
        if "dist-info-records" in steps and fnmatch.fnmatch(dest, "*.dist-info/RECORD"):
            continue
        translation = _under_qt(dest, "translations")
        if "qt-translations" in steps and translation and not _keep_translation(translation):
            continue
        kept.append(entry)
    return kept


def _basename(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def prune_unreachable(
    binaries: Sequence[TocEntry],
    imports_of: Callable[[str], Iterable[str]],
    is_root: Callable[[TocEntry], bool],
) -> tuple[list[TocEntry], list[TocEntry]]:
    """Split ``binaries`` into those reachable from the roots through their link-time
    imports, and the rest (libraries that only dropped plugins or modules needed).

    ``imports_of(source path)`` names the libraries a binary links to (file names);
    ``is_root`` picks the binaries loaded by something other than the dynamic linker:
    Python extension modules, the Python library, Qt plugins.
    """
    by_name: dict[str, list[TocEntry]] = {}
    for entry in binaries:
        by_name.setdefault(_basename(entry[0]), []).append(entry)
    reached: set[TocEntry] = set()
    todo = [entry for entry in binaries if is_root(entry)]
    while todo:
        entry = todo.pop()
        if entry in reached:
            continue
        reached.add(entry)
        for imported in imports_of(entry[1]):
            todo.extend(by_name.get(_basename(imported), ()))
    kept = [entry for entry in binaries if entry in reached]
    dropped = [entry for entry in binaries if entry not in reached]
    return kept, dropped


def elf_needed(path: str) -> list[str]:
    """The ``DT_NEEDED`` entries of an ELF file (what ``readelf -d`` lists as NEEDED); an
    empty list for anything that is not ELF. No subprocess: the build reads hundreds."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return []
    if data[:4] != b"\x7fELF" or len(data) < 64:
        return []
    is64 = data[4] == 2
    order = "<" if data[5] == 1 else ">"
    if is64:
        (shoff,) = struct.unpack_from(order + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(order + "HH", data, 0x3A)
        section = struct.Struct(order + "IIQQQQIIQQ")
        dyn = struct.Struct(order + "qQ")
    else:
        (shoff,) = struct.unpack_from(order + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(order + "HH", data, 0x2E)
        section = struct.Struct(order + "IIIIIIIIII")
        dyn = struct.Struct(order + "iI")
    sections = [
        section.unpack_from(data, shoff + index * shentsize)
        for index in range(shnum)
        if shoff + (index + 1) * shentsize <= len(data)
    ]
    needed: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, *_rest in sections:
        if kind != 6 or link >= len(sections):  # SHT_DYNAMIC, linked to its string table
            continue
        strings = sections[link][4]
        for at in range(offset, min(offset + size, len(data)) - dyn.size + 1, dyn.size):
            tag, value = dyn.unpack_from(data, at)
            if tag == 0:  # DT_NULL
                break
            if tag == 1:  # DT_NEEDED
                start = strings + value
                needed.append(data[start : data.index(b"\0", start)].decode())
    return needed


def is_prune_root(entry: TocEntry) -> bool:
    """Binaries that are not loaded as a link-time dependency of another binary."""
    dest, _source, typecode = entry
    name = _basename(dest)
    return (
        typecode == "EXTENSION"
        or _under_qt(_dest(entry), "plugins") is not None
        or name.startswith(("libpython", "python"))
    )


def share_libraries(
    binaries: Sequence[TocEntry], rules: Iterable[tuple[str, str, str]]
) -> tuple[list[TocEntry], list[TocEntry]]:
    """``binaries`` without the copies ``rules`` name (see ``SHARED_LIBRARIES``), and the
    ``SYMLINK`` entries that replace them. A copy stays when the bundle does not hold the
    library it would link to."""
    present = {_dest(entry) for entry in binaries}
    kept: list[TocEntry] = []
    links: list[TocEntry] = []
    for entry in binaries:
        dest = _dest(entry)
        folder, _, name = dest.rpartition("/")
        rule = next(
            (
                target
                for where, prefix, target in rules
                if folder == where and name.startswith(prefix) and target in present
            ),
            None,
        )
        if rule is None:
            kept.append(entry)
        else:
            links.append((dest, posixpath.relpath(rule, folder), "SYMLINK"))
    return kept, links


def prune_supported() -> bool:
    """Only on Linux: there every dlopen'ed library of ours is a Qt plugin or an extension.
    (On Windows Qt loads e.g. ``opengl32sw.dll`` by name; untested, so left alone.)"""
    return sys.platform.startswith("linux")


@dataclass
class Slimmed:
    """What ``slim`` did, for the build log."""

    dropped: list[TocEntry]

    @property
    def dropped_bytes(self) -> int:
        total = 0
        for _dest, source, _typecode in self.dropped:
            with contextlib.suppress(OSError):
                total += Path(source).stat().st_size
        return total


def symlink_target(entry: TocEntry) -> str:
    """The bundle path a ``SYMLINK`` entry points to (its source is relative to its folder)."""
    dest = PurePosixPath(_dest(entry))
    return posixpath.normpath(str(dest.parent / entry[1].replace("\\", "/")))


def slim(
    binaries: Sequence[TocEntry], datas: Sequence[TocEntry], steps: frozenset[str]
) -> tuple[list[TocEntry], list[TocEntry], Slimmed]:
    """An Analysis' ``binaries`` and ``datas`` with what ``steps`` drop taken out.

    Symbolic links (``SYMLINK`` entries in ``datas``, e.g. ``libQt6Core.so.6`` at the top of
    the bundle pointing into ``PySide6/Qt/lib``) go with their target.
    """
    kept_binaries = filter_toc(binaries, steps)
    kept_datas = filter_toc(datas, steps)
    if prune_supported():
        from_system = tuple(
            prefix for step in steps for prefix in STEP_SYSTEM_LIBRARIES.get(step, ())
        )
        kept_binaries = [
            entry for entry in kept_binaries if not _basename(entry[0]).startswith(from_system)
        ]
    shared: list[TocEntry] = []
    if prune_supported():
        for step in sorted(steps & SHARED_LIBRARIES.keys()):
            kept_binaries, links = share_libraries(kept_binaries, SHARED_LIBRARIES[step])
            shared += links
    if "prune-libs" in steps and prune_supported():
        kept_binaries, _unreachable = prune_unreachable(kept_binaries, elf_needed, is_prune_root)
    present = {_dest(entry) for entry in (*kept_binaries, *kept_datas)}
    kept_datas = [
        entry
        for entry in (*kept_datas, *shared)
        if entry[2] != "SYMLINK" or symlink_target(entry) in present
    ]
    kept = set(kept_binaries) | set(kept_datas)
    dropped = [entry for entry in (*binaries, *datas) if entry not in kept]
    return kept_binaries, kept_datas, Slimmed(dropped)


# --------------------------------------------------------------------------------------------
# Windows and macOS: the executable's name, version resource and Info.plist

#: The macOS bundle identifier (reverse-DNS; letters, digits, hyphens and dots only).
BUNDLE_IDENTIFIER = "com.moto-desk.app"
#: On Windows the one-folder build holds two programs on the same files: ``moto-desk.exe``
#: (windowed: the clerk's Start-menu program, no console window behind it) and this one, a
#: console program for the command line, ``--self-test`` and scripts (a windowed Windows
#: program has no stdout or stderr at all). Linux and macOS need one: their programs are
#: console programs, and a macOS ``.app`` is opened from Finder without a terminal anyway.
WINDOWS_CONSOLE_NAME = f"{APP_NAME}-cli"


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` → ``(0, 1, 0, 0)``: the four 16-bit numbers of a Windows file version, from
    the release part of ``version`` (a tail such as ``rc1``, ``.dev3`` or ``+local`` is
    dropped)."""
    release = re.match(r"\d+(?:\.\d+){0,3}", version)
    numbers = [int(part) for part in release.group(0).split(".")] if release else []
    if not numbers or any(number > 0xFFFF for number in numbers):
        raise ValueError(f"{version!r} is not a version Windows can hold")
    a, b, c, d = [*numbers, 0, 0, 0][:4]
    return a, b, c, d


def windows_version_text(version: str, name: str = APP_NAME) -> str:
    """The version resource of ``<name>.exe`` in PyInstaller's text form (what
    ``pyi-grab_version`` prints and ``EXE(version=FILE)`` reads, evaluated with PyInstaller's
    ``versioninfo`` classes): file and product version, names, US English / Unicode."""
    numbers = version_numbers(version)
    strings = {
        "CompanyName": APP_NAME,
        "FileDescription": "moto-desk point of sale",
        "FileVersion": version,
        "InternalName": name,
        "LegalCopyright": "Proprietary",
        "OriginalFilename": f"{name}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": version,
    }
    indent = " " * 12
    table = ",\n".join(f"{indent}StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# UTF-8
# moto-desk's Windows version resource, generated by packaging/bundle.py from {version}.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3F,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0),
  ),
  kids=[
    StringFileInfo(
      [
        StringTable(
          '040904B0',
          [
{table},
          ],
        )
      ]
    ),
    VarFileInfo([VarStruct('Translation', [1033, 1200])]),
  ],
)
"""


def write_windows_version_file(version: str, folder: Path, name: str = APP_NAME) -> Path:
    """``folder/<name>-version.txt`` for ``EXE(version=...)``; the spec writes it at each
    build, from the package version, so it is never out of date (and never committed)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-version.txt"
    path.write_text(windows_version_text(version, name), encoding="utf-8")
    return path


def macos_info_plist(version: str) -> dict[str, object]:
    """What the spec gives ``BUNDLE(info_plist=...)`` beyond PyInstaller's own entries
    (executable, icon file, package type): identity, version and a sharp Retina window."""
    return {
        "CFBundleIdentifier": BUNDLE_IDENTIFIER,
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "NSHumanReadableCopyright": "Proprietary",
    }


# --------------------------------------------------------------------------------------------
# The finished bundle


def bundle_required_files(platform: str = sys.platform) -> list[str]:
    """Paths (relative to the bundle's ``_internal``) that a build for ``platform`` must
    contain. PySide6's Windows wheel keeps Qt's plugins and catalogues directly under
    ``PySide6/`` (``PySide6/Qt/`` elsewhere); plugin files are ``qxcb``-style names with the
    platform's prefix and suffix."""
    qt = "PySide6" if platform == "win32" else QT_DIR
    if platform == "win32":
        prefix, suffix, window = "", ".dll", "qwindows"
    elif platform == "darwin":
        prefix, suffix, window = "lib", ".dylib", "qcocoa"
    else:
        prefix, suffix, window = "lib", ".so", "qxcb"
    plugins = [
        f"platforms/{window}",
        "platforms/qoffscreen",
        "iconengines/qsvgicon",
        "imageformats/qsvg",
    ]
    if platform.startswith("linux"):
        plugins.append("platforminputcontexts/composeplatforminputcontextplugin")
    required = [*REQUIRED_RESOURCES, "stripe/data/ca-certificates.crt"]
    for plugin in plugins:
        folder, name = plugin.split("/")
        required.append(f"{qt}/plugins/{folder}/{prefix}{name}{suffix}")
    required += [f"{qt}/translations/qtbase_{lang}.qm" for lang in UI_LANGUAGES]
    return required


def missing_from_bundle(internal: Path) -> list[str]:
    """Required files absent from a built bundle (``dist/moto-desk/_internal``)."""
    missing = [rel for rel in bundle_required_files() if not (internal / rel).exists()]
    missing += [rel for rel in sorted(shipped_resources()) if not (internal / rel).exists()]
    if not any(internal.glob("keyring-*.dist-info/entry_points.txt")):
        missing.append("keyring-*.dist-info/entry_points.txt")
    return missing


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of regular files under ``folder`` (symbolic links not counted)."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


#: The C library's own parts: always the desk's, never bundled.
GLIBC_PARTS = (
    "ld-linux-x86-64.so.2",
    "ld-linux-aarch64.so.1",
    "libc.so.6",
    "libm.so.6",
    "libdl.so.2",
    "libpthread.so.0",
    "librt.so.1",
    "libutil.so.1",
)
_GLIBC_VERSION = re.compile(rb"GLIBC_2\.(\d+)")


def system_libraries(folder: Path) -> tuple[list[str], str | None]:
    """What a built (Linux) bundle takes from the desk's system: the libraries its binaries
    link to that it does not hold (the C library left out), and the newest glibc symbol
    version any of them needs, e.g. ``"2.36"`` (the desk needs at least that glibc)."""
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    held = {path.name for path in folder.rglob("*")}
    outside: set[str] = set()
    newest = -1
    for path in files:
        needed = elf_needed(str(path))
        if not needed:
            continue
        outside.update(name for name in needed if name not in held)
        for found in _GLIBC_VERSION.finditer(path.read_bytes()):
            newest = max(newest, int(found.group(1)))
    libraries = sorted(outside - set(GLIBC_PARTS))
    return libraries, (f"2.{newest}" if newest >= 0 else None)
