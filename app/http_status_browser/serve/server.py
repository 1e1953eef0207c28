"""The endpoint's HTTP/1.1 server: h11 parses and frames (connection.py), asyncio moves bytes.
Limits on the request line, headers, bodies, deadlines and connections keep it up under load,
slow clients and bad input.
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
from collections.abc import Callable
from email.utils import formatdate

import h11

from http_status_browser.registry.model import Registry
from http_status_browser.serve import DEFAULT_PORT
from http_status_browser.serve.answer import Answer, Outcomes, RequestHead, outcomes
from http_status_browser.serve.connection import WAITING_ON_CLIENT, ClientConnection, Phase
from http_status_browser.serve.echo import echo_answer, is_echo_target
from http_status_browser.serve.limits import DEFAULT_LIMITS, Limits

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
ANSWERS_REMEMBERED = 2048


class _HttpDate:
    """The Date header's value, formatted once a second rather than once a response."""

    def __init__(self) -> None:
        self._second = -1
        self._value = b""

    def now(self) -> bytes:
        second = int(time.time())
        if second != self._second:
            self._second = second
            self._value = formatdate(second, usegmt=True).encode()
        return self._value


class StatusServer:
    """Serves /{code} on one address until shut down; runs inside one asyncio loop."""

    def __init__(
        self,
        registry: Registry,
        limits: Limits = DEFAULT_LIMITS,
        access_log: Callable[[str], None] | None = None,
        *,
        allow_remote: bool = False,
    ) -> None:
        self.registry = registry
        self.limits = limits
        self.access_log = access_log
        # False: only requests naming localhost or a loopback address (DNS rebinding).
        self.allow_remote = allow_remote
        self.date = _HttpDate()
        self.address: tuple[str, int] = ("", 0)
        self._server: asyncio.Server | None = None
        self._connections: dict[asyncio.Task[None], ClientConnection] = {}
        self._outcomes: dict[tuple[bytes | None, ...], Outcomes] = {}
        # Which code of a weighted list answers: no secret, so not the `secrets` module.
        self._random = random.Random()
        self.stopping = asyncio.Event()

    @property
    def url(self) -> str:
        host, port = self.address
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    async def start(self, host: str = LOOPBACK, port: int = DEFAULT_PORT) -> tuple[str, int]:
        """Bind and listen; returns the address (the real port when `port` is 0)."""
        self._server = await asyncio.start_server(self._accept, host, port, backlog=1024)
        sockname = self._server.sockets[0].getsockname()
        self.address = (str(sockname[0]), int(sockname[1]))
        return self.address

    async def serve_until_stopped(self) -> None:
        await self.stopping.wait()
        await self.shutdown()

    def stop(self) -> None:
        self.stopping.set()

    def http_date(self) -> bytes:
        return self.date.now()

    @property
    def busy_connections(self) -> int:
        """Connections in the middle of a request (the others wait for one)."""
        return sum(1 for client in self._connections.values() if not client.idle)

    async def shutdown(self) -> None:
        """Stop listening, close idle connections, let requests in progress finish."""
        self.stopping.set()
        if self._server is not None:
            self._server.close()
        for task, client in list(self._connections.items()):
            if client.idle:
                task.cancel()
        tasks = list(self._connections)
        if tasks:
            _, late = await asyncio.wait(tasks, timeout=self.limits.grace_seconds)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    def _make_room(self) -> bool:
        """At the connection limit, close the connection that has waited longest on its
        client (idle, or sending a request slowly), so that slow clients cannot hold every
        place; False when every connection is being answered."""
        waiting = [
            (client.phase_since, task, client)
            for task, client in self._connections.items()
            if client.phase in WAITING_ON_CLIENT and not client.evicted
        ]
        if not waiting:
            return False
        _, task, client = min(waiting, key=lambda entry: entry[0])
        client.evicted = True
        del self._connections[task]
        task.cancel()
        return True

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        client = ClientConnection(self, reader, writer)
        full = len(self._connections) >= self.limits.connections
        if self.stopping.is_set() or (full and not self._make_room()):
            await client.refuse()
            return
        task = asyncio.current_task()
        assert task is not None
        self._connections[task] = client
        try:
            await client.run()
        except h11.LocalProtocolError as error:  # an answer h11 would not send: a bug of ours
            log.warning("could not answer %s: %s", client.peer, error)
        except asyncio.CancelledError:
            if client.evicted and client.phase is not Phase.IDLE:
                task.uncancel()
                log.debug("closed %s's slow request to make room", client.peer)
                await client.reject(408, None)
            else:
                log.debug("shutdown closed the connection from %s", client.peer)
        except (ConnectionError, OSError) as error:
            log.debug("connection from %s ended: %s", client.peer, error)
        except Exception as error:  # a bug of ours: one line (not a traceback) and a 500
            log.warning("could not answer %s: %s: %s", client.peer, type(error).__name__, error)
            await client.reject(500, client.request_line)
        finally:
            self._connections.pop(task, None)
            client.close()

    def answer_for(self, request: h11.Request, headers: dict[bytes, bytes], body: bytes) -> Answer:
        """The answer for a request. The possible answers are remembered: the same target and
        headers get the same ones, and a load of identical requests should not rebuild them."""
        preflight = headers.get(b"access-control-request-method")
        if b"origin" not in headers or request.method != b"OPTIONS":
            preflight = None
        if preflight is None and request.method != b"CONNECT" and is_echo_target(request.target):
            return echo_answer(
                self.registry, request.method, request.target, request.headers.raw_items(), body
            )
        key = (
            request.target,
            headers.get(b"accept"),
            headers.get(b"range"),
            headers.get(b"upgrade"),
            request.http_version,
            request.method if request.method in (b"CONNECT", b"OPTIONS") else None,
            preflight,
            headers.get(b"access-control-request-headers") if preflight is not None else None,
        )
        found = self._outcomes.get(key)
        if found is None:
            head = RequestHead(
                method=request.method.decode("ascii", "replace"),
                target=request.target.decode("ascii", "replace"),
                accept=_text(key[1]) or "",
                range=_text(key[2]),
                upgrade=_text(key[3]),
                interim_allowed=request.http_version >= b"1.1",
                preflight_method=_text(preflight),
                preflight_headers=_text(key[7]) or "",
            )
            found = outcomes(self.registry, head)
            if len(self._outcomes) >= ANSWERS_REMEMBERED:
                self._outcomes.clear()
            self._outcomes[key] = found
        return found.pick(self._random)

    def record(self, line: str) -> None:
        if self.access_log is not None:
            self.access_log(line)


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode("latin-1")


