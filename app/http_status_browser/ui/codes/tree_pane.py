"""The codes' tree behind the class filter and the search, or a page with ways out when
nothing matches."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QTreeView, QVBoxLayout, QWidget

from http_status_browser.registry.model import Registry
from http_status_browser.ui.buttons import text_button
from http_status_browser.ui.qtvalues import (
    ALIGN_CENTER,
    CUSTOM_CONTEXT_MENU,
    PLAIN_TEXT,
    set_enum_property,
)
from http_status_browser.ui.status_models import StatusFilterProxy, StatusTreeModel

TREE_PAGE, EMPTY_PAGE = 0, 1


class TreePane(QStackedWidget):
    """Owns the tree model, its filter proxy and the tree; shows what the filters let through."""

    def __init__(self, registry: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_model = StatusTreeModel(registry, self)
        self.proxy = StatusFilterProxy(self.source_model, self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("statusTree")
        self.tree.setAccessibleName("Status codes")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSortingEnabled(False)
        set_enum_property(self.tree, "contextMenuPolicy", CUSTOM_CONTEXT_MENU)
        self.tree.activated.connect(self._activated)
        # Italics carry a meaning: say which, while unofficial codes show.
        self.legend = QLabel("<i>Italic</i>: unofficial, not in the IANA registry", self)
        self.legend.setObjectName("treeLegend")
        self.legend.setWordWrap(True)
        self.legend.setContentsMargins(6, 2, 6, 2)
        self.legend.hide()
        tree_page = QWidget(self)
        tree_layout = QVBoxLayout(tree_page)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.setSpacing(0)
        tree_layout.addWidget(self.tree, 1)
        tree_layout.addWidget(self.legend)
        self.addWidget(tree_page)
        self.addWidget(self._build_empty_page())

    def _build_empty_page(self) -> QWidget:
        """Shown instead of the tree when nothing matches, with ways out."""
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyLabel")
        set_enum_property(self.empty_label, "alignment", ALIGN_CENTER)
        self.empty_label.setWordWrap(True)
        set_enum_property(self.empty_label, "textFormat", PLAIN_TEXT)
        self.clear_search_button = text_button("C&lear search", self)
        self.show_unofficial_button = text_button("Show unofficial codes", self)
        self.show_classes_button = text_button("Show all classes", self)
        empty = QWidget(self)
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        for button in (
            self.clear_search_button,
            self.show_unofficial_button,
            self.show_classes_button,
        ):
            row = QHBoxLayout()  # centred between stretches: no Qt.AlignmentFlag (qtvalues.py)
            row.addStretch(1)
            row.addWidget(button)
            row.addStretch(1)
            empty_layout.addLayout(row)
        empty_layout.addStretch(2)
        return empty

    def show_matches(self) -> int:
        """Expand every class the filters let through and return how many codes they hold."""
        # Expand only the class rows that need it: expandAll() relays out the whole tree on
        # every keystroke.
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if not self.tree.isExpanded(index):
                self.tree.expand(index)
        visible = sum(
            self.proxy.rowCount(self.proxy.index(row, 0)) for row in range(self.proxy.rowCount())
        )
        if visible:
            self.setCurrentIndex(TREE_PAGE)
        return visible

    def show_empty_page(self, all_classes_shown: bool) -> None:
        """Say why nothing shows, with a button for each way out."""
        query = self.proxy.query.strip()
        hidden = self.proxy.hidden_matches()
        if query:
            text = f"No status code matches “{query[:80]}”."
            if hidden:
                text += f" {hidden} hidden by the class or unofficial filters."
        else:
            text = "No class is selected."
        self.empty_label.setText(text)
        self.clear_search_button.setVisible(bool(query))
        self.show_unofficial_button.setVisible(hidden > 0 and not self.proxy.show_unofficial)
        self.show_classes_button.setVisible(not all_classes_shown)
        self.setCurrentIndex(EMPTY_PAGE)

    def first_code(self) -> QModelIndex:
        """The first code of the first class shown."""
        return self.proxy.index(0, 0, self.proxy.index(0, 0))

    @Slot()
    def expand_all(self) -> None:
        self.tree.expandAll()

    @Slot()
    def collapse_all(self) -> None:
        self.tree.collapseAll()

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        """Enter on a class row opens or closes it."""
        if not index.parent().isValid():
            self.tree.setExpanded(index, not self.tree.isExpanded(index))
