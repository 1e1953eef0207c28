"""What the endpoint answers to one request: a pure function of the registry and the request,
with no sockets, so every rule is testable on its own. The headers come from the same
registry-driven rules as the example exchange (registry/exchange.py).
"""

from __future__ import annotations

import json
import random
import re
from enum import Enum
from typing import NamedTuple
from urllib.parse import urlsplit

from http_status_browser.registry.exchange import (
    CLOSES_WITHOUT_RESPONSE,
    DEFAULT_LOCATION,
    content_range,
    response_fields,
)
from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import Standing, StatusCode
from http_status_browser.serve.options import (
    TOKEN,
    Fields,
    Options,
    QueryError,
    read_query,
    weighted_codes,
)

CODE_PATH = re.compile(r"/([1-5][0-9][0-9])")
# A path that starts like a code and holds a comma or a colon is a code list (/200:0.9,500:0.1).
CODE_LIST_PATH = re.compile(r"/[0-9][^/]*[,:][^/]*")
REDIRECT_PATH = re.compile(r"/redirect/([0-9]+)")
# Browsers follow 20 redirects (Chrome, Firefox); curl 50. More is never a useful test.
MAX_REDIRECTS = 20
# Every answer may be read by browser code on any origin, never with credentials (cookies):
# `*` is the one value that browsers refuse to combine with them (Fetch standard, CORS check).
CORS_FIELDS: Fields = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Expose-Headers", "*"),
)
PREFLIGHT_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
PREFLIGHT_MAX_AGE = "600"
HEADER_LIST = re.compile(
    r"[ \t]*[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:[ \t]*,[ \t]*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*[ \t]*"
)
# A number longer than this is larger than any length here: compared by its digit count, as
# int() refuses strings over 4,300 digits (CPython's integer string conversion limit).
MAX_NUMBER_DIGITS = 18
# Which code of a weighted list answers: nothing secret, so not the `secrets` module.
_RANDOM = random.Random()


class Action(Enum):
    RESPOND = "respond"
    # Close without a response, as nginx does for 444 and 499.
    CLOSE = "close"
    # Send 101 and close: the endpoint speaks no other protocol.
    SWITCH = "switch"


class Answer(NamedTuple):
    """The response to send: interim responses first, then the final one."""

    code: int
    reason: str
    fields: Fields
    body: bytes
    interim: tuple[tuple[int, str, Fields], ...] = ()
    delay: float = 0.0
    action: Action = Action.RESPOND


class Outcomes(NamedTuple):
    """The possible answers to a request and their weights: one answer, or one drawn per
    request for a code list."""

    answers: tuple[Answer, ...]
    weights: tuple[float, ...] = ()

    def pick(self, rng: random.Random) -> Answer:
        if len(self.answers) == 1:
            return self.answers[0]
        return rng.choices(self.answers, self.weights)[0]


class RequestHead(NamedTuple):
    """What the endpoint reads of a request: method, target and the headers it looks at."""

    method: str
    target: str
    accept: str = ""
    range: str | None = None
    upgrade: str | None = None
    # HTTP/1.0 clients must not be sent a 1xx (RFC 9110 Section 15.2).
    interim_allowed: bool = True
    # A CORS preflight's Access-Control-Request-Method (None when the request is not one:
    # a preflight is an OPTIONS request with Origin and this header) and -Headers.
    preflight_method: str | None = None
    preflight_headers: str = ""


def bounded_int(digits: str, ceiling: int) -> int:
    """A string of ASCII digits as an int, or `ceiling` when it is at least that large."""
    digits = digits.lstrip("0") or "0"
    if len(digits) > MAX_NUMBER_DIGITS:
        return ceiling
    return min(int(digits), ceiling)


def _content(status: StatusCode, code: int, reason: str, accept: str) -> tuple[str, bytes]:
    summary = status.summary if status.code == code else ""
    if "application/json" in accept.lower():
        data = {"code": code, "phrase": reason, "summary": summary}
        return "application/json", json.dumps(data, ensure_ascii=False).encode() + b"\n"
    return "text/plain; charset=utf-8", f"{code} {reason}\n{summary}\n".encode()


