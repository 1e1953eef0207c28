"""/anything (and any path below it): the request as JSON, as httpbin's /anything shows it, so
that a client's method, headers, query and body can be seen as the server received them."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlsplit

from http_status_browser.registry.model import Registry
from http_status_browser.serve.answer import CORS_FIELDS, Answer, problem, with_fields
from http_status_browser.serve.options import QueryError, read_query

ECHO_PATH = "/anything"


def is_echo_target(target: bytes) -> bool:
    if not target.startswith(b"/anything"):
        return False
    path = target.split(b"?", 1)[0]
    return path == ECHO_PATH.encode() or path.startswith(ECHO_PATH.encode() + b"/")


def _text(data: bytes) -> str:
    return data.decode("utf-8", "backslashreplace")


def echo_answer(
    registry: Registry,
    method: bytes,
    target: bytes,
    headers: list[tuple[bytes, bytes]],
    body: bytes,
) -> Answer:
    """200 with the request as JSON: method, path, query, headers (a name sent twice has its
    values joined by commas, RFC 9110 Section 5.3) and the body (base64 when not UTF-8).
    ?delay= and ?header= apply as on any code."""
    split = urlsplit(_text(target))
    try:
        options = read_query(split.query)
    except QueryError as error:
        return problem(registry, 400, str(error))
    seen: dict[str, str] = {}
    for name, value in headers:
        key = _text(name)
        seen[key] = f"{seen[key]}, {_text(value)}" if key in seen else _text(value)
    try:
        text, encoding = body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = base64.b64encode(body).decode("ascii"), "base64"
    data = {
        "method": _text(method),
        "path": split.path,
        "query": parse_qs(split.query, keep_blank_values=True),
        "headers": seen,
        "body": text,
        "body_encoding": encoding,
    }
    content = json.dumps(data, indent=2).encode("ascii") + b"\n"
    fields = with_fields((*CORS_FIELDS, ("Content-Type", "application/json")), options.headers)
    fields += (("Content-Length", str(len(content))),)
    return Answer(200, "OK", fields, content, delay=options.delay)
