"""HAR 1.2 files (browser DevTools exports): each entry's response status, with its URL.

A HAR file is one JSON document, so it is read whole, up to MAX_HAR bytes; its entries are
decoded one by one so that a truncated file still yields the entries before the cut.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from app.explain.jsonlines import status_value
from app.explain.tally import Tally
from app.explain.timeline import parse_iso

MAX_HAR = 512 << 20
ENTRIES = re.compile(r'"entries"\s*:\s*\[')
BETWEEN = re.compile(r"[\s,]*")


def _entry(entry: object, index: int, tally: Tally) -> None:
    response = entry.get("response") if isinstance(entry, Mapping) else None
    status = response.get("status") if isinstance(response, Mapping) else None
    request = entry.get("request") if isinstance(entry, Mapping) else None
    url = request.get("url") if isinstance(request, Mapping) else None
    url_text = url if isinstance(url, str) else ""
    code = status_value(status)
    if code is None:
        reason = (
            "no response (status 0: blocked, cancelled or failed)"
            if status == 0
            else "entry without a response status"
        )
        tally.fail(index, reason, url_text)
        return
    phrase = response.get("statusText") if isinstance(response, Mapping) else None
    started = entry.get("startedDateTime") if isinstance(entry, Mapping) else None
    when = parse_iso(started) if isinstance(started, str) and tally.want_time else None
    tally.add(code, phrase if isinstance(phrase, str) else None, url_text or None, when)


def count_har(data: bytes, tally: Tally) -> tuple[int, str]:
    """Counts every entry (numbered from 1 in messages); returns how many entries there were
    and a problem in words, or ""."""
    text = data.decode("utf-8", errors="replace")
    start = ENTRIES.search(text)
    if start is None:
        try:
            json.loads(text)
        except (ValueError, RecursionError) as error:
            return 0, f"not valid JSON ({error})"
        return 0, "no log.entries in this HAR file"
    decoder = json.JSONDecoder()
    position = start.end()
    index = 0
    while True:
        position = BETWEEN.match(text, position).end()  # type: ignore[union-attr]
        if position >= len(text):
            return index, f"the file ends early, after {index} entries (a truncated HAR file)"
        if text[position] == "]":
            return index, ""
        try:
            entry, position = decoder.raw_decode(text, position)
        except (ValueError, RecursionError):
            return index, f"entry {index + 1} is cut short or not valid JSON (truncated?)"
        index += 1
        _entry(entry, index, tally)
