"""Files dropped on the window: a URL list or a redirect map goes to the Check URLs tab,
anything else (logs, HAR files, transcripts) to Explain. Decided by the file's first lines
(check/targets.py), not by its name, so that a .txt log is explained and a .txt list checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow

from http_status_browser.check.targets import file_looks_like_check_list


def local_files(urls: Sequence[QUrl]) -> list[str]:
    """The local files among dropped URLs: a dropped link never becomes a request."""
    return [url.toLocalFile() for url in urls if url.isLocalFile() and url.toLocalFile()]


def to_check(names: Sequence[str]) -> bool:
    """One file whose first lines are http(s) URLs or `from,to[,status]` rows is checked."""
    return len(names) == 1 and file_looks_like_check_list(names[0])


class FileDrops(QObject):
    """The window's drop target: says what a drop will do while dragging, then asks for it."""

    explainRequested = Signal(list)
    checkRequested = Signal(str)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window:
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind == QEvent.Type.DragEnter and isinstance(event, QDragEnterEvent):
            if names := local_files(event.mimeData().urls()):
                event.acceptProposedAction()
                # The drop target says what a drop will do.
                what = Path(names[0]).name if len(names) == 1 else f"{len(names)} files"
                verb = "check the URLs in" if to_check(names) else "explain"
                self.window.statusBar().showMessage(f"Drop to {verb} {what}")
                return True
        elif kind == QEvent.Type.DragLeave:
            self.window.statusBar().clearMessage()
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            names = local_files(event.mimeData().urls())
            self.window.statusBar().clearMessage()
            if names:
                event.acceptProposedAction()
                if to_check(names):
                    self.checkRequested.emit(names[0])
                else:
                    self.explainRequested.emit(names)
                return True
        return super().eventFilter(watched, event)
