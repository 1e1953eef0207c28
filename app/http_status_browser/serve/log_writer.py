"""The access log, written on a thread of its own so that a slow or stopped reader (a full
pipe, `httpstatus serve | sleep 90`) never stops the serving: lines wait in a bounded queue,
and beyond it they are dropped and counted rather than held up or buffered without end."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

# About 2 MB of lines: a reader that pauses for a few seconds under load loses nothing.
DEFAULT_CAPACITY = 10_000
# Lines that arrive together are written together: one write per batch, not per request.
BATCH_SECONDS = 0.05


class LogWriter:
    """Takes lines from the serving thread without ever blocking it; a thread writes them."""

    def __init__(
        self,
        write: Callable[[str], None],
        capacity: int = DEFAULT_CAPACITY,
        on_first_drop: Callable[[], None] | None = None,
    ) -> None:
        self._write = write
        self.capacity = capacity
        self._on_first_drop = on_first_drop
        self._lines: deque[str] = deque()
        self._wake = threading.Event()
        self._closing = threading.Event()
        # Each counter has one writer thread: the serving thread's and the log thread's.
        self._refused = 0
        self._failed = 0
        self.error: OSError | None = None
        self._in_flight = 0
        self._thread = threading.Thread(target=self._run, name="access-log", daemon=True)
        self._thread.start()

    def __call__(self, line: str) -> None:
        """Queue one line; never blocks. Dropped when the queue is full or writing failed."""
        if self.error is not None or len(self._lines) >= self.capacity:
            self._refused += 1
            if self._refused == 1 and self.error is None and self._on_first_drop is not None:
                self._on_first_drop()
            return
        self._lines.append(line)
        if not self._wake.is_set():
            self._wake.set()

    @property
    def dropped(self) -> int:
        """Lines dropped: the queue was full, or writing failed."""
        return self._refused + self._failed

    @property
    def pending(self) -> int:
        return len(self._lines)

    def close(self, timeout: float) -> int:
        """Write what is queued, waiting at most `timeout` seconds; returns the number of
        lines that could not be written in that time (the reader is not reading)."""
        self._closing.set()
        self._wake.set()
        self._thread.join(timeout)
        in_flight = self._in_flight if self._thread.is_alive() else 0
        return len(self._lines) + in_flight

    def _run(self) -> None:
        while True:
            self._wake.wait()
            if not self._closing.is_set():
                self._closing.wait(BATCH_SECONDS)  # let a burst of lines gather
            self._wake.clear()
            batch: list[str] = []
            while self._lines:
                batch.append(self._lines.popleft())
            if batch and self.error is None:
                self._in_flight = len(batch)
                try:
                    self._write("".join(line + "\n" for line in batch))
                except OSError as error:  # the reader went away (a broken pipe) or a full disk
                    self.error = error
                    self._failed += len(batch)
                self._in_flight = 0
            if self._closing.is_set() and not self._lines:
                return
