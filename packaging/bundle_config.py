"""What goes into the PyInstaller bundle: data files, excluded modules, Qt files kept.

Pure functions, imported by the spec and unit-tested without building anything.
"""

from __future__ import annotations

import sys
from pathlib import Path, PurePath

from http_status_browser import APP_ID
from http_status_browser.ui.appicon import ASSETS, ICON_SIZES, icon_file_name

APP_NAME = "HTTP Status Browser"
BUNDLE_NAME = "http-status-browser"
CLI_NAME = "httpstatus"  # the second executable in the bundle
BUNDLE_ID = APP_ID  # macOS: the same reverse-DNS ID as the freedesktop files
MACOS_MINIMUM = "12.0"

# Files the running app reads, relative to the project root, and where they go in the bundle:
# beside their module, exactly as in a source checkout (see registry/loader.py).
# Paths inside the import root (app/), which are also their places in the bundle.
DATA_FILES = (
    "http_status_browser/registry/statuses.json",
    "http_status_browser/registry/situations.json",
    "http_status_browser/registry/guide.json",
    # The window's icon (the SVG is their source, not read at run time: see ui/appicon.py).
    *(f"http_status_browser/ui/{ASSETS}/{icon_file_name(size)}" for size in ICON_SIZES),
)

# The app imports QtCore, QtGui and QtWidgets; QtNetwork too on Windows (below).
EXCLUDED_MODULES = (
    *(
        f"PySide6.{name}"
        for name in (
            "Qt3DCore",
            "QtBluetooth",
            "QtCharts",
            "QtConcurrent",
            "QtDBus",
            "QtDesigner",
            "QtHelp",
            "QtMultimedia",
            "QtNetwork",
            "QtOpenGL",
            "QtOpenGLWidgets",
            "QtPdf",
            "QtPdfWidgets",
            "QtPrintSupport",
            "QtQml",
            "QtQuick",
            "QtQuick3D",
            "QtQuickControls2",
            "QtQuickWidgets",
            "QtSql",
            "QtSvgWidgets",
            "QtTest",
            "QtUiTools",
            "QtWebChannel",
            "QtWebEngineCore",
            "QtWebEngineWidgets",
            "QtWebSockets",
            "QtXml",
        )
    ),
    "tkinter",
    "ssl",  # nothing goes online; it would bring libcrypto and libssl
    "unittest",
    "pydoc",
    "platformdirs.android",
)

# Qt plugins the window needs, by plugin folder; every other plugin is dropped.
KEPT_PLUGINS = {
    "platforms": ("qxcb", "qoffscreen", "qwayland", "qcocoa", "qwindows", "qminimal"),
    "iconengines": ("qsvgicon",),
    "imageformats": ("qsvg", "qico"),
    "xcbglintegrations": ("qxcb-glx-integration", "qxcb-egl-integration"),
    "wayland-shell-integration": ("xdg-shell",),
    "wayland-decoration-client": ("bradient",),
    # Not wayland-graphics-integration-client's qt-plugin-wayland-egl: it links to Qt6OpenGL,
    # which is dropped, so it could never load (dpkg-shlibdeps found it); widgets draw
    # through shared memory on Wayland.
    # Not qgtk3: it pulls GTK, cairo and gio into the bundle.
    "platformthemes": ("qxdgdesktopportal",),
    "styles": ("qmodernwindowsstyle", "qwindowsvistastyle"),
}

# Qt libraries pulled in by plugins or hooks that the window never loads.
DROPPED_LIBRARIES = (
    "Qt6Quick",
    "Qt6Qml",
    "Qt6Pdf",
    "Qt6Network",
    "Qt6VirtualKeyboard",
    "Qt6WebEngine",
    "Qt6Designer",
    "Qt6OpenGL",
    "Qt6Multimedia",
    "Qt6Sql",
    "Qt6Test",
    "Qt6LabsStyleKit",
    # The eglfs platform (full-screen embedded) is not kept, and these need Qt6OpenGL.
    "Qt6EglFSDeviceIntegration",
    "Qt6EglFsKmsSupport",
)


# Where the window answers later launches with QtNetwork's QLocalServer, which needs the QtNetwork
# module and the Qt6Network library: Windows, where Python has no Unix sockets
# (ui/instance_local_server.py). Elsewhere Python's socket does it and QtNetwork stays out.
QTNETWORK_PLATFORMS = ("win32",)


def excluded_modules(platform: str = sys.platform) -> tuple[str, ...]:
    """EXCLUDED_MODULES for the platform being built."""
    if platform in QTNETWORK_PLATFORMS:
        return tuple(name for name in EXCLUDED_MODULES if name != "PySide6.QtNetwork")
    return EXCLUDED_MODULES


def dropped_libraries(platform: str = sys.platform) -> tuple[str, ...]:
    """DROPPED_LIBRARIES for the platform being built."""
    if platform in QTNETWORK_PLATFORMS:
        return tuple(name for name in DROPPED_LIBRARIES if name != "Qt6Network")
    return DROPPED_LIBRARIES


def command_modules(root: Path) -> list[str]:
    """The command line's command modules (app/http_status_browser/cli/*_command.py). cli/main.py
    imports them by name from its COMMANDS table, which PyInstaller's import analysis cannot
    follow: without them every command line that builds the parser (--version, search...)
    fails in the bundle."""
    paths = (root / "app" / "http_status_browser" / "cli").glob("*_command.py")
    return sorted(f"http_status_browser.cli.{path.stem}" for path in paths)


def project_root(spec_dir: str) -> Path:
    """The project root, from the folder that holds the spec (whatever the working folder)."""
    return Path(spec_dir).resolve().parent


def data_files(root: Path) -> list[tuple[str, str]]:
    """(source, destination folder) pairs for PyInstaller's datas; fails if one is missing."""
    pairs = []
    for relative in DATA_FILES:
        source = root / "app" / relative
        if not source.is_file():
            raise FileNotFoundError(f"data file missing from the project: {source}")
        pairs.append((str(source), str(PurePath(relative).parent)))
    return pairs


def keep_qt_file(destination: str, platform: str = sys.platform) -> bool:
    """Whether a collected file (its path inside the bundle) belongs in the bundle."""
    parts = PurePath(destination.replace("\\", "/")).parts
    name = parts[-1]
    if "translations" in parts and name.endswith(".qm"):
        return False  # the window's text is English only
    if "plugins" in parts:
        folder = (
            parts[parts.index("plugins") + 1] if len(parts) > parts.index("plugins") + 2 else ""
        )
        kept = KEPT_PLUGINS.get(folder)
        if kept is None:
            return False
        stem = name.removeprefix("lib").split(".", 1)[0]
        return stem in kept
    return not any(library in name for library in dropped_libraries(platform))


def filter_toc(
    entries: list[tuple[str, str, str]], platform: str = sys.platform
) -> list[tuple[str, str, str]]:
    """A PyInstaller TOC (destination, source, kind) without the Qt files we do not ship."""
    return [entry for entry in entries if keep_qt_file(entry[0], platform)]


def windows_version_info(version: str) -> str:
    """PyInstaller's version-resource text for the Windows .exe."""
    numbers = [int(part) for part in version.split(".")[:3] if part.isdigit()]
    four = tuple([*numbers, 0, 0, 0, 0][:4])
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={four}, prodvers={four}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', '{APP_NAME}'),
      StringStruct('FileDescription', '{APP_NAME}'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', '{BUNDLE_NAME}'),
      StringStruct('OriginalFilename', '{BUNDLE_NAME}.exe'),
      StringStruct('ProductName', '{APP_NAME}'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""
