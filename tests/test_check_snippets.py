"""The check-snippets harness itself: its raw client and what it counts as a failure."""

from __future__ import annotations

import socket

import pytest

from http_status_browser.registry import Registry
from http_status_browser.registry.snippets import render_snippet
from tests_snippets.cases import Case, judge_server, mentions_headers
from tests_snippets.wire import Exchange, Head, WireError, exchange, serve_once


def test_interim_responses_are_seen_before_the_final_one() -> None:
    answer = b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\n"
    answer += b"Content-Length: 2\r\n\r\nok"
    with serve_once(answer) as port:
        seen = exchange(port, "/")
    assert [head.status for head in seen.interim] == [103]
    assert seen.interim[0].headers["link"] == "</a.css>"
    assert seen.final.status == 200
    assert seen.body == b"ok"


def test_bytes_after_a_204_head_are_a_body() -> None:
    with serve_once(b"HTTP/1.1 204 No Content\r\n\r\n{}") as port:
        assert exchange(port, "/").raw_body == b"{}"


def test_chunked_content_is_decoded() -> None:
    with serve_once(
        b"HTTP/1.1 205 Reset Content\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    ) as port:
        assert exchange(port, "/").body == b""


def test_a_silent_server_fails_in_bounded_time() -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener, pytest.raises(WireError):
        exchange(listener.getsockname()[1], "/", timeout=0.5)


def _case(registry: Registry, language_id: str, code: int) -> Case:
    status = registry.lookup(code)
    language = registry.language(language_id)
    assert status is not None
    assert language is not None
    return Case(status, language, render_snippet(status, language))


def _seen(status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> Exchange:
    return Exchange([], Head(status, headers or {}), body)


def test_what_counts_as_a_failure(registry: Registry) -> None:
    assert judge_server(_case(registry, "go", 404), _seen(404)) == []
    assert judge_server(_case(registry, "go", 404), _seen(200))
    assert judge_server(_case(registry, "django-rest-framework", 204), _seen(204, body=b"{}"))
    redirect = _case(registry, "flask", 301)
    assert judge_server(redirect, _seen(301, {"location": "http://x/new-place"})) == []
    assert judge_server(redirect, _seen(301))
    # A 1xx sent as the final response is a failure; an interim one before a 200 is not.
    interim = _case(registry, "go", 103)
    assert judge_server(interim, _seen(103))
    hints = Head(103, {"link": "</style.css>"})
    assert judge_server(interim, Exchange([hints], Head(200, {}), b"")) == []


def test_a_snippet_that_forgets_a_required_header_fails(registry: Registry) -> None:
    """The headers expected come from the code's requirements, not from the harness."""
    unauthorized = _case(registry, "go", 401)
    assert judge_server(unauthorized, _seen(401, {"www-authenticate": "Bearer"})) == []
    (problem,) = judge_server(unauthorized, _seen(401))
    assert problem == "no WWW-Authenticate header (MUST, RFC 9110 Section 15.5.2)"
    upgrade = _case(registry, "express", 426)
    both = {"upgrade": "websocket", "connection": "Upgrade, close"}
    assert judge_server(upgrade, _seen(426, both)) == []
    assert judge_server(upgrade, _seen(426, {**both, "connection": "close"}))
    created = _case(registry, "rust", 201)
    assert judge_server(created, _seen(201, {"location": "http://h/items/42"})) == []
    assert judge_server(created, _seen(201, {"location": "/elsewhere"}))


def test_frameworks_without_a_toolchain_are_read_for_the_headers(registry: Registry) -> None:
    spring = _case(registry, "spring", 405)
    assert mentions_headers(spring) == []
    forgetful = spring._replace(snippet=spring.snippet.replace('.header("Allow", "GET, HEAD")', ""))
    assert mentions_headers(forgetful)


def test_repeated_header_lines_are_combined() -> None:
    answer = b"HTTP/1.1 426 Upgrade Required\r\nConnection: Upgrade\r\nConnection: close\r\n"
    answer += b"Content-Length: 0\r\n\r\n"
    with serve_once(answer) as port:
        assert exchange(port, "/").final.headers["connection"] == "Upgrade, close"


def test_206_content_must_be_the_range_it_names(registry: Registry) -> None:
    partial = _case(registry, "go", 206)
    head = {"content-range": "bytes 0-14/1234"}
    assert judge_server(partial, _seen(206, head, b"Partial Content")) == []
    (problem,) = judge_server(partial, _seen(206, head, b""))
    assert problem == "Content-Range names 15 bytes, the content has 0"
