"""One client's connection to the endpoint: a loop of request, body, answer, with the request
checks (version, framing, Host, sizes), the deadlines a slow client meets and a lingering close
after an error answer. h11 parses and frames; the server (server.py) owns the connections.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from enum import Enum
from typing import Protocol

import h11

from http_status_browser import __version__
from http_status_browser.registry.model import Registry
from http_status_browser.serve.answer import CORS_FIELDS, Action, Answer, phrase
from http_status_browser.serve.echo import is_echo_target
from http_status_browser.serve.hosts import HostCheck, check_host
from http_status_browser.serve.limits import Deadline, Limits
from http_status_browser.serve.request_log import combined_line

log = logging.getLogger("http_status_browser.serve.server")

SERVER_NAME = f"httpstatus/{__version__}".encode()
READ_SIZE = 65536


class Phase(Enum):
    """Where a connection is; the first three are waiting on the client."""

    IDLE = "idle"  # between requests: no byte of the next one yet
    HEAD = "head"  # reading a request's line and headers
    BODY = "body"  # reading a request's body
    ANSWERING = "answering"  # delaying or writing an answer


WAITING_ON_CLIENT = frozenset({Phase.IDLE, Phase.HEAD, Phase.BODY})


class ConnectionOwner(Protocol):
    """What a connection needs of its server."""

    @property
    def registry(self) -> Registry: ...

    @property
    def limits(self) -> Limits: ...

    @property
    def stopping(self) -> asyncio.Event: ...

    @property
    def allow_remote(self) -> bool: ...

    def answer_for(
        self, request: h11.Request, headers: dict[bytes, bytes], body: bytes
    ) -> Answer: ...

    def http_date(self) -> bytes: ...

    def record(self, line: str) -> None: ...


class RejectedError(Exception):
    """A request the endpoint answers with an error status and then closes."""

    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(status, message)
        self.status = status
        self.message = message


class ClientConnection:
    """One client's connection: a loop of request, body, answer."""

    def __init__(
        self, owner: ConnectionOwner, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.owner = owner
        self.limits = owner.limits
        self.reader = reader
        self.writer = writer
        self.h11 = h11.Connection(h11.SERVER, max_incomplete_event_size=self.limits.header_bytes)
        peer = writer.get_extra_info("peername")
        self.peer = str(peer[0]) if isinstance(peer, tuple) else "-"
        self._loop = asyncio.get_running_loop()
        self.phase = Phase.IDLE
        # In the event loop's clock, as the deadlines are.
        self.phase_since = self._loop.time()
        self._deadline: Deadline | None = None
        self._received = 0
        # Set by the server when it closes this connection to make room for a new one.
        self.evicted = False
        self._request_line: bytes | None = None
        self._referer: bytes | None = None
        self._agent: bytes | None = None

    @property
    def idle(self) -> bool:
        return self.phase is Phase.IDLE

    @property
    def request_line(self) -> bytes | None:
        """The request line being answered, for the access log (None between requests)."""
        return self._request_line

    def _enter(self, phase: Phase) -> None:
        self.phase = phase
        self.phase_since = loop_now = self._loop.time()
        self._received = 0
        limits = self.limits
        if phase is Phase.HEAD:
            self._deadline = Deadline(
                loop_now, limits.head_seconds, limits.head_max_seconds, limits.min_rate
            )
        elif phase is Phase.BODY:
            self._deadline = Deadline(loop_now, limits.body_seconds, None, limits.min_rate)
        else:
            self._deadline = None

    async def run(self) -> None:
        while True:
            try:
                event = await self._next_event()
                if not isinstance(event, h11.Request):
                    return  # the client closed the connection
                await self._handle(event)
            except h11.RemoteProtocolError as error:
                await self.reject(self._malformed_status(error), None)
                return
            except RejectedError as rejected:
                await self.reject(rejected.status, self._request_line, rejected.message)
                return
            except TimeoutError:
                if self.phase is not Phase.IDLE:
                    await self.reject(408, None)
                return
            if self.h11.our_state is not h11.DONE or self.h11.their_state is not h11.DONE:
                return
            self.h11.start_next_cycle()
            self._request_line = self._referer = self._agent = None
            if self.h11.trailing_data[0]:
                self._enter(Phase.HEAD)
                # Pipelined requests are all in the buffer, and answering them never waits:
                # let other connections have a turn between them.
                await asyncio.sleep(0)
            else:
                self._enter(Phase.IDLE)

    def _read_deadline(self) -> float:
        """When the next read gives up: the idle time, and for a request under way its total
        deadline, whichever comes first."""
        idle = self._loop.time() + self.limits.idle_seconds
        if self._deadline is None:
            return idle
        return min(idle, self._deadline.at(self._received))

    async def _next_event(self) -> h11.Event:
        while True:
            event = self.h11.next_event()
            if event is h11.NEED_DATA:
                async with asyncio.timeout_at(self._read_deadline()):
                    data = await self.reader.read(READ_SIZE)
                if data and self.phase is Phase.IDLE:
                    self._enter(Phase.HEAD)
                self._received += len(data)
                self.h11.receive_data(data)
                continue
            if event is h11.PAUSED:
                return h11.ConnectionClosed()
            if isinstance(event, h11.Request):
                self._enter(Phase.BODY)
            assert isinstance(event, h11.Event)
            return event

    def _malformed_status(self, error: h11.RemoteProtocolError) -> int:
        """414 when the request line alone is too long, else h11's hint (400, 431 or 501)."""
        buffered = self.h11.trailing_data[0]
        line_end = buffered.find(b"\r\n")
        if line_end > self.limits.request_line or (
            line_end < 0 and len(buffered) > self.limits.request_line
        ):
            return 414
        return error.error_status_hint

    def _check(self, request: h11.Request, headers: dict[bytes, bytes]) -> None:
        """Refuse what must not be answered as asked: raises RejectedError."""
        if not request.http_version.startswith(b"1."):  # RFC 9110 Section 15.6.6
            raise RejectedError(505, "this endpoint speaks HTTP/1.x only")
        if len(request.target) > self.limits.request_line:
            raise RejectedError(414)
        # h11 caps only a head that arrives in pieces; one that came whole is measured here.
        if sum(len(n) + len(v) + 4 for n, v in request.headers) > self.limits.header_bytes:
            raise RejectedError(431)
        # RFC 9112 Section 6.1: both may be a smuggling attempt; the server may reject it,
        # and must close the connection either way. A 400 and a close does both.
        if b"transfer-encoding" in headers and b"content-length" in headers:
            raise RejectedError(400, "both Content-Length and Transfer-Encoding")
        length = headers.get(b"content-length")
        if length is not None and (len(length) > 18 or int(length) > self.limits.body_bytes):
            raise RejectedError(413)
        # CONNECT gets 405 whatever it names (its target is an authority, not a path).
        if not self.owner.allow_remote and request.method != b"CONNECT":
            host = check_host(headers.get(b"host"), request.target)
            if host is HostCheck.INVALID:
                raise RejectedError(400, "the Host field is not a host name or address")
            if host is HostCheck.FOREIGN:
                # RFC 9110 Section 7.4 and 15.5.20: not a name this server answers for. A web
                # page reaching a loopback server through DNS rebinding sends its own name.
                raise RejectedError(
                    421, "this endpoint answers requests for localhost and loopback addresses"
                )

    async def _handle(self, request: h11.Request) -> None:
        self._request_line = b"%s %s HTTP/%s" % (
            request.method,
            request.target,
            request.http_version,
        )
        headers = dict(request.headers)
        self._referer = headers.get(b"referer")
        self._agent = headers.get(b"user-agent")
        self._check(request, headers)
        continued = self.h11.they_are_waiting_for_100_continue
        if continued:
            self.writer.write(
                self.h11.send(
                    h11.InformationalResponse(status_code=100, reason=b"Continue", headers=[])
                )
            )
        body = await self._read_body(keep=is_echo_target(request.target))
        self._enter(Phase.ANSWERING)
        reply = self.owner.answer_for(request, headers, body)
        if reply.delay:
            # The delay is cut short by a shutdown; its timing out is the normal case.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.owner.stopping.wait(), reply.delay)
        if reply.action is Action.CLOSE:
            self._log(reply.code, 0)
            self.h11.send_failed()  # nothing more is sent on this connection
            return
        await self._send(reply, skip_continue=continued, head_only=request.method == b"HEAD")

    async def _read_body(self, *, keep: bool) -> bytes:
        """The request's body: kept (for /anything) or counted and dropped."""
        received = 0
        kept: list[bytes] = []
        while True:
            event = await self._next_event()
            if isinstance(event, h11.Data):
                received += len(event.data)
                if received > self.limits.body_bytes:
                    raise RejectedError(413)
                if keep:
                    kept.append(event.data)
            elif isinstance(event, h11.EndOfMessage):
                return b"".join(kept)
            else:
                raise h11.RemoteProtocolError("the request ended before its body")

    def _common_headers(self) -> list[tuple[bytes, bytes]]:
        return [(b"Date", self.owner.http_date()), (b"Server", SERVER_NAME)]

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
        headers = self._common_headers()
        headers.extend(_encode(reply.fields))
        if self.owner.stopping.is_set():
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
        """Write, waiting at most the idle time for a client that does not read."""
        self.writer.write(b"".join(chunks))
        if not self.writer.transport.get_write_buffer_size():
            return  # all sent at once, as small answers are: nothing to wait for
        try:
            async with asyncio.timeout(self.limits.idle_seconds):
                await self.writer.drain()
        except TimeoutError:
            self.writer.transport.abort()
            raise ConnectionAbortedError("the client stopped reading") from None

    async def reject(self, status: int, request_line: bytes | None, message: str = "") -> None:
        """Answer an error status (if a response can still be sent), linger, and close."""
        if request_line is None:
            buffered = self.h11.trailing_data[0]
            request_line = buffered.split(b"\r\n", 1)[0] or None
        reason = phrase(self.owner.registry, status)
        body = (
            f"{status} {reason}\n{message}\n".encode()
            if message
            else f"{status} {reason}\n".encode()
        )
        sent = 0
        if self.h11.our_state in (h11.IDLE, h11.SEND_RESPONSE):
            headers = self._common_headers()
            headers += _encode(CORS_FIELDS)
            headers += [
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
                await self.linger()
            except (ConnectionError, OSError) as error:
                log.debug("could not tell %s about %s: %s", self.peer, status, error)
        self._request_line = request_line
        self._log(status, sent)

    async def refuse(self) -> None:
        """Too many connections (or shutting down): 503 with Retry-After, then close."""
        self._request_line = None
        reason = phrase(self.owner.registry, 503)
        body = f"503 {reason}\n".encode()
        response = b"HTTP/1.1 503 %s\r\nDate: %s\r\nServer: %s\r\n" % (
            reason.encode(),
            self.owner.http_date(),
            SERVER_NAME,
        )
        response += b"".join(b"%s: %s\r\n" % field for field in _encode(CORS_FIELDS))
        response += (
            b"Retry-After: 1\r\nConnection: close\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s"
            % (len(body), body)
        )
        try:
            await self._write([response])
            await self.linger()
        except (ConnectionError, OSError) as error:
            log.debug("could not refuse %s: %s", self.peer, error)
        self._log(503, len(body))
        self.close()

    async def linger(self) -> None:
        """Half-close, then read and drop what the client still sends until it closes (at most
        linger_seconds): closing a socket with unread bytes makes the kernel send a reset, and
        a client that receives a reset may lose the answer before reading it."""
        if self.writer.can_write_eof():
            self.writer.write_eof()
        try:
            async with asyncio.timeout(self.limits.linger_seconds):
                while await self.reader.read(READ_SIZE):
                    pass
        except TimeoutError:
            log.debug("%s kept sending after its answer; closing", self.peer)

    def _log(self, status: int, size: int) -> None:
        self.owner.record(
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


@functools.lru_cache(maxsize=1024)
def _encoded(fields: tuple[tuple[str, str], ...]) -> tuple[tuple[bytes, bytes], ...]:
    """Remembered: answers are remembered too, so the same fields come again and again."""
    return tuple((name.encode(), value.encode()) for name, value in fields)


def _encode(fields: tuple[tuple[str, str], ...]) -> list[tuple[bytes, bytes]]:
    return list(_encoded(fields))
