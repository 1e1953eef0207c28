"""File > Recent logs: the last files explained, newest first, kept in QSettings.

The list is read back with a type and bounded to MAX_RECENT; a file that no longer exists is
left out of the menu (and out of the settings) when the menu opens, and one that vanished
after that is reported in the status bar when chosen.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from http_status_browser.ui.settings import RECENT_LOGS, SettingsReader

MAX_RECENT = 8


def bounded_recent(names: Iterable[str]) -> list[str]:
    """Absolute paths only, each once (the first, newest, kept), at most MAX_RECENT."""
    kept: list[str] = []
    for name in names:
        if name and os.path.isabs(name) and name not in kept:
            kept.append(name)
    return kept[:MAX_RECENT]


class RecentLogs(QObject):
    """The Recent logs menu and its list; `fileChosen` asks for a file to be explained."""

    fileChosen = Signal(str)

    def __init__(self, settings: QSettings, window: QMainWindow) -> None:
        super().__init__(window)
        self.settings = settings
        self.window = window
        self.menu = QMenu("Recent &logs", window)
        self.menu.setObjectName("recentLogsMenu")
        # Owned here, not by the menu: QMenu.clear() deletes the actions the menu owns.
        self.clear_action = QAction("&Clear recent logs", self)
        self.clear_action.triggered.connect(self.clear)
        self.menu.aboutToShow.connect(self.refresh)
        self.menu.triggered.connect(self._chosen)
        self.refresh()

    def names(self) -> list[str]:
        """The stored list as written, bounded; anything unexpected counts as absent."""
        return bounded_recent(SettingsReader(self.settings).texts(RECENT_LOGS, []))

    def _store(self, names: list[str]) -> None:
        if names:
            self.settings.setValue(RECENT_LOGS, names)
        else:
            self.settings.remove(RECENT_LOGS)

    def add(self, names: Iterable[str]) -> None:
        """Puts the files that exist first in the list, newest first."""
        found = [os.path.abspath(name) for name in names if Path(name).is_file()]
        if found:
            self._store(bounded_recent([*reversed(found), *self.names()]))
            self.refresh()

    @Slot()
    def clear(self) -> None:
        self._store([])
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Rebuilds the menu from the files that still exist, and forgets the others."""
        stored = self.names()
        existing = [name for name in stored if Path(name).is_file()]
        if existing != stored:
            self._store(existing)
        self.menu.clear()
        for number, name in enumerate(existing, 1):
            # The number is the entry's access key; a file name's own & is not one.
            label = Path(name).name.replace("&", "&&")
            action = self.menu.addAction(f"&{number} {label}" if number < 10 else label)
            action.setToolTip(name)
            action.setStatusTip(name)
            action.setData(name)
        if not existing:
            self.menu.addAction("No recent logs").setEnabled(False)
        self.menu.addSeparator()
        self.menu.addAction(self.clear_action)
        self.clear_action.setEnabled(bool(existing))

    @Slot(QAction)
    def _chosen(self, action: QAction) -> None:
        name = action.data()
        if not isinstance(name, str):  # Clear, which has its own slot
            return
        if Path(name).is_file():
            self.add([name])
            self.fileChosen.emit(name)
            return
        self._store([n for n in self.names() if n != name])
        self.refresh()
        self.window.statusBar().showMessage(
            f"{name} no longer exists: removed from the recent logs", 8000
        )
