"""Following a growing log (tail -F): lines added, rotation by rename and by truncation.

Single-threaded and bounded: the file is changed from the refresh callback, which an interval
of 0 calls each time the reader has read a chunk or found nothing new, so every step happens
at a known point of the reading.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from http_status_browser.explain import ExplainOptions, Format, Report
from http_status_browser.explain.follow import GrowingFile, follow_source

DATA = Path(__file__).parents[1] / "data" / "explain"
LINE = '192.0.2.{n} - - [26/Nov/2026:10:00:0{n} +0000] "GET /{n} HTTP/1.1" {code} 0 "-" "{agent}"\n'


def line(n: int, code: int, agent: str = "curl/8.5.0") -> str:
    return LINE.format(n=n, code=code, agent=agent)


def counts(report: Report) -> dict[int, int]:
    return {c.code: c.hits for c in report.codes}


class Script:
    """Steps run one at a time, one at each refresh; then the reader is told to stop."""

    def __init__(self, *steps: Callable[[], None]) -> None:
        self.steps = list(steps)
        self.done = False
        self.waits = 0
        self.totals: list[int] = []

    def refreshed(self, report: Report) -> None:
        self.totals.append(report.total)
        self.waits += 1
        assert self.waits < 1000, "the reader never got past a step"
        if self.steps:
            self.steps.pop(0)()
        else:
            self.done = True

    def stopped(self) -> bool:
        return self.done


def test_lines_added_then_rotation_by_rename_then_by_truncation(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(line(1, 200) + line(2, 404), encoding="utf-8")

    def append() -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write(line(3, 500))

    def rename() -> None:  # logrotate's default: move the file away, the server opens a new one
        with log.open("a", encoding="utf-8") as out:
            out.write(line(4, 201))  # written to the old file just before it is moved
        log.rename(tmp_path / "access.log.1")
        log.write_text(line(5, 301, agent="Mozilla/5.0 " * 20), encoding="utf-8")

    def truncate() -> None:  # copytruncate, with a server that appends (O_APPEND)
        with log.open("r+", encoding="utf-8") as out:
            out.truncate(0)
        log.write_text(line(6, 503), encoding="utf-8")

    def read_on() -> None:  # the lines left in the old file come first, then the new file
        pass

    script = Script(append, rename, read_on, truncate)
    report = follow_source(
        str(log), ExplainOptions(), script.stopped, script.refreshed, interval=0, poll=0.001
    )
    assert counts(report) == {200: 1, 201: 1, 301: 1, 404: 1, 500: 1, 503: 1}
    assert report.cancelled
    assert report.sources[0].format is Format.ACCESS_LOG
    assert report.sources[0].error == ""
    assert script.totals == sorted(script.totals)
    assert script.totals[0] == 2
    assert script.totals[-1] == 6


def test_growing_file_notices_rename_and_truncation(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_bytes(b"one\n")
    growing = GrowingFile(str(log), lambda: False, lambda: None, poll=0.001)
    try:
        assert growing.read() == b"one\n"
        log.rename(tmp_path / "app.log.1")
        log.write_bytes(b"two\n")
        assert growing.read() == b"two\n"
        assert growing.rotations == 1
        with log.open("r+b") as out:
            out.truncate(0)
        log.write_bytes(b"3\n")
        assert growing.read() == b"3\n"
        assert growing.truncations == 1
        assert growing.lines == 3
    finally:
        growing.close()


def test_a_file_truncated_under_a_writer_that_does_not_append(tmp_path: Path) -> None:
    """copytruncate with a writer at its old offset: a run of NUL bytes, then new lines."""
    log = tmp_path / "access.log"
    first = line(1, 200)
    log.write_text(first, encoding="utf-8")

    def truncate() -> None:
        with log.open("r+b") as out:
            out.truncate(0)
            out.seek(len(first))
            out.write(line(2, 502).encode())

    script = Script(truncate)
    report = follow_source(
        str(log), ExplainOptions(), script.stopped, script.refreshed, interval=0, poll=0.001
    )
    assert counts(report) == {200: 1, 502: 1}
    assert report.unread == 0


def test_a_file_that_starts_empty_waits_for_its_first_line(tmp_path: Path) -> None:
    log = tmp_path / "new.log"
    log.write_bytes(b"")

    def write() -> None:
        log.write_text(line(1, 429), encoding="utf-8")

    script = Script(lambda: None, write)
    report = follow_source(
        str(log), ExplainOptions(), script.stopped, script.refreshed, interval=0, poll=0.001
    )
    assert counts(report) == {429: 1}


def test_a_missing_file_is_a_message(tmp_path: Path) -> None:
    report = follow_source(
        str(tmp_path / "none.log"), ExplainOptions(), lambda: True, lambda r: None
    )
    assert report.sources[0].error == "No such file or directory"


def test_stopping_before_any_line(tmp_path: Path) -> None:
    log = tmp_path / "quiet.log"
    log.write_bytes(b"")
    report = follow_source(str(log), ExplainOptions(), lambda: True, lambda r: None)
    assert report.total == 0
    assert os.path.exists(log)


def test_a_compressed_file_is_not_followed(tmp_path: Path) -> None:
    import gzip

    log = tmp_path / "access.log.2.gz"
    log.write_bytes(gzip.compress(line(1, 200).encode()))
    report = follow_source(str(log), ExplainOptions(), lambda: False, lambda r: None)
    assert "compressed file, which does not grow" in report.sources[0].error
