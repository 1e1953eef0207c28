"""Test helpers for the local endpoint: a server on 127.0.0.1 port 0 that stops by itself,
and raw-socket clients for what http.client hides (interim responses, closed connections)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from http_status_browser.registry import Registry
from http_status_browser.serve.server import DEFAULT_LIMITS, BackgroundServer, Limits

TIMEOUT = 10.0


@contextmanager
def running_server(
    registry: Registry, limits: Limits = DEFAULT_LIMITS, log: list[str] | None = None
) -> Iterator[BackgroundServer]:
    server = BackgroundServer(registry, "127.0.0.1", 0, limits, None if log is None else log.append)
    server.start()
    try:
        server.wait_ready(TIMEOUT)
        yield server
    finally:
        server.stop(TIMEOUT)
        assert not server.running


def raw_exchange(server: BackgroundServer, request: bytes) -> bytes:
    """Send raw bytes, read until the server closes the connection (or TIMEOUT)."""
    with socket.create_connection(server.address, timeout=TIMEOUT) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def raw_request(path: str, *headers: str, method: str = "GET") -> bytes:
    """One request that asks the server to close afterwards."""
    lines = [f"{method} {path} HTTP/1.1", "Host: localhost", *headers, "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def status_codes(raw: bytes) -> list[int]:
    """The codes of every status line in a raw answer, interim ones first."""
    return [
        int(line.split(b" ")[1]) for line in raw.split(b"\r\n") if line.startswith(b"HTTP/1.1 ")
    ]