def _byte_range(header: str | None, length: int) -> tuple[int, int] | bool | None:
    """A single `bytes=first-last` range within `length`: (first, last), False when it cannot
    be satisfied, None when there is no range to honour (absent or not a single byte range).
    Numbers of any length are read: beyond the content's length they all mean the same."""
    if header is None:
        return None
    match = re.fullmatch(r"\s*bytes\s*=\s*([0-9]*)\s*-\s*([0-9]*)\s*", header)
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first_text, last_text = match.groups()
    if first_text == "":  # a suffix: the last N bytes
        count = bounded_int(last_text, length)
        return (length - count, length - 1) if count and length else False
    first = bounded_int(first_text, length)
    last = bounded_int(last_text, length - 1) if last_text else length - 1
    if first >= length or first > last:
        return False
    return first, last


def _unknown(code: int) -> StatusCode:
    """A code the registry does not know (a custom 299, say): no phrase, no headers."""
    return StatusCode(code, "", f"{code // 100}xx", Standing.UNOFFICIAL, "", "", (), "", "")


def status_for(registry: Registry, code: int) -> StatusCode:
    return registry.lookup(code) or _unknown(code)


def phrase(registry: Registry, code: int) -> str:
    """The phrase for a status line, from the registry (what the server's own errors use)."""
    return status_for(registry, code).wire_phrase


def answer(registry: Registry, head: RequestHead, rng: random.Random | None = None) -> Answer:
    """The answer to one request; never raises for any method, target or header."""
    return outcomes(registry, head).pick(rng or _RANDOM)


def outcomes(registry: Registry, head: RequestHead) -> Outcomes:
    """Every answer a request may get; never raises for any method, target or header."""
    if head.method == "OPTIONS" and head.preflight_method is not None:
        return Outcomes((preflight(head.preflight_method, head.preflight_headers),))
    if head.method == "CONNECT":  # a tunnel, not a path: the endpoint does not offer one
        return Outcomes((_final(status_for(registry, 405), head, Options()),))
    split = urlsplit(head.target)
    try:
        options = read_query(split.query)
        if CODE_PATH.fullmatch(split.path):
            return Outcomes((_code_answer(registry, head, int(split.path[1:]), options),))
        if CODE_LIST_PATH.fullmatch(split.path):
            weighted = weighted_codes(split.path[1:])
            answers = tuple(_code_answer(registry, head, c, options) for c in weighted.codes)
            return Outcomes(answers, weighted.weights)
    except QueryError as error:
        return Outcomes((problem(registry, 400, str(error)),))
    redirect = REDIRECT_PATH.fullmatch(split.path)
    if redirect is not None and bounded_int(redirect.group(1), MAX_REDIRECTS) > 0:
        left = bounded_int(redirect.group(1), MAX_REDIRECTS) - 1
        step = options._replace(location=f"/redirect/{left}" if left else DEFAULT_LOCATION)
        return Outcomes((_final(status_for(registry, 302), head, step),))
    return Outcomes((_index(registry, head, split.path),))


def _code_answer(registry: Registry, head: RequestHead, code: int, options: Options) -> Answer:
    status = status_for(registry, code)
    if code in CLOSES_WITHOUT_RESPONSE:
        return Answer(code, "", (), b"", delay=options.delay, action=Action.CLOSE)
    if code == 101:
        return _switch(registry, status, head, options)
    interim: tuple[tuple[int, str, Fields], ...] = ()
    final = status
    if code < 200:
        if head.interim_allowed:
            fields = tuple(response_fields(status, options.location))
            interim = ((code, status.wire_phrase, fields),)
        final = status_for(registry, 200)
    return _final(final, head, options, interim)


def with_fields(fields: Fields, extra: Fields) -> Fields:
    """`fields` with `extra` added: an extra header replaces the generated ones of its name."""
    replaced = {name.lower() for name, _ in extra}
    return tuple(f for f in fields if f[0].lower() not in replaced) + extra


