"""The Debian package, installed for real: dpkg -i, the command line, the man page and
completions, the window (offscreen), the desktop files and desktop search, then dpkg --purge
and nothing left behind.

It changes the system, so it runs only through `make test-deb` (which builds the package and
sets HSB_DEB), as root, where dpkg exists; `make test` leaves it out (the `deb` marker).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from http_status_browser import APP_ID, __version__

PACKAGE = "http-status-browser"
DEB = os.environ.get("HSB_DEB", "")

pytestmark = [
    pytest.mark.deb,
    pytest.mark.skipif(not DEB, reason="no .deb to install: `make test-deb` builds one"),
    pytest.mark.skipif(shutil.which("dpkg") is None, reason="needs dpkg (Debian or Ubuntu)"),
    pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() != 0,
        reason="installs a package: needs root",
    ),
]

# What the package installs into; compared before installing and after purging.
WATCHED = (
    "/usr/bin",
    "/usr/lib/http-status-browser",
    "/usr/share/applications",
    "/usr/share/metainfo",
    "/usr/share/icons/hicolor",
    "/usr/share/dbus-1/services",
    "/usr/share/gnome-shell/search-providers",
    "/usr/share/krunner/dbusplugins",
    "/usr/share/man/man1",
    "/usr/share/bash-completion/completions",
    "/usr/share/zsh/vendor-completions",
    "/usr/share/fish/vendor_completions.d",
    "/usr/share/doc/http-status-browser",
    "/usr/share/lintian/overrides",
    "/etc",
)
# Caches that other packages' dpkg triggers rebuild for every package with desktop files or
# icons; they belong to those packages and stay, with or without ours.
TRIGGER_CACHES = ("icon-theme.cache", "mimeinfo.cache")


def run(*command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        check=False,
    )


def files_under(folders: tuple[str, ...]) -> set[str]:
    found = set()
    for folder in folders:
        for path in Path(folder).rglob("*") if Path(folder).exists() else ():
            if path.name not in TRIGGER_CACHES and not path.is_dir():
                found.add(str(path))
    return found


def installed() -> bool:
    status = run("dpkg-query", "-W", "-f=${Status}", PACKAGE)
    return status.returncode == 0 and "installed" in status.stdout.split()


@pytest.fixture(scope="module")
def before() -> Iterator[set[str]]:
    """The watched files before installing; the package is purged afterwards in any case."""
    if installed():
        pytest.fail(f"{PACKAGE} is installed already: dpkg --purge {PACKAGE} first")
    snapshot = files_under(WATCHED)
    result = run("dpkg", "-i", DEB)
    assert result.returncode == 0, result.stdout + result.stderr
    yield snapshot
    if installed():
        run("dpkg", "--purge", PACKAGE)


def test_installed(before: set[str]) -> None:
    assert installed()
    listed = run("dpkg", "-L", PACKAGE).stdout.split()
    assert "/usr/bin/httpstatus" in listed
    assert "/usr/lib/http-status-browser/httpstatus" in listed


def test_the_command_line_on_path(before: set[str]) -> None:
    assert shutil.which("httpstatus") == "/usr/bin/httpstatus"
    version = run("/usr/bin/httpstatus", "--version")
    assert version.stdout.strip() == f"httpstatus {__version__}", version.stderr
    shown = run("/usr/bin/httpstatus", "show", "404", "--json")
    assert json.loads(shown.stdout)["phrase"] == "Not Found", shown.stderr
    missing = run("/usr/bin/httpstatus", "show", "299")
    assert missing.returncode == 1
    assert missing.stderr.startswith("httpstatus: ")
    # The window's command takes the command line's commands too.
    listed = run("/usr/bin/http-status-browser", "show", "418", "--json")
    assert json.loads(listed.stdout)["code"] == 418, listed.stderr


def test_man_page_and_completions(before: set[str]) -> None:
    page = gzip.decompress(Path("/usr/share/man/man1/httpstatus.1.gz").read_bytes()).decode()
    assert page.startswith(".TH") or "\n.TH " in page
    assert "completion" in page
    assert Path("/usr/share/man/man1/http-status-browser.1.gz").resolve().is_file()
    bash = run(
        "bash",
        "--norc",
        "-c",
        "source /usr/share/bash-completion/completions/httpstatus && complete -p httpstatus",
    )
    assert "_shtab_httpstatus" in bash.stdout, bash.stderr
    assert Path("/usr/share/zsh/vendor-completions/_httpstatus").is_file()
    assert Path("/usr/share/fish/vendor_completions.d/httpstatus.fish").is_file()


def test_the_window_opens_offscreen(before: set[str], tmp_path: Path) -> None:
    result = run(
        "/usr/bin/http-status-browser",
        "open",
        "--smoke-test",
        env={"QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["shown"] is True


def test_desktop_files_where_desktops_look(before: set[str]) -> None:
    share = Path("/usr/share")
    desktop = share / "applications" / f"{APP_ID}.desktop"
    assert "Exec=/usr/bin/http-status-browser\n" in desktop.read_text(encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        checked = run("desktop-file-validate", str(desktop))
        assert (checked.returncode, checked.stdout) == (0, "")
    metainfo = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    if shutil.which("appstreamcli"):
        checked = run("appstreamcli", "validate", "--no-net", str(metainfo))
        assert checked.returncode == 0, checked.stdout
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (share / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()
    assert (share / f"icons/hicolor/scalable/apps/{APP_ID}.svg").read_text().startswith("<svg")
    service = share / "dbus-1/services" / f"{APP_ID}.SearchProvider.service"
    assert "Exec=/usr/bin/httpstatus search-provider\n" in service.read_text(encoding="utf-8")
    assert (share / "gnome-shell/search-providers" / f"{APP_ID}.search-provider.ini").is_file()
    assert (share / "krunner/dbusplugins" / f"{APP_ID}.krunner.desktop").is_file()
    assert (share / "doc/http-status-browser/copyright").is_file()


SEARCH = f"""
from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection
gnome = DBusAddress("/{APP_ID.replace(".", "/")}/SearchProvider",
                    bus_name="{APP_ID}.SearchProvider",
                    interface="org.gnome.Shell.SearchProvider2")
with open_dbus_connection(bus="SESSION") as bus:
    reply = bus.send_and_get_reply(
        new_method_call(gnome, "GetInitialResultSet", "as", (["teapot"],)), timeout=60)
    print(reply.body[0][0])
"""


@pytest.mark.skipif(shutil.which("dbus-run-session") is None, reason="needs dbus-run-session")
def test_desktop_search_starts_from_the_installed_service(before: set[str]) -> None:
    """A session bus reads /usr/share/dbus-1/services and starts /usr/bin/httpstatus."""
    result = run(
        "dbus-run-session",
        "--",
        sys.executable,
        "-c",
        SEARCH,
        env={"XDG_DATA_HOME": "/nonexistent"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "418"


def test_purge_leaves_nothing(before: set[str]) -> None:
    result = run("dpkg", "--purge", PACKAGE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not installed()
    assert not Path("/usr/lib/http-status-browser").exists()
    assert sorted(files_under(WATCHED) - before) == []
