"""The endpoint under hostile input (issue 26): each defect's exact request, which got no
answer, a wrong one, or locked other clients out. Slow clients use short limits, so every test
here ends in well under a few seconds; every loop is bounded in count."""

from __future__ import annotations

import contextlib
import logging
import re
import select
import socket
import threading
from collections.abc import Callable, Iterator

import pytest

from http_status_browser.registry import Registry, builtin_registry
from http_status_browser.serve.limits import Deadline, Limits
from http_status_browser.serve.server import BackgroundServer, StatusServer
from tests.serve.serve_client import (
    TIMEOUT,
    raw_exchange,
    raw_request,
    running_server,
    status_codes,
)

SERVER_LOGGER = "http_status_browser.serve.server"


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    with running_server(builtin_registry(), Limits(idle_seconds=2.0)) as running:
        yield running


def _wait_until(condition: Callable[[], bool], attempts: int = 500) -> None:
    for _ in range(attempts):  # bounded: 5 s at most
        if condition():
            return
        threading.Event().wait(0.01)
    raise AssertionError("the server never got there")


def test_more_than_20_query_fields_are_answered(
    server: BackgroundServer, caplog: pytest.LogCaptureFixture
) -> None:
    query = "&".join(str(n) for n in range(1, 22))
    with caplog.at_level(logging.WARNING):
        raw = raw_exchange(server, raw_request(f"/503?{query}"))
    assert status_codes(raw) == [503]
    assert not caplog.records


def test_more_than_20_query_fields_keep_their_options(server: BackgroundServer) -> None:
    padding = "&".join(f"x{n}=1" for n in range(40))
    raw = raw_exchange(server, raw_request(f"/307?{padding}&to=/201"))
    assert status_codes(raw) == [307]
    assert b"\r\nLocation: /201\r\n" in raw


@pytest.mark.parametrize(
    ("range_value", "status", "content_range"),
    [
        ("bytes=0-" + "9" * 5000, 206, rb"bytes 0-(\d+)/(\d+)"),
        ("bytes=" + "9" * 5000 + "-", 416, rb"bytes \*/\d+"),
        ("bytes=-" + "9" * 5000, 206, rb"bytes 0-(\d+)/(\d+)"),
        ("bytes=" + "0" * 5000 + "1-2", 206, rb"bytes 1-2/\d+"),
    ],
    ids=["last", "first", "suffix", "leading-zeros"],
)
def test_range_numbers_of_any_length(
    server: BackgroundServer, range_value: str, status: int, content_range: bytes
) -> None:
    raw = raw_exchange(server, raw_request("/206", f"Range: {range_value}"))
    assert status_codes(raw) == [status]
    found = re.search(rb"\r\nContent-Range: ([^\r]*)\r\n", raw)
    assert found is not None
    assert re.fullmatch(content_range, found.group(1))


def test_content_length_with_transfer_encoding_is_refused_and_closed(
    server: BackgroundServer,
) -> None:
    smuggled = b"GET /404 HTTP/1.1\r\nHost: localhost\r\n\r\n"
    request = (
        b"POST /200 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled
    )
    # No Connection: close from the client: the server must end the connection by itself.
    raw = raw_exchange(server, request)
    assert status_codes(raw) == [400]
    assert b"\r\nConnection: close\r\n" in raw
    assert b"Content-Length and Transfer-Encoding" in raw


def test_unsupported_transfer_coding_gets_501_with_its_phrase(server: BackgroundServer) -> None:
    raw = raw_exchange(
        server, b"POST /200 HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n"
    )
    assert raw.startswith(b"HTTP/1.1 501 Not Implemented\r\n")


@pytest.mark.parametrize("version", [b"2.0", b"3.0", b"9.9"])
def test_other_major_versions_get_505(server: BackgroundServer, version: bytes) -> None:
    raw = raw_exchange(server, b"GET /200 HTTP/%s\r\nHost: localhost\r\n\r\n" % version)
    assert raw.startswith(b"HTTP/1.1 505 HTTP Version Not Supported\r\n")


