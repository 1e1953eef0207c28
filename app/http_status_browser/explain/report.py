"""What explaining an input produces: immutable records, no Qt, no registry look-ups."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Format(StrEnum):
    """Input formats, as named with `--format`."""

    AUTO = "auto"
    ACCESS_LOG = "access-log"  # NCSA common and combined (Apache, nginx defaults)
    FIELDS = "fields"  # a custom access log: the status is whitespace-separated field N
    TRANSCRIPT = "transcript"  # raw responses, status lines, curl -i and curl -v output
    JSON_LINES = "json-lines"
    HAR = "har"


class PhraseSeen(NamedTuple):
    """A reason phrase as the input sent it, with how often."""

    phrase: str
    hits: int


class TargetCount(NamedTuple):
    """A path or URL and how many times it answered with one code."""

    target: str
    hits: int


class CodeCount(NamedTuple):
    code: int
    hits: int
    phrases: tuple[PhraseSeen, ...] = ()  # the phrases seen on status lines, most common first
    top: tuple[TargetCount, ...] = ()  # the most frequent paths or URLs (error codes, --top)


class UnreadLine(NamedTuple):
    """A line that could not be read, for showing: its text is cut short and untrusted."""

    source: str
    line: int
    reason: str
    text: str
    unit: str = "line"  # "entry" in a HAR file


class SourceSummary(NamedTuple):
    """One input: a file, a compressed file, standard input or pasted text."""

    name: str
    format: Format
    lines: int
    codes: int
    error: str = ""  # why it could not be read (or not to its end); empty when it was


class TimeBucket(NamedTuple):
    """Codes counted in one interval, by class digit (1 to 5; 0 for anything else)."""

    start: float  # seconds since the epoch, UTC
    by_class: tuple[int, int, int, int, int, int]


class BreakdownRow(NamedTuple):
    """One path, host, hour or day of `--by`, with the selected codes counted by class."""

    key: str
    hits: int
    by_class: tuple[int, int, int, int, int, int]  # by class digit, as TimeBucket
    start: float | None = None  # an hour's or a day's start, seconds since the epoch (UTC)


class Breakdown(NamedTuple):
    by: str  # path, host, hour or day
    selection: str  # the codes and classes broken down ("404,5xx"); "" for all
    rows: tuple[BreakdownRow, ...]
    distinct: int  # paths or hosts seen (rows holds the most frequent), or hours or days
    counted: int  # codes that were selected and broken down


class Report(NamedTuple):
    sources: tuple[SourceSummary, ...]
    codes: tuple[CodeCount, ...]  # by code
    total: int  # status codes counted
    unread: int  # lines that could not be read
    unread_samples: tuple[UnreadLine, ...]
    timeline: tuple[TimeBucket, ...] = ()  # empty when the input has no timestamps
    bucket_seconds: int = 0
    cancelled: bool = False
    breakdown: Breakdown | None = None  # with --by
    outside: int = 0  # codes left out by --since or --until (or without a time then)

    @property
    def errors(self) -> tuple[str, ...]:
        return tuple(f"{s.name}: {s.error}" for s in self.sources if s.error)
