"""The running window's side of "one window per user": listen, and answer each launch.

A Unix socket watched by QSocketNotifier rather than QLocalServer: QtNetwork would add 30-50 ms
of import and 3.3 MiB of memory to every start (measured), for what Python's socket module and
QtCore do here in a page. The protocol and the client are in app/instance.py.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import stat
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Slot

from app.console import EXIT_NOT_FOUND, EXIT_USAGE, UsageError, parse_code
from app.instance import MAX_MESSAGE_BYTES, owned_by_user, send_request, socket_path
from app.registry.model import Registry

log = logging.getLogger(__name__)

# Given a request, the answer to send back.
RequestHandler = Callable[[dict[str, Any]], dict[str, Any]]


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
        if chunk and not self.data.endswith(b"\n") and len(self.data) < MAX_MESSAGE_BYTES:
            return
        self._answer(self._request())
        self.close()

    def _request(self) -> dict[str, Any] | None:
        try:
            request = json.loads(self.data)
        except ValueError:
            log.warning("instance request is not JSON: %r", self.data[:80])
            return None
        return request if isinstance(request, dict) else None

    def _answer(self, request: dict[str, Any] | None) -> None:
        if request is None:
            answer: dict[str, Any] = {"ok": False, "error": "not a request", "exit": 2}
        else:
            answer = self.handler(request)
        try:
            # A few dozen bytes into an empty socket buffer: this does not wait.
            self.connection.setblocking(True)
            self.connection.settimeout(1.0)
            self.connection.sendall(json.dumps(answer).encode("utf-8") + b"\n")
        except OSError as error:
            log.warning("instance answer not sent: %s", error)

    def close(self) -> None:
        self.notifier.setEnabled(False)
        self.connection.close()
        self.deleteLater()


class InstanceServer(QObject):
    """Listens on the per-user socket while the window runs; removes it when done."""

    def __init__(self, handler: RequestHandler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handler = handler
        self.path: str | None = None
        self._socket: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._inode = 0

    def listen(self, path: str | None = None) -> bool:
        """Start listening; False when another window already answers there, or the socket
        cannot be made. A stale socket (its window crashed) is replaced."""
        path = path or socket_path()
        if path is None:
            return False
        if os.path.lexists(path):
            if send_request({"ping": True}, path) is not None:
                return False  # a live window: launches go to it
            if not owned_by_user(path) or not stat.S_ISSOCK(os.lstat(path).st_mode):
                log.warning("not listening: %s is not this user's socket", path)
                return False
            log.info("replacing the stale socket %s", path)
            os.unlink(path)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            # Only this user may connect, also where the socket is in a shared temp folder.
            old_mask = os.umask(0o077)
            try:
                server.bind(path)
            finally:
                os.umask(old_mask)
            server.listen(8)
        except OSError as error:
            server.close()
            log.warning("not listening on %s: %s", path, error)
            return False
        server.setblocking(False)
        self.path = path
        self._socket = server
        self._inode = os.stat(path).st_ino
        self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    @Slot()
    def _accept(self) -> None:
        if self._socket is None:
            return
        try:
            connection, _ = self._socket.accept()
        except BlockingIOError:
            return
        except OSError as error:
            log.warning("instance connection: %s", error)
            return
        _Connection(connection, self.handler, self)

    @Slot()
    def close(self) -> None:
        """Stop listening and remove the socket, unless another window has replaced it."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        if self.path is not None:
            try:
                if os.stat(self.path).st_ino == self._inode:
                    os.unlink(self.path)
            except OSError as error:
                log.info("socket %s already gone: %s", self.path, error)
            self.path = None


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
            # Answer first: the launch waiting for it exits at once, and the window then
            # changes to the code within the same event-loop turn.
            QTimer.singleShot(0, partial(bring_forward, code))
            return {"ok": True, "code": code}
        if not (request.get("ping") or request.get("state")):
            return {"ok": False, "error": f"unknown request {sorted(request)}", "exit": 2}
        return {"ok": True, "code": current_code()}

    return handle
