"""Run by tests/ui/test_atspi.py under a private session bus and Xvfb: the window, open on
404, with accessibility on, until the test ends it (or a minute passes)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from http_status_browser.registry import builtin_registry
from http_status_browser.ui.window import MainWindow

APP_NAME = "hsb-atspi-test"


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    folder = tempfile.mkdtemp()
    settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(builtin_registry(), settings, initial_code=404)
    window.show()
    window.finish_start_up()
    QTimer.singleShot(60_000, app.quit)  # bounded: the test normally ends it sooner
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
