"""JSON lines logs: one object per line, the status under one of the usual keys (or the key
the user names), the path or URL and the time where the logger records them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence

from http_status_browser.explain.reading import Block
from http_status_browser.explain.tally import Tally
from http_status_browser.explain.timeline import epoch_of

# Where loggers put the status: flat, nested, or flat with dots in the key (Datadog, ECS,
# pino, Google Cloud's httpRequest, Caddy, Traefik...).
STATUS_KEYS = (
    "status",
    "status_code",
    "statusCode",
    "http.status_code",
    "http.response.status_code",
    "response.status",
    "response.status_code",
    "res.statusCode",
    "httpRequest.status",
    "DownstreamStatus",
    "http_status",
    "response_status",
)
TARGET_KEYS = (
    "url",
    "path",
    "uri",
    "request_uri",
    "http.url",
    "url.original",
    "url.path",
    "request.uri",
    "request.url",
    "req.url",
    "httpRequest.requestUrl",
    "RequestPath",
    "request",
)
# The client's address, for --by host (nginx, ECS, Datadog, Traefik, Caddy, pino, Google Cloud).
CLIENT_KEYS = (
    "remote_addr",
    "client_ip",
    "remote_ip",
    "client.ip",
    "source.ip",
    "network.client.ip",
    "http.client_ip",
    "ClientHost",
    "request.remote_ip",
    "request.client_ip",
    "req.remoteAddress",
    "httpRequest.remoteIp",
)
TIME_KEYS = ("time", "timestamp", "@timestamp", "ts", "time_local", "datetime", "date")


def lookup(record: Mapping[str, object], key: str) -> object:
    """record["a.b"] if present, else record["a"]["b"]; None when neither is there."""
    if key in record:
        return record[key]
    value: object = record
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def status_value(value: object) -> int | None:
    """A status code from 404 or "404"; None for anything else (booleans, "ok", 4040)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 100 <= value <= 999:
        return value
    if isinstance(value, str) and len(value) == 3 and value.isascii() and value.isdigit():
        code = int(value)
        return code if code >= 100 else None
    return None


def target_text(value: object) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    parts = value.split(" ")
    # nginx's $request in a JSON log: "GET /path HTTP/1.1"
    return parts[1] if len(parts) == 3 and parts[2].startswith("HTTP/") else value


def record_status(record: Mapping[str, object], keys: Sequence[str]) -> int | None:
    for key in keys:
        code = status_value(lookup(record, key))
        if code is not None:
            return code
    return None


def parse_object(line: bytes) -> dict[str, object] | None:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) else None


def add_record(record: Mapping[str, object], keys: Sequence[str], tally: Tally) -> bool:
    """Counts the record's status; False when it has none."""
    code = record_status(record, keys)
    if code is None:
        return False
    target = when = host = None
    if tally.want_target:
        target = next((t for t in (target_text(lookup(record, k)) for k in TARGET_KEYS) if t), None)
    if tally.want_time:
        when = next((w for w in (epoch_of(lookup(record, k)) for k in TIME_KEYS) if w), None)
    if tally.want_host:
        host = next(
            (h for h in (lookup(record, k) for k in CLIENT_KEYS) if isinstance(h, str)), None
        )
    tally.add(code, None, target, when, host)
    return True


class JsonLinesReader:
    def __init__(self, key: str | None) -> None:
        self.keys = (key,) if key else STATUS_KEYS

    def count_block(
        self, block: Block, tally: Tally, fallback: Callable[[bytes, int, Tally], None]
    ) -> None:
        first = block.first
        for offset, line in enumerate(block.text.split(b"\n")):
            stripped = line.strip()
            if not stripped:
                continue
            if not stripped.startswith(b"{"):
                fallback(line, first + offset, tally)  # another format mixed in
                continue
            record = parse_object(stripped)
            if record is None:
                tally.fail(first + offset, "not valid JSON", line)
            elif not add_record(record, self.keys, tally):
                where = f"under {self.keys[0]!r}" if len(self.keys) == 1 else "under a known key"
                tally.fail(first + offset, f"no status code {where}", line)
