"""Where the app icon is: beside this package, like the registry data (see registry/loader.py)."""

from __future__ import annotations

import os

ICON_NAME = "http-status-browser.svg"


def icon_path() -> str:
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "assets", ICON_NAME)
