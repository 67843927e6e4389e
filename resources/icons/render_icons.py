"""Render the app icon (``claim-annotator.svg``) to PNGs at the sizes desktops ask for.

Run after changing the SVG, from the repository root::

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/render_icons.py

It writes ``png/claim-annotator-SIZE.png`` next to this script (the PNGs are
committed, so building the app needs no SVG renderer). With ``--ico`` and
``--icns`` it also writes ``claim-annotator.ico`` (Windows) and
``claim-annotator.icns`` (macOS) for the PyInstaller build on those systems,
as far as Qt's image plugins can write them; see packaging/README.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SVG = HERE / "claim-annotator.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    """Where the PNG of ``size`` pixels goes."""
    return HERE / "png" / f"claim-annotator-{size}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The icon drawn on a transparent ``size`` x ``size`` image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    """Write the PNGs (and optionally .ico/.icns); returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ico", action="store_true", help="also write claim-annotator.ico")
    parser.add_argument("--icns", action="store_true", help="also write claim-annotator.icns")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    png_path(SIZES[0]).parent.mkdir(exist_ok=True)
    for size in SIZES:
        render(renderer, size).save(str(png_path(size)))
        print(f"wrote {png_path(size).relative_to(HERE)}")
    for wanted, suffix, size in ((args.ico, "ico", 256), (args.icns, "icns", 512)):
        target = HERE / f"claim-annotator.{suffix}"
        if wanted and not render(renderer, size).save(str(target)):
            print(f"Qt cannot write .{suffix} here (no image plugin for it)", file=sys.stderr)
            return 1
        if wanted:
            print(f"wrote {target.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
