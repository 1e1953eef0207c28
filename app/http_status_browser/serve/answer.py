"""What the endpoint answers to one request: a pure function of the registry and the request,
with no sockets, so every rule is testable on its own. The headers come from the same
registry-driven rules as the example exchange (registry/exchange.py).
"""

from __future__ import annotations

import json
import math
import re
from enum import Enum
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

from http_status_browser.registry.exchange import (
    CLOSES_WITHOUT_RESPONSE,
    DEFAULT_LOCATION,
    content_range,
    response_fields,
)
from http_status_browser.registry.model import Registry, Standing, StatusCode

MAX_DELAY_SECONDS = 10.0
CODE_PATH = re.compile(r"/([1-5][0-9][0-9])")
# A same-server path for ?to=: starts with one slash, then only unreserved and sub-delimiter
# characters, so that it can never become an absolute or scheme-relative URL, nor a header
# injection.
SAFE_TARGET = re.compile(r"/(?![/\\])[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,200}")

Fields = tuple[tuple[str, str], ...]


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


class RequestHead(NamedTuple):
    """What the endpoint reads of a request: method, target and the headers it looks at."""

    method: str
    target: str
    accept: str = ""
    range: str | None = None
    upgrade: str | None = None
    # HTTP/1.0 clients must not be sent a 1xx (RFC 9110 Section 15.2).
    interim_allowed: bool = True


def requested_delay(values: list[str]) -> float:
    """?delay=SECONDS, capped; anything unparsable or negative means no delay."""
    try:
        seconds = float(values[0]) if values else 0.0
    except ValueError:
        return 0.0
    if not math.isfinite(seconds) or seconds <= 0:
        return 0.0
    return min(seconds, MAX_DELAY_SECONDS)


def redirect_target(values: list[str]) -> str:
    """?to=: a path on this server, or /200. Never an absolute URL (no open redirect)."""
    if values and SAFE_TARGET.fullmatch(values[0]):
        return values[0]
    return DEFAULT_LOCATION


def _content(status: StatusCode, code: int, reason: str, accept: str) -> tuple[str, bytes]:
    summary = status.summary if status.code == code else ""
    if "application/json" in accept.lower():
        data = {"code": code, "phrase": reason, "summary": summary}
        return "application/json", json.dumps(data, ensure_ascii=False).encode() + b"\n"
    return "text/plain; charset=utf-8", f"{code} {reason}\n{summary}\n".encode()


def _byte_range(header: str | None, length: int) -> tuple[int, int] | bool | None:
    """A single `bytes=first-last` range within `length`: (first, last), False when it cannot
    be satisfied, None when there is no range to honour (absent or not a single byte range)."""
    if header is None:
        return None
    match = re.fullmatch(r"\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*", header)
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first_text, last_text = match.groups()
    if first_text == "":  # a suffix: the last N bytes
        count = int(last_text)
        return (max(length - count, 0), length - 1) if count and length else False
    first = int(first_text)
    last = min(int(last_text), length - 1) if last_text else length - 1
    if first >= length or first > last:
        return False
    return first, last


def _unknown(code: int) -> StatusCode:
    """A code the registry does not know (a custom 299, say): no phrase, no headers."""
    return StatusCode(code, "", f"{code // 100}xx", Standing.UNOFFICIAL, "", "", (), "", "")


def answer(registry: Registry, head: RequestHead) -> Answer:
    """The answer to one request; never raises for any method, target or header."""
    if head.method == "CONNECT":  # a tunnel, not a path: the endpoint does not offer one
        return _final(registry.lookup(405) or _unknown(405), head, DEFAULT_LOCATION, 0.0)
    split = urlsplit(head.target)
    match = CODE_PATH.fullmatch(split.path)
    if match is None:
        return _index(registry, head)
    query = parse_qs(split.query, max_num_fields=20)
    code = int(match.group(1))
    status = registry.lookup(code) or _unknown(code)
    delay = requested_delay(query.get("delay", []))
    location = redirect_target(query.get("to", []))
    if code in CLOSES_WITHOUT_RESPONSE:
        return Answer(code, "", (), b"", delay=delay, action=Action.CLOSE)
    if code == 101:
        return _switch(registry, status, head, delay)
    interim: tuple[tuple[int, str, Fields], ...] = ()
    final = status
    if code < 200:
        if head.interim_allowed:
            interim = ((code, status.wire_phrase, tuple(response_fields(status, location))),)
        final = registry.lookup(200) or _unknown(200)
    return _final(final, head, location, delay, interim)


def _final(
    status: StatusCode,
    head: RequestHead,
    location: str,
    delay: float,
    interim: tuple[tuple[int, str, Fields], ...] = (),
) -> Answer:
    code, reason = status.code, status.wire_phrase
    fields = [] if interim else response_fields(status, location)
    if code in (204, 304) or not status.content:
        return Answer(code, reason, tuple(fields), b"", interim, delay)
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
    fields.extend([("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return Answer(code, reason, tuple(fields), body, interim, delay)


def _switch(registry: Registry, status: StatusCode, head: RequestHead, delay: float) -> Answer:
    """101 only where the client asked to upgrade; otherwise say that it must (426)."""
    if head.upgrade and head.interim_allowed:
        fields = (("Upgrade", "websocket"), ("Connection", "upgrade"))
        return Answer(101, status.wire_phrase, fields, b"", delay=delay, action=Action.SWITCH)
    required = registry.lookup(426) or _unknown(426)
    return _final(required, head, DEFAULT_LOCATION, delay)


def _index(registry: Registry, head: RequestHead) -> Answer:
    """/ explains the endpoint; any other path is 404."""
    path = urlsplit(head.target).path
    if path != "/":
        status = registry.lookup(404) or _unknown(404)
        return _final(status, head, DEFAULT_LOCATION, 0.0)
    text = (
        b"httpstatus serve: request /{code} (for example /404, /503?delay=2, /302?to=/201)\n"
        b"and get that status code with the headers that belong to it.\n"
    )
    fields = (("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(text))))
    return Answer(200, "OK", fields, text)