def test_a_later_minor_version_is_served_as_http11(server: BackgroundServer) -> None:
    raw = raw_exchange(server, raw_request("/200").replace(b"HTTP/1.1", b"HTTP/1.2", 1))
    assert status_codes(raw) == [200]


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("localhost", 200),
        ("localhost:8099", 200),
        ("LOCALHOST.", 200),
        ("app.localhost:3000", 200),
        ("127.0.0.1:8099", 200),
        ("127.9.9.9", 200),
        ("[::1]:8099", 200),
        ("attacker.example", 421),  # DNS rebinding: the page's own name
        ("attacker.example:8099", 421),
        ("10.0.0.1", 421),
        ("127.0.0.1.attacker.example", 421),
        ("[::ffff:10.0.0.1]", 421),
        ("local host", 400),
        ("", 400),
        ("[::1", 400),
    ],
)
def test_host_must_name_this_machine(server: BackgroundServer, host: str, status: int) -> None:
    request = f"GET /200 HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
    raw = raw_exchange(server, request)
    assert status_codes(raw) == [status]
    if status == 421:
        assert b"localhost and loopback addresses" in raw


def test_absolute_form_target_names_the_host(server: BackgroundServer) -> None:
    request = b"GET http://attacker.example/200 HTTP/1.1\r\nHost: localhost\r\n\r\n"
    assert status_codes(raw_exchange(server, request)) == [421]


def test_http10_without_host_is_served(server: BackgroundServer) -> None:
    assert status_codes(raw_exchange(server, b"GET /200 HTTP/1.0\r\n\r\n")) == [200]


def test_allow_remote_answers_any_host(registry: Registry) -> None:
    server = BackgroundServer(registry, "127.0.0.1", 0, allow_remote=True)
    server.start()
    try:
        server.wait_ready(TIMEOUT)
        request = b"GET /200 HTTP/1.1\r\nHost: status.example\r\nConnection: close\r\n\r\n"
        raw = raw_exchange(server, request)
    finally:
        server.stop(TIMEOUT)
    assert status_codes(raw) == [200]


def test_head_deadline_is_extended_by_the_rate_up_to_its_maximum() -> None:
    deadline = Deadline(started=100.0, seconds=20.0, max_seconds=40.0, min_rate=500.0)
    assert deadline.at(0) == 120.0
    assert deadline.at(5000) == 130.0  # a second per 500 bytes
    assert deadline.at(10**9) == 140.0
    body = Deadline(started=0.0, seconds=20.0, max_seconds=None, min_rate=500.0)
    assert body.at(10**6) == 2020.0


SLOW = Limits(
    idle_seconds=1.0, head_seconds=0.5, head_max_seconds=0.8, body_seconds=0.5, min_rate=500.0
)


def _drip(server: BackgroundServer, data: bytes, every: float) -> tuple[bytes, int]:
    with socket.create_connection(server.address, timeout=TIMEOUT) as sock:
        return _drip_on(sock, data, every)


def test_a_dripping_head_is_cut_off_at_its_total_deadline(registry: Registry) -> None:
    # One byte every 0.05 s never leaves the connection idle for its 1 s; a whole head at
    # that pace takes 20 s. The old timeout restarted on every byte and never fired.
    head = raw_request("/200", "X-Slow: " + "x" * 300)
    with running_server(registry, SLOW) as server:
        raw, dripped = _drip(server, head, 0.05)
    assert status_codes(raw) == [408]
    assert dripped < len(head)


def test_a_dripping_body_is_cut_off_at_its_total_deadline(registry: Registry) -> None:
    head = b"POST /201 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 400\r\n\r\n"
    with (
        running_server(registry, SLOW) as server,
        socket.create_connection(server.address, timeout=TIMEOUT) as sock,
    ):
        sock.sendall(head)
        raw, dripped = _drip_on(sock, b"x" * 400, 0.05)
    assert status_codes(raw) == [408]
    assert dripped < 400


def _drip_on(sock: socket.socket, data: bytes, every: float) -> tuple[bytes, int]:
    """Send one byte at a time, each well within the idle time, until the server answers;
    returns the answer (read to the close) and how many bytes were dripped."""
    sent = 0
    while sent < len(data):
        try:
            sock.sendall(data[sent : sent + 1])
        except OSError:
            break  # closed by the server: its answer is waiting
        sent += 1
        threading.Event().wait(every)
        readable, _, _ = select.select([sock], [], [], 0)
        if readable:
            break
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks), sent


