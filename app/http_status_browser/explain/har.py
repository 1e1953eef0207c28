"""HAR 1.2 files (browser DevTools exports): each entry's response status, with its URL.

A HAR file is one JSON document, but it is streamed like the logs: the way to "log" ->
"entries" is walked key by key (other values are skipped without being held), then each entry
is decoded on its own from a sliding buffer refilled in 1 MiB chunks. Memory is bounded by the
largest entry, and an entry over MAX_ENTRY (a saved response body) is skipped and counted as
unread. A truncated file keeps the entries before the cut.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import IO
from urllib.parse import urlsplit

from http_status_browser.explain.jsonlines import status_value
from http_status_browser.explain.reading import CHUNK, SourceError, read_chunk
from http_status_browser.explain.tally import Cancelled, Tally
from http_status_browser.explain.timeline import parse_iso

MAX_ENTRY = 8 << 20  # characters of one entry held at once
MAX_DEPTH = 10_000  # nesting followed when skipping a value
SPACE = re.compile(r"[ \t\n\r]*")
BETWEEN = re.compile(r"[ \t\n\r,]*")  # as lenient as before: stray commas between entries
STRUCTURE = re.compile(r'[\[\]{}"]')
STRING_END = re.compile(r'["\\]')
SCALAR_END = re.compile(r"[ \t\n\r,\]}]")
CLOSING = {"]": "[", "}": "{"}
SCALARS = (int, float, bool, type(None))


class HarSyntaxError(Exception):
    """Not the JSON a HAR file should be, said in words."""


class HarEndError(Exception):
    """The input ended before the document did."""


class HarCancelledError(Exception):
    """The user cancelled between two chunks."""


class HarCursor:
    """The text of a stream from a position on: a str buffer that drops what was consumed
    each time it is refilled, so it holds only what is being decoded."""

    def __init__(
        self,
        first_chunk: bytes,
        stream: IO[bytes] | None,
        chunk_read: Callable[[], None] | None,
        cancelled: Cancelled | None,
    ) -> None:
        self.utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.stream = stream
        self.chunk_read = chunk_read
        self.cancelled = cancelled
        self.eof = stream is None
        self.text = self.utf8.decode(first_chunk, final=self.eof)
        self.pos = 0
        self.dropped = 0  # characters before text[0], for positions in messages
        self.json = json.JSONDecoder()

    def where(self) -> int:
        return self.dropped + self.pos

    def more(self, size: int = CHUNK) -> bool:
        """Reads on (`size` bytes) keeping text[pos:]; False at the end of the input."""
        if self.stream is None or self.eof:
            return False
        data = read_chunk(self.stream, size)
        if self.chunk_read is not None:
            self.chunk_read()
        if self.cancelled is not None and self.cancelled():
            raise HarCancelledError
        if not data:
            self.eof = True
        tail = self.utf8.decode(data, final=self.eof)
        self.dropped += self.pos
        self.text = self.text[self.pos :] + tail
        self.pos = 0
        return bool(data) or bool(tail)

    def peek(self, pattern: re.Pattern[str] = SPACE) -> str:
        """The next character after whitespace (after `pattern`); "" at the end."""
        while True:
            self.pos = pattern.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def expect(self, char: str, what: str) -> None:
        found = self.peek()
        if found != char:
            if not found:
                raise HarEndError
            raise HarSyntaxError(f"expected {what} at character {self.where()}")
        self.pos += 1

    def decode(self, limit: int) -> object:
        """The JSON value at pos, decoded whole; MaxEntry when it is longer than `limit`."""
        while True:
            try:
                value, end = self.json.raw_decode(self.text, self.pos)
            except (ValueError, RecursionError) as error:
                held = len(self.text) - self.pos
                if held >= limit:
                    return self._skip_large(held, error)
                # Double what is held, so that a large entry is decoded a few times, not once
                # per chunk.
                if not self.more(max(CHUNK, min(held, limit - held))):
                    raise HarEndError from None
                continue
            if end >= len(self.text) and isinstance(value, SCALARS) and self.more():
                continue  # a number cut at the end of the buffer: read on to its end
            start, self.pos = self.pos, end
            # Over the limit even when it came whole: the same entries are unread however
            # the chunks fell.
            return MaxEntry if end - start > limit else value

    def _skip_large(self, held: int, error: Exception) -> object:
        start = self.where()
        self.skip()
        if self.where() - start <= held:  # it ended inside what raw_decode saw: not valid
            raise HarSyntaxError(str(error))
        return MaxEntry

    def skip(self) -> None:
        """Moves past the value at pos without holding it: brackets and strings are followed
        (and brackets matched), the rest is not checked."""
        first = self.peek()
        if first not in '[{"':
            while (found := SCALAR_END.search(self.text, self.pos)) is None:
                self.pos = len(self.text)
                if not self.more():
                    return
            self.pos = found.start()
            return
        stack: list[str] = []
        in_string = False
        while True:
            found = (STRING_END if in_string else STRUCTURE).search(self.text, self.pos)
            if found is None:
                self.pos = len(self.text)
                if not self.more():
                    raise HarEndError
                continue
            char = found.group()
            self.pos = found.start()
            if char == "\\":
                if self.pos + 1 >= len(self.text):
                    if not self.more():
                        raise HarEndError
                    continue  # pos is still on the backslash
                self.pos += 2
                continue
            self.pos += 1
            if char == '"':
                in_string = not in_string
            elif char in CLOSING:
                if not stack or stack.pop() != CLOSING[char]:
                    raise HarSyntaxError(f"unexpected {char!r} at character {self.where() - 1}")
            else:
                if len(stack) >= MAX_DEPTH:
                    raise HarSyntaxError(f"nested more than {MAX_DEPTH} deep")
                stack.append(char)
            if not stack and not in_string:
                return

    def members(self) -> Iterator[str]:
        """The keys of the object whose "{" was just read; after each key the caller reads
        or skips its value."""
        char = self.peek()
        if char == "}":
            self.pos += 1
            return
        while True:
            if char != '"':
                if not char:
                    raise HarEndError
                raise HarSyntaxError(f"expected a key at character {self.where()}")
            key = self.decode(MAX_ENTRY)
            self.expect(":", "':'")
            yield key if isinstance(key, str) else ""
            char = self.peek()
            if char == "}":
                self.pos += 1
                return
            if char != ",":
                if not char:
                    raise HarEndError
                raise HarSyntaxError(f"expected ',' or '}}' at character {self.where()}")
            self.pos += 1
            char = self.peek()


class _MaxEntry:
    """An entry longer than MAX_ENTRY, skipped."""


MaxEntry = _MaxEntry()


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
    host = urlsplit(url_text).netloc or None if tally.want_host else None
    tally.add(code, phrase if isinstance(phrase, str) else None, url_text or None, when, host)


def _find_entries(cursor: HarCursor) -> bool:
    """Moves to just inside log.entries' "["; False when the document has none."""
    cursor.expect("{", "a JSON object")
    for key in cursor.members():
        if key != "log" or cursor.peek() != "{":
            cursor.skip()
            continue
        cursor.pos += 1
        for inner in cursor.members():
            if inner == "entries" and cursor.peek() == "[":
                cursor.pos += 1
                return True
            cursor.skip()
    return False


