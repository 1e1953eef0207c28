"""Logs of separated fields: a custom access log read by field number (`--field 9`, as awk's
$9), and Zeek's http.log and W3C extended logs (IIS) read by the names in their header
(`--field status_code`; found without --field too).

A line holding a tab is cut at tabs only (Zeek, TSV: a user agent keeps its spaces); any
other line at runs of spaces and tabs, as awk does. Lines starting with # are headers or
comments, never counted.
"""

from __future__ import annotations

import re

from http_status_browser.explain.reading import Block
from http_status_browser.explain.tally import Tally
from http_status_browser.explain.timeline import parse_iso

# Header names, Zeek's first then W3C's.
STATUS_NAMES = ("status_code", "sc-status")
TARGET_NAMES = ("uri", "cs-uri-stem")
HOST_NAMES = ("id.orig_h", "c-ip")
PHRASE_NAMES = ("status_msg",)
QUOTED_TARGET = re.compile(rb'"[A-Z]+ (\S+)')
BRACKET_TIME = re.compile(rb"\[(\d\d/[A-Za-z]{3}/\d{4}:\d\d:\d\d:\d\d [^\]\n]*)\]")


def field_target(line: bytes, parts: list[bytes]) -> bytes | None:
    """The path in a custom log line: from a quoted request, else the first field with a /."""
    quoted = QUOTED_TARGET.search(line)
    if quoted is not None:
        return quoted.group(1)
    return next((p for p in parts if p.startswith(b"/")), None)


def header_names(line: bytes) -> list[str] | None:
    """The field names of a Zeek `#fields` or W3C `#Fields:` header line, else None."""
    if line.startswith(b"#fields\t"):
        names = line.rstrip(b"\r").split(b"\t")[1:]
    elif line.startswith(b"#Fields:"):
        names = line[len(b"#Fields:") :].split()
    else:
        return None
    return [name.decode("utf-8", errors="replace") for name in names]


def has_status_header(sample: bytes) -> bool:
    """True when the first lines hold a Zeek or W3C header naming the status field."""
    for line in sample.split(b"\n", 100)[:100]:
        names = header_names(line)
        if names is not None and any(name in names for name in STATUS_NAMES):
            return True
    return False


def _field(parts: list[bytes], index: int | None) -> bytes | None:
    return parts[index] if index is not None and index < len(parts) else None


class FieldsReader:
    """Counts the status in one field: by number, or by a name from the header."""

    def __init__(self, field: int | str | None) -> None:
        self.field = field  # None: the status field the header names
        self.index = field - 1 if isinstance(field, int) else None
        self.names: dict[str, int] = {}

    def _named(self, names: tuple[str, ...]) -> int | None:
        return next((self.names[n] for n in names if n in self.names), None)

    def read_header(self, line: bytes) -> None:
        names = header_names(line)
        if names is None:
            return
        self.names = {name: index for index, name in enumerate(names)}
        if not isinstance(self.field, int):
            self.index = self._named((self.field,) if self.field else STATUS_NAMES)

    def problem(self) -> str:
        if isinstance(self.field, int):
            return f"no status code in field {self.field}"
        if self.index is None:
            wanted = self.field or " or ".join(STATUS_NAMES)
            return f"no #fields header names {wanted} (give the field's number with --field N)"
        return f"no status code in {self.field or 'the status field'}"

    def count_block(self, block: Block, tally: Tally) -> None:
        codes = tally.byte_codes
        first = block.first
        detailed = tally.detailed or tally.want_top or tally.want_time or bool(self.names)
        for offset, line in enumerate(block.text.split(b"\n")):
            if line.startswith(b"#"):
                self.read_header(line)
                detailed = detailed or bool(self.names)
                continue
            parts = line.rstrip(b"\r").split(b"\t") if b"\t" in line else line.split()
            status = _field(parts, self.index) or b""
            if len(status) != 3 or not status.isdigit() or status[0] == 48:
                if line.strip():
                    tally.fail(first + offset, self.problem(), line)
                continue
            if detailed:
                self.add_line(int(status), line, parts, tally)
            else:
                codes[status] = codes.get(status, 0) + 1

    def add_line(self, code: int, line: bytes, parts: list[bytes], tally: Tally) -> None:
        """A line with its phrase (Zeek's status_msg), path, client and time."""
        phrase = _field(parts, self._named(PHRASE_NAMES)) if self.names else None
        text = phrase.decode("utf-8", errors="replace") if phrase not in (None, b"-") else None
        target = host = None
        if tally.want_target:
            target = (
                _field(parts, self._named(TARGET_NAMES))
                if self.names
                else field_target(line, parts)
            )
        if tally.want_host:
            host = _field(parts, self._named(HOST_NAMES)) if self.names else _field(parts, 0)
        when = self.time(line, parts) if tally.want_time else None
        tally.add(code, text, target, when, host)

    def time(self, line: bytes, parts: list[bytes]) -> bytes | float | None:
        if "ts" in self.names:  # Zeek: seconds since the epoch
            stamp = _field(parts, self.names["ts"]) or b""
            try:
                return float(stamp)
            except ValueError:
                return None
        if "date" in self.names and "time" in self.names:  # W3C: UTC date and time
            date = _field(parts, self.names["date"]) or b""
            clock = _field(parts, self.names["time"]) or b""
            return parse_iso(
                f"{date.decode('ascii', 'replace')}T{clock.decode('ascii', 'replace')}"
            )
        found = BRACKET_TIME.search(line)  # a custom access log's [time]
        return found.group(1) if found is not None else None