def test_slow_clients_cannot_take_every_connection(registry: Registry) -> None:
    # Four places, four clients that started a request and went quiet (as Slowloris does):
    # a new client is still answered, and the slow client that waited longest gets 408.
    limits = Limits(connections=4, idle_seconds=30.0, head_seconds=30.0, head_max_seconds=30.0)
    with running_server(registry, limits) as server:
        slow = [socket.create_connection(server.address, timeout=TIMEOUT) for _ in range(4)]
        try:
            for sock in slow:
                sock.sendall(b"GET /200 HTTP/1.1\r\nHost: localhost\r\n")
            _wait_until(lambda: server.busy_connections == 4)
            raw = raw_exchange(server, raw_request("/200"))
            assert status_codes(raw) == [200]
            oldest = slow[0].recv(65536)
            assert status_codes(oldest) == [408]
        finally:
            for sock in slow:
                sock.close()


def test_busy_connections_beyond_the_limit_get_503_not_a_reset(registry: Registry) -> None:
    # Both places are answering (a delay): newcomers get the documented 503, every time,
    # even when they have sent a request with a body that the server never reads.
    with running_server(registry, Limits(connections=2, linger_seconds=1.0)) as server:
        held = [socket.create_connection(server.address, timeout=TIMEOUT) for _ in range(2)]
        try:
            for sock in held:
                sock.sendall(b"GET /200?delay=10 HTTP/1.1\r\nHost: localhost\r\n\r\n")
            _wait_until(lambda: server.busy_connections == 2)
            body = b"x" * 100_000
            request = b"POST /200 HTTP/1.1\r\nHost: localhost\r\nContent-Length: %d\r\n\r\n%s" % (
                len(body),
                body,
            )
            for _ in range(20):
                raw = _exchange_strict(server, request)
                assert status_codes(raw) == [503]
                assert b"\r\nRetry-After: 1\r\n" in raw
        finally:
            for sock in held:
                sock.close()


def _exchange_strict(server: BackgroundServer, request: bytes) -> bytes:
    """Like raw_exchange, but a reset is a failure, not the end of the answer."""
    with socket.create_connection(server.address, timeout=TIMEOUT) as sock:
        # The server may answer before the whole body is sent: then read the answer.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def test_an_error_answer_survives_an_unread_body(server: BackgroundServer) -> None:
    # 413 before reading a body that keeps coming: the answer must arrive, not a reset.
    request = b"POST /200 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999\r\n\r\n"
    raw = _exchange_strict(server, request + b"x" * 200_000)
    assert status_codes(raw) == [413]


def test_an_error_of_ours_is_a_500_and_one_log_line(
    registry: Registry, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # The first defect showed as a traceback on standard error and a dropped connection.
    def broken(*args: object) -> None:
        raise RuntimeError("a bug of ours")

    monkeypatch.setattr(StatusServer, "answer_for", broken)
    log: list[str] = []
    with caplog.at_level(logging.WARNING), running_server(registry, log=log) as server:
        raw = raw_exchange(server, raw_request("/200"))
        _wait_until(lambda: bool(log))
    assert raw.startswith(b"HTTP/1.1 500 Internal Server Error\r\n")
    warnings = [r for r in caplog.records if r.name == SERVER_LOGGER]
    assert [r.getMessage() for r in warnings] == [
        "could not answer 127.0.0.1: RuntimeError: a bug of ours"
    ]
    assert warnings[0].exc_info is None
    assert '"GET /200 HTTP/1.1" 500' in log[0]


def test_pipelined_requests_are_all_answered_in_order(server: BackgroundServer) -> None:
    # Answered one after another, with a turn for other connections between them.
    codes = [200, 404, 201, 503, 418] * 40
    request = b"".join(b"GET /%d HTTP/1.1\r\nHost: localhost\r\n\r\n" % code for code in codes[:-1])
    raw = raw_exchange(server, request + raw_request(f"/{codes[-1]}"))
    # Each body ends with a bare newline, so a status line follows it on the same "line".
    assert [int(code) for code in re.findall(rb"HTTP/1\.1 (\d{3}) ", raw)] == codes
