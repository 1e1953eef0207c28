"""The example exchange of every code, checked against the protocol's rules and the registry's
data, and parsed by h11 as real HTTP/1.1."""

from __future__ import annotations

import re

import h11
import pytest

from http_status_browser.registry import Registry, StatusCode, builtin_registry
from http_status_browser.registry.exchange import (
    CLOSES_WITHOUT_RESPONSE,
    RESOURCE,
    Exchange,
    Message,
    Side,
    header_side,
    registry_example,
)

ALL_STATUSES = builtin_registry().statuses


def _ids(status: StatusCode) -> str:
    return f"{status.code}-{status.defined_by}"


@pytest.fixture(params=ALL_STATUSES, ids=_ids)
def exchange_of(request: pytest.FixtureRequest, registry: Registry) -> tuple[StatusCode, Exchange]:
    status: StatusCode = request.param
    return status, registry_example(status, registry)


def _final(exchange: Exchange) -> Message:
    assert exchange.response is not None
    return exchange.response


def _code(message: Message) -> int:
    return int(message.start_line.split()[1])


def test_request_is_a_plain_http11_request(exchange_of: tuple[StatusCode, Exchange]) -> None:
    _, exchange = exchange_of
    method, target, version = exchange.request.start_line.split(" ")
    assert method in {"GET", "POST", "PUT", "DELETE"}
    assert target.startswith("/")
    assert version == "HTTP/1.1"
    assert exchange.request.field("Host")


def test_final_response_follows_the_content_rules(exchange_of: tuple[StatusCode, Exchange]) -> None:
    status, exchange = exchange_of
    if status.code in CLOSES_WITHOUT_RESPONSE:
        assert exchange.response is None
        assert "no response" in exchange.text
        return
    final = _final(exchange)
    code = _code(final)
    if code in (204, 304) or (not status.content and code == status.code):
        assert final.body == ""
    if code in (204, 304, 101):
        assert final.field("Content-Length") is None
    if final.body:
        assert final.field("Content-Length") == str(len(final.body.encode()))
        assert final.field("Content-Type")
    assert final.field("Date")


def test_interim_codes_come_before_a_final_200(exchange_of: tuple[StatusCode, Exchange]) -> None:
    status, exchange = exchange_of
    if status.code >= 200 or status.code == 101:
        assert exchange.interim == ()
        return
    (interim,) = exchange.interim
    assert interim.start_line.startswith(f"HTTP/1.1 {status.code} ")
    assert interim.body == ""
    assert _code(_final(exchange)) == 200


def test_listed_headers_are_on_their_side(exchange_of: tuple[StatusCode, Exchange]) -> None:
    status, exchange = exchange_of
    if status.code in CLOSES_WITHOUT_RESPONSE:
        return
    answer = exchange.interim[0] if exchange.interim else _final(exchange)
    for header in status.headers:
        side = header_side(header)
        if side is Side.RESPONSE:
            assert answer.field(header.name), header
        elif side is Side.REQUEST and header.name != "Content-Length":
            assert exchange.request.field(header.name), header
        else:
            assert exchange.request.field(header.name) is None, header


def test_redirects_carry_a_relative_location(exchange_of: tuple[StatusCode, Exchange]) -> None:
    status, exchange = exchange_of
    if status.redirect is None:
        return
    location = _final(exchange).field("Location")
    assert location is not None
    assert location.startswith("/")


@pytest.mark.parametrize(
    ("code", "name", "pattern"),
    [
        (401, "WWW-Authenticate", r"^Bearer realm=\"\w+\"$"),
        (407, "Proxy-Authenticate", r"^Basic "),
        (405, "Allow", r"^GET, HEAD$"),
        (429, "Retry-After", r"^\d+$"),
        (503, "Retry-After", r"^\d+$"),
        (416, "Content-Range", rf"^bytes \*/{len(RESOURCE)}$"),
        (206, "Content-Range", rf"^bytes 0-9/{len(RESOURCE)}$"),
        (301, "Location", r"^/200$"),
        (308, "Location", r"^/200$"),
        (426, "Upgrade", r"^websocket$"),
    ],
)
def test_the_headers_that_belong_to_a_code(
    registry: Registry, code: int, name: str, pattern: str
) -> None:
    status = registry.lookup(code)
    assert status is not None
    value = _final(registry_example(status, registry)).field(name)
    assert value is not None
    assert re.match(pattern, value), value


