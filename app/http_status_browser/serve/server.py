"""The endpoint's HTTP/1.1 server: h11 parses and frames, asyncio moves bytes. Limits on the
request line, headers, bodies, idle time and connections keep it up under load and bad input.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable
from email.utils import formatdate
from typing import NamedTuple

import h11

from http_status_browser import __version__
from http_status_browser.registry.model import Registry
from http_status_browser.serve import DEFAULT_PORT
from http_status_browser.serve.answer import Action, Answer, RequestHead, answer
from http_status_browser.serve.request_log import combined_line

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
SERVER_NAME = f"httpstatus/{__version__}".encode()
READ_SIZE = 65536
ANSWERS_REMEMBERED = 2048


class Limits(NamedTuple):
    """What one client may take. Beyond them: 414, 431, 413, a closed connection, or 503."""

    request_line: int = 8 * 1024
    header_bytes: int = 16 * 1024
    body_bytes: int = 1024 * 1024
    idle_seconds: float = 15.0
    connections: int = 512
    # On shutdown, requests in progress get this long to finish.
    grace_seconds: float = 5.0


DEFAULT_LIMITS = Limits()


class _RejectedError(Exception):
    """A request the endpoint answers with an error status and then closes."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(status, reason)
        self.status = status
        self.reason = reason


_REASONS = {
    400: "Bad Request",
    408: "Request Timeout",
    413: "Content Too Large",
    414: "URI Too Long",
    431: "Request Header Fields Too Large",
    503: "Service Unavailable",
}


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
    ) -> None:
        self.registry = registry
        self.limits = limits
        self.access_log = access_log
        self.date = _HttpDate()
        self.address: tuple[str, int] = ("", 0)
        self._server: asyncio.Server | None = None
        self._connections: dict[asyncio.Task[None], _ClientConnection] = {}
        self._answers: dict[tuple[bytes | None, ...], Answer] = {}
        self.stopping = asyncio.Event()

    @property
    def url(self) -> str:
        host, port = self.address
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    async def start(self, host: str = LOOPBACK, port: int = DEFAULT_PORT) -> tuple[str, int]:
        """Bind and listen; returns the address (the real port when `port` is 0)."""
        self._server = await asyncio.start_server(
            self._accept, host, port, limit=READ_SIZE, backlog=1024
        )
        sockname = self._server.sockets[0].getsockname()
        self.address = (str(sockname[0]), int(sockname[1]))
        return self.address

    async def serve_until_stopped(self) -> None:
        await self.stopping.wait()
        await self.shutdown()

    def stop(self) -> None:
        self.stopping.set()

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

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        client = _ClientConnection(self, reader, writer)
        if len(self._connections) >= self.limits.connections or self.stopping.is_set():
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
            log.debug("shutdown closed the connection from %s", client.peer)
        except (ConnectionError, OSError) as error:
            log.debug("connection from %s ended: %s", client.peer, error)
        finally:
            del self._connections[task]
            client.close()

    def answer_for(self, request: h11.Request, headers: dict[bytes, bytes]) -> Answer:
        """The answer for a request, remembered: the same target and headers get the same one,
        and a load of identical requests should not rebuild it each time."""
        key = (
            request.target,
            headers.get(b"accept"),
            headers.get(b"range"),
            headers.get(b"upgrade"),
            request.http_version,
            request.method if request.method == b"CONNECT" else None,
        )
        reply = self._answers.get(key)
        if reply is None:
            head = RequestHead(
                method=request.method.decode("ascii", "replace"),
                target=request.target.decode("ascii", "replace"),
                accept=_text(key[1]) or "",
                range=_text(key[2]),
                upgrade=_text(key[3]),
                interim_allowed=request.http_version >= b"1.1",
            )
            reply = answer(self.registry, head)
            if len(self._answers) >= ANSWERS_REMEMBERED:
                self._answers.clear()
            self._answers[key] = reply
        return reply

    def record(self, line: str) -> None:
        if self.access_log is not None:
            self.access_log(line)


