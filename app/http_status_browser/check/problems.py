"""What is wrong with a redirect chain: read from its hops alone, after the requests."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from urllib.parse import urlsplit

from http_status_browser.check.records import (
    Expectation,
    Hop,
    Problem,
    ProblemKind,
    Severity,
)

REDIRECTS = frozenset({301, 302, 303, 307, 308})
TEMPORARY = frozenset({302, 307})
PERMANENT = frozenset({301, 308})


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the scheme's default port filled in: what "same origin"
    compares. Credentials are not part of it."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    default = {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), parts.port or default


def same_url(left: str, right: str) -> bool:
    """Whether two URLs name the same resource: the origin compared as above, path (an empty
    one is /), query and fragment as written."""
    a, b = urlsplit(left), urlsplit(right)
    return (
        origin(left) == origin(right)
        and (a.path or "/") == (b.path or "/")
        and a.query == b.query
        and a.fragment == b.fragment
    )


def chain_problems(hops: Sequence[Hop], expect: Expectation | None) -> list[Problem]:
    """Downgrades, other origins, relative Locations, temporary redirects where a permanent
    one is expected, and a 4xx or 5xx at the end. (Loops, missing Locations and too many hops
    stop the requests and are found while following.)"""
    found: list[Problem] = []
    for before, after in pairwise(hops):
        was, now = origin(before.url), origin(after.url)
        if was[0] == "https" and now[0] == "http":
            found.append(
                Problem(
                    ProblemKind.DOWNGRADE,
                    Severity.ERROR,
                    f"{before.status} from https down to http: {after.url}",
                )
            )
        # http to https on the same host is an upgrade, not a hop to someone else.
        if was[1] != now[1] or (was[0] == now[0] and was[2] != now[2]):
            host = now[1] if now[2] in (80, 443) else f"{now[1]}:{now[2]}"
            found.append(
                Problem(
                    ProblemKind.CROSS_ORIGIN,
                    Severity.WARNING,
                    f"{before.status} to another host: {host}",
                )
            )
    for hop in hops:
        if hop.status in REDIRECTS and hop.location and not urlsplit(hop.location).scheme:
            found.append(
                Problem(
                    ProblemKind.RELATIVE_LOCATION,
                    Severity.WARNING,
                    f"{hop.status} with a relative Location: {hop.location}",
                )
            )
    if expect is not None:
        found += _temporary(hops, expect)
    if hops:
        last = hops[-1].status
        if 400 <= last < 500:
            found.append(
                Problem(
                    ProblemKind.CLIENT_ERROR, Severity.ERROR, f"ends with {last} (client error)"
                )
            )
        elif last >= 500:
            found.append(
                Problem(
                    ProblemKind.SERVER_ERROR, Severity.ERROR, f"ends with {last} (server error)"
                )
            )
    return found


def _temporary(hops: Sequence[Hop], expect: Expectation) -> list[Problem]:
    """A redirect map moves pages for good: a 302 or 307 there tells clients and search
    engines to keep the old URL. An error when the map names a permanent status."""
    severity = Severity.ERROR if expect.first_status in PERMANENT else Severity.WARNING
    return [
        Problem(
            ProblemKind.TEMPORARY_REDIRECT,
            severity,
            f"{hop.status} is a temporary redirect where a permanent one (301, 308) is expected",
        )
        for hop in hops
        if hop.status in TEMPORARY
    ][:1]


def expectation_problems(
    hops: Sequence[Hop], expect: Expectation, error: str | None
) -> list[Problem]:
    """Whether the chain kept a redirect map's row: started with its status, ended at its
    target with a 2xx."""
    found: list[Problem] = []
    if expect.first_status is not None and hops and hops[0].status != expect.first_status:
        found.append(
            Problem(
                ProblemKind.UNEXPECTED_STATUS,
                Severity.ERROR,
                f"starts with {hops[0].status}, expected {expect.first_status}",
            )
        )
    if error is None and hops:
        last = hops[-1]
        if not same_url(last.url, expect.to):
            found.append(
                Problem(
                    ProblemKind.UNEXPECTED_TARGET,
                    Severity.ERROR,
                    f"ends at {last.url}, expected {expect.to}",
                )
            )
        elif last.status < 200 or 300 <= last.status < 400:  # 4xx and 5xx are said already
            found.append(
                Problem(
                    ProblemKind.UNEXPECTED_STATUS,
                    Severity.ERROR,
                    f"ends at the expected URL with {last.status}, expected a 2xx",
                )
            )
    return found
