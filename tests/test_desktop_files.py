"""The freedesktop files in resources/: one application ID names them all, and the
validators that software centres and distributions run accept them."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from http_status_browser import APP_ID
from http_status_browser.desktop.search_provider import BUS_NAME, GNOME_PATH, ICON

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
DESKTOP = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def read_ini(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    assert parser.read(path, encoding="utf-8"), path
    return parser


def test_every_desktop_file_is_named_after_the_application_id() -> None:
    named = sorted(
        path.name for path in RESOURCES.iterdir() if path.suffix in (".desktop", ".ini", ".xml")
    )
    assert named == [
        f"{APP_ID}.desktop",
        f"{APP_ID}.krunner.desktop",
        f"{APP_ID}.metainfo.xml",
        f"{APP_ID}.search-provider.ini",
    ]
    assert (RESOURCES / f"{BUS_NAME}.service").is_file()
    assert f"{APP_ID}.SearchProvider" == BUS_NAME
    assert GNOME_PATH == "/io/github/httpstatusbrowser/HttpStatusBrowser/SearchProvider"
    assert ICON == APP_ID


def test_desktop_entry() -> None:
    entry = read_ini(DESKTOP)["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "HTTP Status Browser"
    assert entry["Icon"] == APP_ID
    # No %U or %F: a file or URL argument would not be a status code, and the window does not
    # open files (a launch with one would exit 2).
    assert entry["Exec"] == "http-status-browser"


def test_metainfo_names_the_desktop_file_binaries_and_screenshots() -> None:
    root = ElementTree.parse(METAINFO).getroot()
    assert root.tag == "component"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("project_license") == "MIT"
    assert {b.text for b in root.iter("binary")} == {"http-status-browser", "httpstatus"}
    assert root.findtext("provides/dbus") == BUS_NAME
    assert root.find("developer") is not None
    assert root.find("content_rating") is not None
    urls = {url.get("type"): url.text for url in root.iter("url")}
    assert {"homepage", "bugtracker", "vcs-browser"} <= set(urls)
    images = [image.text or "" for image in root.iter("image")]
    assert images
    for image in images:
        # Each screenshot is one of docs/, as it will be on the default branch.
        name = image.rsplit("/docs/", 1)[1]
        assert (ROOT / "docs" / name).is_file(), image


def test_metainfo_release_is_the_package_version() -> None:
    from http_status_browser import __version__

    root = ElementTree.parse(METAINFO).getroot()
    newest = root.find("releases/release")
    assert newest is not None
    assert newest.get("version") == __version__


def test_the_homepage_is_the_package_constant_everywhere() -> None:
    """Help > About, the metainfo, pyproject.toml and the .deb name one homepage: the
    package's HOMEPAGE, typed nowhere else in the package."""
    import tomllib

    from http_status_browser import HOMEPAGE

    root = ElementTree.parse(METAINFO).getroot()
    urls = {url.get("type"): url.text for url in root.iter("url")}
    assert urls["homepage"] == HOMEPAGE
    assert urls["vcs-browser"] == HOMEPAGE
    assert urls["bugtracker"] == f"{HOMEPAGE}/issues"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["urls"] == {
        "Homepage": HOMEPAGE,
        "Issues": f"{HOMEPAGE}/issues",
        "Source": HOMEPAGE,
    }
    assert "Homepage: @HOMEPAGE@" in (ROOT / "packaging/deb/control.in").read_text("utf-8")
    typed = [
        path
        for path in (ROOT / "app").rglob("*.py")
        if HOMEPAGE in path.read_text(encoding="utf-8")
    ]
    assert typed == [ROOT / "app" / "http_status_browser" / "__init__.py"]


def test_icons_in_the_freedesktop_layout() -> None:
    hicolor = RESOURCES / "icons" / "hicolor"
    for size in PNG_SIZES:
        png = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png.read_bytes().startswith(b"\x89PNG"), png
    svg = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    source = ROOT / "app/http_status_browser/ui/assets/http-status-browser.svg"
    # In git, a link to the window's SVG, so that the source exists once; an sdist holds a
    # copy (tar follows the link).
    assert svg.read_bytes() == source.read_bytes()
    if (ROOT / ".git").exists():
        assert svg.is_symlink()
        assert svg.resolve() == source
    assert (RESOURCES / "http-status-browser.ico").stat().st_size > 0
    assert (RESOURCES / "http-status-browser.icns").read_bytes().startswith(b"icns")


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="needs desktop-file-validate (apt-get install desktop-file-utils; make deb does)",
)
def test_desktop_file_validate_accepts_the_desktop_entry() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.mark.skipif(
    shutil.which("appstreamcli") is None,
    reason="needs appstreamcli (apt-get install appstream; make deb does)",
)
def test_appstreamcli_accepts_the_metainfo() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--explain", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Warnings fail too; infos are allowed (Debian 12's appstream 0.16 does not know the
    # <developer> tag of AppStream 1.0 yet, and says so as an info).
    assert "W:" not in result.stdout
    assert "E:" not in result.stdout


WINDOW = """
from PySide6.QtGui import QGuiApplication
from http_status_browser.registry import builtin_registry
from http_status_browser.ui.launch import run_gui
status = run_gui(builtin_registry(), None, smoke_linger=0.0)
print(status, QGuiApplication.desktopFileName())
"""


def test_the_window_names_its_desktop_file() -> None:
    """Wayland compositors match the window to DESKTOP by the name Qt reports (app_id)."""
    result = subprocess.run(
        [sys.executable, "-c", WINDOW],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"0 {APP_ID}"
    assert DESKTOP.stem == APP_ID
