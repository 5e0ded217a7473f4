"""The application icon for Windows (``.ico``) and macOS (``.icns``), rendered from the SVG.

Qt draws the SVG (QtSvg, in PySide6-Essentials) at each size into a transparent QImage and
encodes it as PNG; both containers are then written here, since both formats can hold PNG
images as they are (ICO since Windows Vista, ICNS since macOS 10.7). No Pillow, no ImageMagick.

    python packaging/icons.py [--out build/icons]
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE.parent / "resources" / "icons" / "moto-desk.svg"
DEFAULT_OUT = HERE.parent / "build" / "icons"

#: Sizes in a Windows icon (256 is the largest an ICO entry can say it holds).
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS element types that hold a PNG, and the pixel size of each (``@2x`` types are the
#: double-density variants: ``ic11`` is 16 pt at 2x, so 32 px).
ICNS_TYPES: dict[bytes, int] = {
    b"icp4": 16,
    b"icp5": 32,
    b"icp6": 64,
    b"ic07": 128,
    b"ic08": 256,
    b"ic09": 512,
    b"ic10": 1024,
    b"ic11": 32,
    b"ic12": 64,
    b"ic13": 256,
    b"ic14": 512,
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if not png.startswith(PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def ico_bytes(pngs: Iterable[bytes]) -> bytes:
    """An ICO file holding each PNG as one image (sizes up to 256 px)."""
    images = list(pngs)
    header = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(images)
    entries = b""
    for png in images:
        width, height = png_size(png)
        if not (0 < width <= 256 and 0 < height <= 256):
            raise ValueError(f"an ICO image is at most 256 px, not {width}×{height}")
        # width, height (0 means 256), colours, reserved, planes, bits per pixel, size, offset
        entries += struct.pack(
            "<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(png), offset
        )
        offset += len(png)
    return header + entries + b"".join(images)


def icns_bytes(pngs: Mapping[bytes, bytes]) -> bytes:
    """An ICNS file from PNG images keyed by element type (``b"ic07"``…)."""
    body = b""
    for kind, png in pngs.items():
        expected = ICNS_TYPES.get(kind)
        if expected is None:
            raise ValueError(f"unknown ICNS type {kind!r}")
        if png_size(png) != (expected, expected):
            raise ValueError(f"ICNS {kind.decode()} holds {expected} px, not {png_size(png)}")
        body += kind + struct.pack(">I", 8 + len(png)) + png
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def render_pngs(svg: Path, sizes: Iterable[int]) -> dict[int, bytes]:
    """The SVG drawn at each size (square, transparent background) as PNG bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not an SVG that Qt can draw")
    pngs: dict[int, bytes] = {}
    for size in sorted(set(sizes)):
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QImageWriter(buffer, QByteArray(b"png"))
        if not writer.write(image):
            raise RuntimeError(f"Qt could not encode the {size} px icon: {writer.errorString()}")
        buffer.close()
        pngs[size] = bytes(data.data())
    del app  # keep the application alive until every image is drawn
    return pngs


def write_icons(svg: Path = SVG, out: Path = DEFAULT_OUT) -> list[Path]:
    """``moto-desk.ico``, ``moto-desk.icns`` and ``moto-desk-<size>.png`` files in ``out``."""
    pngs = render_pngs(svg, [*ICO_SIZES, *ICNS_TYPES.values()])
    out.mkdir(parents=True, exist_ok=True)
    written = []
    ico = out / f"{svg.stem}.ico"
    ico.write_bytes(ico_bytes(pngs[size] for size in ICO_SIZES))
    written.append(ico)
    icns = out / f"{svg.stem}.icns"
    icns.write_bytes(icns_bytes({kind: pngs[size] for kind, size in ICNS_TYPES.items()}))
    written.append(icns)
    for size in (48, 256):  # for Linux menus that want a bitmap
        png = out / f"{svg.stem}-{size}.png"
        png.write_bytes(pngs[size])
        written.append(png)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--svg", type=Path, default=SVG)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for path in write_icons(args.svg, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
