"""The app icon, beside this package like the registry data (see registry/loader.py).

The window and the tray use PNG renderings of assets/http-status-browser.svg, made by
packaging/make_icons.py: loading them needs only Qt's built-in PNG reader, where the SVG would
load QtSvg and its icon engine (about 1.2 MiB more resident memory, paid by every session).
Importing this module imports no Qt, so that the packaging can list the files.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
ASSETS = "assets"


def icon_file_name(size: int) -> str:
    return f"http-status-browser-{size}.png"


def icon_file(size: int) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), ASSETS, icon_file_name(size))


def app_icon() -> QIcon:
    """The icon in every size the desktop may ask for (title bar, task switcher, tray)."""
    from PySide6.QtGui import QIcon  # noqa: PLC0415

    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(icon_file(size))
    return icon
