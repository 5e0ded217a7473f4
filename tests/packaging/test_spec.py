"""Fast checks of the frozen build's recipe, no PyInstaller run: the data the spec ships
exists and covers ``resources/``, dynamic imports are collected, nothing the program imports
is excluded, the slimming filters keep what Qt needs, the icons and the desktop entry are
well formed. (The build itself is checked by ``packaging/ci_frozen_check.sh``.)"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import shutil
import struct
import subprocess
import sys
import zlib
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
APP_SPEC = PACKAGING / "moto-desk.spec"
BASELINE_SPEC = PACKAGING / "baseline" / "bare-window.spec"


def _load(name: str, path: Path) -> ModuleType:
    """``packaging/`` is not a package (it would shadow pip's ``packaging``): load by path."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bundle = _load("moto_desk_bundle", PACKAGING / "bundle.py")
icons = _load("moto_desk_icons", PACKAGING / "icons.py")
ALL_STEPS = bundle.active_steps(True, [])


# -- data -------------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", bundle.DATA_RULES, ids=lambda rule: rule.folder)
def test_each_data_rule_names_an_existing_folder_with_files(rule: object) -> None:
    assert (REPO / rule.folder).is_dir(), rule  # type: ignore[attr-defined]
    assert rule.files(), f"{rule} ships nothing"  # type: ignore[attr-defined]


def test_every_file_under_resources_is_shipped_or_declared_source_only() -> None:
    assert bundle.unshipped_resources() == [], (
        "add these to DATA_RULES (or SOURCE_ONLY) in packaging/bundle.py"
    )


def test_the_files_the_program_needs_are_there_and_shipped() -> None:
    shipped = bundle.shipped_resources()
    for path in bundle.REQUIRED_RESOURCES:
        assert (REPO / path).is_file(), path
        assert path in shipped, path


def test_resources_land_where_the_program_looks_for_them() -> None:
    # moto_desk.domain.consent.resources_dir() is sys._MEIPASS / "resources" when frozen.
    for source, dest in bundle.data_files():
        relative = Path(source).relative_to(REPO / "resources").parent.as_posix()
        assert dest == ("resources" if relative == "." else f"resources/{relative}")


def test_every_translation_source_has_its_compiled_catalogue() -> None:
    shipped = bundle.shipped_resources()
    for ts in (REPO / "resources" / "translations").glob("*.ts"):
        assert f"resources/translations/{ts.stem}.qm" in shipped, f"{ts.name} is not compiled"


def test_qt_catalogues_are_kept_for_each_language_the_window_speaks() -> None:
    from moto_desk.ui.shell.translations import LANGUAGES

    assert set(bundle.UI_LANGUAGES) == set(LANGUAGES) - {"en"}


# -- imports ----------------------------------------------------------------------------------


def _app_sources() -> list[Path]:
    return sorted((REPO / "moto_desk").rglob("*.py"))


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported_modules(path: Path) -> set[str]:
    tree = _tree(path)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_nothing_the_program_imports_is_excluded() -> None:
    excluded = bundle.excluded_modules(ALL_STEPS)
    for path in _app_sources():
        for name in _imported_modules(path):
            hit = [ex for ex in excluded if name == ex or name.startswith(ex + ".")]
            assert not hit, (
                f"{path.relative_to(REPO)} imports {name}, which a slimming step excludes: "
                "drop that step in packaging/bundle.py"
            )


def test_modules_the_program_needs_can_never_be_excluded(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not set(bundle.excluded_modules(ALL_STEPS)) & set(bundle.NEVER_EXCLUDED)
    monkeypatch.setitem(bundle.STEP_EXCLUDES, "qt-network", ("PySide6.QtNetwork", "decimal"))
    with pytest.raises(ValueError, match="decimal"):
        bundle.excluded_modules(ALL_STEPS)


def _string_constants(prefix: str) -> set[str]:
    found: set[str] = set()
    for path in _app_sources():
        for node in ast.walk(_tree(path)):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and (value == prefix or value.startswith(prefix + ".")):
                found.add(value)
    return found


def test_packages_imported_by_name_are_collected() -> None:
    named = _string_constants("stripe.params")
    assert named, "the simulator no longer names stripe.params packages? update bundle.py"
    for package in named | set(bundle.DYNAMIC_IMPORT_PACKAGES):
        assert package in bundle.DYNAMIC_IMPORT_PACKAGES, f"{package} missing from the list"
        assert any(
            package == top or package.startswith(top + ".") for top in bundle.COLLECT_SUBMODULES
        ), package
        assert importlib.util.find_spec(package) is not None, package


def test_the_app_itself_is_collected_whole() -> None:
    assert "moto_desk" in bundle.COLLECT_SUBMODULES


# -- the spec files ---------------------------------------------------------------------------


def _spec_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)} | {
        node.id for node in ast.walk(tree) if isinstance(node, ast.Name)
    }


