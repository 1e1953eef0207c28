"""Find the system libraries that Qt needs on Linux and are missing, without importing Qt.

Used by `make` to install them and by the window's start-up to explain a missing one, instead
of Qt's "could not load the Qt platform plugin" abort.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence

# Shared objects that Qt's libraries and platform plugins load, and the Debian/Ubuntu package
# that ships each one.
DEBIAN_PACKAGES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
}

# Libraries that only the xcb (X11) platform plugin needs; the rest are needed by QtGui itself.
XCB_ONLY = frozenset(name for name in DEBIAN_PACKAGES if "xcb" in name or "X11" in name)
PLATFORMS = ("xcb", "offscreen")


def _library_folders() -> tuple[str, ...]:
    """Where the dynamic loader finds system libraries on Debian-like and other systems."""
    multiarch = f"{os.uname().machine}-linux-gnu"
    return (f"/usr/lib/{multiarch}", f"/lib/{multiarch}", "/usr/lib64", "/lib64", "/usr/lib")


def _loadable(library: str) -> bool:
    """Found in a system library folder (a stat each: the window's start-up runs this), else
    loadable by the dynamic loader (LD_LIBRARY_PATH, other layouts): loading all of them with
    ctypes cost 45-100 ms of start-up on a real display, measured."""
    if any(os.path.exists(os.path.join(folder, library)) for folder in _library_folders()):
        return True
    import ctypes  # noqa: PLC0415  (only for a library the folders do not hold)

    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def missing_libraries(platform: str = "xcb") -> list[str]:
    """Libraries that Qt needs for `platform` and the system cannot load (Linux only)."""
    if not sys.platform.startswith("linux"):
        return []
    needed = [name for name in DEBIAN_PACKAGES if platform == "xcb" or name not in XCB_ONLY]
    return [name for name in needed if not _loadable(name)]


def packages_for(libraries: Iterable[str]) -> list[str]:
    """Debian packages for the libraries; a library we do not know is named as it is."""
    packages: list[str] = []
    for library in libraries:
        package = DEBIAN_PACKAGES.get(library, library)
        if package not in packages:
            packages.append(package)
    return packages


def install_hint(libraries: Sequence[str]) -> str:
    packages = " ".join(packages_for(libraries))
    return (
        f"Qt cannot start: missing system libraries {', '.join(libraries)}.\n"
        f"On Debian or Ubuntu, install them with: sudo apt-get install {packages}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    # Here, not at the top: every window launch imports this module for its checks.
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser(description="List the system packages that Qt is missing.")
    parser.add_argument("--platform", default="xcb", choices=PLATFORMS)
    args = parser.parse_args(argv)
    print(" ".join(packages_for(missing_libraries(args.platform))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
