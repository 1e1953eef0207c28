"""Where the user has been: the codes and comparisons they visited, for Back and Forward.

One owner for that state; the window's actions follow its `changed` signal.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

# A code, or two codes side by side.
HistoryEntry = int | tuple[int, int]


class History(QObject):
    """A browser-style history: recording after going back drops what was ahead."""

    changed = Signal(bool, bool)  # can go back, can go forward

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[HistoryEntry] = []
        self.position = -1

    @property
    def can_go_back(self) -> bool:
        return self.position > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self.position < len(self.entries) - 1

    def record(self, entry: HistoryEntry) -> None:
        """A new place; the same place twice in a row is one entry."""
        if self.position >= 0 and self.entries[self.position] == entry:
            return
        del self.entries[self.position + 1 :]
        self.entries.append(entry)
        self.position = len(self.entries) - 1
        self._announce()

    def back(self) -> HistoryEntry | None:
        """The previous place, now current; None at the start."""
        if not self.can_go_back:
            return None
        self.position -= 1
        self._announce()
        return self.entries[self.position]

    def forward(self) -> HistoryEntry | None:
        """The next place, now current; None at the end."""
        if not self.can_go_forward:
            return None
        self.position += 1
        self._announce()
        return self.entries[self.position]

    def _announce(self) -> None:
        self.changed.emit(self.can_go_back, self.can_go_forward)