def test_the_app_spec_takes_its_lists_from_bundle() -> None:
    names = _spec_names(APP_SPEC)
    for used in (
        "data_files",
        "PACKAGE_DATA",
        "PACKAGE_METADATA",
        "COLLECT_SUBMODULES",
        "excluded_modules",
        "slim",
        "spec_options",
        "active_steps",
        "COLLECT",
    ):
        assert used in names, f"moto-desk.spec no longer uses {used}"


def test_the_baseline_is_built_the_same_way() -> None:
    app, baseline = _spec_names(APP_SPEC), _spec_names(BASELINE_SPEC)
    for shared in ("excluded_modules", "slim", "active_steps", "spec_options", "COLLECT", "EXE"):
        assert shared in app and shared in baseline, shared


def test_spec_options() -> None:
    options = bundle.spec_options(["--onefile", "--keep", "strip", "--keep", "qt-network"])
    assert options.onefile and not options.no_slim
    steps = bundle.active_steps(not options.no_slim, options.keep)
    assert "strip" not in steps and "qt-network" not in steps and "prune-libs" in steps
    assert bundle.active_steps(False, []) == frozenset()
    with pytest.raises(ValueError, match="unknown"):
        bundle.active_steps(True, ["no-such-step"])


def test_version_is_the_program_version() -> None:
    from moto_desk import __version__

    assert bundle.app_version() == __version__


# -- slimming filters -------------------------------------------------------------------------

PLUGINS = "PySide6/Qt/plugins"


def _toc(*dests: str, typecode: str = "BINARY") -> list[tuple[str, str, str]]:
    return [(dest, f"/src/{dest}", typecode) for dest in dests]


def test_plugin_filter_keeps_what_the_window_needs() -> None:
    kept_names = [
        f"{PLUGINS}/platforms/libqxcb.so",
        f"{PLUGINS}/platforms/libqoffscreen.so",
        f"{PLUGINS}/platforms/qwindows.dll",
        f"{PLUGINS}/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        f"{PLUGINS}/iconengines/libqsvgicon.so",
        f"{PLUGINS}/imageformats/libqsvg.so",
        f"{PLUGINS}/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/lib/libQt6Core.so.6",
    ]
    dropped_names = [
        f"{PLUGINS}/platforms/libqwayland.so",
        f"{PLUGINS}/platforms/libqeglfs.so",
        f"{PLUGINS}/platforms/libqvnc.so",
        f"{PLUGINS}/wayland-shell-integration/libxdg-shell.so",
        f"{PLUGINS}/xcbglintegrations/libqxcb-glx-integration.so",
        f"{PLUGINS}/egldeviceintegrations/libqeglfs-kms-egldevice-integration.so",
        f"{PLUGINS}/platformthemes/libqgtk3.so",
        f"{PLUGINS}/imageformats/libqjpeg.so",
        f"{PLUGINS}/platforminputcontexts/libibusplatforminputcontextplugin.so",
        f"{PLUGINS}/generic/libqevdevmouseplugin.so",
        f"{PLUGINS}/tls/libqopensslbackend.so",
    ]
    entries = _toc(*kept_names, *dropped_names)
    assert [entry[0] for entry in bundle.filter_toc(entries, ALL_STEPS)] == kept_names
    assert bundle.filter_toc(entries, frozenset()) == entries
    # PySide6's Windows wheels keep Qt directly under PySide6\
    windows = [("PySide6\\plugins\\platforms\\qwindows.dll", "x", "BINARY"),
               ("PySide6\\plugins\\platforms\\qdirect2d.dll", "x", "BINARY")]  # fmt: skip
    assert bundle.filter_toc(windows, ALL_STEPS) == windows[:1]


