"""Run inside Xvfb by tests/ui/test_xcb_keys.py: the window on xcb, keys pressed by xdotool.

Prints one JSON object: what each key did (the clipboard, the search box, the filters).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QThread
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from http_status_browser.registry import builtin_registry
from http_status_browser.ui.window import MainWindow

SENTINEL = "(nothing copied)"
# Each wait pumps events this many times at most, 20 ms each: a bounded loop.
ROUNDS = 150


def pump_until(app: QApplication, done: Callable[[], bool]) -> bool:
    for _ in range(ROUNDS):
        app.processEvents()
        if done():
            return True
        QThread.msleep(20)
    return done()


def press(app: QApplication, keys: str) -> None:
    """A real key press: xdotool sends it through XTEST to the focused window."""
    subprocess.run(["xdotool", "key", "--clearmodifiers", keys], check=True, timeout=30)
    for _ in range(10):
        app.processEvents()
        QThread.msleep(10)


def focus(app: QApplication, widget: QWidget) -> None:
    widget.setFocus()
    pump_until(app, widget.hasFocus)


def copied_after(app: QApplication, keys: str) -> str:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(SENTINEL)
    pump_until(app, lambda: clipboard.text() == SENTINEL)
    press(app, keys)
    pump_until(app, lambda: clipboard.text() != SENTINEL)
    return clipboard.text()


def select_words(cursor: QTextCursor, words: int) -> QTextCursor:
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.NextWord, QTextCursor.MoveMode.KeepAnchor, words)
    return cursor


def main() -> int:
    app = QApplication(sys.argv[:1])
    folder = tempfile.mkdtemp()
    settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(builtin_registry(), settings, initial_code=429)
    window.show()
    window.activateWindow()
    found: dict[str, object] = {"active": pump_until(app, window.isActiveWindow)}
    window.finish_start_up()
    edit = window.search_edit

    # Ctrl+U in the search box, where the focus is at launch.
    focus(app, edit)
    subprocess.run(["xdotool", "type", "--delay", "20", "gone"], check=True, timeout=30)
    pump_until(app, lambda: edit.text() == "gone")
    press(app, "ctrl+u")
    pump_until(app, window.window_actions.unofficial.isChecked)
    found["ctrl_u_unofficial"] = window.window_actions.unofficial.isChecked()
    found["ctrl_u_search"] = edit.text()

    # Ctrl+C: the search box's selection, else the current code.
    edit.setSelection(0, 2)
    found["copy_search_selection"] = copied_after(app, "ctrl+c")
    edit.deselect()
    found["copy_search_nothing_selected"] = copied_after(app, "ctrl+c")

    # The detail pane and the snippet with a selection; the tree without one.
    window.navigate_to(429)
    detail = window.codes.detail
    focus(app, detail)
    cursor = select_words(detail.textCursor(), 3)
    detail.setTextCursor(cursor)
    found["detail_selected"] = cursor.selectedText()
    found["copy_detail"] = copied_after(app, "ctrl+c")

    snippet = window.codes.snippets.editor
    focus(app, snippet)
    cursor = snippet.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfLine, QTextCursor.MoveMode.KeepAnchor)
    snippet.setTextCursor(cursor)
    found["snippet_selected"] = cursor.selectedText()
    found["copy_snippet"] = copied_after(app, "ctrl+c")

    focus(app, window.codes.tree)
    found["copy_tree"] = copied_after(app, "ctrl+c")

    print(json.dumps(found))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