class _ClientConnection:
    """One client's connection: a loop of request, discarded body, answer."""

    def __init__(
        self, server: StatusServer, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.server = server
        self.limits = server.limits
        self.reader = reader
        self.writer = writer
        self.h11 = h11.Connection(h11.SERVER, max_incomplete_event_size=self.limits.header_bytes)
        peer = writer.get_extra_info("peername")
        self.peer = str(peer[0]) if isinstance(peer, tuple) else "-"
        self.idle = True

    async def run(self) -> None:
        while True:
            try:
                event = await self._next_event()
                if not isinstance(event, h11.Request):
                    return  # the client closed the connection
                await self._handle(event)
            except h11.RemoteProtocolError as error:
                await self._reject(self._malformed_status(error), None)
                return
            except _RejectedError as rejected:
                await self._reject(rejected.status, self._request_line)
                return
            except TimeoutError:
                if self.h11.their_state is not h11.IDLE or self.h11.trailing_data[0]:
                    await self._reject(408, None)
                return
            if self.h11.our_state is not h11.DONE or self.h11.their_state is not h11.DONE:
                return
            self.h11.start_next_cycle()

    async def _next_event(self) -> h11.Event:
        while True:
            event = self.h11.next_event()
            if event is h11.NEED_DATA:
                self.idle = self.h11.their_state is h11.IDLE and not self.h11.trailing_data[0]
                async with asyncio.timeout(self.limits.idle_seconds):
                    data = await self.reader.read(READ_SIZE)
                self.idle = False
                self.h11.receive_data(data)
                continue
            if event is h11.PAUSED:
                return h11.ConnectionClosed()
            assert isinstance(event, h11.Event)
            return event

    def _malformed_status(self, error: h11.RemoteProtocolError) -> int:
        """414 when the request line alone is too long, else h11's hint (400 or 431)."""
        buffered = self.h11.trailing_data[0]
        line_end = buffered.find(b"\r\n")
        if line_end > self.limits.request_line or (
            line_end < 0 and len(buffered) > self.limits.request_line
        ):
            return 414
        return error.error_status_hint

    async def _handle(self, request: h11.Request) -> None:
        self._request_line = b"%s %s HTTP/%s" % (
            request.method,
            request.target,
            request.http_version,
        )
        headers = dict(request.headers)
        self._referer = headers.get(b"referer")
        self._agent = headers.get(b"user-agent")
        if len(request.target) > self.limits.request_line:
            raise _RejectedError(414, _REASONS[414])
        # h11 caps only a head that arrives in pieces; one that came whole is measured here.
        if sum(len(n) + len(v) + 4 for n, v in request.headers) > self.limits.header_bytes:
            raise _RejectedError(431, _REASONS[431])
        length = headers.get(b"content-length")
        if length is not None and int(length) > self.limits.body_bytes:
            raise _RejectedError(413, _REASONS[413])
        continued = self.h11.they_are_waiting_for_100_continue
        if continued:
            self.writer.write(
                self.h11.send(
                    h11.InformationalResponse(status_code=100, reason=b"Continue", headers=[])
                )
            )
        await self._discard_body()
        reply = self.server.answer_for(request, headers)
        if reply.delay:
            # The delay is cut short by a shutdown; its timing out is the normal case.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.server.stopping.wait(), reply.delay)
        if reply.action is Action.CLOSE:
            self._log(reply.code, 0)
            self.h11.send_failed()  # nothing more is sent on this connection
            return
        await self._send(reply, skip_continue=continued, head_only=request.method == b"HEAD")

    async def _discard_body(self) -> None:
        received = 0
        while True:
            event = await self._next_event()
            if isinstance(event, h11.Data):
                received += len(event.data)
                if received > self.limits.body_bytes:
                    raise _RejectedError(413, _REASONS[413])
            elif isinstance(event, h11.EndOfMessage):
                return
            else:
                raise h11.RemoteProtocolError("the request ended before its body")

    async def _send(self, reply: Answer, *, skip_continue: bool, head_only: bool) -> None:
        chunks: list[bytes] = []
        for code, reason, fields in reply.interim:
            if code == 100 and skip_continue:
                continue
            chunks.append(
                self.h11.send(
                    h11.InformationalResponse(
                        status_code=code, reason=reason.encode(), headers=_encode(fields)
                    )
                )
            )
        headers = [(b"Date", self.server.date.now()), (b"Server", SERVER_NAME)]
        headers.extend(_encode(reply.fields))
        if self.server.stopping.is_set():
            headers.append((b"Connection", b"close"))
        if reply.action is Action.SWITCH:
            event = h11.InformationalResponse(
                status_code=101, reason=reply.reason.encode(), headers=headers
            )
            chunks.append(self.h11.send(event))
            await self._write(chunks)
            self._log(101, 0)
            self.h11.send_failed()  # the switched connection ends here
            return
        chunks.append(
            self.h11.send(
                h11.Response(status_code=reply.code, reason=reply.reason.encode(), headers=headers)
            )
        )
        sent = 0
        if reply.body and not head_only and reply.code not in (204, 304):
            chunks.append(self.h11.send(h11.Data(data=reply.body)))
            sent = len(reply.body)
        chunks.append(self.h11.send(h11.EndOfMessage()))
        await self._write(chunks)
        self._log(reply.code, sent)

    async def _write(self, chunks: list[bytes]) -> None:
        self.writer.write(b"".join(chunks))
        await self.writer.drain()

    async def _reject(self, status: int, request_line: bytes | None) -> None:
        """Answer an error status (if a response can still be sent) and close."""
        if request_line is None:
            buffered = self.h11.trailing_data[0]
            request_line = buffered.split(b"\r\n", 1)[0] or None
        reason = _REASONS.get(status, "Bad Request")
        body = f"{status} {reason}\n".encode()
        sent = 0
        if self.h11.our_state in (h11.IDLE, h11.SEND_RESPONSE):
            headers = [
                (b"Date", self.server.date.now()),
                (b"Server", SERVER_NAME),
                (b"Content-Type", b"text/plain; charset=utf-8"),
                (b"Content-Length", str(len(body)).encode()),
                (b"Connection", b"close"),
            ]
            response = h11.Response(status_code=status, reason=reason.encode(), headers=headers)
            try:
                chunks = [self.h11.send(response), self.h11.send(h11.Data(data=body))]
                chunks.append(self.h11.send(h11.EndOfMessage()))
                await self._write(chunks)
                sent = len(body)
            except (ConnectionError, OSError) as error:
                log.debug("could not tell %s about %s: %s", self.peer, status, error)
        self._request_line = request_line
        self._log(status, sent)

    async def refuse(self) -> None:
        """Too many connections (or shutting down): 503 with Retry-After, then close."""
        self._request_line = None
        body = b"503 Service Unavailable\n"
        response = (
            b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s"
            % (len(body), body)
        )
        try:
            await self._write([response])
        except (ConnectionError, OSError) as error:
            log.debug("could not refuse %s: %s", self.peer, error)
        self._log(503, len(body))
        self.close()

    _request_line: bytes | None = None
    _referer: bytes | None = None
    _agent: bytes | None = None

    def _log(self, status: int, size: int) -> None:
        self.server.record(
            combined_line(
                self.peer,
                self._request_line,
                status=status,
                size=size,
                referer=self._referer,
                user_agent=self._agent,
                when=time.time(),
            )
        )

    def close(self) -> None:
        if not self.writer.is_closing():
            self.writer.close()


def _encode(fields: tuple[tuple[str, str], ...]) -> list[tuple[bytes, bytes]]:
    return [(name.encode(), value.encode()) for name, value in fields]


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
    ) -> None:
        self._args = (registry, limits, access_log)
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
        server = StatusServer(registry, limits, access_log)
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
