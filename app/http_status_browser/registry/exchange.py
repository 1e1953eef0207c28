"""An example HTTP/1.1 exchange for any code, built from the registry's data (its headers,
content flag, redirect kind and class), never typed per code. The local endpoint
(serve) answers with the same fields, so the example and the server cannot disagree.
"""

from __future__ import annotations

import base64
import hashlib
import json
from enum import StrEnum
from typing import NamedTuple

from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import Header, StatusCode

EXAMPLE_HOST = "api.example.com"
EXAMPLE_PATH = "/items/42"
EXAMPLE_DATE = "Tue, 03 Mar 2026 09:30:00 GMT"
EXAMPLE_ETAG = '"5d8c72a5"'
# The example resource that Range requests address: 26 bytes, so "bytes */26" reads easily.
RESOURCE = b"abcdefghijklmnopqrstuvwxyz"
RANGE_END = 9
RETRY_AFTER_SECONDS = 120
DEFAULT_LOCATION = "/200"

# Codes that nginx logs but never sends: the connection is closed without a response.
CLOSES_WITHOUT_RESPONSE = frozenset({444, 499})
# A WebSocket handshake (101): RFC 6455's own sample key, and the GUID its accept value hashes.
WEBSOCKET_KEY = "dGhlIHNhbXBsZSBub25jZQ=="
WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class Side(StrEnum):
    """Where a header the registry lists for a code belongs in the exchange."""

    RESPONSE = "response"
    REQUEST = "request"
    # The header the server wants and the request lacked (411's Content-Length, 428's If-Match).
    MISSING = "missing"


# Headers that only a client sends; any other header the registry lists is the server's.
REQUEST_ONLY = frozenset({"expect", "if-match", "if-none-match", "range", "content-length"})


def header_side(header: Header) -> Side:
    """Which side a listed header is on, read from its name and, where a name is used on both
    sides (Accept, If-Match), from how the registry's note describes it."""
    name = header.name.lower()
    note = header.note.lower()
    if "wants" in note or "should add" in note:
        return Side.MISSING
    if name in REQUEST_ONLY or "client header" in note or "request header" in note:
        return Side.REQUEST
    return Side.RESPONSE


class Message(NamedTuple):
    """A request or response head with its content, as it travels on the wire."""

    start_line: str
    fields: tuple[tuple[str, str], ...]
    body: str = ""

    def field(self, name: str) -> str | None:
        lowered = name.lower()
        return next((v for n, v in self.fields if n.lower() == lowered), None)

    @property
    def text(self) -> str:
        head = "\r\n".join([self.start_line, *(f"{n}: {v}" for n, v in self.fields)])
        return f"{head}\r\n\r\n{self.body}"


class Exchange(NamedTuple):
    """A request, the interim (1xx) responses before the final one, and the final response;
    None where the server closes the connection without answering (nginx's 444 and 499)."""

    request: Message
    interim: tuple[Message, ...]
    response: Message | None
    # Content the client sends only after an interim 100 Continue (Expect: 100-continue).
    continued: str = ""

    @property
    def text(self) -> str:
        """The exchange as a reader sees it: request, then responses, with plain newlines."""
        parts = [self.request.text.replace("\r\n", "\n").rstrip("\n")]
        parts.extend(m.text.replace("\r\n", "\n").rstrip("\n") for m in self.interim)
        if self.continued:
            parts.append(self.continued)
        if self.response is None:
            parts.append("(no response: the server closes the connection)")
        else:
            parts.append(self.response.text.replace("\r\n", "\n").rstrip("\n"))
        return "\n\n".join(parts) + "\n"


def status_line(status: StatusCode) -> str:
    return f"HTTP/1.1 {status.code} {status.wire_phrase}"


def is_interim(status: StatusCode) -> bool:
    """A 1xx comes before the final response, except 101, after which HTTP ends."""
    return status.code < 200 and status.code != 101


def has_content(status: StatusCode) -> bool:
    """Whether the final response carries content; registry data first, then the protocol's
    own rule (RFC 9110 Section 6.4.1: never on 1xx, 204 or 304)."""
    return status.content and status.code not in (204, 304) and status.code >= 200


