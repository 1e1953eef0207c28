"""The window's QLocalServer side (Windows' transport), run on Linux on a Unix socket."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from http_status_browser.desktop.instance import (
    hand_over,
    send_request,
    server_name,
    uses_qt_server,
)
from http_status_browser.registry.model import Registry
from http_status_browser.ui.instance_local_server import LocalInstanceServer
from http_status_browser.ui.instance_server import request_handler


def test_the_environment_selects_the_qt_server(monkeypatch: pytest.MonkeyPatch) -> None:
    assert uses_qt_server({"HTTPSTATUS_INSTANCE_SERVER": "qt"})
    assert not uses_qt_server({"HTTPSTATUS_INSTANCE_SERVER": "socket"})
    assert not uses_qt_server({})
    monkeypatch.setattr("sys.platform", "win32")
    assert uses_qt_server({})


def test_a_launch_during_start_up_waits_for_its_answer(
    qtbot: QtBot, registry: Registry, runtime_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # a display, for hand_over
    name = server_name()
    assert name == str(runtime_dir / "http-status-browser.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(name)  # a crashed window's socket: replaced
    server = LocalInstanceServer()
    assert server.listen(name)
    assert oct(os.stat(name).st_mode & 0o777) == "0o700"  # UserAccessOption
    assert not LocalInstanceServer().listen(name)  # a live window there: left alone

    # The window is still starting (no handler yet): the launch connects and waits.
    answers: list[int | None] = []
    client = threading.Thread(target=lambda: answers.append(hand_over("429")))
    client.start()
    qtbot.waitUntil(server.server.hasPendingConnections, timeout=10_000)
    assert answers == []

    opened: list[int | None] = []
    server.serve(request_handler(registry, opened.append, lambda: 429))
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    client.join(timeout=10)
    assert answers == [0]
    qtbot.waitUntil(lambda: opened == [429], timeout=5_000)

    # Later launches, and a line that is no request.
    unknown: list[dict[str, object] | None] = []
    client = threading.Thread(target=lambda: unknown.append(send_request({"open": "299"})))
    client.start()
    qtbot.waitUntil(lambda: bool(unknown), timeout=10_000)
    client.join(timeout=10)
    assert unknown[0] is not None
    assert unknown[0]["exit"] == 1

    replies: list[bytes] = []

    def send_garbage() -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as raw:
            raw.settimeout(10)
            raw.connect(name)
            raw.sendall(b"not json\n")
            replies.append(raw.recv(4096))

    client = threading.Thread(target=send_garbage)
    client.start()
    qtbot.waitUntil(lambda: bool(replies), timeout=10_000)
    client.join(timeout=10)
    assert b'"not a request"' in replies[0]

    server.close()
    assert not os.path.exists(name)