def test_206_sends_the_range_asked_for(registry: Registry) -> None:
    status = registry.lookup(206)
    assert status is not None
    exchange = registry_example(status, registry)
    assert exchange.request.field("Range") == "bytes=0-9"
    assert _final(exchange).body == RESOURCE[:10].decode()


def test_405_asks_with_a_method_the_allow_list_leaves_out(registry: Registry) -> None:
    status = registry.lookup(405)
    assert status is not None
    exchange = registry_example(status, registry)
    method = exchange.request.start_line.split()[0]
    allowed = (_final(exchange).field("Allow") or "").split(", ")
    assert method not in allowed


@pytest.mark.parametrize(
    ("code", "name", "side"),
    [
        (100, "Expect", Side.REQUEST),
        (406, "Accept", Side.REQUEST),
        (415, "Accept", Side.RESPONSE),
        (411, "Content-Length", Side.MISSING),
        (412, "If-Match", Side.REQUEST),
        (428, "If-Match", Side.MISSING),
        (401, "WWW-Authenticate", Side.RESPONSE),
    ],
)
def test_header_side_reads_the_registry(
    registry: Registry, code: int, name: str, side: Side
) -> None:
    status = registry.lookup(code)
    assert status is not None
    header = next(h for h in status.headers if h.name == name)
    assert header_side(header) is side


def _h11_events(connection: h11.Connection, data: bytes) -> list[object]:
    connection.receive_data(data)
    events: list[object] = []
    while True:
        event = connection.next_event()
        if event is h11.NEED_DATA or event is h11.PAUSED:
            return events
        events.append(event)
        if isinstance(event, h11.EndOfMessage):
            return events


def test_h11_parses_the_exchange(exchange_of: tuple[StatusCode, Exchange]) -> None:
    """Both sides parse as HTTP/1.1: the request by a server, the answers by a client."""
    status, exchange = exchange_of
    server = h11.Connection(h11.SERVER)
    events = _h11_events(server, exchange.request.text.encode())
    assert isinstance(events[0], h11.Request)
    if exchange.response is None:
        return
    client = h11.Connection(h11.CLIENT)
    request = events[0]
    client.send(h11.Request(method=request.method, target=request.target, headers=request.headers))
    for interim in exchange.interim:
        (event,) = _h11_events(client, interim.text.encode())
        assert isinstance(event, h11.InformationalResponse)
        assert event.status_code == status.code
    answer = _h11_events(client, exchange.response.text.encode())
    assert isinstance(answer[0], h11.InformationalResponse | h11.Response)
    assert answer[0].status_code == _code(exchange.response)


def test_content_after_expect_waits_for_100_continue(
    exchange_of: tuple[StatusCode, Exchange],
) -> None:
    status, exchange = exchange_of
    if exchange.request.field("Expect") is None:
        assert exchange.continued == ""
        return
    assert exchange.request.body == ""
    if status.code == 100:
        assert exchange.continued
        text = exchange.text
        assert text.index("100 Continue") < text.index(exchange.continued) < text.index("200 OK")
        assert exchange.request.field("Content-Length") == str(len(exchange.continued))
    else:
        assert exchange.continued == ""


def test_the_101_example_is_a_valid_websocket_handshake(registry: Registry) -> None:
    """Issue 23, item 19: the example lacked Sec-WebSocket-Key and Sec-WebSocket-Accept."""
    from http_status_browser.registry.exchange import registry_example, websocket_accept

    switching = registry.lookup(101)
    assert switching is not None
    exchange = registry_example(switching, registry)
    key = exchange.request.field("Sec-WebSocket-Key")
    assert key
    assert exchange.request.field("Sec-WebSocket-Version") == "13"
    assert _final(exchange).field("Sec-WebSocket-Accept") == websocket_accept(key)
    # RFC 6455, section 1.3: the sample nonce and the accept value it gives.
    assert websocket_accept("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