def test_only_qtbase_catalogues_of_our_languages_are_kept() -> None:
    names = ["qtbase_fr.qm", "qtbase_de.qm", "qt_fr.qm", "qt_help_fr.qm", "qtbase_en.qm"]
    entries = _toc(*(f"PySide6/Qt/translations/{name}" for name in names), typecode="DATA")
    kept = [entry[0].rsplit("/", 1)[1] for entry in bundle.filter_toc(entries, ALL_STEPS)]
    assert kept == ["qtbase_fr.qm"]
    without = ALL_STEPS - {"qt-translations"}
    assert len(bundle.filter_toc(entries, without)) == len(names)


def test_prune_keeps_what_roots_link_to_and_drops_the_rest() -> None:
    links = {
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": ["libQt6Core.so.6", "libc.so.6"],
        "/src/libQt6Core.so.6": ["libicuuc.so.73"],
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "/src/libgtk-helper.so.0": ["libcairo.so.2"],
    }
    binaries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libicuuc.so.73", "/src/libicuuc.so.73", "BINARY"),
        (f"{PLUGINS}/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("libgtk-helper.so.0", "/src/libgtk-helper.so.0", "BINARY"),
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
    ]
    kept, dropped = bundle.prune_unreachable(
        binaries, lambda source: links.get(source, []), bundle.is_prune_root
    )
    assert [entry[0].rsplit("/", 1)[-1] for entry in dropped] == [
        "libgtk-helper.so.0",
        "libcairo.so.2",
        "libQt6Network.so.6",
    ]
    assert len(kept) == 6


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pruning is Linux-only")
def test_the_desks_libcups_serves_the_print_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    links = {
        "/src/libcupsprintersupport.so": ["libcups.so.2", "libQt6PrintSupport.so.6"],
        "/src/libcups.so.2": ["libgnutls.so.30", "libz.so.1"],
        "/src/libgnutls.so.30": ["libp11-kit.so.0"],
        "/src/QtGui.abi3.so": ["libz.so.1"],
    }
    binaries = [
        (
            f"{PLUGINS}/printsupport/libcupsprintersupport.so",
            "/src/libcupsprintersupport.so",
            "BINARY",
        ),
        ("PySide6/Qt/lib/libQt6PrintSupport.so.6", "/src/libQt6PrintSupport.so.6", "BINARY"),
        ("libcups.so.2", "/src/libcups.so.2", "BINARY"),
        ("libgnutls.so.30", "/src/libgnutls.so.30", "BINARY"),
        ("libp11-kit.so.0", "/src/libp11-kit.so.0", "BINARY"),
        ("libz.so.1", "/src/libz.so.1", "BINARY"),
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
    ]
    monkeypatch.setattr(bundle, "elf_needed", lambda source: links.get(source, []))
    kept, _datas, slimmed = bundle.slim(binaries, [], ALL_STEPS)
    assert [entry[0].rsplit("/", 1)[-1] for entry in kept] == [
        "libcupsprintersupport.so",
        "libQt6PrintSupport.so.6",
        "libz.so.1",
        "QtGui.abi3.so",
    ]
    assert len(slimmed.dropped) == 3
    kept_all, _datas, _slimmed = bundle.slim(binaries, [], ALL_STEPS - {"system-cups"})
    assert len(kept_all) == len(binaries)


