"""Desktop search: the GNOME Shell and KRunner interfaces, called over a real session bus.

The provider files are installed with packaging/desktop-search.sh into a private data folder,
and dbus-run-session starts a bus that reads the service file from there: the first call
starts the provider on demand, as on a desktop.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from http_status_browser import APP_ID
from http_status_browser.desktop.search_provider import (
    BUS_NAME,
    GNOME_PATH,
    KRUNNER_EXACT,
    KRUNNER_PATH,
    DesktopSearch,
    introspection_xml,
)
from http_status_browser.registry.model import Registry
from tests.loaded_modules import loaded_modules

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "desktop-search.sh"
SERVICE = "io.github.httpstatusbrowser.HttpStatusBrowser.SearchProvider"

# Runs inside dbus-run-session: calls the provider and prints what came back as JSON.
CLIENT = """
import json, sys
from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection
from jeepney.wrappers import DBusErrorResponse, unwrap_msg

gnome = DBusAddress(
    "/io/github/httpstatusbrowser/HttpStatusBrowser/SearchProvider",
    bus_name="io.github.httpstatusbrowser.HttpStatusBrowser.SearchProvider",
    interface="org.gnome.Shell.SearchProvider2",
)
krunner = DBusAddress("/runner", bus_name=gnome.bus_name, interface="org.kde.krunner1")
out = {}
with open_dbus_connection(bus="SESSION") as bus:
    def call(address, method, signature=None, *body):
        reply = bus.send_and_get_reply(
            new_method_call(address, method, signature, body), timeout=60
        )
        return unwrap_msg(reply)

    out["initial"] = [call(gnome, "GetInitialResultSet", "as", t) for t in
                      (["404"], ["teapot"], ["gateway", "timeout"], ["zzzzqqq"])]
    out["subsearch"] = call(gnome, "GetSubsearchResultSet", "asas", ["4"], ["4", "29"])
    out["metas"] = call(gnome, "GetResultMetas", "as", ["404", "504"])
    out["match"] = call(krunner, "Match", "s", "429")
    out["words"] = call(krunner, "Match", "s", "too many requests")
    out["actions"] = call(krunner, "Actions")
    introspect = DBusAddress(gnome.object_path, gnome.bus_name,
                             "org.freedesktop.DBus.Introspectable")
    out["introspect"] = call(introspect, "Introspect")
    try:
        call(gnome, "NoSuchMethod")
    except DBusErrorResponse as error:
        out["error"] = error.name