def content_range(status: StatusCode, length: int, first: int = 0, last: int = RANGE_END) -> str:
    """Content-Range for 206 (the bytes sent) or 416 (only the complete length)."""
    if status.code == 416:
        return f"bytes */{length}"
    return f"bytes {first}-{last}/{length}"


def response_field(status: StatusCode, name: str, location: str = DEFAULT_LOCATION) -> str:
    """An example value for a response header the registry lists for the code."""
    lowered = name.lower()
    digit = status.code // 100
    values = {
        # Redirects point where asked; 201 and 202 at the item; 104 at the upload resource.
        "location": {3: location, 1: f"{EXAMPLE_PATH}/upload"}.get(digit, EXAMPLE_PATH),
        "etag": EXAMPLE_ETAG,
        "last-modified": EXAMPLE_DATE,
        "cache-control": "max-age=3600",
        "content-range": content_range(status, len(RESOURCE)),
        "accept-ranges": "bytes",
        "im": "feed",
        "www-authenticate": 'Bearer realm="api"',
        "proxy-authenticate": 'Basic realm="proxy"',
        "allow": "GET, HEAD",
        "retry-after": str(RETRY_AFTER_SECONDS),
        "link": (
            "</style.css>; rel=preload; as=style"
            if digit == 1
            else '<https://authority.example/>; rel="blocked-by"'
        ),
        "upgrade": "websocket",
        "connection": "upgrade"
        if any(h.name.lower() == "upgrade" for h in status.headers)
        else "close",
        "accept": "application/json",
        "accept-encoding": "gzip",
    }
    return values.get(lowered, "example")


def response_fields(status: StatusCode, location: str = DEFAULT_LOCATION) -> list[tuple[str, str]]:
    """The headers the registry lists as the server's for this code, with example values.
    Location goes on every redirect even where the registry calls it optional (300)."""
    fields = [
        (h.name, response_field(status, h.name, location))
        for h in status.headers
        if header_side(h) is Side.RESPONSE
    ]
    if status.redirect is not None and not any(n.lower() == "location" for n, _ in fields):
        fields.insert(0, ("Location", location))
    return fields


def _request_field(name: str, status: StatusCode) -> tuple[str, str]:
    # 416 answers a range beyond the resource's end.
    first, last = (100, 199) if status.code == 416 else (0, RANGE_END)
    values = {
        "expect": "100-continue",
        "if-match": EXAMPLE_ETAG.replace("5d8c", "0000"),
        "if-none-match": EXAMPLE_ETAG,
        "range": f"bytes={first}-{last}",
        "accept": "application/xml",
        "upgrade": "websocket",
    }
    return name, values.get(name.lower(), "example")


# The request method, where the code is about what the request carried or changed; every other
# request is a GET (or follows from the headers: Allow, Expect, a missing Content-Length).
CONTENT_METHODS = {201: "POST", 202: "POST", 204: "PUT", 409: "PUT", 413: "POST", 415: "POST"}
CONTENT_METHODS |= {422: "POST", 412: "PUT", 428: "PUT"}


def _request_method(status: StatusCode, listed: set[str], missing: set[str]) -> str:
    if any(h.name.lower() == "allow" for h in status.headers):
        return "DELETE"  # a method the Allow list leaves out
    if "expect" in listed or "content-length" in missing:
        return "POST"
    return CONTENT_METHODS.get(status.code, "GET")


def websocket_accept(key: str) -> str:
    """Sec-WebSocket-Accept for a Sec-WebSocket-Key (RFC 6455, section 4.2.2)."""
    digest = hashlib.sha1((key + WEBSOCKET_GUID).encode("ascii"), usedforsecurity=False).digest()
    return base64.b64encode(digest).decode("ascii")


def _switches_to_websocket(status: StatusCode) -> bool:
    return status.code == 101 and any(h.name.lower() == "upgrade" for h in status.headers)


