"""Quit after the first painted frame: for the packaging smoke test and the benchmarks."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class _FirstPaint(QObject):
    """Watches the application's events for the first paint of a widget in `window`."""

    def __init__(self, window: QWidget, linger: float, report: Callable[[], str]) -> None:
        super().__init__(window)
        self.window = window
        self.linger_ms = max(0, int(linger * 1000))
        self.report = report
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self.painted
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self.painted = True
            QTimer.singleShot(self.linger_ms, self._done)
        return False

    def _done(self) -> None:
        sys.stdout.write(self.report() + "\n")
        sys.stdout.flush()
        self.window.close()
        QApplication.quit()


def quit_after_first_paint(window: QWidget, linger: float, report: Callable[[], str]) -> None:
    app = QApplication.instance()
    assert app is not None
    watcher = _FirstPaint(window, linger, report)
    app.installEventFilter(watcher)
