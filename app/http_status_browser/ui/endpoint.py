"""Try it: the local endpoint (serve) started from the window on a thread of its own, its
address in the status bar, and a ready `curl -i` command on the clipboard for the chosen code.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QStatusBar

from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import StatusCode
from http_status_browser.serve import DEFAULT_PORT

if TYPE_CHECKING:
    from http_status_browser.serve.server import BackgroundServer

# The port `httpstatus serve` uses too; when it is taken, any free port.
PREFERRED_PORT = DEFAULT_PORT
STOP_TIMEOUT_SECONDS = 10.0


def curl_command(url: str, code: int) -> str:
    """The command to paste into a terminal: the request that shows the code's behaviour."""
    words = ["curl", "-i"]
    if code == 206:
        words += ["-H", "Range: bytes=0-9"]
    elif code == 101:
        words += ["-H", "Connection: Upgrade", "-H", "Upgrade: websocket"]
    elif code == 100:
        words += ["-H", "Expect: 100-continue", "--data", "example"]
    words.append(f"{url}/{code}")
    return shlex.join(words)


class LocalEndpoint(QObject):
    """Owns the background server: start (off the GUI thread), stop, and what it reports."""

    started = Signal(str)
    failed = Signal(str)
    stopped = Signal()
    # From the server's thread to this object's thread (a queued connection).
    _bound = Signal(object)

    def __init__(self, registry: Registry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._registry = registry
        self._server: BackgroundServer | None = None
        self._starting = False
        self.url = ""
        self._bound.connect(self._on_bound)

    @property
    def running(self) -> bool:
        return self._server is not None and self._server.running and bool(self.url)

    def start(self, port: int | None = None) -> None:
        """Start listening (on PREFERRED_PORT unless told); `started` or `failed` follows.
        Does nothing while running or starting."""
        if self.running or self._starting:
            return
        if port is None:
            port = PREFERRED_PORT
        from http_status_browser.serve.server import BackgroundServer  # noqa: PLC0415  (only when asked for)

        self._starting = True
        server = BackgroundServer(self._registry, "127.0.0.1", port)
        server.on_ready = self._bound.emit
        self._server = server
        server.start()

    @Slot(object)
    def _on_bound(self, server: BackgroundServer) -> None:
        if server is not self._server:
            return  # a server stopped before it reported
        if server.error is not None:
            if server.port != 0:  # the usual port is taken: any free one will do
                self._starting = False
                self._server = None
                self.start(0)
                return
            self._starting = False
            self._server = None
            self.failed.emit(f"The local endpoint could not start: {server.error.strerror}")
            return
        self._starting = False
        self.url = server.url
        self.started.emit(self.url)

    def stop(self) -> None:
        """Stop gracefully (requests in progress finish) and wait for the thread."""
        server, self._server = self._server, None
        self._starting = False
        was_running = bool(self.url)
        self.url = ""
        if server is not None:
            server.stop(STOP_TIMEOUT_SECONDS)
        if was_running:
            self.stopped.emit()


class TryIt(QObject):
    """The window's Try it: a menu action to stop or start the endpoint, a status bar label
    with its address, and the curl command for a code copied once the endpoint is up."""

    def __init__(
        self,
        registry: Registry,
        status_bar: QStatusBar,
        copy: Callable[[str, str], None],
        current_status: Callable[[], StatusCode | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._current_status = current_status
        self.endpoint = LocalEndpoint(registry, self)
        self._status_bar = status_bar
        self._copy = copy
        self._pending: int | None = None
        self.label = QLabel(status_bar)
        self.label.setObjectName("endpointLabel")
        self.label.setAccessibleName("Local endpoint address")
        self.label.hide()
        status_bar.addPermanentWidget(self.label)
        self.endpoint_action = QAction("&Local endpoint", self)
        self.endpoint_action.setCheckable(True)
        self.endpoint_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.endpoint_action.setToolTip("Start or stop the local endpoint that answers any status")
        self.endpoint_action.triggered.connect(self._toggled)
        self.try_action = QAction("&Try it", self)
        self.try_action.setShortcut(QKeySequence("Ctrl+T"))
        self.try_action.setToolTip("Copy a curl command for this code, starting the endpoint")
        self.try_action.triggered.connect(self._try_current)
        self.endpoint.started.connect(self._started)
        self.endpoint.failed.connect(self._failed)
        self.endpoint.stopped.connect(self._stopped)

    @Slot(int)
    def try_code(self, code: int) -> None:
        """Start the endpoint if needed, then copy the curl command for `code`."""
        if self.endpoint.running:
            self._copy(curl_command(self.endpoint.url, code), "the curl command")
            return
        self._pending = code
        self._status_bar.showMessage("Starting the local endpoint...")
        self.endpoint.start()

    @Slot()
    def _try_current(self) -> None:
        status = self._current_status()
        if status is None:
            self._status_bar.showMessage("Select a code to try", 4000)
        else:
            self.try_code(status.code)

    @Slot(bool)
    def _toggled(self, checked: bool) -> None:
        if checked:
            self.endpoint.start()
        else:
            self.endpoint.stop()

    @Slot(str)
    def _started(self, url: str) -> None:
        self.endpoint_action.setChecked(True)
        self.label.setText(f"Endpoint: {url}")
        self.label.show()
        self._status_bar.showMessage(f"The local endpoint answers on {url}/CODE", 6000)
        if self._pending is not None:
            code, self._pending = self._pending, None
            self._copy(curl_command(url, code), "the curl command")

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._pending = None
        self.endpoint_action.setChecked(False)
        self._status_bar.showMessage(message, 8000)

    @Slot()
    def _stopped(self) -> None:
        self.endpoint_action.setChecked(False)
        self.label.hide()
        self._status_bar.showMessage("The local endpoint has stopped", 4000)

    def stop(self) -> None:
        self.endpoint.stop()
