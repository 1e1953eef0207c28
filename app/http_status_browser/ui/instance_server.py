"""The running window's side of "one window per user": answer each launch.

A Unix socket watched by QSocketNotifier rather than QLocalServer: QtNetwork would add 30-50 ms
of import and 3.3 MiB of memory to every start (measured), for what socket and QtCore do here
in a page. The socket, the protocol and the client are in desktop/instance.py; this module is
imported after the first frame. Windows has no Unix sockets: QLocalServer there
(ui/instance_local_server.py), with the same answers (answer_line).
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Slot

from http_status_browser.desktop.instance import (
    MAX_MESSAGE_BYTES,
    BoundSocket,
    checked_tokens,
    line_complete,
    message_line,
)
from http_status_browser.exits import EXIT_NOT_FOUND, EXIT_USAGE
from http_status_browser.registry.codeinput import UsageError, parse_code
from http_status_browser.registry.model import Registry

log = logging.getLogger(__name__)

# Given a request, the answer to send back.
RequestHandler = Callable[[dict[str, Any]], dict[str, Any]]


def answer_line(data: bytes, handler: RequestHandler) -> bytes:
    """The answer line to one request line, whichever transport brought it."""
    try:
        request = json.loads(data)
    except ValueError:
        log.warning("instance request is not JSON: %r", data[:80])
        request = None
    if isinstance(request, dict):
        answer = handler(request)
    else:
        answer = {"ok": False, "error": "not a request", "exit": 2}
    return message_line(answer)


class _Connection(QObject):
    """One launch's connection: read its line without blocking, answer it, close."""

    def __init__(self, connection: socket.socket, handler: RequestHandler, parent: QObject):
        super().__init__(parent)
        self.connection = connection
        self.handler = handler
        self.data = b""
        connection.setblocking(False)
        self.notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._readable)

    @Slot()
    def _readable(self) -> None:
        try:
            chunk = self.connection.recv(MAX_MESSAGE_BYTES)
        except BlockingIOError:
            return
        except OSError as error:
            log.warning("instance request: %s", error)
            self.close()
            return
        self.data += chunk
        if chunk and not line_complete(self.data):
            return
        answer = answer_line(self.data, self.handler)
        try:
            # A few dozen bytes into an empty socket buffer: this does not wait.
            self.connection.setblocking(True)
            self.connection.settimeout(1.0)
            self.connection.sendall(answer)
        except OSError as error:
            log.warning("instance answer not sent: %s", error)
        self.close()

    def close(self) -> None:
        self.notifier.setEnabled(False)
        self.connection.close()
        self.deleteLater()


class InstanceServer(QObject):
    """Answers launches on a socket bound before Qt started (desktop/instance.py: bind_socket)."""

    def __init__(
        self, bound: BoundSocket, handler: RequestHandler, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.bound = bound
        self.handler = handler
        self._notifier = QSocketNotifier(bound.socket.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)

    @Slot()
    def _accept(self) -> None:
        try:
            connection = self.bound.accept()
        except OSError as error:
            log.warning("instance connection: %s", error)
            return
        if connection is not None:
            _Connection(connection, self.handler, self)

    @Slot()
    def close(self) -> None:
        self._notifier.setEnabled(False)
        self.bound.close()


def request_handler(
    registry: Registry,
    bring_forward: Callable[[int | None], None],
    current_code: Callable[[], int | None],
) -> RequestHandler:
    """Answers for the window: {"open": "404"} brings it forward on 404, {"open": null} just
    brings it forward; {"ping": true} and {"state": true} answer with the current code."""

    def handle(request: dict[str, Any]) -> dict[str, Any]:
        if "open" in request:
            text = request["open"]
            if text is not None and not isinstance(text, str):
                return {"ok": False, "error": f"not a status code: {text!r}", "exit": 2}
            try:
                code = parse_code(text, registry).code if text else None
            except UsageError as error:
                return {"ok": False, "error": str(error), "exit": EXIT_USAGE}
            except LookupError as error:
                return {"ok": False, "error": str(error.args[0]), "exit": EXIT_NOT_FOUND}
            tokens, problems = checked_tokens(request.get("activation"))
            for problem in problems:
                log.warning("launch's activation token ignored: %s", problem)
            # Answer first: the launch waiting for it exits at once, and the window then
            # changes to the code within the same event-loop turn.
            QTimer.singleShot(0, partial(forward_with_token, bring_forward, code, tokens))
            return {"ok": True, "code": code}
        if not (request.get("ping") or request.get("state")):
            return {"ok": False, "error": f"unknown request {sorted(request)}", "exit": 2}
        return {"ok": True, "code": current_code()}

    return handle


def forward_with_token(
    bring_forward: Callable[[int | None], None], code: int | None, tokens: dict[str, str]
) -> None:
    """Bring the window forward with the launch's Wayland activation token in the environment.

    Qt's Wayland plugin (Qt 6.3 and later, QWaylandXdgSurface::requestActivate) reads
    XDG_ACTIVATION_TOKEN when a window asks to be activated or is shown, hands it to the
    compositor through xdg_activation_v1 and unsets it: without it, GNOME and KDE only mark
    the window as wanting attention. The token is removed afterwards in any case (another
    platform, or a compositor without the protocol, leaves it unread), so that no later
    activation or child process reuses one meant for this launch. Qt's X11 plugin reads
    DESKTOP_STARTUP_ID only once, at start-up, and has no public way to take a later one: it
    is carried in the request but not applied.
    """
    token = tokens.get("XDG_ACTIVATION_TOKEN")
    if token is None:
        bring_forward(code)
        return
    os.environ["XDG_ACTIVATION_TOKEN"] = token
    try:
        bring_forward(code)
    finally:
        os.environ.pop("XDG_ACTIVATION_TOKEN", None)
