"""What can be checked on Linux of the Windows and macOS builds: the version resource the spec
generates for ``moto-desk.exe``, the Info.plist of ``moto-desk.app``, the icon files, the
keyring backends each platform bundles, the files each bundle must hold, and the workflow that
builds them (``.github/workflows/desks.yml``, which runs on Windows and macOS runners only)."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import plistlib
import re
import struct
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from moto_desk import __version__
from tests.packaging.test_spec import APP_SPEC, REPO, _spec_names, bundle, icons

WORKFLOW = REPO / ".github" / "workflows" / "desks.yml"


# -- Windows: the version resource ------------------------------------------------------------


class _Call:
    """Stands for one of PyInstaller's ``versioninfo`` classes: records its arguments."""

    def __init__(self, kind: str, *args: Any, **kwargs: Any) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs


def _evaluated(text: str) -> _Call:
    """The version text evaluated as PyInstaller does (``eval`` with its class names in
    scope), with stand-ins that record what each class was given."""
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable")
    names += ("StringStruct", "VarFileInfo", "VarStruct")
    scope: dict[str, Any] = {
        name: (lambda *a, _k=name, **kw: _Call(_k, *a, **kw)) for name in names
    }
    scope["__builtins__"] = {}
    result = eval(text, scope)  # noqa: S307  # our own generated text, as PyInstaller reads it
    assert isinstance(result, _Call) and result.kind == "VSVersionInfo"
    return result


def _strings(info: _Call) -> dict[str, str]:
    string_info = next(kid for kid in info.kwargs["kids"] if kid.kind == "StringFileInfo")
    (table,) = string_info.args[0]
    assert table.args[0] == "040904B0"  # US English, Unicode
    return {struct_.args[0]: struct_.args[1] for struct_ in table.args[1]}


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("2.10", (2, 10, 0, 0)),
        ("1.2.3rc1", (1, 2, 3, 0)),
        ("1.2.3.dev4+local", (1, 2, 3, 0)),
        ("1.2.3.4.5", (1, 2, 3, 4)),
    ],
)
def test_windows_version_numbers(version: str, numbers: tuple[int, ...]) -> None:
    assert bundle.version_numbers(version) == numbers


@pytest.mark.parametrize("version", ["", "dev", "70000.1"])
def test_a_version_windows_cannot_hold_is_refused(version: str) -> None:
    with pytest.raises(ValueError, match="Windows"):
        bundle.version_numbers(version)


def test_the_version_resource_holds_the_package_version() -> None:
    info = _evaluated(bundle.windows_version_text(bundle.app_version()))
    ffi = info.kwargs["ffi"]
    numbers = bundle.version_numbers(__version__)
    assert ffi.kwargs["filevers"] == numbers and ffi.kwargs["prodvers"] == numbers
    strings = _strings(info)
    assert strings["FileVersion"] == strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "moto-desk.exe"
    assert strings["ProductName"] == "moto-desk"
    (var_info,) = (kid for kid in info.kwargs["kids"] if kid.kind == "VarFileInfo")
    assert var_info.args[0][0].args == ("Translation", [1033, 1200])


def test_each_windows_program_gets_its_own_version_file(tmp_path: Path) -> None:
    cli = bundle.write_windows_version_file("3.4.5", tmp_path, bundle.WINDOWS_CONSOLE_NAME)
    assert cli.name == "moto-desk-cli-version.txt"
    strings = _strings(_evaluated(cli.read_text(encoding="utf-8")))
    assert strings["OriginalFilename"] == "moto-desk-cli.exe"
    assert strings["FileVersion"] == "3.4.5"


def test_pyinstaller_reads_the_version_file_and_encodes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compat = pytest.importorskip("PyInstaller.compat", reason="the freeze extra")
    if sys.platform != "win32":
        # PyInstaller patches an .exe with pefile and win32api (Windows only); reading and
        # encoding the version text needs neither, so placeholders let its module load here.
        monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
        monkeypatch.setattr(compat, "win32api", types.ModuleType("win32api"), raising=False)
    found = importlib.util.find_spec("PyInstaller.utils.win32.versioninfo")
    assert found is not None and found.loader is not None
    versioninfo = importlib.util.module_from_spec(found)  # not kept in sys.modules
    found.loader.exec_module(versioninfo)

    path = bundle.write_windows_version_file(__version__, tmp_path)
    info = versioninfo.load_version_info_from_text_file(str(path))
    major, minor, patch, build = bundle.version_numbers(__version__)
    assert (info.ffi.fileVersionMS, info.ffi.fileVersionLS) == (
        major << 16 | minor,
        patch << 16 | build,
    )
    raw = info.toRaw()
    assert raw[6:36] == "VS_VERSION_INFO".encode("utf-16-le")
    assert struct.unpack_from("<H", raw)[0] == len(raw)
    assert f"{__version__}\0".encode("utf-16-le") in raw


# -- macOS: Info.plist ------------------------------------------------------------------------


def test_the_info_plist_names_the_bundle_and_its_version() -> None:
    entries = bundle.macos_info_plist(__version__)
    assert plistlib.loads(plistlib.dumps(entries)) == entries  # a valid property list
    assert entries["CFBundleShortVersionString"] == __version__
    assert entries["CFBundleVersion"] == __version__
    assert entries["NSHighResolutionCapable"] is True
    identifier = entries["CFBundleIdentifier"]
    assert identifier == bundle.BUNDLE_IDENTIFIER
    # Apple: reverse-DNS, only letters, digits, hyphens and periods.
    assert isinstance(identifier, str) and re.fullmatch(
        r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", identifier
    )


