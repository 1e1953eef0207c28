"""Following redirect chains against loopback servers: the project's endpoint and the fixture
site. Each test checks what a user reads: hops, final status and URL, problems, ok."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from http_status_browser.check.checker import (
    USER_AGENT,
    CheckOptions,
    check_all,
    retry_delay,
)
from http_status_browser.check.records import (
    CheckResult,
    Expectation,
    ProblemKind,
    Severity,
    Target,
)
from http_status_browser.check.targets import without_credentials
from http_status_browser.registry import Registry
from tests.check.site import Site

FAST = CheckOptions(timeout=5.0)


def check(
    registry: Registry, targets: Sequence[Target | str], options: CheckOptions = FAST
) -> list[CheckResult]:
    wanted = [t if isinstance(t, Target) else Target(t) for t in targets]

    async def run() -> list[CheckResult]:
        return [result async for result in check_all(wanted, registry, options)]

    return asyncio.run(run())


def kinds(result: CheckResult) -> set[ProblemKind]:
    return {p.kind for p in result.problems}


def test_a_redirect_chain_on_the_endpoint(registry: Registry, endpoint: str) -> None:
    [result] = check(registry, [f"{endpoint}/301?to=/302%3Fto%3D/200"])
    assert [(h.status, h.reason) for h in result.hops] == [
        (301, "Moved Permanently"),
        (302, "Found"),
        (200, "OK"),
    ]
    assert result.hops[0].location == "/302?to=/200"
    assert result.hops[0].method == "HEAD"
    assert all(h.ms >= 0 for h in result.hops)
    assert result.final_status == 200
    assert result.final_url == f"{endpoint}/200"
    assert result.ok
    assert kinds(result) == {ProblemKind.RELATIVE_LOCATION}


@pytest.mark.parametrize(
    ("path", "kind"),
    [("/404", ProblemKind.CLIENT_ERROR), ("/500", ProblemKind.SERVER_ERROR)],
)
def test_an_error_at_the_end_fails(
    registry: Registry, endpoint: str, path: str, kind: ProblemKind
) -> None:
    [result] = check(registry, [endpoint + path])
    assert result.final_status == int(path[1:])
    assert kind in kinds(result)
    assert not result.ok


def test_results_come_in_input_order(registry: Registry, site: Site, endpoint: str) -> None:
    # The slow one first: the quick ones finish before it but are given after it.
    urls = [f"{site.url}/chain/3", f"{endpoint}/200", f"{endpoint}/404", f"{site.url}/chain/0"]
    assert [r.url for r in check(registry, urls)] == urls


def test_a_loop_is_found(registry: Registry, site: Site) -> None:
    [result] = check(registry, [f"{site.url}/loop/a"])
    assert [h.url for h in result.hops] == [f"{site.url}/loop/a", f"{site.url}/loop/b"]
    assert ProblemKind.LOOP in kinds(result)
    assert not result.ok


def test_more_hops_than_allowed(registry: Registry, site: Site) -> None:
    [result] = check(registry, [f"{site.url}/chain/5"], FAST._replace(max_redirects=3))
    assert len(result.hops) == 4
    assert ProblemKind.TOO_MANY_REDIRECTS in kinds(result)
    [enough] = check(registry, [f"{site.url}/chain/3"], FAST._replace(max_redirects=3))
    assert enough.ok
    assert enough.final_status == 200


def test_a_missing_location(registry: Registry, site: Site) -> None:
    [result] = check(registry, [f"{site.url}/no-location"])
    assert result.final_status == 301
    assert ProblemKind.MISSING_LOCATION in kinds(result)
    assert not result.ok


def test_a_redirect_to_another_scheme_stops(registry: Registry, site: Site) -> None:
    [result] = check(registry, [f"{site.url}/redirect?to=ftp://example.com/file"])
    assert ProblemKind.INVALID_URL in kinds(result)
    assert len(result.hops) == 1
    assert not result.ok


@pytest.mark.parametrize("path", ["/head-refused", "/head-unimplemented"])
def test_get_where_head_is_refused_without_reading_the_body(
    registry: Registry, site: Site, path: str
) -> None:
    [result] = check(registry, [site.url + path])
    assert [(h.method, h.status) for h in result.hops] == [("GET", 200)]
    assert [s.method for s in site.seen] == ["HEAD", "GET"]
    assert result.ok


def test_a_slow_answer_times_out(registry: Registry, site: Site) -> None:
    [result] = check(registry, [f"{site.url}/slow"], FAST._replace(timeout=0.3))
    assert kinds(result) == {ProblemKind.TIMEOUT}
    assert result.error is not None
    assert "timed out after 0.3 s" in result.error
    assert result.final_status is None
    assert not result.ok


def test_retry_after_is_honoured_once(registry: Registry, site: Site) -> None:
    [result] = check(registry, [f"{site.url}/retry?key=a"])
    assert result.final_status == 200
    assert [s.method for s in site.seen] == ["HEAD", "HEAD"]


def test_a_retry_after_beyond_the_cap_is_not_waited_for(registry: Registry, site: Site) -> None:
    [result] = check(registry, [f"{site.url}/busy"])
    assert result.final_status == 503
    assert len(site.seen) == 1
    assert ProblemKind.SERVER_ERROR in kinds(result)


def test_a_clear_user_agent(registry: Registry, site: Site) -> None:
    check(registry, [f"{site.url}/status/200"])
    assert site.seen[0].user_agent == USER_AGENT
    assert USER_AGENT.startswith("httpstatus-check/")


def test_credentials_stay_with_their_host_and_are_never_shown(
    registry: Registry, site: Site, endpoint: str
) -> None:
    port = site.url.rsplit(":", 1)[1]
    # To the same site under another host name (localhost), then to the endpoint.
    site.routes["/start"] = (301, f"http://localhost:{port}/status/200")
    [result] = check(registry, [f"http://ann:secret@127.0.0.1:{port}/start"])
    authorizations = [s.authorization for s in site.seen]
    assert authorizations[0] is not None
    assert authorizations[0].startswith("Basic ")
    assert authorizations[1:] == [None]
    assert result.ok
    assert "secret" not in repr(result.hops) + result.url
    assert result.url == f"http://127.0.0.1:{port}/start"
    assert ProblemKind.CROSS_ORIGIN in kinds(result)


def test_credentials_in_a_location_are_not_shown(registry: Registry, site: Site) -> None:
    site.routes["/leak"] = (302, f"http://bob:hunter2@{site.url.removeprefix('http://')}/ok")
    site.routes["/ok"] = (200, None)
    [result] = check(registry, [f"{site.url}/leak"])
    assert "hunter2" not in repr(result)
    assert result.final_url == f"{site.url}/ok"


def test_invalid_lines_are_reported_in_place(registry: Registry, endpoint: str) -> None:
    results = check(registry, ["ftp://example.com/", "not a url", f"{endpoint}/200", "http://"])
    assert [r.ok for r in results] == [False, False, True, False]
    assert all(kinds(r) == {ProblemKind.INVALID_URL} for r in results if not r.ok)
    assert "scheme 'ftp'" in (results[0].error or "")


def test_connection_refused_in_plain_words(registry: Registry) -> None:
    import socket

    with socket.socket() as closed:  # a port that was free a moment ago, and is not listened on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    [result] = check(registry, [f"http://127.0.0.1:{port}/"])
    assert result.error == f"connection refused: nothing listens on 127.0.0.1 port {port}"
    assert kinds(result) == {ProblemKind.CONNECTION}


def test_tls_to_a_plain_http_port_in_plain_words(registry: Registry, endpoint: str) -> None:
    [result] = check(registry, [endpoint.replace("http://", "https://") + "/200"])
    assert kinds(result) == {ProblemKind.TLS}
    assert (result.error or "").startswith("TLS handshake with 127.0.0.1 failed")


def test_a_redirect_map_row_that_holds(registry: Registry, site: Site) -> None:
    site.routes["/old"] = (301, "/new")
    site.routes["/new"] = (200, None)
    [result] = check(registry, [Target(f"{site.url}/old", "", Expectation(f"{site.url}/new", 301))])
    assert result.ok
    assert not kinds(result) - {ProblemKind.RELATIVE_LOCATION}


def test_a_redirect_map_row_that_ends_elsewhere(registry: Registry, site: Site) -> None:
    site.routes["/old"] = (301, "/elsewhere")
    site.routes["/elsewhere"] = (200, None)
    [result] = check(registry, [Target(f"{site.url}/old", "", Expectation(f"{site.url}/new"))])
    assert ProblemKind.UNEXPECTED_TARGET in kinds(result)
    assert not result.ok


def test_a_temporary_redirect_where_a_permanent_one_is_expected(
    registry: Registry, site: Site
) -> None:
    site.routes["/old"] = (302, "/new")
    site.routes["/new"] = (200, None)
    expected_permanent = Target(f"{site.url}/old", "", Expectation(f"{site.url}/new", 301))
    any_status = Target(f"{site.url}/old", "", Expectation(f"{site.url}/new"))
    strict, loose = check(registry, [expected_permanent, any_status])
    assert {ProblemKind.TEMPORARY_REDIRECT, ProblemKind.UNEXPECTED_STATUS} <= kinds(strict)
    assert not strict.ok
    [warning] = [p for p in loose.problems if p.kind is ProblemKind.TEMPORARY_REDIRECT]
    assert warning.severity is Severity.WARNING
    assert loose.ok


def test_a_redirect_map_row_that_ends_with_an_error(registry: Registry, site: Site) -> None:
    site.routes["/old"] = (301, "/gone")
    site.routes["/gone"] = (410, None)
    [result] = check(registry, [Target(f"{site.url}/old", "", Expectation(f"{site.url}/gone"))])
    assert kinds(result) == {ProblemKind.CLIENT_ERROR, ProblemKind.RELATIVE_LOCATION}
    assert not result.ok


def test_a_redirect_map_row_that_ends_with_a_redirect(registry: Registry, site: Site) -> None:
    site.routes["/old"] = (301, "/cached")
    site.routes["/cached"] = (304, None)
    [result] = check(registry, [Target(f"{site.url}/old", "", Expectation(f"{site.url}/cached"))])
    assert ProblemKind.UNEXPECTED_STATUS in kinds(result)
    assert "ends at the expected URL with 304, expected a 2xx" in result.problems[-1].message


def test_at_most_four_requests_at_once_to_one_host(registry: Registry, site: Site) -> None:
    results = check(registry, [f"{site.url}/concurrent"] * 40)
    assert all(r.ok for r in results)
    assert 1 <= site.most_in_flight <= 4


def test_concurrency_bounds_all_requests(registry: Registry, site: Site) -> None:
    check(registry, [f"{site.url}/concurrent"] * 20, FAST._replace(concurrency=2))
    assert 1 <= site.most_in_flight <= 2


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://ann:secret@example.com/a", "http://example.com/a"),
        ("https://ann@example.com:8443/", "https://example.com:8443/"),
        ("//ann:pw@example.com/x", "//example.com/x"),
        ("http://example.com/a@b", "http://example.com/a@b"),
        ("http://ann:p@ss@example.com/", "http://example.com/"),
        ("/relative/path", "/relative/path"),
    ],
)
def test_without_credentials(url: str, shown: str) -> None:
    assert without_credentials(url) == shown


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("0", 0.0), ("5", 5.0), (None, None), ("soon", None), ("Thu, 01 Jan 1970 00:00:00 GMT", 0)],
)
def test_retry_delay(value: str | None, seconds: float | None) -> None:
    assert retry_delay(value) == seconds


def test_proxies_come_from_the_environment(
    registry: Registry, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As curl does: http_proxy names the proxy. The fixture site plays it; the host asked
    for exists nowhere, so an answer proves the request went through the proxy."""
    monkeypatch.setenv("http_proxy", site.url)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    [result] = check(registry, ["http://proxied.invalid/status/204"])
    assert result.final_status == 204
    assert site.seen[0].path == "http://proxied.invalid/status/204"


