"""Explaining logs from the window: File > Explain log... (Ctrl+O), File > Recent logs, Edit >
Paste to explain (Ctrl+Shift+V) and the files dropped on the window that are not URL lists
(ui/file_drops.py) open the explain view in a dock; the view's Follow button (or
follow_file) keeps reading one file live.

The window only adds these actions to its menus. The view and the reading code are imported
on first use, so that they cost nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from http_status_browser.registry.model import Registry
from http_status_browser.ui.recent_logs import RecentLogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    from http_status_browser.ui.explain_view import ExplainView


class ExplainController(QObject):
    """Connects the window to the explain view: actions, recent logs and the dock it lives
    in."""

    codeRequested = Signal(int)

    def __init__(self, registry: Registry, settings: QSettings, window: QMainWindow) -> None:
        super().__init__(window)
        self.registry = registry
        self.window = window
        self.dock: QDockWidget | None = None
        self.view: ExplainView | None = None
        key = QKeySequence
        self.open_action = QAction("&Explain log…", window)
        self.open_action.setShortcut(key(key.StandardKey.Open))  # Ctrl+O
        self.open_action.setStatusTip("Count and explain the status codes in a log or HAR file")
        self.open_action.triggered.connect(self.choose_files)
        self.paste_action = QAction("&Paste to explain", window)
        self.paste_action.setShortcut(key("Ctrl+Shift+V"))
        self.paste_action.triggered.connect(self.paste)
        self.recent = RecentLogs(settings, window)
        self.recent.fileChosen.connect(self.explain_file)
        window.addAction(self.open_action)
        window.addAction(self.paste_action)
        window.installEventFilter(self)

    def explain_view(self) -> ExplainView:
        """The view, in a dock below the window's content, made on first use."""
        if self.view is None or self.dock is None:
            from PySide6.QtWidgets import QDockWidget  # noqa: PLC0415  (on first use)

            from http_status_browser.ui.explain_view import ExplainView  # noqa: PLC0415

            self.dock = QDockWidget("Explain", self.window)
            self.dock.setObjectName("explainDock")
            # One way to close it, the view's Close button, not a second one in the title bar.
            features = QDockWidget.DockWidgetFeature
            self.dock.setFeatures(features.DockWidgetMovable | features.DockWidgetFloatable)
            self.view = ExplainView(self.registry, self.dock)
            self.view.codeRequested.connect(self.codeRequested)
            self.view.closeRequested.connect(self.dock.hide)  # close() needs the closable feature
            self.dock.setWidget(self.view)
            self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
            # Two fifths of the window at most: the detail pane above keeps room to read.
            height = min(380, self.window.height() * 2 // 5)
            self.window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)
        self.dock.show()
        self.dock.raise_()
        return self.view

    def explain_files(self, names: Sequence[str]) -> None:
        if names:
            self.explain_view().explain_files(names)
            self.recent.add(names)

    @Slot(str)
    def explain_file(self, name: str) -> None:
        self.explain_files([name])

    def explain_text(self, text: str) -> None:
        self.explain_view().explain_text(text)

    def follow_file(self, name: str) -> None:
        """Explains `name` live: its counts are shown anew as lines are added to it (the
        view's Follow button does the same for the file explained last)."""
        self.explain_view().follow_file(name)
        self.recent.add([name])

    @Slot()
    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415  (on first use)

        names, _ = QFileDialog.getOpenFileNames(
            self.window,
            "Explain log",
            "",
            "Logs, HAR files and transcripts (*.log *.gz *.har *.json *.jsonl *.txt);;"
            "All files (*)",
        )
        self.explain_files(names)

    @Slot()
    def paste(self) -> None:
        from PySide6.QtGui import QGuiApplication  # noqa: PLC0415  (on first use)

        clipboard = QGuiApplication.clipboard()
        text = clipboard.text() if clipboard is not None else ""
        if text.strip():
            self.explain_text(text)
        else:
            self.window.statusBar().showMessage("The clipboard has no text to explain", 5000)

    def stop(self) -> None:
        if self.view is not None:
            self.view.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        return super().eventFilter(watched, event)
