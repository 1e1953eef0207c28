"""Run code after the window's first painted frame: deferred start-up work, smoke tests."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# Set by `make bench` when it counts instructions to the first frame under callgrind: the
# process then ends at its first paint event, as the floor window does (benchmarks/run.py).
EXIT_AT_FIRST_PAINT = "HTTPSTATUS_EXIT_AT_FIRST_PAINT"


class _FirstPaint(QObject):
    """Watches the window's own events for its first paint.

    A window is painted before its children in every pass, so its first paint event is the
    start of the first frame. The filter sits on the window, not on the application: an
    application-wide Python filter is handed every event of every object, and PySide makes a
    Python wrapper for each object it has not seen (initialising its Python type and enums),
    which cost about a sixth of the instructions spent before the first frame.
    """

    def __init__(self, window: QWidget, callback: Callable[[float], None], delay_ms: int) -> None:
        super().__init__(window)
        self.window = window
        self.callback = callback
        self.delay_ms = delay_ms
        self.painted_at = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.painted_at and event.type() == QEvent.Type.Paint:
            if os.environ.get(EXIT_AT_FIRST_PAINT) == "1":
                os._exit(0)
            self.painted_at = time.time()
            self.window.removeEventFilter(self)
            QTimer.singleShot(self.delay_ms, self._run)
        return False

    def _run(self) -> None:
        self.callback(self.painted_at)


def after_first_paint(
    window: QWidget, callback: Callable[[float], None], delay_ms: int = 0
) -> None:
    """Call `callback(painted_at)` `delay_ms` after the first paint; painted_at is time.time()."""
    window.installEventFilter(_FirstPaint(window, callback, delay_ms))