def test_symbolic_links_go_with_their_target() -> None:
    assert (
        bundle.symlink_target(("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"))
        == "PySide6/Qt/lib/libQt6Core.so.6"
    )
    assert bundle.symlink_target(("a/b/link.so", "../c/target.so", "SYMLINK")) == "a/c/target.so"
    binaries = [(f"{PLUGINS}/platforms/libqwayland.so", "/src/libqwayland.so", "BINARY")]
    datas = [
        ("libqwayland.so", f"{PLUGINS}/platforms/libqwayland.so", "SYMLINK"),
        ("resources/style.qss", "/src/style.qss", "DATA"),
    ]
    kept_binaries, kept_datas, slimmed = bundle.slim(binaries, datas, ALL_STEPS - {"prune-libs"})
    assert kept_binaries == []
    assert kept_datas == [("resources/style.qss", "/src/style.qss", "DATA")]
    assert len(slimmed.dropped) == 2


def test_metadata_ships_without_the_installers_file_lists() -> None:
    datas = [
        ("stripe-16.1.0.dist-info/METADATA", "/src/METADATA", "DATA"),
        ("stripe-16.1.0.dist-info/RECORD", "/src/RECORD", "DATA"),
        ("keyring-25.7.0.dist-info/entry_points.txt", "/src/entry_points.txt", "DATA"),
        ("resources/RECORD", "/src/resources-RECORD", "DATA"),
    ]
    _binaries, kept, slimmed = bundle.slim([], datas, ALL_STEPS)
    assert kept == [datas[0], datas[2], datas[3]]
    assert slimmed.dropped == [datas[1]]
    _binaries, kept, _slimmed = bundle.slim([], datas, ALL_STEPS - {"dist-info-records"})
    assert kept == datas


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the step is Linux's")
def test_psycopgs_own_openssl_becomes_a_link_to_the_bundles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    links = {
        "/src/pq.so": ["libpq-e9b5c9ac.so.5.18"],
        "/src/libpq.so": ["libssl-6a9b88ec.so.3", "libcrypto-3a0647ea.so.3"],
        "/src/_ssl.so": ["libssl.so.3", "libcrypto.so.3"],
        "/src/libssl.so.3": ["libcrypto.so.3"],
    }
    libs = "psycopg_binary.libs"
    binaries = [
        ("psycopg_binary/pq.cpython-311-x86_64-linux-gnu.so", "/src/pq.so", "EXTENSION"),
        (f"{libs}/libpq-e9b5c9ac.so.5.18", "/src/libpq.so", "BINARY"),
        (f"{libs}/libssl-6a9b88ec.so.3", "/src/libssl-copy.so", "BINARY"),
        (f"{libs}/libcrypto-3a0647ea.so.3", "/src/libcrypto-copy.so", "BINARY"),
        ("python3.11/lib-dynload/_ssl.abi3.so", "/src/_ssl.so", "EXTENSION"),
        ("libssl.so.3", "/src/libssl.so.3", "BINARY"),
        ("libcrypto.so.3", "/src/libcrypto.so.3", "BINARY"),
    ]  # fmt: skip
    monkeypatch.setattr(bundle, "elf_needed", lambda source: links.get(source, []))
    kept, datas, slimmed = bundle.slim(binaries, [], ALL_STEPS)
    assert [entry[0] for entry in kept] == [binaries[i][0] for i in (0, 1, 4, 5, 6)]
    assert datas == [
        (f"{libs}/libssl-6a9b88ec.so.3", "../libssl.so.3", "SYMLINK"),
        (f"{libs}/libcrypto-3a0647ea.so.3", "../libcrypto.so.3", "SYMLINK"),
    ]
    assert [bundle.symlink_target(link) for link in datas] == ["libssl.so.3", "libcrypto.so.3"]
    assert {entry[1] for entry in slimmed.dropped} == {
        "/src/libssl-copy.so",
        "/src/libcrypto-copy.so",
    }
    # Without the step, or without the bundle's own OpenSSL to link to, the copies stay.
    kept, datas, _ = bundle.slim(binaries, [], ALL_STEPS - {"shared-openssl"})
    assert (len(kept), datas) == (len(binaries), [])
    kept, datas, _ = bundle.slim(binaries[:4], [], ALL_STEPS)
    assert (len(kept), datas) == (4, [])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF")
