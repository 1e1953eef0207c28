"""Reading one input: open it, tell its format, and feed its lines to that format's reader."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from http_status_browser.explain.accesslog import (
    ACCESS_LINE,
    add_access_line,
    count_access_block,
)
from http_status_browser.explain.detect import DetectError, detect, looks_binary
from http_status_browser.explain.fields import FieldsReader
from http_status_browser.explain.har import count_har
from http_status_browser.explain.jsonlines import (
    STATUS_KEYS,
    JsonLinesReader,
    add_record,
    parse_object,
)
from http_status_browser.explain.reading import (
    CHUNK,
    Block,
    LineBlocks,
    SourceError,
    as_utf8,
    close_source,
    open_source,
    past_nul_run,
    read_first_chunk,
)
from http_status_browser.explain.report import Format, SourceSummary
from http_status_browser.explain.tally import Cancelled, ExplainOptions, Tally
from http_status_browser.explain.transcript import TranscriptReader, status_line

BINARY = "a binary file, not a log (it contains NUL bytes)"
ChunkRead = Callable[[], None]  # called after each chunk of an input is read


def mixed_line(line: bytes, number: int, tally: Tally) -> None:
    """A line that is not in the input's format: another format mixed in, or unreadable."""
    stripped = line.strip()
    if not stripped:
        return
    found = ACCESS_LINE.match(stripped)
    if found is not None:
        add_access_line(stripped, found, tally)
        return
    status = status_line(stripped)
    if status is not None:
        tally.add(*status)
        return
    if stripped.startswith(b"{"):
        record = parse_object(stripped)
        if record is not None and add_record(record, STATUS_KEYS, tally):
            return
    tally.fail(number, "no status code found", line)


def chosen_format(options: ExplainOptions) -> Format:
    """The format the options name: --field means a custom access log, --key JSON lines."""
    if options.field is not None:
        return Format.FIELDS
    if options.key and options.format is Format.AUTO:
        return Format.JSON_LINES
    return options.format


def _line_counter(
    fmt: Format, field: int | str | None, key: str | None
) -> Callable[[Block, Tally], None]:
    if fmt is Format.FIELDS:
        return FieldsReader(field).count_block
    if fmt is Format.JSON_LINES:
        reader = JsonLinesReader(key)
        return lambda block, tally: reader.count_block(block, tally, mixed_line)
    if fmt is Format.TRANSCRIPT:
        return TranscriptReader().count_block
    return lambda block, tally: count_access_block(block, tally, mixed_line)


def read_stream(
    name: str,
    first_chunk: bytes,
    stream: IO[bytes] | None,
    tally: Tally,
    *,
    chunk_read: ChunkRead | None = None,
    cancelled: Cancelled | None = None,
) -> SourceSummary:
    """Counts one input whose first bytes are `first_chunk` and the rest in `stream` (None
    when `first_chunk` is all of it)."""
    options = tally.options
    tally.source = name
    tally.unit = "line"
    fmt = chosen_format(options)
    if fmt is not Format.HAR:
        if looks_binary(first_chunk):
            return SourceSummary(name, fmt, 0, 0, BINARY)
        first_chunk = past_nul_run(first_chunk, stream)
    complete = stream is None or len(first_chunk) < CHUNK
    if fmt is Format.AUTO:
        try:
            fmt = detect(first_chunk, complete)
        except DetectError as error:
            return SourceSummary(name, Format.AUTO, 0, 0, str(error))
    elif not first_chunk:
        return SourceSummary(name, fmt, 0, 0, "empty: no lines to read")
    before = tally.total()

    if fmt is Format.HAR:
        tally.unit = "entry"
        entries, problem = count_har(first_chunk, stream, tally, chunk_read, cancelled)
        return SourceSummary(name, fmt, entries, tally.total() - before, problem)

    count = _line_counter(fmt, options.field, options.key)

    def too_long(number: int) -> None:
        tally.fail(number, "a line longer than 1 MiB (binary data?)", b"")

    batches = LineBlocks(stream, first_chunk, too_long, chunk_read)
    stopped = ""
    try:
        for block in batches:
            count(block, tally)
            if cancelled is not None and cancelled():
                stopped = "cancelled"
                break
    except SourceError as problem:
        stopped = str(problem)
    return SourceSummary(name, fmt, batches.lines, tally.total() - before, stopped)


def read_source(
    name: str,
    tally: Tally,
    stdin: IO[bytes] | None,
    progress: Callable[[int], None] | None = None,
    cancelled: Cancelled | None = None,
) -> SourceSummary:
    """Opens and counts one named input ("-" for standard input)."""
    display = "standard input" if name == "-" else name
    fmt = chosen_format(tally.options)
    try:
        source = open_source(name, stdin, cancelled)
    except SourceError as error:
        return SourceSummary(display, fmt, 0, 0, str(error))
    try:
        stream, first = as_utf8(source.stream, read_first_chunk(source))

        def chunk_read() -> None:
            """Progress in bytes of the file itself (compressed ones too)."""
            if progress is not None:
                try:
                    progress(source.raw.tell())
                except OSError:  # a pipe has no position: progress shows as busy instead
                    progress(0)

        return read_stream(
            display, first, stream, tally, chunk_read=chunk_read, cancelled=cancelled
        )
    except SourceError as error:
        return SourceSummary(display, fmt, 0, 0, str(error))
    finally:
        close_source(source)