def _request(status: StatusCode) -> Message:
    fields: list[tuple[str, str]] = [("Host", EXAMPLE_HOST)]
    listed = [h.name for h in status.headers if header_side(h) is Side.REQUEST]
    missing = {h.name.lower() for h in status.headers if header_side(h) is Side.MISSING}
    fields.extend(
        _request_field(name, status) for name in listed if name.lower() != "content-length"
    )
    # What a response header implies about the request that caused it.
    names = {h.name.lower() for h in status.headers}
    if "content-range" in names:
        fields.append(_request_field("Range", status))
    if status.code == 304:
        fields.append(_request_field("If-None-Match", status))
    if "upgrade" in names and status.code < 200:
        fields.extend([("Connection", "Upgrade"), _request_field("Upgrade", status)])
        if _switches_to_websocket(status):  # a valid handshake, not just the two fields
            fields.extend([("Sec-WebSocket-Key", WEBSOCKET_KEY), ("Sec-WebSocket-Version", "13")])
    if not any(n.lower() == "accept" for n, _ in fields):
        fields.append(("Accept", "application/json"))
    method = _request_method(status, {n.lower() for n in listed}, missing)
    body = ""
    if method in ("POST", "PUT"):
        body = '{"name": "example"}'
        fields.append(("Content-Type", "application/json"))
        if "content-length" in missing:
            fields.append(("Transfer-Encoding", "chunked"))
            body = f"{len(body):x}\r\n{body}\r\n0\r\n\r\n"
        else:
            fields.append(("Content-Length", str(len(body.encode()))))
    # A POST creates an item in the collection; everything else addresses the item.
    path = EXAMPLE_PATH.rsplit("/", 1)[0] if method == "POST" else EXAMPLE_PATH
    return Message(f"{method} {path} HTTP/1.1", tuple(fields), body)


def response_body(status: StatusCode) -> tuple[str, str]:
    """(Content-Type, content) of a final response that carries content: a problem details
    object (RFC 9457) for errors, a small JSON object otherwise, the bytes asked for on 206."""
    if status.code == 206:
        return "text/plain", RESOURCE[: RANGE_END + 1].decode()
    if status.code >= 400:
        problem = {"type": "about:blank", "title": status.wire_phrase, "status": status.code}
        problem["detail"] = status.summary
        return "application/problem+json", json.dumps(problem)
    if status.code // 100 == 3:
        return "text/plain", f"Redirecting to {DEFAULT_LOCATION}"
    return "application/json", json.dumps({"id": 42, "name": "example"})


def _final_response(status: StatusCode, final: StatusCode) -> Message:
    fields: list[tuple[str, str]] = [("Date", EXAMPLE_DATE)]
    if final is status:
        fields.extend(response_fields(status))
        if _switches_to_websocket(status):
            fields.append(("Sec-WebSocket-Accept", websocket_accept(WEBSOCKET_KEY)))
    body = ""
    if has_content(final):
        content_type, body = response_body(final)
        fields.extend([("Content-Type", content_type), ("Content-Length", str(len(body.encode())))])
    elif final.code not in (204, 304) and final.code >= 200 and final.code != 101:
        fields.append(("Content-Length", "0"))
    return Message(status_line(final), tuple(fields), body)


def example_exchange(status: StatusCode, ok: StatusCode) -> Exchange:
    """The example exchange for a code; `ok` is the registry's 200, the final response that
    follows an interim 1xx."""
    request = _request(status)
    if status.code in CLOSES_WITHOUT_RESPONSE:
        return Exchange(request, (), None)
    if is_interim(status):
        interim = Message(status_line(status), tuple(response_fields(status)))
        continued = ""
        if request.field("Expect"):  # the content waits for the interim 100 Continue
            request, continued = request._replace(body=""), request.body
        return Exchange(request, (interim,), _final_response(ok, ok), continued)
    if request.field("Expect"):  # no 100 Continue came: the client never sends the content
        request = request._replace(body="")
    return Exchange(request, (), _final_response(status, status))


def registry_example(status: StatusCode, registry: Registry) -> Exchange:
    """The example exchange for a code of this registry (whose 200 follows an interim 1xx)."""
    ok = registry.lookup(200) or status._replace(
        code=200, phrase="OK", aliases=(), headers=(), content=True, redirect=None, method=None
    )
    return example_exchange(status, ok)


def example_text(status: StatusCode, registry: Registry) -> str:
    return registry_example(status, registry).text