def _count_entries(cursor: HarCursor, tally: Tally) -> tuple[int, str]:
    index = 0
    try:
        while True:
            char = cursor.peek(BETWEEN)
            if not char:
                return index, f"the file ends early, after {index} entries (a truncated HAR file)"
            if char == "]":
                return index, ""
            entry = cursor.decode(MAX_ENTRY)
            index += 1
            if entry is MaxEntry:
                tally.fail(index, f"an entry longer than {MAX_ENTRY >> 20} MiB (a saved body?)")
            else:
                _entry(entry, index, tally)
    except (HarEndError, HarSyntaxError):
        return index, f"entry {index + 1} is cut short or not valid JSON (truncated?)"
    except HarCancelledError:
        return index, "cancelled"
    except SourceError as error:
        return index, f"{error}, after {index} entries"


def count_har(
    first_chunk: bytes,
    stream: IO[bytes] | None,
    tally: Tally,
    chunk_read: Callable[[], None] | None = None,
    cancelled: Cancelled | None = None,
) -> tuple[int, str]:
    """Counts every entry (numbered from 1 in messages) of the HAR document whose first bytes
    are `first_chunk` and the rest in `stream`; returns how many entries there were and a
    problem in words, or ""."""
    cursor = HarCursor(first_chunk, stream, chunk_read, cancelled)
    try:
        if not _find_entries(cursor):
            return 0, "no log.entries in this HAR file"
    except HarSyntaxError as error:
        return 0, f"not valid JSON ({error})"
    except HarEndError:
        return 0, "not valid JSON (the file ends before its log.entries)"
    except HarCancelledError:
        return 0, "cancelled"
    except SourceError as error:
        return 0, str(error)
    return _count_entries(cursor, tally)
