"""The local endpoint end to end: a real server on 127.0.0.1, real HTTP clients (http.client,
and raw sockets where http.client hides the wire), every official code."""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from http_status_browser.registry import Registry, StatusCode, builtin_registry
from http_status_browser.registry.exchange import CLOSES_WITHOUT_RESPONSE, Side, header_side
from http_status_browser.serve.answer import RequestHead, answer
from http_status_browser.serve.options import MAX_DELAY_SECONDS, redirect_target, requested_delay
from http_status_browser.serve.request_log import combined_line, escape_field
from http_status_browser.serve.server import BackgroundServer, Limits
from tests.serve.serve_client import (
    TIMEOUT,
    raw_exchange,
    raw_request,
    running_server,
    status_codes,
)

OFFICIAL = [s for s in builtin_registry().statuses if s.official]
COMBINED = re.compile(
    r'^(?P<host>\S+) - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d \+0000\] "(?P<request>[^"]*)" '
    r'(?P<status>\d{3}) (?P<size>\d+|-) "(?P<referer>[^"]*)" "(?P<agent>[^"]*)"$'
)


@pytest.fixture(scope="module")
def access_log() -> list[str]:
    return []


@pytest.fixture(scope="module")
def server(access_log: list[str]) -> Iterator[BackgroundServer]:
    with running_server(builtin_registry(), log=access_log) as running:
        yield running