def test_elf_needed_reads_link_time_dependencies() -> None:
    import PySide6

    qtcore = next(Path(PySide6.__file__).parent.glob("QtCore.abi3.so"))
    needed = bundle.elf_needed(str(qtcore))
    assert "libQt6Core.so.6" in needed
    assert "libc.so.6" in needed
    assert bundle.elf_needed(str(REPO / "README.md")) == []
    assert bundle.elf_needed(str(REPO / "no-such-file")) == []


# -- icons and the desktop entry ----------------------------------------------------------------


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    signature: bytes = icons.PNG_SIGNATURE
    return signature + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_ico_holds_each_png_with_its_directory_entry() -> None:
    images = [_png(16, 16), _png(256, 256)]
    ico = icons.ico_bytes(images)
    assert struct.unpack_from("<HHH", ico) == (0, 1, 2)
    first = struct.unpack_from("<BBBBHHII", ico, 6)
    second = struct.unpack_from("<BBBBHHII", ico, 22)
    assert first[:2] == (16, 16) and second[:2] == (0, 0)  # 0 means 256
    assert ico[first[7] : first[7] + first[6]] == images[0]
    assert ico[second[7] : second[7] + second[6]] == images[1]
    with pytest.raises(ValueError, match="256"):
        icons.ico_bytes([_png(512, 512)])


def test_icns_holds_each_png_under_its_type() -> None:
    icns = icons.icns_bytes({b"icp4": _png(16, 16), b"ic07": _png(128, 128)})
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)
    assert icns[8:12] == b"icp4"
    with pytest.raises(ValueError, match="128"):
        icons.icns_bytes({b"ic07": _png(64, 64)})


def test_the_svg_renders_at_icon_sizes(qapp: object) -> None:
    pngs = icons.render_pngs(bundle.ICON_SVG, [16, 256])
    assert {size: icons.png_size(data) for size, data in pngs.items()} == {
        16: (16, 16),
        256: (256, 256),
    }


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(bundle.DESKTOP_FILE.read_text(encoding="utf-8"))
    assert parser.sections()[0] == "Desktop Entry"
    return parser["Desktop Entry"]


def test_desktop_entry_launches_moto_desk_with_its_icon() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == bundle.APP_NAME
    assert entry["Exec"].split()[0] == bundle.APP_NAME
    assert entry["Icon"] == bundle.ICON_SVG.stem
    assert entry["Terminal"] == "false"
    assert entry["StartupWMClass"] == bundle.APP_NAME  # QApplication name → WM_CLASS
    for key in ("Categories", "Keywords", "Keywords[fr]"):
        assert entry[key].endswith(";"), key
    assert "Comment[fr]" in entry and "GenericName[fr]" in entry


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_entry_passes_desktop_file_validate() -> None:
    done = subprocess.run(
        ["desktop-file-validate", str(bundle.DESKTOP_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash")
def test_ci_frozen_check_is_valid_bash() -> None:
    script = PACKAGING / "ci_frozen_check.sh"
    done = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_a_built_bundle_is_checked_for_what_the_program_needs(tmp_path: Path) -> None:
    internal = tmp_path / "_internal"
    for relative in [*bundle.bundle_required_files(), *bundle.shipped_resources()]:
        (internal / relative).parent.mkdir(parents=True, exist_ok=True)
        (internal / relative).write_bytes(b"")
    (internal / "keyring-25.7.0.dist-info").mkdir()
    (internal / "keyring-25.7.0.dist-info" / "entry_points.txt").write_text("[keyring.backends]")
    assert bundle.missing_from_bundle(internal) == []
    (internal / "stripe" / "data" / "ca-certificates.crt").unlink()
    (internal / "resources" / "consent" / "terms-fr.txt").unlink()
    assert set(bundle.missing_from_bundle(internal)) == {
        "stripe/data/ca-certificates.crt",
        "resources/consent/terms-fr.txt",
    }
