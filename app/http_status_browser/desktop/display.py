"""Whether a display server answers at DISPLAY or WAYLAND_DISPLAY, asked without Qt.

Qt aborts the process when its platform plugin cannot connect; a socket connect tells us first,
in well under a millisecond for a local display.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Mapping

# Qt platforms that need no display server.
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")
X_SOCKET_DIR = "/tmp/.X11-unix"
X_TCP_BASE_PORT = 6000
# X forwarded over SSH is a TCP port on localhost; a remote host gets a little longer.
CONNECT_TIMEOUT_S = 1.0


def _connects(family: int, address: str | tuple[str, int]) -> bool:
    probe = socket.socket(family, socket.SOCK_STREAM)
    try:
        probe.settimeout(CONNECT_TIMEOUT_S)
        probe.connect(address)
    except (OSError, ValueError):
        return False
    finally:
        probe.close()
    return True


def x_display_answers(display: str, socket_dir: str = X_SOCKET_DIR) -> bool:
    """True when an X server accepts connections at `display` (":0", "localhost:10.0", ...)."""
    if display.startswith("/"):  # XQuartz's launchd socket, a path ending in ":0"
        return _connects(socket.AF_UNIX, display)
    host, colon, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if not colon or not number.isdecimal():
        return False
    host = host.rpartition("/")[2]  # "tcp/host:0" and "unix/:0" name the transport first
    if host in ("", "unix"):
        path = f"{socket_dir}/X{number}"
        # Linux X servers listen on an abstract socket too, which works across mount namespaces.
        abstract = "\0" + path
        return _connects(socket.AF_UNIX, abstract) or _connects(socket.AF_UNIX, path)
    return _connects(socket.AF_INET, (host, X_TCP_BASE_PORT + int(number)))


def wayland_socket_path(environ: Mapping[str, str]) -> str | None:
    """Where WAYLAND_DISPLAY's socket is: absolute, or under XDG_RUNTIME_DIR."""
    name = environ.get("WAYLAND_DISPLAY", "")
    if not name:
        return None
    if name.startswith("/"):
        return name
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    return os.path.join(runtime, name) if runtime else None


def wayland_display_answers(environ: Mapping[str, str]) -> bool:
    if environ.get("WAYLAND_SOCKET"):  # a connection handed down by the compositor
        return True
    path = wayland_socket_path(environ)
    return path is not None and _connects(socket.AF_UNIX, path)


def display_configured(environ: Mapping[str, str]) -> bool:
    """Whether this process has a display to show a window on: a headless Qt platform, a
    system other than Linux, or DISPLAY or WAYLAND_DISPLAY set (an SSH session has none)."""
    platform = environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0]
    if platform in HEADLESS_PLATFORMS:
        return True
    if not sys.platform.startswith("linux"):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
