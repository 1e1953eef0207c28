"""A raw HTTP/1.1 client that sees what Python's http.client hides: interim 1xx responses,
the exact bytes after the head (a 204 must have none) and a 101 that never ends."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

TIMEOUT = 10.0
MAX_BYTES = 1 << 20


class Head(NamedTuple):
    status: int
    headers: dict[str, str]


class Exchange(NamedTuple):
    interim: list[Head]
    final: Head
    raw_body: bytes

    @property
    def body(self) -> bytes:
        """The content, chunked transfer coding removed."""
        if self.final.headers.get("transfer-encoding", "").lower() != "chunked":
            return self.raw_body
        content, rest = b"", self.raw_body
        while rest:
            size_line, _, rest = rest.partition(b"\r\n")
            size = int(size_line.split(b";")[0] or b"0", 16)
            if size == 0:
                break
            content, rest = content + rest[:size], rest[size + 2 :]
        return content


class WireError(Exception):
    """The server sent something that is not HTTP, or nothing in time."""


def _parse_head(block: bytes) -> Head:
    lines = block.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise WireError(f"not a status line: {lines[0]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        key = name.strip().lower()
        # Repeated field lines combine into one list (RFC 9110 Section 5.3).
        headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
    return Head(int(parts[1]), headers)


class _Connection:
    """Reads from one socket into a buffer, never past the deadline."""

    def __init__(self, sock: socket.socket, timeout: float) -> None:
        self.sock = sock
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.buffer = b""

    def read_more(self) -> bool:
        """Read what arrives next; False once the server has closed the connection."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise WireError(f"no complete answer within {self.timeout} s")
        self.sock.settimeout(left)
        try:
            chunk = self.sock.recv(65536)
        except TimeoutError:
            raise WireError(f"no complete answer within {self.timeout} s") from None
        self.buffer += chunk
        if len(self.buffer) > MAX_BYTES:
            raise WireError("answer too long")
        return bool(chunk)

    def head(self) -> Head:
        while b"\r\n\r\n" not in self.buffer:
            if not self.read_more():
                raise WireError(f"connection closed before a full head: {self.buffer[:200]!r}")
        block, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        return _parse_head(block)

    def body(self, head: Head, method: str) -> bytes:
        length = head.headers.get("content-length")
        chunked = head.headers.get("transfer-encoding", "").lower() == "chunked"
        if head.status in (204, 304) or method == "HEAD":
            # Whatever follows the head of a 204 or 304 before the server closes the connection
            # (the request said Connection: close) is a body it must not have.
            while self.read_more():
                pass
            return self.buffer
        while not (length is not None and len(self.buffer) >= int(length)):
            if chunked and self.buffer.endswith(b"0\r\n\r\n"):
                break
            if not self.read_more():
                break
        return self.buffer


def exchange(
    port: int,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes = b"",
    expect_continue: bool = False,
    timeout: float = TIMEOUT,
) -> Exchange:
    """Send one request on a fresh connection and read everything the server answers.

    With expect_continue the body waits for a 100 Continue (failing without one).
    """
    sent = {"Host": f"127.0.0.1:{port}", "Connection": "close", **(headers or {})}
    if body or method in ("POST", "PUT"):
        sent["Content-Length"] = str(len(body))
    if expect_continue:
        sent["Expect"] = "100-continue"
    request = f"{method} {path} HTTP/1.1\r\n"
    request += "".join(f"{name}: {value}\r\n" for name, value in sent.items()) + "\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request.encode("latin-1") + (b"" if expect_continue else body))
        connection = _Connection(sock, timeout)
        interim: list[Head] = []
        head = connection.head()
        while 100 <= head.status < 200 and head.status != 101:
            interim.append(head)
            if expect_continue and head.status == 100:
                sock.sendall(body)
                expect_continue = False
            head = connection.head()
        if expect_continue:
            raise WireError("the server answered without 100 Continue")
        if head.status == 101:
            return Exchange(interim, head, b"")
        return Exchange(interim, head, connection.body(head, method))


@contextmanager
def serve_once(answer: bytes) -> Iterator[int]:
    """A server on an ephemeral port that answers one connection with fixed bytes."""
    with socket.create_server(("127.0.0.1", 0)) as listener:

        def serve() -> None:
            listener.settimeout(TIMEOUT)
            connection, _ = listener.accept()
            with connection:
                connection.recv(65536)
                connection.sendall(answer)

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        yield listener.getsockname()[1]
        thread.join(timeout=TIMEOUT)