def test_no_cookies_are_kept_or_sent(registry: Registry, site: Site) -> None:
    """As curl without a cookie file: a Set-Cookie on one hop is not sent on the next, nor to
    the next URL (each is checked as a new visitor sees it)."""
    check(registry, [f"{site.url}/cookie", f"{site.url}/status/204"], FAST._replace(concurrency=1))
    assert [s.path for s in site.seen] == ["/cookie", "/status/200", "/status/204"]
    assert [s.cookie for s in site.seen] == [None, None, None]


@pytest.mark.parametrize(
    "url",
    [
        "http://exa mple.com/",
        "http://[::1/",
        "http://example.com:80a/",
        "http://\x00/",
        "http://\u2603.com/",  # not a host name IDNA allows
        "http://127.0.0.1/\udcff",  # a byte that was not UTF-8, from a command line
    ],
)
def test_urls_that_httpx_cannot_send_are_reported_not_raised(registry: Registry, url: str) -> None:
    [result] = check(registry, [url])
    assert kinds(result) == {ProblemKind.INVALID_URL}
    assert not result.ok


def test_the_registry_names_the_status_and_the_servers_phrase_is_kept(
    registry: Registry, site: Site
) -> None:
    [result] = check(registry, [f"{site.url}/phrase"])
    [hop] = result.hops
    assert (hop.status, hop.reason, hop.server_reason) == (200, "OK", "Fine By Me")


def test_a_header_block_beyond_the_bound_is_refused(registry: Registry, site: Site) -> None:
    """Reads are bounded: h11 (through httpcore) holds at most 100 KiB of an answer's head."""
    [result] = check(registry, [f"{site.url}/huge-headers"])
    assert kinds(result) == {ProblemKind.PROTOCOL}
    assert (result.error or "").startswith("127.0.0.1 did not answer in HTTP")
    assert not result.ok