def _final(
    status: StatusCode,
    head: RequestHead,
    options: Options,
    interim: tuple[tuple[int, str, Fields], ...] = (),
) -> Answer:
    code, reason = status.code, status.wire_phrase
    fields = [] if interim else response_fields(status, options.location)
    fields.extend(CORS_FIELDS)
    if code in (204, 304) or not status.content:
        extra = with_fields(tuple(fields), options.headers)
        return Answer(code, reason, extra, b"", interim, options.delay)
    content_type, body = _content(status, code, reason, head.accept)
    fields = [(n, v) for n, v in fields if n.lower() != "content-range"]
    if code == 206:
        wanted = _byte_range(head.range, len(body))
        if wanted is None:  # 206 only answers a real Range request: otherwise all of it
            code, reason = 200, "OK"
        elif wanted is False:
            code, reason = 416, "Range Not Satisfiable"
            fields.append(("Content-Range", f"bytes */{len(body)}"))
        elif isinstance(wanted, tuple):
            first, last = wanted
            fields.append(("Content-Range", content_range(status, len(body), first, last)))
            body = body[first : last + 1]
    elif code == 416:
        fields.append(("Content-Range", content_range(status, len(body))))
    fields.append(("Content-Type", content_type))
    extra = with_fields(tuple(fields), options.headers)
    extra += (("Content-Length", str(len(body))),)
    return Answer(code, reason, extra, body, interim, options.delay)


def _switch(registry: Registry, status: StatusCode, head: RequestHead, options: Options) -> Answer:
    """101 only where the client asked to upgrade; otherwise say that it must (426)."""
    if head.upgrade and head.interim_allowed:
        fields = (("Upgrade", "websocket"), ("Connection", "upgrade"))
        return Answer(
            101, status.wire_phrase, fields, b"", delay=options.delay, action=Action.SWITCH
        )
    return _final(status_for(registry, 426), head, options._replace(location=DEFAULT_LOCATION))


def preflight(method: str, headers: str) -> Answer:
    """A CORS preflight's answer: 204 allowing the usual methods (and the one asked for, when
    it is a token) and the request headers asked for; no credentials, ever."""
    methods = list(PREFLIGHT_METHODS)
    if TOKEN.fullmatch(method) and method not in methods:
        methods.append(method)
    fields = [
        *CORS_FIELDS,
        ("Access-Control-Allow-Methods", ", ".join(methods)),
        ("Access-Control-Max-Age", PREFLIGHT_MAX_AGE),
        ("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers"),
    ]
    if headers and HEADER_LIST.fullmatch(headers):
        fields.insert(
            2, ("Access-Control-Allow-Headers", ", ".join(h.strip() for h in headers.split(",")))
        )
    return Answer(204, "No Content", tuple(fields), b"")


def problem(registry: Registry, code: int, message: str) -> Answer:
    """An error of the client's making, with a sentence saying what was wrong."""
    reason = phrase(registry, code)
    text = f"{code} {reason}\n{message}\n".encode("ascii", "backslashreplace")
    fields = (
        *CORS_FIELDS,
        # The message quotes the request: never let a browser read it as anything but text.
        ("X-Content-Type-Options", "nosniff"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(text))),
    )
    return Answer(code, reason, fields, text)


def _index(registry: Registry, head: RequestHead, path: str) -> Answer:
    """/ explains the endpoint; any other path is 404."""
    if path != "/":
        return _final(status_for(registry, 404), head, Options())
    text = (
        b"httpstatus serve: request /{code} (for example /404, /503?delay=2, /302?to=/201)\n"
        b"and get that status code with the headers that belong to it. Also:\n"
        b"/200:0.9,500:0.1 or /200,500 (one code drawn per request), ?header=Name:value,\n"
        b"?delay=250ms, /redirect/3, /anything (the request as JSON).\n"
    )
    fields = (
        *CORS_FIELDS,
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(text))),
    )
    return Answer(200, "OK", fields, text)