def fetch(
    server: BackgroundServer, path: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[http.client.HTTPResponse, bytes]:
    host, port = server.address
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def _response_headers(status: StatusCode) -> list[str]:
    return [h.name for h in status.headers if header_side(h) is Side.RESPONSE]


@pytest.mark.parametrize("status", OFFICIAL, ids=lambda s: str(s.code))
def test_every_official_code(server: BackgroundServer, status: StatusCode) -> None:
    code = status.code
    if code < 200:
        raw = raw_exchange(server, raw_request(f"/{code}"))
        if code == 101:  # no Upgrade asked for: the client must upgrade
            assert status_codes(raw) == [426]
            return
        assert status_codes(raw) == [code, 200]
        interim = raw.split(b"\r\n\r\n", 1)[0].decode()
        for name in _response_headers(status):
            assert f"\r\n{name}: " in interim
        return
    # 206 answers a real Range request only (see test_206_without_range_answers_200...).
    asked = {"Range": "bytes=0-9"} if code == 206 else {}
    response, body = fetch(server, f"/{code}", headers=asked)
    assert response.status == code
    assert response.reason == status.wire_phrase
    for name in _response_headers(status):
        assert response.getheader(name), name
    if code in (204, 304) or not status.content:
        assert body == b""
    else:
        assert int(response.getheader("Content-Length", "-1")) == len(body) > 0
        assert body.decode().startswith(f"{code} {status.wire_phrase}\n"[: len(body)])
    if status.redirect is not None:
        assert response.getheader("Location") == "/200"


@pytest.mark.parametrize("code", [200, 404, 204, 503])
def test_head_has_the_headers_but_no_content(server: BackgroundServer, code: int) -> None:
    get, _ = fetch(server, f"/{code}")
    head, head_body = fetch(server, f"/{code}", method="HEAD")
    assert head.status == get.status == code
    assert head_body == b""
    assert head.getheader("Content-Length") == get.getheader("Content-Length")


@pytest.mark.parametrize(
    ("to", "location"),
    [
        ("/201", "/201"),
        ("/items/42?x=1", "/items/42?x=1"),
        ("http://evil.example/", "/200"),
        ("//evil.example/", "/200"),
        ("/\\evil.example", "/200"),
        ("/200%0d%0aSet-Cookie:x=1", "/200%0d%0aSet-Cookie:x=1"),
        ("javascript:alert(1)", "/200"),
    ],
)
def test_redirect_target_stays_on_this_server(
    server: BackgroundServer, to: str, location: str
) -> None:
    response, _ = fetch(server, f"/307?to={quote(to, safe='')}")
    assert response.status == 307
    assert response.getheader("Location") == location
    assert response.getheader("Set-Cookie") is None


def test_redirect_target_rules() -> None:
    assert redirect_target(["/a b"]) == "/200"
    assert redirect_target(["/x\r\nHeader: y"]) == "/200"
    assert redirect_target([]) == "/200"


def test_json_when_asked_for(server: BackgroundServer) -> None:
    response, body = fetch(server, "/429", headers={"Accept": "application/json"})
    assert response.getheader("Content-Type") == "application/json"
    data = json.loads(body)
    assert data["code"] == 429
    assert data["phrase"] == "Too Many Requests"
    assert data["summary"]
    assert response.getheader("Retry-After") == "120"


def test_range_request_gets_206_and_the_bytes(server: BackgroundServer) -> None:
    _, whole = fetch(server, "/206")
    response, part = fetch(server, "/206", headers={"Range": "bytes=2-5"})
    assert response.status == 206
    assert part == whole[2:6]
    assert response.getheader("Content-Range") == f"bytes 2-5/{len(whole)}"


def test_206_without_range_answers_200_with_everything(server: BackgroundServer) -> None:
    response, _ = fetch(server, "/206")
    assert response.status == 200
    assert response.getheader("Content-Range") is None


def test_unsatisfiable_range_gets_416(server: BackgroundServer) -> None:
    response, _ = fetch(server, "/206", headers={"Range": "bytes=5000-"})
    assert response.status == 416
    assert re.fullmatch(r"bytes \*/\d+", response.getheader("Content-Range") or "")


def test_416_names_the_complete_length(server: BackgroundServer) -> None:
    response, body = fetch(server, "/416")
    assert response.getheader("Content-Range") == f"bytes */{len(body)}"


def test_101_switches_only_when_asked(server: BackgroundServer) -> None:
    raw = raw_exchange(server, raw_request("/101", "Upgrade: websocket", "Connection: Upgrade"))
    assert status_codes(raw) == [101]
    assert b"\r\nUpgrade: websocket\r\n" in raw


def test_100_continue_before_the_body(server: BackgroundServer) -> None:
    request = (
        b"POST /201 HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: 5\r\n"
        b"Connection: close\r\n\r\nhello"
    )
    assert status_codes(raw_exchange(server, request)) == [100, 201]


@pytest.mark.parametrize("code", sorted(CLOSES_WITHOUT_RESPONSE))
def test_nginx_codes_close_without_answering(server: BackgroundServer, code: int) -> None:
    assert raw_exchange(server, raw_request(f"/{code}")) == b""


def test_index_and_unknown_paths(server: BackgroundServer) -> None:
    response, body = fetch(server, "/")
    assert response.status == 200
    assert b"/{code}" in body
    assert fetch(server, "/nothing-here")[0].status == 404
    assert fetch(server, "/600")[0].status == 404
    assert fetch(server, "/299")[0].status == 299  # not in the registry: still answered


def test_delay_is_parsed_and_capped(server: BackgroundServer) -> None:
    assert requested_delay(["0.01"]) == 0.01
    assert requested_delay(["1e9"]) == MAX_DELAY_SECONDS
    assert requested_delay(["nan"]) == requested_delay(["-1"]) == requested_delay(["x"]) == 0.0
    assert fetch(server, "/202?delay=0.01")[0].status == 202


def test_every_request_is_one_combined_log_line(
    server: BackgroundServer, access_log: list[str]
) -> None:
    fetch(server, '/404?q="quoted"', headers={"User-Agent": 'evil"\\agent', "Referer": "/x"})
    line = ""
    for _ in range(1000):  # bounded: the server logs just after it has answered
        line = next((x for x in reversed(access_log) if "quoted" in x), "")
        if line:
            break
        threading.Event().wait(0.01)
    match = COMBINED.match(line)
    assert match is not None, line
    assert match["request"] == "GET /404?q=\\x22quoted\\x22 HTTP/1.1"
    assert match["agent"] == "evil\\x22\\x5Cagent"
    assert (match["status"], match["referer"]) == ("404", "/x")


def test_log_escapes_whatever_comes_from_the_request() -> None:
    line = combined_line(
        "127.0.0.1",
        b"GET /\n127.0.0.1 - - forged\x1b[31m HTTP/1.1",
        status=400,
        size=0,
        referer=None,
        user_agent="caf\u00e9".encode(),
        when=0,
    )
    assert "\n" not in line
    assert "\x1b" not in line
    assert "\\x0A" in line
    assert "caf\\xC3\\xA9" in line
    assert escape_field(b"x" * 5000).endswith("...")


@pytest.fixture(scope="module")
def strict_server() -> Iterator[BackgroundServer]:
    limits = Limits(request_line=1024, header_bytes=4096, body_bytes=1000, idle_seconds=2.0)
    with running_server(builtin_registry(), limits) as running:
        yield running


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (raw_request("/200?" + "a" * 2000), 414),
        (raw_request("/200?" + "a" * 5000), 414),
        (raw_request("/200", *[f"X-Header-{i}: {'v' * 100}" for i in range(60)]), 431),
        (
            b"POST /200 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\n\r\n" + b"x" * 5000,
            413,
        ),
        (
            b"POST /200 HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
            + b"400\r\n"
            + b"x" * 1024
            + b"\r\n0\r\n\r\n",
            413,
        ),
        (b"NOT HTTP AT ALL\r\n\r\n", 400),
        (b"GET /200 HTTP/1.1\r\n\r\n", 400),  # HTTP/1.1 requires Host
        (b"GET /200 HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n", 400),
        (b"GET /200 HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n", 400),
        (b"GET /200 HTTP/1.1\r\nHost: localhost\r\n", 408),  # the headers never end: idle timeout
    ],
    ids=[
        "line",
        "line-past-headers",
        "headers",
        "body",
        "chunked-body",
        "garbage",
        "no-host",
        "header-syntax",
        "length",
        "stalled",
    ],
)
def test_limits_and_malformed_requests(
    strict_server: BackgroundServer, request_bytes: bytes, status: int
) -> None:
    raw = raw_exchange(strict_server, request_bytes)
    assert status_codes(raw) == [status]
    assert b"\r\nConnection: close\r\n" in raw
    response, _ = fetch(strict_server, "/200")  # and the server is still there
    assert response.status == 200


