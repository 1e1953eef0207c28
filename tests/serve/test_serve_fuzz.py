"""Fuzzed request lines and headers against the local endpoint: every answer is a well-formed
HTTP/1.1 response (or a closed connection), nothing sent is reflected into response headers
or log lines, and the server still answers afterwards."""

from __future__ import annotations

import logging
import re
import socket
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from http_status_browser.registry import builtin_registry
from http_status_browser.serve.server import BackgroundServer, Limits
from tests.serve.serve_client import (
    TIMEOUT,
    raw_exchange,
    raw_request,
    running_server,
    status_codes,
)
from tests.serve.test_serve import COMBINED

STATUS_LINE = re.compile(rb"HTTP/1\.1 [1-5]\d\d [\x20-\x7e]*")
FIELD_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9-]*: [\x20-\x7e]*")
MARKER = b"X-Fuzz-Marker"

methods = st.one_of(
    st.sampled_from([b"GET", b"HEAD", b"POST", b"PUT", b"DELETE", b"OPTIONS", b"CONNECT", b"BREW"]),
    st.binary(min_size=0, max_size=12),
)
targets = st.one_of(
    st.builds(
        lambda code, rest: b"/%d%s" % (code, rest), st.integers(0, 1000), st.binary(max_size=40)
    ),
    st.binary(max_size=80),
    st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass")),
    # The query options and code lists of issue 26: ?header= must never inject a line.
    st.builds(lambda value: b"/200?header=" + value, st.binary(max_size=40)),
    st.builds(lambda value: b"/200?delay=0.00" + value, st.binary(max_size=8)),
    st.builds(lambda value: b"/200:1,500:" + value, st.binary(max_size=12)),
    st.builds(lambda value: b"/anything" + value, st.binary(max_size=20)),
    st.builds(lambda value: b"/redirect/" + value, st.binary(max_size=8)),
)
versions = st.sampled_from([b"HTTP/1.1", b"HTTP/1.0", b"HTTP/2.0", b"HTTP/1.1 x", b"", b"http/1.1"])
header_names = st.one_of(
    st.sampled_from(
        [
            b"Host",
            b"Accept",
            b"Range",
            b"Upgrade",
            b"Content-Length",
            b"Transfer-Encoding",
            b"Expect",
            b"Connection",
            b"User-Agent",
            MARKER,
        ]
    ),
    st.binary(max_size=20),
)
headers = st.lists(st.tuples(header_names, st.binary(max_size=60)), max_size=8)
separators = st.sampled_from([b"\r\n", b"\n", b"\r"])


@pytest.fixture(scope="module")
def fuzzed_server() -> Iterator[tuple[BackgroundServer, list[str]]]:
    log: list[str] = []
    limits = Limits(request_line=512, header_bytes=2048, body_bytes=256, idle_seconds=2.0)
    with running_server(builtin_registry(), limits, log) as server:
        yield server, log


def _exchange_half_closed(server: BackgroundServer, data: bytes) -> bytes:
    """Send, close our side (so an incomplete request ends at once), read the whole answer."""
    with socket.create_connection(server.address, timeout=TIMEOUT) as sock:
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server may have answered and closed already: read what it sent
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def _check_answer(raw: bytes) -> None:
    if not raw:
        return  # closed without answering (444, 499, or a peer that never sent a request)
    head = raw.split(b"\r\n\r\n", 1)[0]
    lines = head.split(b"\r\n")
    assert STATUS_LINE.fullmatch(lines[0]), lines[0]
    for line in lines[1:]:
        assert FIELD_LINE.fullmatch(line), line
        assert not line.lower().startswith(MARKER.lower())


@st.composite
def raw_requests(draw: st.DrawFn) -> bytes:
    """A request line and headers, from plausible to garbage, with any line ending."""
    newline = draw(separators)
    parts = (draw(methods), draw(targets), draw(versions))
    lines = [b" ".join(p for p in parts if p)]
    if draw(st.booleans()):
        lines.append(b"Host: localhost")
    lines.extend(name + b": " + value for name, value in draw(headers))
    return newline.join(lines) + newline + newline


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(request=raw_requests())
def test_fuzzed_requests_get_well_formed_answers(
    fuzzed_server: tuple[BackgroundServer, list[str]],
    request: bytes,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server, _ = fuzzed_server
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="http_status_browser.serve.server"):
        raw = _exchange_half_closed(server, request)
    for answer in raw.split(b"HTTP/1.1 ")[1:]:
        _check_answer(b"HTTP/1.1 " + answer)
    # An answer h11 refused to send (a bug of ours) is logged as a warning.
    assert not [r for r in caplog.records if r.name == "http_status_browser.serve.server"], request


def test_server_still_answers_and_logs_stay_lines(
    fuzzed_server: tuple[BackgroundServer, list[str]],
) -> None:
    server, log = fuzzed_server
    assert status_codes(raw_exchange(server, raw_request("/418"))) == [418]
    for line in log:
        assert COMBINED.match(line), line
        assert line.isprintable()