print(json.dumps(out))
"""


def variant_values(meta: dict[str, Any]) -> dict[str, Any]:
    """jeepney hands variants as (signature, value) pairs; JSON made them lists."""
    return {key: value[1] for key, value in meta.items()}


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.skipif(shutil.which("dbus-run-session") is None, reason="needs dbus-run-session")
def test_provider_over_a_session_bus(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    httpstatus = Path(sys.executable).with_name("httpstatus")
    installed = run(["bash", str(SCRIPT), "install", str(httpstatus), str(ROOT / "resources")], env)
    assert installed.returncode == 0, installed.stderr
    service = data / "dbus-1" / "services" / f"{SERVICE}.service"
    assert f'Exec="{httpstatus.resolve()}" search-provider' in service.read_text()

    result = run(["dbus-run-session", "--", sys.executable, "-c", CLIENT], env)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.splitlines()[-1])
    found = [reply[0] for reply in out["initial"]]
    assert found[0] == ["404"]
    assert found[1][0] == "418"
    assert found[2][0] == "504"
    assert found[3] == []
    assert out["subsearch"][0][0] == "429"
    metas = [variant_values(meta) for meta in out["metas"][0]]
    assert metas[0]["id"] == "404"
    assert metas[0]["name"] == "404 Not Found"
    assert metas[0]["clipboardText"] == "404 Not Found"
    assert metas[1]["name"] == "504 Gateway Timeout"
    [first, *_] = out["match"][0]
    assert first[:4] == ["429", "429 Too Many Requests", APP_ID, KRUNNER_EXACT]
    assert out["words"][0][0][0] == "429"
    assert out["actions"] == [[]]
    assert "org.gnome.Shell.SearchProvider2" in out["introspect"][0]
    assert out["error"] == "org.freedesktop.DBus.Error.UnknownMethod"

    removed = run(["bash", str(SCRIPT), "uninstall"], env)
    assert removed.returncode == 0
    assert [p for p in data.rglob("*") if p.is_file()] == []


def test_activating_a_result_opens_the_window_on_it(
    registry: Registry, capsys: pytest.CaptureFixture[str]
) -> None:
    opened: list[int] = []
    search = DesktopSearch(registry, opener=opened.append)
    assert search.call(
        GNOME_PATH, "org.gnome.Shell.SearchProvider2", "ActivateResult", ["503", [], 0]
    )
    assert search.call(KRUNNER_PATH, "org.kde.krunner1", "Run", ["418", ""])
    search.activate("999")
    search.activate("not a code")
    assert opened == [503, 418]
    assert capsys.readouterr().err.splitlines() == [
        "search-provider: no such result '999'",
        "search-provider: no such result 'not a code'",
    ]


def test_the_service_imports_only_what_its_first_answer_needs() -> None:
    """D-Bus starts the service for a query: logging, subprocess and Qt would delay it."""
    loaded = loaded_modules("import http_status_browser.desktop.search_provider")
    assert "http_status_browser.desktop.search_provider" in loaded
    assert loaded.isdisjoint({"logging", "subprocess", "PySide6", "http_status_browser.ui"})


def test_unknown_methods_and_paths(registry: Registry) -> None:
    search = DesktopSearch(registry, opener=lambda code: None)
    with pytest.raises(KeyError):
        search.call(GNOME_PATH, "org.kde.krunner1", "Match", ["404"])
    with pytest.raises(KeyError):
        search.call("/elsewhere", "", "GetInitialResultSet", [["404"]])
    assert "org.kde.krunner1" in introspection_xml(KRUNNER_PATH)


def test_results_are_unique_codes_and_capped(registry: Registry) -> None:
    search = DesktopSearch(registry, opener=lambda code: None)
    codes = search.result_set(["4xx"])
    assert len(codes) == len(set(codes)) == 10
    assert search.result_metas(["not a number", "299"]) == []


def read_ini(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(ROOT / "resources" / name, encoding="utf-8")
    return parser


def test_provider_files_agree_with_the_service() -> None:
    service = read_ini(f"{SERVICE}.service")["D-BUS Service"]
    gnome = read_ini(f"{APP_ID}.search-provider.ini")["Shell Search Provider"]
    krunner = read_ini(f"{APP_ID}.krunner.desktop")["Desktop Entry"]
    assert service["Name"] == gnome["BusName"] == krunner["X-Plasma-DBusRunner-Service"]
    assert service["Name"] == BUS_NAME
    assert gnome["ObjectPath"] == GNOME_PATH
    assert gnome["Version"] == "2"
    assert (ROOT / "resources" / gnome["DesktopId"]).exists()
    assert krunner["X-Plasma-DBusRunner-Path"] == KRUNNER_PATH
    assert krunner["X-Plasma-API"] == "DBus"


@pytest.mark.skipif(shutil.which("dbus-run-session") is None, reason="needs dbus-run-session")
def test_provider_leaves_quietly_when_the_session_ends() -> None:
    """Started directly under a session that then ends: no traceback, exit status 0."""
    script = f"""
import subprocess, sys, time
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
provider = subprocess.Popen([sys.executable, "-m", "http_status_browser", "search-provider"])
with open_dbus_connection(bus="SESSION") as bus:
    for _ in range(400):  # until the provider owns its name: 20 s at most
        owned = bus.send_and_get_reply(message_bus.NameHasOwner({BUS_NAME!r}), timeout=10)
        if owned.body[0] or provider.poll() is not None:
            break
        time.sleep(0.05)
print("started", bool(owned.body[0]), flush=True)
"""
    result = run(["dbus-run-session", "--", sys.executable, "-c", script], dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert "started True" in result.stdout
    assert "Traceback" not in result.stderr
