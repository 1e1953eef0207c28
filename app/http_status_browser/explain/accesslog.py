"""NCSA common and combined access logs (Apache's and nginx's defaults).

The fast path: one compiled bytes pattern per line, counts keyed by the status bytes, no
decoding; paths and times only when asked for.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from http_status_browser.explain.reading import Block
from http_status_browser.explain.tally import Tally
from http_status_browser.explain.timeline import access_log_minute

# Anything before the [time] (host, ident, user; a virtual host in front is fine), the quoted
# request with its escaped quotes, then the three-digit status.
ACCESS_LINE = re.compile(rb'[^\[\n]*\[([^\]\n]*)\] "([^"\\\n]*(?:\\.[^"\\\n]*)*)" (\d{3})(?=\s|$)')
# The fast path: ACCESS_LINE's own structure, found in a whole block at once from each
# line's newline (a literal the regex engine scans for), several times quicker than matching
# each line. No class crosses a newline, so a line holds at most one match: the counts are
# trusted only when there is exactly one per line, and then every line is one that
# ACCESS_LINE reads, with the same status. A request holding a backslash (an escaped quote)
# does not match here and takes the line-by-line path.
BLOCK_STATUSES = re.compile(rb'\n[^\[\n]*+\[[^\]\n]*+\] "[^"\\\n]*+" (\d{3})(?=\s|$)')

Fallback = Callable[[bytes, int, Tally], None]


def request_target(request: bytes) -> bytes | None:
    """The path of "GET /path HTTP/1.1"; None for "-" or a garbled request."""
    parts = request.split(b" ")
    return parts[1] if len(parts) >= 2 else None


def block_statuses(block: Block) -> list[bytes]:
    """The fast path's statuses, one for each line it reads (see BLOCK_STATUSES)."""
    if block.start > 0:  # a block starts a line: the newline before it is in its chunk
        return BLOCK_STATUSES.findall(block.data, block.start - 1, block.end)
    return BLOCK_STATUSES.findall(b"\n" + block.text)


def client_host(line: bytes, time_start: int) -> bytes | None:
    """The client's address: the first of host, ident and user before the [time] (after a
    virtual host, when the log puts one in front)."""
    parts = line[: max(0, time_start - 1)].split()
    return parts[-3] if len(parts) >= 3 else (parts[0] if parts else None)


def count_access_block(block: Block, tally: Tally, fallback: Fallback) -> None:
    if not (tally.want_top or tally.want_time or tally.detailed):
        statuses = block_statuses(block)
        if len(statuses) == block.lines:
            codes = tally.byte_codes
            for status, count in Counter(statuses).items():
                codes[status] = codes.get(status, 0) + count
            return
    match = ACCESS_LINE.match
    codes = tally.byte_codes
    want_top, want_time = tally.want_top, tally.options.timeline
    first = block.first
    for offset, line in enumerate(block.text.split(b"\n")):
        found = match(line)
        if found is None:
            fallback(line, first + offset, tally)
        elif tally.detailed:
            add_access_line(line, found, tally)
        else:
            status = found.group(3)
            codes[status] = codes.get(status, 0) + 1
            if want_top and status >= b"400":
                target = request_target(found.group(2))
                if target is not None:
                    tally.add_target(int(status), target)
            if want_time:
                tally.add_time(access_log_minute(found.group(1)), status[0] - 48)


def add_access_line(line: bytes, found: re.Match[bytes], tally: Tally) -> None:
    """An access log line with all that --since, --until and --by may ask of it."""
    tally.add(
        int(found.group(3)),
        None,
        request_target(found.group(2)) if tally.want_target else None,
        found.group(1),
        client_host(line, found.start(1)) if tally.want_host else None,
    )
