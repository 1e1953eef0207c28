"""The one owner of where the user is: the current code or comparison, and Back and Forward.

Views report where the user went (`visit`) and follow `codeChanged` and `comparisonChanged`;
the Back and Forward actions call `back` and `forward` and follow `history.changed`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from http_status_browser.ui.history import History, HistoryEntry


class Navigator(QObject):
    """The current place and the history of places; announces every change of place."""

    codeChanged = Signal(int)
    comparisonChanged = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history = History(self)
        self.current: HistoryEntry | None = None

    @property
    def current_code(self) -> int | None:
        return self.current if isinstance(self.current, int) else None

    def visit(self, entry: HistoryEntry, record: bool = True) -> None:
        """The user is at `entry` now; `record` adds it to the history for Back and Forward
        (a row passed while typing a search is current without being a place to go back to)."""
        changed = entry != self.current
        self.current = entry
        if record:
            self.history.record(entry)
        if changed:
            self._announce(entry)

    @Slot()
    def back(self) -> None:
        entry = self.history.back()
        if entry is not None:
            self.current = entry
            self._announce(entry)

    @Slot()
    def forward(self) -> None:
        entry = self.history.forward()
        if entry is not None:
            self.current = entry
            self._announce(entry)

    def _announce(self, entry: HistoryEntry) -> None:
        if isinstance(entry, tuple):
            self.comparisonChanged.emit(*entry)
        else:
            self.codeChanged.emit(entry)
