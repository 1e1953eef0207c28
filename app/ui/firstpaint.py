"""Run code after the window's first painted frame: deferred start-up work, smoke tests."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class _FirstPaint(QObject):
    """Watches the application's events for the first paint of a widget in `window`."""

    def __init__(self, window: QWidget, callback: Callable[[float], None], delay_ms: int) -> None:
        super().__init__(window)
        self.window = window
        self.callback = callback
        self.delay_ms = delay_ms
        self.painted_at = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self.painted_at
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self.painted_at = time.time()
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            QTimer.singleShot(self.delay_ms, self._run)
        return False

    def _run(self) -> None:
        self.callback(self.painted_at)


def after_first_paint(
    window: QWidget, callback: Callable[[float], None], delay_ms: int = 0
) -> None:
    """Call `callback(painted_at)` `delay_ms` after the first paint; painted_at is time.time()."""
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(_FirstPaint(window, callback, delay_ms))
