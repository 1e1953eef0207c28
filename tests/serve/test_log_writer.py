"""The access log's writer: it never blocks the serving thread, keeps a bounded queue, drops
and counts beyond it, and stops writing (without raising) once writing fails."""

from __future__ import annotations

import threading

from http_status_browser.serve.log_writer import LogWriter

TIMEOUT = 10.0


class BlockedReader:
    """A write that blocks (as on a full pipe) until released."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.written: list[str] = []

    def __call__(self, text: str) -> None:
        self.entered.set()
        assert self.release.wait(TIMEOUT)
        self.written.extend(text.splitlines())


def test_a_blocked_reader_never_blocks_the_caller_and_the_queue_is_bounded() -> None:
    reader = BlockedReader()
    warnings: list[str] = []
    log = LogWriter(reader, capacity=5, on_first_drop=lambda: warnings.append("dropping"))
    log("first")
    assert reader.entered.wait(TIMEOUT)  # the writer thread is stuck in its write
    for n in range(20):
        log(f"line {n}")  # returns at once, though nothing can be written
    assert log.pending == 5
    assert log.dropped == 15
    assert warnings == ["dropping"]  # said once, not once per line
    reader.release.set()
    assert log.close(TIMEOUT) == 0
    assert reader.written == ["first", *(f"line {n}" for n in range(5))]


def test_close_reports_what_a_reader_that_never_reads_kept() -> None:
    reader = BlockedReader()
    log = LogWriter(reader, capacity=100)
    log("first")
    assert reader.entered.wait(TIMEOUT)
    log("second")
    log("third")
    assert log.close(0.05) == 3  # one line in the blocked write, two queued
    reader.release.set()


def test_a_failed_write_drops_the_rest_without_raising() -> None:
    calls: list[str] = []

    def broken(text: str) -> None:
        calls.append(text)
        raise BrokenPipeError(32, "Broken pipe")

    log = LogWriter(broken)
    log("one")
    for _ in range(500):  # bounded: until the writer thread has tried once
        if log.error is not None:
            break
        threading.Event().wait(0.01)
    assert isinstance(log.error, BrokenPipeError)
    log("two")
    assert log.close(TIMEOUT) == 0
    assert log.dropped == 2
    assert calls == ["one\n"]
