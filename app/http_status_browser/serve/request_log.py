"""Access log lines in the combined log format (as Apache and nginx write them), with every
byte that came from the request escaped, so a request cannot forge or split log lines."""

from __future__ import annotations

import re
import time

# Bytes outside printable ASCII, and the quote and the backslash, which delimit and escape.
_UNSAFE = re.compile(rb'[^\x20-\x7e]|["\\]')
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_LOGGED = 2048


def escape_field(raw: bytes | str | None) -> str:
    """A request value for the log: bytes outside printable ASCII, quotes and backslashes as
    \\xHH (nginx's escaping); "-" when absent; at most MAX_LOGGED bytes."""
    if raw is None or raw in (b"", ""):
        return "-"
    data = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
    cut = _UNSAFE.sub(lambda m: b"\\x%02X" % m.group()[0], data[:MAX_LOGGED])
    return cut.decode("ascii") + ("..." if len(data) > MAX_LOGGED else "")


def log_time(seconds: float) -> str:
    """[10/Oct/2000:13:55:36 +0000], in UTC."""
    t = time.gmtime(seconds)
    return (
        f"[{t.tm_mday:02d}/{_MONTHS[t.tm_mon - 1]}/{t.tm_year}:"
        f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} +0000]"
    )


def combined_line(
    client: str,
    request_line: bytes | None,
    *,
    status: int,
    size: int,
    referer: bytes | None,
    user_agent: bytes | None,
    when: float,
) -> str:
    """One line: client - - [time] "request line" status size "referer" "user agent"."""
    return (
        f'{escape_field(client)} - - {log_time(when)} "{escape_field(request_line)}" '
        f'{status} {size if size else "-"} "{escape_field(referer)}" '
        f'"{escape_field(user_agent)}"'
    )
