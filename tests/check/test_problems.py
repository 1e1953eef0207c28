"""What a chain's hops say is wrong, read without a network: downgrades, other hosts,
relative Locations, temporary redirects in a map, errors at the end, map expectations."""

from __future__ import annotations

from http_status_browser.check.problems import (
    chain_problems,
    expectation_problems,
    origin,
    same_url,
)
from http_status_browser.check.records import Expectation, Hop, ProblemKind, Severity


def hop(url: str, status: int, location: str | None = None) -> Hop:
    return Hop("HEAD", url, status, "", "", location, 1.0)


def test_a_downgrade_from_https_to_http_is_an_error() -> None:
    hops = [hop("https://a.test/", 301, "http://a.test/"), hop("http://a.test/", 200)]
    [problem] = chain_problems(hops, None)
    assert problem.kind is ProblemKind.DOWNGRADE
    assert problem.severity is Severity.ERROR


def test_an_upgrade_on_the_same_host_is_fine() -> None:
    # The port changes with the scheme, yet the host is the same: not another host's hop.
    hops = [hop("http://a.test/", 301, "https://a.test/"), hop("https://a.test/", 200)]
    assert chain_problems(hops, None) == []


def test_another_host_is_a_warning_naming_it() -> None:
    hops = [hop("https://a.test/", 301, "https://b.test:8443/"), hop("https://b.test:8443/", 200)]
    [problem] = chain_problems(hops, None)
    assert problem.kind is ProblemKind.CROSS_ORIGIN
    assert problem.severity is Severity.WARNING
    assert problem.message == "301 to another host: b.test:8443"


def test_a_relative_location_is_a_warning() -> None:
    hops = [hop("https://a.test/x", 308, "/y"), hop("https://a.test/y", 200)]
    [problem] = chain_problems(hops, None)
    assert problem.kind is ProblemKind.RELATIVE_LOCATION
    assert problem.severity is Severity.WARNING


def test_temporary_redirects_matter_only_in_a_map() -> None:
    hops = [hop("https://a.test/x", 302, "https://a.test/y"), hop("https://a.test/y", 200)]
    assert chain_problems(hops, None) == []
    [loose] = chain_problems(hops, Expectation("https://a.test/y"))
    assert (loose.kind, loose.severity) == (ProblemKind.TEMPORARY_REDIRECT, Severity.WARNING)
    [strict] = chain_problems(hops, Expectation("https://a.test/y", 308))
    assert (strict.kind, strict.severity) == (ProblemKind.TEMPORARY_REDIRECT, Severity.ERROR)


def test_expectations() -> None:
    hops = [hop("https://a.test/x", 301, "https://a.test/y"), hop("https://a.test/y", 200)]
    assert expectation_problems(hops, Expectation("https://A.test:443/y", 301), None) == []
    [wrong_start] = expectation_problems(hops, Expectation("https://a.test/y", 308), None)
    assert wrong_start.message == "starts with 301, expected 308"
    [elsewhere] = expectation_problems(hops, Expectation("https://a.test/z"), None)
    assert elsewhere.message == "ends at https://a.test/y, expected https://a.test/z"
    # No final answer (a timeout): the error says so already, the target is not judged.
    assert expectation_problems(hops[:1], Expectation("https://a.test/z"), "timed out") == []


def test_origin_and_same_url() -> None:
    assert origin("HTTP://Example.COM/a") == ("http", "example.com", 80)
    assert origin("https://example.com:8443/") == ("https", "example.com", 8443)
    assert same_url("https://example.com", "https://example.com:443/")
    assert not same_url("https://example.com/a?b=1", "https://example.com/a?b=2")
