"""The floor for start-up and memory: a minimal PySide6 window with the same widget kinds.

A QMainWindow with a line edit, a tree view, a splitter and a text browser, quitting after
its first painted frame exactly as `httpstatus open --smoke-test` does: the first paint is
seen by a filter on the window's own events, as in ui/firstpaint.py. (A filter on the
whole application, as here before, made the floor pay for wrapping every object that got
an event before the first frame: about a sixth of its instructions, which the app no longer
pays; measuring both the same way keeps the ratio about the windows, not the probes.)
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QWidget,
)


def resident_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class FirstPaint(QObject):
    def __init__(self, window: QWidget, linger_ms: int) -> None:
        super().__init__(window)
        self.window = window
        self.linger_ms = linger_ms
        self.painted_at = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.painted_at and event.type() == QEvent.Type.Paint:
            if os.environ.get("HTTPSTATUS_EXIT_AT_FIRST_PAINT") == "1":
                os._exit(0)  # as the app does: counting instructions to the first frame
            self.painted_at = time.time()
            self.window.removeEventFilter(self)
            QTimer.singleShot(self.linger_ms, self.done)
        return False

    def done(self) -> None:
        report = {"shown": self.window.isVisible(), "painted_at": self.painted_at}
        print(json.dumps({**report, "rss_kib": resident_kib()}), flush=True)
        QApplication.quit()


def main() -> int:
    linger = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.addToolBar("Search").addWidget(QLineEdit())
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(QTreeView())
    splitter.addWidget(QTextBrowser())
    window.setCentralWidget(splitter)
    window.resize(1100, 720)
    window.installEventFilter(FirstPaint(window, int(linger * 1000)))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
