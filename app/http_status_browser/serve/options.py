"""What a request's query asks of the endpoint: ?delay= (or httpstat.us's ?sleep=), ?to= and
?header=, and the code list of a weighted path (/200:0.9,500:0.1). Pure text rules, no sockets.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple
from urllib.parse import parse_qsl

from http_status_browser.registry.exchange import DEFAULT_LOCATION

MAX_DELAY_SECONDS = 10.0
# A code list names at most this many codes: enough for any mix, small enough to print.
MAX_CODES = 16
# A same-server path for ?to=: starts with one slash, then only unreserved and sub-delimiter
# characters, so that it can never become an absolute or scheme-relative URL, nor a header
# injection.
SAFE_TARGET = re.compile(r"/(?![/\\])[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,200}")
# ?delay=2, ?delay=1.5s, ?delay=250ms: a plain number is seconds.
DELAY = re.compile(r"\s*([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE]([+-]?[0-9]{1,4}))?\s*(ms|s)?\s*")
# RFC 9110 Section 5.1: a field name is a token.
TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
# RFC 9110 Section 5.5, restricted to printable ASCII: visible characters with inner spaces;
# never CR, LF, NUL or other controls. (The RFC's obs-text and inner tabs are refused too.)
FIELD_VALUE = re.compile(r"(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?")
CODE = re.compile(r"[1-5][0-9][0-9]")
WEIGHT = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
# Headers that ?header= may not set, and why: the server frames the message itself, a
# Location would make an open redirect (?to= is the safe way), cookies on localhost are shared
# by every port, and CORS never allows credentials.
RESERVED_HEADERS = {
    "content-length": "the server frames the response",
    "transfer-encoding": "the server frames the response",
    "connection": "the server manages the connection",
    "keep-alive": "the server manages the connection",
    "upgrade": "the server manages the connection",
    "te": "the server frames the response",
    "trailer": "the server frames the response",
    "proxy-connection": "the server manages the connection",
    "location": "use ?to= for a path on this server",
    "set-cookie": "cookies on localhost reach every local server, whatever the port",
    "access-control-allow-credentials": "the endpoint never allows credentials",
}

Fields = tuple[tuple[str, str], ...]


class QueryError(ValueError):
    """A query or a code list that the endpoint refuses (answered 400 with this message)."""


class Options(NamedTuple):
    """What the query asks for: a delay in seconds, a redirect target and extra headers."""

    delay: float = 0.0
    location: str = DEFAULT_LOCATION
    headers: Fields = ()


class Weighted(NamedTuple):
    """A code list: each code with its weight (equal weights when none are given)."""

    codes: tuple[int, ...]
    weights: tuple[float, ...]


def requested_delay(values: list[str], unit: str = "s") -> float:
    """The first ?delay= value in seconds (a number of seconds, or with `s` or `ms`), capped
    at MAX_DELAY_SECONDS; anything unparsable or not positive means no delay."""
    match = DELAY.fullmatch(values[0]) if values else None
    if match is None:
        return 0.0
    number, exponent, suffix = match.groups()
    # The exponent is at most four digits and the mantissa a plain decimal: float() is exact
    # enough and never slow, and an overflow becomes inf, which the cap turns into the maximum.
    seconds = float(number + (f"e{exponent}" if exponent else ""))
    if (suffix or unit) == "ms":
        seconds /= 1000
    if math.isnan(seconds) or seconds <= 0:
        return 0.0
    return min(seconds, MAX_DELAY_SECONDS)


def redirect_target(values: list[str]) -> str:
    """?to=: a path on this server, or /200. Never an absolute URL (no open redirect)."""
    if values and SAFE_TARGET.fullmatch(values[0]):
        return values[0]
    return DEFAULT_LOCATION


def extra_header(value: str) -> tuple[str, str]:
    """One ?header=Name:value, checked: a token name, an ASCII field value, not reserved."""
    name, colon, field = value.partition(":")
    if not colon or not TOKEN.fullmatch(name):
        raise QueryError(f"header={value!r}: write header=Name:value, Name a token")
    field = field.strip(" \t")
    if not FIELD_VALUE.fullmatch(field):
        raise QueryError(
            f"header={value!r}: a value is visible ASCII with inner spaces, never CR or LF"
        )
    reason = RESERVED_HEADERS.get(name.lower())
    if reason is not None:
        raise QueryError(f"header={name}: not allowed ({reason})")
    return name, field


def read_query(query: str) -> Options:
    """The options in a query string; raises QueryError for a header= it cannot send. The
    number of fields is bounded by the request line's limit, not counted here."""
    delays: list[str] = []
    sleeps: list[str] = []
    targets: list[str] = []
    headers: list[tuple[str, str]] = []
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name == "delay":
            delays.append(value)
        elif name == "sleep":  # httpstat.us: milliseconds
            sleeps.append(value)
        elif name == "to":
            targets.append(value)
        elif name == "header":
            headers.append(extra_header(value))
    delay = requested_delay(delays) if delays else requested_delay(sleeps, "ms")
    return Options(delay, redirect_target(targets), tuple(headers))


def weighted_codes(text: str) -> Weighted:
    """`200:0.9,500:0.1` or `200,500` (equal odds), as httpbin reads /status/{codes}."""
    items = text.split(",")
    if len(items) > MAX_CODES:
        raise QueryError(f"at most {MAX_CODES} codes in a list")
    codes: list[int] = []
    weights: list[float] = []
    for item in items:
        code, colon, weight = item.partition(":")
        if not CODE.fullmatch(code):
            raise QueryError(f"{code[:20]!r} is not a status code (100 to 599)")
        if colon and not WEIGHT.fullmatch(weight):
            raise QueryError(f"{item[:30]!r}: a weight is a number such as 0.9 or 3")
        codes.append(int(code))
        # A weight's digits are bounded by the request line; float() has no digit limit.
        weights.append(float(weight) if colon else 1.0)
    if not math.isfinite(sum(weights)) or sum(weights) <= 0:
        raise QueryError("the weights must add up to more than 0")
    return Weighted(tuple(codes), tuple(weights))
