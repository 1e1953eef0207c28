"""The detail pane above the snippet panel, sharing the height so that the detail pane
never collapses to its title (a short window, the Explain dock open, a 150 % scale)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

from http_status_browser.ui.qtvalues import VERTICAL, set_enum_property
from http_status_browser.ui.snippet_panel import SnippetPanel

# The snippet panel takes at most this share of the height; the detail pane, the reason the
# user is here, keeps the rest.
SNIPPET_SHARE = 0.4


class DetailSplitter(QSplitter):
    """The detail pane (stretching) above the snippet panel, which keeps the height the user
    gave it (at first the height that shows a snippet whole) while the window has room, and
    gives it up first, down to SNIPPET_SHARE, when the window is short."""

    def __init__(self, detail: QWidget, snippets: SnippetPanel) -> None:
        # No arguments: choosing between QSplitter's overloads builds PySide's Qt namespace
        # (ui/qtvalues.py). The detail stack adopts it.
        super().__init__()
        set_enum_property(self, "orientation", VERTICAL)
        self.setObjectName("detailSplitter")
        self.detail = detail
        self.snippets = snippets
        self.addWidget(detail)
        self.addWidget(snippets)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)
        self.setChildrenCollapsible(False)
        self.wanted_snippet_height = snippets.comfortable_height()
        self.setSizes([520, self.wanted_snippet_height])
        self.splitterMoved.connect(self._moved)

    def snippet_height_for(self, total: int) -> int:
        """The snippet panel's height in a splitter `total` pixels high."""
        share = int(total * SNIPPET_SHARE)
        # Never below the panel's minimum (its lines would overlap), nor so high that the
        # detail pane goes below its own.
        floor = self.snippets.minimumSizeHint().height()
        ceiling = total - self.detail.minimumSizeHint().height()
        return max(0, min(max(min(self.wanted_snippet_height, share), floor), ceiling))

    def restoreState(self, state: QByteArray | bytes | bytearray | memoryview) -> bool:
        restored = super().restoreState(state)
        sizes = self.sizes()
        if restored and len(sizes) == 2 and sizes[1] > 0:
            self.wanted_snippet_height = sizes[1]
        return restored

    @Slot(int, int)
    def _moved(self, position: int, index: int) -> None:
        self.wanted_snippet_height = self.sizes()[1]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.snippets.isVisible():
            return
        total = sum(self.sizes())
        snippet = self.snippet_height_for(total)
        if total > 0 and self.sizes()[1] != snippet:
            self.setSizes([total - snippet, snippet])