def test_idle_keep_alive_connections_are_closed(strict_server: BackgroundServer) -> None:
    with socket.create_connection(strict_server.address, timeout=TIMEOUT) as sock:
        sock.sendall(b"GET /204 HTTP/1.1\r\nHost: localhost\r\n\r\n")
        data = b""
        while not data.endswith(b"\r\n\r\n"):
            data += sock.recv(4096)
        assert status_codes(data) == [204]
        assert sock.recv(4096) == b""  # closed after idle_seconds, nothing more sent


def test_stop_closes_idle_connections_and_finishes_requests(registry: Registry) -> None:
    with running_server(registry) as server:
        idle = socket.create_connection(server.address, timeout=TIMEOUT)
        busy = socket.create_connection(server.address, timeout=TIMEOUT)
        busy.sendall(b"GET /200?delay=5 HTTP/1.1\r\nHost: localhost\r\n\r\n")
        for _ in range(1000):  # bounded: until the server is waiting out the delay
            if server.busy_connections:
                break
            threading.Event().wait(0.01)
        assert server.busy_connections == 1
        stopper = threading.Thread(target=server.stop)
        stopper.start()
        stopper.join(TIMEOUT)
        assert idle.recv(4096) == b""
        answer = busy.recv(4096)  # cut short by the shutdown, but answered
        assert status_codes(answer) == [200]
        assert b"\r\nConnection: close\r\n" in answer
        idle.close()
        busy.close()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_to_value_gives_a_same_server_path(text: str) -> None:
    location = redirect_target([text])
    assert location.startswith("/")
    assert not location.startswith(("//", "/\\"))
    assert location.isascii()
    assert location.isprintable()
    assert " " not in location


@settings(max_examples=300, deadline=None)
@given(target=st.text(), accept=st.text(), range_header=st.none() | st.text())
def test_any_target_gets_an_answer(target: str, accept: str, range_header: str | None) -> None:
    reply = answer(builtin_registry(), RequestHead("GET", target, accept, range_header))
    assert 100 <= reply.code <= 599
    for name, value in reply.fields:
        assert name.isascii()
        assert value.isascii()
        assert value.isprintable()
    assert int(dict(reply.fields).get("Content-Length", len(reply.body))) == len(reply.body)


@pytest.mark.parametrize(
    ("request_bytes", "codes"),
    [
        (b"GET /103 HTTP/1.0\r\n\r\n", [200]),  # no 1xx for an HTTP/1.0 client
        (b"GET /101 HTTP/1.0\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n", [426]),
        (b"CONNECT /200 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", [405]),
        (
            b"CONNECT example.com:443 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            [405],
        ),
        (b"OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", [404]),
    ],
    ids=["1xx-to-http10", "101-to-http10", "connect-path", "connect-authority", "options-star"],
)
def test_requests_that_cannot_get_their_code(
    server: BackgroundServer, request_bytes: bytes, codes: list[int]
) -> None:
    raw = raw_exchange(server, request_bytes)
    assert status_codes(raw) == codes
    if codes == [405]:
        assert b"\r\nAllow: GET, HEAD\r\n" in raw


def test_automatic_100_continue_has_its_phrase(server: BackgroundServer) -> None:
    request = (
        b"PUT /204 HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: 2\r\n"
        b"Connection: close\r\n\r\nok"
    )
    assert raw_exchange(server, request).startswith(b"HTTP/1.1 100 Continue\r\n\r\n")
