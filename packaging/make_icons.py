"""Render the platform icons in resources/ from the one SVG source, with Qt itself.

Usage: python packaging/make_icons.py   (writes PNG sizes in the freedesktop layout,
resources/icons/hicolor/NxN/apps/APP_ID.png, the .ico and .icns into resources/, and the
window's PNG sizes beside the SVG; resources/icons/hicolor/scalable/apps/APP_ID.svg is a
symbolic link to the SVG, which exists once)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "app"))

from http_status_browser import APP_ID  # noqa: E402
from http_status_browser.ui.appicon import ICON_SIZES, icon_file  # noqa: E402

SOURCE = ROOT / "app" / "http_status_browser" / "ui" / "assets" / "http-status-browser.svg"
RESOURCES = ROOT / "resources"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841  (painting needs an application)
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    RESOURCES.mkdir(exist_ok=True)
    targets = [
        *(
            (size, RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
            for size in PNG_SIZES
        ),
        *((size, Path(icon_file(size))) for size in ICON_SIZES),
    ]
    for size, target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(target), "PNG"):
            print(f"could not write {target}", file=sys.stderr)
            return 1
    for name, fmt, size in (
        ("http-status-browser.ico", "ICO", 256),
        ("http-status-browser.icns", "ICNS", 512),
    ):
        if not render(renderer, size).save(str(RESOURCES / name), fmt):
            print(f"could not write {name}: Qt's {fmt} image plugin is missing", file=sys.stderr)
            return 1
    print(f"icons written to {RESOURCES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
