"""Telling the format of an input from its first bytes."""

from __future__ import annotations

import re

from http_status_browser.explain.accesslog import ACCESS_LINE
from http_status_browser.explain.fields import has_status_header
from http_status_browser.explain.jsonlines import STATUS_KEYS, parse_object, record_status
from http_status_browser.explain.reading import drop_nuls
from http_status_browser.explain.report import Format
from http_status_browser.explain.transcript import STATUS_LINE

SAMPLE_LINES = 200
HAR_START = re.compile(rb'\s*\{\s*"log"\s*:\s*\{')


class DetectError(Exception):
    """The input is not something we read, said in words."""


# Control bytes that text logs do not hold (tab, newlines, form feed and ESC are left out:
# hostile logs carry escape sequences, and they are shown as escapes).
CONTROL = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")


def looks_binary(sample: bytes) -> bool:
    """NUL bytes beside other control bytes in the first 8 KiB. NUL bytes alone are a log
    truncated under its writer (logrotate's copytruncate leaves a run of them where the old
    content was): they are dropped as the lines are read (reading.drop_nuls)."""
    head = sample[:8192]
    return b"\0" in head and CONTROL.search(head.replace(b"\0", b"")) is not None


def looks_like_har(sample: bytes) -> bool:
    """A document that opens with {"log": {...} and has "entries" (a JSON lines log may well
    have a "log" key holding a message)."""
    return HAR_START.match(sample) is not None and b'"entries"' in sample


def detect(sample: bytes, complete: bool) -> Format:
    """The format of an input whose first bytes are `sample` (all of it when `complete`).

    Counts which line format most of the first lines are in; a transcript wins only when no
    line is an access log or JSON line, since its headers and bodies match nothing.
    """
    if not sample.strip():
        raise DetectError("empty: no lines to read")
    if looks_binary(sample):
        raise DetectError("a binary file, not a log (it contains NUL bytes)")
    sample = drop_nuls(sample)
    if not sample.strip():
        raise DetectError("empty: no lines to read (only NUL bytes)")
    if looks_like_har(sample):
        return Format.HAR
    if has_status_header(sample):  # Zeek's http.log, a W3C extended log (IIS)
        return Format.FIELDS
    lines = sample.split(b"\n")
    if not complete and len(lines) > 1:
        lines.pop()  # cut off in the middle
    access = json_lines = transcript = 0
    for line in lines[:SAMPLE_LINES]:
        if ACCESS_LINE.match(line):
            access += 1
        elif STATUS_LINE.match(line):
            transcript += 1
        elif line.lstrip().startswith(b"{"):
            record = parse_object(line)
            if record is not None and record_status(record, STATUS_KEYS) is not None:
                json_lines += 1
    if access or json_lines:
        return Format.ACCESS_LOG if access >= json_lines else Format.JSON_LINES
    if transcript:
        return Format.TRANSCRIPT
    if sample.lstrip().startswith(b"{"):
        raise DetectError(
            "JSON without a status code under a known key; name it with --key, "
            "or this is a truncated or unusual HAR file"
        )
    raise DetectError(
        "no status codes in the first lines, in any format we know; name the format with "
        "--format, or the status field with --field N"
    )
