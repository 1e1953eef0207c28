"""The platform's folders for this app's files: configuration (the user's codes file) and
cache (the compiled registry). Imports no Qt and, on Linux, nothing beyond os and sys.
"""

from __future__ import annotations

import os
import sys

APP_DIR_NAME = "http-status-browser"
# Per kind: the XDG variable, its default under the home folder, platformdirs' function.
_KINDS = {
    "config": ("XDG_CONFIG_HOME", "~/.config", "user_config_dir"),
    "cache": ("XDG_CACHE_HOME", "~/.cache", "user_cache_dir"),
}


def app_folder(kind: str) -> str:
    """This app's folder of `kind` ("config" or "cache").

    On Linux this is the XDG rule that platformdirs applies (tests check they agree), done
    here because importing platformdirs costs 6 ms of every httpstatus run (it loads
    urllib.parse); elsewhere platformdirs knows the conventions.
    """
    variable, default, function = _KINDS[kind]
    if sys.platform.startswith("linux"):
        base = os.environ.get(variable, "").strip() or os.path.expanduser(default)
        return os.path.join(base, APP_DIR_NAME)
    import platformdirs  # noqa: PLC0415

    folder: str = getattr(platformdirs, function)(APP_DIR_NAME, appauthor=False)
    return folder