async def serve_until_signalled(
    server: StatusServer, host: str, port: int, announce: Callable[[str], None]
) -> None:
    """Serve until SIGINT or SIGTERM, then shut down gracefully (the command line's loop)."""
    import signal  # noqa: PLC0415

    await server.start(host, port)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, server.stop)
        except NotImplementedError:  # Windows: Ctrl+C arrives as KeyboardInterrupt instead
            log.debug("no handler for %s on this platform", sig.name)
    announce(server.url)
    await server.serve_until_stopped()


class BackgroundServer:
    """A StatusServer on a thread of its own with its own event loop: for the window (which
    must not block) and for tests. `start` returns at once; `wait_ready` waits for the bind."""

    def __init__(
        self,
        registry: Registry,
        host: str = LOOPBACK,
        port: int = 0,
        limits: Limits = DEFAULT_LIMITS,
        access_log: Callable[[str], None] | None = None,
        *,
        allow_remote: bool = False,
    ) -> None:
        self._args = (registry, limits, access_log)
        self.allow_remote = allow_remote
        self.host = host
        self.port = port
        self.url = ""
        self.address: tuple[str, int] = ("", 0)
        self.error: OSError | None = None
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: StatusServer | None = None
        self._thread: threading.Thread | None = None
        self._stop_requested = False
        self.on_ready: Callable[[BackgroundServer], None] | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and self.error is None

    @property
    def busy_connections(self) -> int:
        return 0 if self._server is None else self._server.busy_connections

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="status-endpoint", daemon=True)
        self._thread.start()

    def wait_ready(self, timeout: float = 10.0) -> tuple[str, int]:
        """The bound address; raises the bind error, or TimeoutError."""
        if not self._ready.wait(timeout):
            raise TimeoutError("the local endpoint did not start in time")
        if self.error is not None:
            raise self.error
        return self.address

    def stop(self, timeout: float = 10.0) -> None:
        """Shut down gracefully and wait for the thread (at most `timeout` seconds)."""
        self._stop_requested = True  # seen by _main if the loop is not there yet
        loop, server = self._loop, self._server
        if loop is not None and server is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(server.stop)
            except RuntimeError as error:  # the loop ended in the meantime
                log.debug("the endpoint had already stopped: %s", error)
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        registry, limits, access_log = self._args
        server = StatusServer(registry, limits, access_log, allow_remote=self.allow_remote)
        try:
            await server.start(self.host, self.port)
        except OSError as error:
            self.error = error
            self._ready.set()
            if self.on_ready is not None:
                self.on_ready(self)
            return
        self._loop = asyncio.get_running_loop()
        self._server = server
        if self._stop_requested:
            server.stop()
        self.address, self.url = server.address, server.url
        self._ready.set()
        if self.on_ready is not None:
            self.on_ready(self)
        await server.serve_until_stopped()