def test_the_spec_builds_each_platform_from_bundle() -> None:
    names = _spec_names(APP_SPEC)
    for used in (
        "write_windows_version_file",
        "WINDOWS_CONSOLE_NAME",
        "macos_info_plist",
        "BUNDLE_IDENTIFIER",
        "BUNDLE",
        "platform_hidden_imports",
    ):
        assert used in names, f"moto-desk.spec no longer uses {used}"


# -- icons ------------------------------------------------------------------------------------


def test_the_generated_ico_and_icns_hold_every_size(qapp: object, tmp_path: Path) -> None:
    written = {path.suffix: path for path in icons.write_icons(bundle.ICON_SVG, tmp_path)}

    ico = written[".ico"].read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    sizes = []
    for index in range(count):
        width, height, *_, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * index)
        png = ico[offset : offset + length]
        assert icons.png_size(png) == (width or 256, height or 256)
        sizes.append(width or 256)
    assert sizes == list(icons.ICO_SIZES)

    icns = written[".icns"].read_bytes()
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)
    found: dict[bytes, int] = {}
    at = 8
    while at < len(icns):
        kind_bytes, length = icns[at : at + 4], struct.unpack_from(">I", icns, at + 4)[0]
        width, height = icons.png_size(icns[at + 8 : at + length])
        assert width == height
        found[kind_bytes] = width
        at += length
    assert at == len(icns)
    assert found == icons.ICNS_TYPES


# -- keyring backends -------------------------------------------------------------------------


def test_each_platform_bundles_its_native_keyring_backend() -> None:
    assert "keyring.backends.Windows" in bundle.platform_hidden_imports("win32")
    assert "keyring.backends.macOS" in bundle.platform_hidden_imports("darwin")
    assert "keyring.backends.SecretService" in bundle.platform_hidden_imports("linux")
    for platform in ("win32", "darwin", "linux"):
        for module in bundle.platform_hidden_imports(platform):
            if module.startswith("keyring."):
                assert importlib.util.find_spec(module) is not None, module


def test_keyring_brings_the_windows_backends_dependency() -> None:
    # The Windows backend imports win32ctypes (pywin32-ctypes): keyring requires it there, so
    # moto-desk need not. If a keyring release drops that, add it to our dependencies.
    requires = importlib.metadata.requires("keyring") or []
    assert any(
        re.match(r"pywin32-ctypes\b", line) and 'sys_platform == "win32"' in line
        for line in requires
    ), requires
    assert any(m.startswith("win32ctypes.") for m in bundle.platform_hidden_imports("win32"))


# -- what each bundle must hold ---------------------------------------------------------------


def test_required_files_follow_each_platforms_qt_layout() -> None:
    windows = bundle.bundle_required_files("win32")
    assert "PySide6/plugins/platforms/qwindows.dll" in windows
    assert "PySide6/translations/qtbase_fr.qm" in windows
    assert not any(path.startswith("PySide6/Qt/") for path in windows)
    mac = bundle.bundle_required_files("darwin")
    assert "PySide6/Qt/plugins/platforms/libqcocoa.dylib" in mac
    assert "PySide6/Qt/plugins/platforms/libqoffscreen.dylib" in mac
    linux = bundle.bundle_required_files("linux")
    assert "PySide6/Qt/plugins/platforms/libqxcb.so" in linux
    for files in (windows, mac, linux):
        assert "stripe/data/ca-certificates.crt" in files
        assert set(bundle.REQUIRED_RESOURCES) <= set(files)


def test_the_plugins_each_platform_requires_survive_slimming() -> None:
    steps = bundle.active_steps(True, [])
    for platform in ("win32", "darwin", "linux"):
        plugins = [p for p in bundle.bundle_required_files(platform) if "/plugins/" in p]
        toc = [(path, f"/src/{path}", "BINARY") for path in plugins]
        assert bundle.filter_toc(toc, steps) == toc, platform


# -- the workflow -----------------------------------------------------------------------------


def _workflow_lines() -> list[str]:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "\t" not in text, "YAML forbids tabs for indentation"
    return text.splitlines()


def test_the_workflow_is_well_formed_yaml() -> None:
    yaml = pytest.importorskip("yaml", reason="PyYAML is not a dependency")
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = workflow["jobs"]["desk"]
    assert set(job["strategy"]["matrix"]["os"]) == {"windows-latest", "macos-latest"}
    assert job["env"]["QT_QPA_PLATFORM"] == "offscreen"


def test_the_workflow_runs_the_desks_steps() -> None:
    lines = _workflow_lines()
    top = {line.split(":")[0] for line in lines if line and not line[0].isspace()}
    assert {"name", "on", "jobs", "permissions"} <= top - {"#"}
    for line in lines:
        stripped = line.lstrip()
        if stripped and not stripped.startswith("#"):
            assert (len(line) - len(stripped)) % 2 == 0, f"odd indentation: {line!r}"
    text = "\n".join(lines)
    assert re.search(r"os: \[windows-latest, macos-latest\]", text)
    assert "QT_QPA_PLATFORM: offscreen" in text
    runs = [line.split("run:", 1)[1].strip() for line in lines if "run:" in line]
    assert "python -m pytest" in runs
    assert "python packaging/build.py" in runs
    assert any("pip install -e '.[test,freeze]'" in run for run in runs)
    assert f"dist/moto-desk/{bundle.WINDOWS_CONSOLE_NAME}.exe" in text
    assert f"dist/{bundle.APP_NAME}.app/Contents/MacOS/{bundle.APP_NAME}" in text
    assert "--self-test" in text


def test_linux_ci_type_checks_for_windows_and_macos() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "mypy --platform win32" in ci and "mypy --platform darwin" in ci
