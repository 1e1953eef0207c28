"""The running window's side of "one window per user" over Qt's QLocalServer.

The transport on Windows, where Python's socket module has no AF_UNIX: QLocalServer listens on
a named pipe (\\\\.\\pipe\\NAME, byte mode, many instances), and a launch opens that pipe as a
file (desktop/instance.py: send_over_pipe). Elsewhere QLocalServer takes the socket's full path and
makes the same Unix socket as desktop/instance.py; HTTPSTATUS_INSTANCE_SERVER=qt selects this module
on Linux, which is how its tests run. Imported only then: QtNetwork costs 30-50 ms at start-up.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from http_status_browser.desktop.instance import (
    MAX_MESSAGE_BYTES,
    PIPE_PREFIX,
    free_for_listening,
    line_complete,
)
from http_status_browser.ui.instance_server import RequestHandler, answer_line

log = logging.getLogger(__name__)


class _LocalConnection(QObject):
    """One launch's connection: gather its line, answer it, disconnect."""

    def __init__(self, socket: QLocalSocket, handler: RequestHandler, parent: QObject) -> None:
        super().__init__(parent)
        self.socket = socket
        self.handler = handler
        self.data = b""
        socket.setParent(self)
        socket.readyRead.connect(self._readable)
        socket.disconnected.connect(self._closed)
        self._readable()  # the request may have arrived before the window served launches

    @Slot()
    def _readable(self) -> None:
        if self.socket.bytesAvailable() <= 0:
            return
        self.data += self.socket.read(MAX_MESSAGE_BYTES).data()
        if not line_complete(self.data):
            return
        self.socket.readyRead.disconnect(self._readable)
        self.socket.write(answer_line(self.data, self.handler))
        # Sends what is buffered, then disconnects (QLocalSocket::disconnectFromServer).
        self.socket.disconnectFromServer()

    @Slot()
    def _closed(self) -> None:
        if not line_complete(self.data):
            log.warning("instance connection closed after %d bytes", len(self.data))
        self.deleteLater()


class LocalInstanceServer(QObject):
    """Listens from just after the QApplication exists; answers once `serve` gives it a handler,
    after the first frame. Launches meanwhile wait in QLocalServer's queue."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        # Unix: the socket is made private, then moved into place. Windows: the pipe's access
        # list names this user only (without it, other users could open it to read).
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.handler: RequestHandler | None = None

    def listen(self, name: str) -> bool:
        """Listen at `name`; False, with a log line, when that is not possible. A Unix path
        with a live window behind it is left alone; a stale one is replaced. Windows lets any
        number of servers share a pipe name, so there is nothing to check: the launch that got
        here found no window answering (a race of two first launches gives two windows)."""
        if not name.startswith(PIPE_PREFIX) and not free_for_listening(name):
            return False
        if not self.server.listen(name):
            log.warning("not listening on %s: %s", name, self.server.errorString())
            return False
        return True

    def serve(self, handler: RequestHandler) -> None:
        self.handler = handler
        self.server.newConnection.connect(self._accept)
        self._accept()

    @Slot()
    def _accept(self) -> None:
        assert self.handler is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is not None:
                _LocalConnection(socket, self.handler, self)

    @Slot()
    def close(self) -> None:
        self.server.close()  # on Unix this also removes the socket file
