"""Following a growing log as `tail -F` does (`httpstatus explain --follow`, and the explain
view's Follow button): read it all, then read on as lines are added, and notice when it is
rotated, by rename (a new file at its name) or by truncation (copytruncate)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import IO, cast

from http_status_browser.explain.detect import DetectError, detect
from http_status_browser.explain.formats import chosen_format, read_stream
from http_status_browser.explain.reading import CHUNK, GZIP_MAGIC, SourceError, Stopped
from http_status_browser.explain.report import Format, Report, SourceSummary
from http_status_browser.explain.tally import ExplainOptions, Tally

POLL_SECONDS = 0.2  # how often the end of a quiet file is looked at again
Waiting = Callable[[], None]  # called while there is nothing new to read


class GrowingFile:
    """A log file read as it grows, as a stream for LineBlocks: at its end, read() waits
    (calling `waiting` each time it looks again) until more is written, the file is
    rotated, or `stopped()`, which reads as the end of the input."""

    def __init__(
        self, path: str, stopped: Stopped, waiting: Waiting, poll: float = POLL_SECONDS
    ) -> None:
        self.path = path
        self.stopped = stopped
        self.waiting = waiting
        self.poll = poll
        self.file = self._open()
        self.offset = 0
        self.lines = 0  # newlines read, in every file the name has held
        self.rotations = 0  # new files at the name
        self.truncations = 0

    def _open(self) -> IO[bytes]:
        try:
            return open(self.path, "rb", buffering=0)
        except OSError as error:
            raise SourceError(error.strerror or str(error)) from None

    def read(self, size: int = CHUNK) -> bytes:
        while True:
            data = self.file.read(size) or b""
            if data:
                self.offset += len(data)
                self.lines += data.count(b"\n")
                return data
            if self.stopped():
                return b""
            if not self._rotated():
                self.waiting()
                time.sleep(self.poll)

    def read_first_lines(self) -> bytes:
        """What is there to tell the format from: waits for a first whole line."""
        data = b""
        while b"\n" not in data.lstrip(b"\0\n"):
            more = self.read(CHUNK - len(data)) if len(data) < CHUNK else b""
            if not more:
                break
            data += more
        return data

    def _rotated(self) -> bool:
        """True when the name now holds another file (opened, read from its start) or the
        file was truncated (read again from its start)."""
        try:
            named = os.stat(self.path)
            own = os.fstat(self.file.fileno())
        except OSError:  # renamed away, and the new one not made yet
            return False
        if (named.st_ino, named.st_dev) != (own.st_ino, own.st_dev):
            try:
                new = self._open()
            except SourceError:
                return False
            self.file.close()  # at its end: what the writer added before the switch was read
            self.file = new
            self.offset = 0
            self.rotations += 1
            return True
        if own.st_size < self.offset:
            self.file.seek(0)
            self.offset = 0
            self.truncations += 1
            return True
        return False

    def close(self) -> None:
        self.file.close()


class Refresher:
    """Calls `show` with a fresh report at most every `interval` seconds, when asked."""

    def __init__(
        self, interval: float, build: Callable[[], Report], show: Callable[[Report], None]
    ) -> None:
        self.interval = interval
        self.build = build
        self.show = show
        self.due = time.monotonic() + interval

    def __call__(self) -> None:
        if time.monotonic() >= self.due:
            self.show(self.build())
            self.due = time.monotonic() + self.interval


def follow_source(
    name: str,
    options: ExplainOptions,
    stopped: Stopped,
    refreshed: Callable[[Report], None],
    *,
    interval: float = 2.0,
    poll: float = POLL_SECONDS,
) -> Report:
    """Reads the file `name` and then what is added to it until `stopped()`, showing a report
    through `refreshed` every `interval` seconds; returns the last report."""
    tally = Tally(options)
    fmt = chosen_format(options)
    live: list[Refresher] = []

    def waiting() -> None:
        for refresh in live:
            refresh()

    try:
        growing = GrowingFile(name, stopped, waiting, poll)
    except SourceError as error:
        return tally.report([SourceSummary(name, fmt, 0, 0, str(error))])

    def build() -> Report:  # the counts so far (none while the first line is awaited)
        return tally.report([SourceSummary(name, fmt, growing.lines, tally.total())], stopped())

    live.append(Refresher(interval, build, refreshed))
    try:
        first = growing.read_first_lines()
        if first.startswith(GZIP_MAGIC):
            problem = "a compressed file, which does not grow: explain it without following"
            return tally.report([SourceSummary(name, fmt, 0, 0, problem)], stopped())
        if fmt is Format.AUTO:
            try:
                fmt = detect(first, complete=False)
            except DetectError as error:
                return tally.report([SourceSummary(name, fmt, 0, 0, str(error))], stopped())
        tally = Tally(options._replace(format=fmt))
        stream = cast(IO[bytes], growing)
        summary = read_stream(name, first, stream, tally, chunk_read=waiting, cancelled=stopped)
    finally:
        growing.close()
    if summary.error == "cancelled":  # how a followed file ends: not a problem with it
        summary = summary._replace(error="")
    return tally.report([summary], cancelled=True)
