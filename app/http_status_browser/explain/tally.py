"""Counting status codes from every input into one Report, and the entry points.

The Tally is the only mutable part: parsers add to its dictionaries directly (the access log
fast path keys them by the status bytes) and `report()` turns them into immutable records.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from http_status_browser.explain.breakdown import (
    MAX_KEYS,
    OTHER_KEY,
    By,
    CodeSelection,
    breakdown_rows,
)
from http_status_browser.explain.report import (
    Breakdown,
    CodeCount,
    Format,
    PhraseSeen,
    Report,
    SourceSummary,
    TargetCount,
    UnreadLine,
)
from http_status_browser.explain.timeline import (
    TimeKey,
    access_log_minute,
    build_timeline,
    seconds_of,
)

MAX_SAMPLES = 5
SAMPLE_CHARS = 160
# Distinct (code, target) pairs kept for --top, and distinct (time, class) pairs for the
# timeline: beyond them new ones are lumped together, so memory stays bounded.
MAX_TARGETS = 200_000
MAX_TIMES = 200_000
OTHER_TARGETS = "(other paths)"

Progress = Callable[[int, int], None]  # bytes done, bytes in all (0 when unknown)
Cancelled = Callable[[], bool]


class ExplainOptions(NamedTuple):
    format: Format = Format.AUTO
    # 1-based, as awk counts, or a name from a #fields (Zeek) or #Fields: (W3C) header:
    # with it the format is FIELDS
    field: int | str | None = None
    key: str | None = None  # a JSON key (dotted for nesting) that holds the status
    top: int = 0  # how many paths or URLs to keep per error code (and rows of --by)
    timeline: bool = False
    by: By | None = None  # break the selected codes down by path, host, hour or day
    select: CodeSelection = CodeSelection()  # the codes --by breaks down (all when empty)
    since: float | None = None  # count only what happened from then on (seconds, UTC)
    until: float | None = None  # ... and before then


class Tally:
    """Counts as the parsers find codes; bounded however many lines go through it."""

    def __init__(self, options: ExplainOptions) -> None:
        self.options = options
        self.by = options.by
        self.ranged = options.since is not None or options.until is not None
        self.since = -math.inf if options.since is None else options.since
        self.until = math.inf if options.until is None else options.until
        self.timed_rows = options.by in (By.HOUR, By.DAY)
        self.want_top = options.top > 0
        self.want_time = options.timeline or self.ranged or self.timed_rows
        self.want_target = self.want_top or options.by is By.PATH
        self.want_host = options.by is By.HOST
        # Each line's details go through add(): --since, --until and --by need them.
        self.detailed = self.ranged or options.by is not None
        self.rows: dict[bytes | str | int | None, list[int]] = {}
        self.selected = 0
        self.outside = 0
        self.minutes: dict[bytes, float | None] = {}  # an access log's minute, in seconds
        self.byte_codes: dict[bytes, int] = {}  # the access log fast path: b"404" -> count
        self.codes: dict[int, int] = {}
        self.phrases: dict[tuple[int, str], int] = {}
        self.targets: dict[tuple[int, bytes | str], int] = {}
        self.times: dict[tuple[TimeKey, int], int] = {}
        self.unread = 0
        self.samples: list[UnreadLine] = []
        self.source = ""
        self.unit = "line"

    def add(
        self,
        code: int,
        phrase: str | None = None,
        target: bytes | str | None = None,
        when: TimeKey | None = None,
        host: bytes | str | None = None,
    ) -> None:
        """One status code found (the slow path: transcripts, JSON, HAR, fall-backs, and
        every line with --since, --until or --by). `when` is an access log's whole
        [time] text or seconds since the epoch."""
        moment = None
        if self.detailed and when is not None:
            moment = self.seconds(when)
        if self.ranged and (moment is None or not self.since <= moment < self.until):
            self.outside += 1
            return
        self.codes[code] = self.codes.get(code, 0) + 1
        if phrase:
            key = (code, phrase)
            self.phrases[key] = self.phrases.get(key, 0) + 1
        if target is not None and self.want_top and code >= 400:
            self.add_target(code, target)
        if when is not None and self.options.timeline:
            minute = access_log_minute(when) if isinstance(when, bytes) else when
            self.add_time(minute, code // 100)
        if self.by is not None and self.options.select.selects(code):
            self.add_row(code, target, host, moment)

    def seconds(self, when: TimeKey) -> float | None:
        """Seconds since the epoch of a time as add() takes it; an access log's text is
        parsed once per distinct minute."""
        if isinstance(when, float):
            return when
        minute = access_log_minute(when)
        if minute in self.minutes:
            start = self.minutes[minute]
        else:
            start = seconds_of(minute)
            if len(self.minutes) < MAX_TIMES:
                self.minutes[minute] = start
        second = when[18:20]
        return start + int(second) if start is not None and second.isdigit() else start

    def add_row(
        self, code: int, target: bytes | str | None, host: bytes | str | None, moment: float | None
    ) -> None:
        key: bytes | str | int | None
        if self.timed_rows:
            step = 3600 if self.by is By.HOUR else 86400
            key = None if moment is None else int(moment // step * step)
        else:
            key = (target if self.by is By.PATH else host) or "-"
        row = self.rows.get(key)
        if row is None:
            if len(self.rows) >= MAX_KEYS:
                key = OTHER_KEY
            row = self.rows.setdefault(key, [0] * 6)
        digit = code // 100
        row[digit if 1 <= digit <= 5 else 0] += 1
        self.selected += 1

    def add_target(self, code: int, target: bytes | str) -> None:
        key = (code, target)
        count = self.targets.get(key)
        if count is None and len(self.targets) >= MAX_TARGETS:
            key = (code, OTHER_TARGETS)
            count = self.targets.get(key)
        self.targets[key] = (count or 0) + 1

    def add_time(self, when: TimeKey, digit: int) -> None:
        key = (when, digit if 1 <= digit <= 5 else 0)
        count = self.times.get(key)
        if count is None and len(self.times) >= MAX_TIMES:
            return  # a span too long to chart by the minute: the counts above still hold
        self.times[key] = (count or 0) + 1

    def fail(self, line_number: int, reason: str, text: bytes | str = b"") -> None:
        self.unread += 1
        if len(self.samples) < MAX_SAMPLES:
            if isinstance(text, bytes):
                text = text[: SAMPLE_CHARS * 4].decode("utf-8", errors="replace")
            self.samples.append(
                UnreadLine(self.source, line_number, reason, text[:SAMPLE_CHARS], self.unit)
            )

    def total(self) -> int:
        return sum(self.codes.values()) + sum(self.byte_codes.values())

    def _merged_codes(self) -> dict[int, int]:
        merged = dict(self.codes)
        for status, count in self.byte_codes.items():
            code = int(status)
            merged[code] = merged.get(code, 0) + count
        return merged

    def report(self, sources: Sequence[SourceSummary], cancelled: bool = False) -> Report:
        merged = self._merged_codes()
        phrases: dict[int, list[PhraseSeen]] = {}
        for (code, phrase), count in self.phrases.items():
            phrases.setdefault(code, []).append(PhraseSeen(phrase, count))
        tops: dict[int, list[TargetCount]] = {}
        for (code, target), count in self.targets.items():
            text = target.decode("utf-8", errors="replace") if isinstance(target, bytes) else target
            tops.setdefault(code, []).append(TargetCount(text, count))
        codes = tuple(
            CodeCount(
                code,
                count,
                tuple(sorted(phrases.get(code, ()), key=lambda p: (-p.hits, p.phrase))),
                tuple(
                    sorted(tops.get(code, ()), key=lambda t: (-t.hits, t.target))[
                        : self.options.top
                    ]
                ),
            )
            for code, count in sorted(merged.items())
        )
        timeline, seconds = build_timeline(self.times)
        breakdown = None
        if self.by is not None:
            breakdown = Breakdown(
                self.by.value,
                str(self.options.select),
                breakdown_rows(self.rows, self.by, self.options.top),
                len(self.rows),
                self.selected,
            )
        return Report(
            sources=tuple(sources),
            codes=codes,
            total=sum(merged.values()),
            unread=self.unread,
            unread_samples=tuple(self.samples),
            timeline=timeline,
            bucket_seconds=seconds,
            cancelled=cancelled,
            breakdown=breakdown,
            outside=self.outside,
        )
