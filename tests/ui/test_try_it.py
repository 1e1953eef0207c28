"""Try it: the link in the Example section starts the local endpoint, copies a curl command,
shows the address; Tools > Local endpoint and closing the window stop it."""

from __future__ import annotations

import http.client
import shlex
import socket
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QTextBrowser
from pytestqt.qtbot import QtBot

from http_status_browser.ui import endpoint
from http_status_browser.ui.endpoint import curl_command
from http_status_browser.ui.window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.test_window import clipboard


@pytest.fixture(autouse=True)
def ephemeral_port(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never take the real default port: any free one."""
    monkeypatch.setattr(endpoint, "PREFERRED_PORT", 0)


def click_try_it(qtbot: QtBot, window: MainWindow) -> None:
    """Click the Try it link where the user sees it in the detail pane."""
    window.finish_start_up()  # the Example section appears after the first frame
    detail = window.findChild(QTextBrowser, "detailView")
    assert detail is not None
    cursor = detail.document().find("Try it")
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 2)
    detail.setTextCursor(cursor)
    detail.ensureCursorVisible()
    point: QPoint = detail.cursorRect(cursor).center()
    qtbot.mouseClick(detail.viewport(), Qt.MouseButton.LeftButton, pos=point)


def request(url: str) -> int:
    parts = urlsplit(url)
    assert parts.hostname == "127.0.0.1"
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_try_it_starts_the_endpoint_and_copies_curl(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(429)
    click_try_it(qtbot, window)
    qtbot.waitUntil(lambda: window.try_it.endpoint.running, timeout=10_000)
    qtbot.waitUntil(lambda: clipboard().startswith("curl -i "), timeout=10_000)
    url = window.try_it.endpoint.url
    assert clipboard() == f"curl -i {url}/429"
    label = window.findChild(QLabel, "endpointLabel")
    assert label is not None
    assert label.isVisible()
    assert url in label.text()
    assert window.try_it.endpoint_action.isChecked()
    assert request(shlex.split(clipboard())[-1]) == 429
    window.navigate_to(404)  # running already: the command is copied at once
    click_try_it(qtbot, window)
    assert clipboard() == f"curl -i {url}/404"


def test_view_menu_action_stops_the_endpoint(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(503)
    action = window.try_it.endpoint_action
    assert action in window.menus.tools.actions()  # not in View: it acts
    action.trigger()  # start from the menu
    qtbot.waitUntil(lambda: window.try_it.endpoint.running, timeout=10_000)
    url = window.try_it.endpoint.url
    action.trigger()  # and stop
    assert not window.try_it.endpoint.running
    assert not action.isChecked()
    label = window.findChild(QLabel, "endpointLabel")
    assert label is not None
    assert not label.isVisible()
    parts = urlsplit(url)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((parts.hostname, parts.port), timeout=5).close()


def test_closing_the_window_stops_the_endpoint(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(200)
    window.try_it.endpoint_action.trigger()
    qtbot.waitUntil(lambda: window.try_it.endpoint.running, timeout=10_000)
    server = window.try_it.endpoint._server
    assert server is not None
    window.close()
    assert not server.running
    assert not window.try_it.endpoint.running


def test_a_taken_port_falls_back_to_a_free_one(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setattr(endpoint, "PREFERRED_PORT", port)
        window = make_window(200)
        window.try_it.endpoint_action.trigger()
        qtbot.waitUntil(lambda: window.try_it.endpoint.running, timeout=10_000)
        assert urlsplit(window.try_it.endpoint.url).port not in (None, port)
        window.close()


@pytest.mark.parametrize(
    ("code", "command"),
    [
        (404, "curl -i http://127.0.0.1:8099/404"),
        (206, "curl -i -H 'Range: bytes=0-9' http://127.0.0.1:8099/206"),
        (101, "curl -i -H 'Connection: Upgrade' -H 'Upgrade: websocket' http://127.0.0.1:8099/101"),
    ],
)
def test_curl_command(code: int, command: str) -> None:
    assert curl_command("http://127.0.0.1:8099", code) == command


def test_ctrl_t_tries_the_selected_code(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(308)
    assert window.try_it.try_action in window.menus.tools.actions()
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: clipboard().endswith("/308"), timeout=10_000)
    assert clipboard() == f"curl -i {window.try_it.endpoint.url}/308"
    assert request(f"{window.try_it.endpoint.url}/308") == 308


def test_try_it_is_made_after_the_first_frame_and_makes_the_tools_menu(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """The first frame does not build Try it; finish_start_up does, and Ctrl+T then works."""
    window = make_window(204)
    tools_menu = window.menus.tools
    assert window._try_it is None
    assert all(action.text() != "&Try it" for action in tools_menu.actions())
    window.finish_start_up()
    assert tools_menu.actions() == [window.try_it.try_action, window.try_it.endpoint_action]
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: clipboard().endswith("/204"), timeout=10_000)
