"""The status tree model (classes, then codes) and the proxy that filters it with the search."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from enum import IntEnum

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from app.registry.model import Category, Registry, StatusCode
from app.ui.treemodel import GROUP_ROW_ID, GroupedTreeModel, Index

log = logging.getLogger(__name__)

_CLASS_ROW_ID = GROUP_ROW_ID


class Role(IntEnum):
    """Data roles beyond Qt's own, for views, the proxy and tests."""

    STATUS = Qt.ItemDataRole.UserRole + 1
    CATEGORY = Qt.ItemDataRole.UserRole + 2
    CODE = Qt.ItemDataRole.UserRole + 3


class StatusTreeModel(GroupedTreeModel):
    """Read-only tree: the five classes, each with its codes in code order."""

    def __init__(self, registry: Registry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.categories: tuple[Category, ...] = registry.categories
        self.groups: tuple[tuple[StatusCode, ...], ...] = tuple(
            registry.in_category(category.id) for category in self.categories
        )
        self.group_sizes = tuple(len(group) for group in self.groups)
        # Display text is made once: data() runs for every painted row.
        self._titles = tuple(tuple(s.title for s in group) for group in self.groups)
        self._positions = {
            id(status): (class_row, row)
            for class_row, group in enumerate(self.groups)
            for row, status in enumerate(group)
        }
        self._bold = QFont()
        self._bold.setBold(True)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _CLASS_ROW_ID:
            category = self.categories[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return category.title
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
                return category.summary
            if role == Role.CATEGORY:
                return category.id
            return None
        class_row = index.internalId() - 1
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[class_row][index.row()]
        status = self.groups[class_row][index.row()]
        if role == Role.STATUS:
            return status
        if role == Role.CODE:
            return status.code
        if role == Role.CATEGORY:
            return status.category
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            if status.official:
                return status.summary
            return f"{status.summary} (unofficial: {status.defined_by})"
        if role == Qt.ItemDataRole.FontRole and not status.official:
            italic = QFont()
            italic.setItalic(True)
            return italic
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Status code"
        return None

    def position(self, status: StatusCode) -> tuple[int, int] | None:
        """(class row, row) of a status, for the proxy's filter and rank tables."""
        return self._positions.get(id(status))

    def index_of(self, status: StatusCode) -> QModelIndex:
        found = self.position(status)
        if found is None:
            return QModelIndex()
        return self.index(found[1], 0, self.index(found[0], 0))


class StatusFilterProxy(QSortFilterProxyModel):
    """Filters the tree with the registry's search, by class and by official standing.

    While a query is active, rows are sorted by search rank, and classes by their best match,
    so that the GUI lists codes in the same order as `httpstatus search`.
    """

    def __init__(self, source: StatusTreeModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source  # the proxy owns its source model's Python reference
        self.setSourceModel(source)
        self._query = ""
        self._ranks: dict[tuple[int, int], int] | None = None
        self._class_ranks: dict[int, int] = {}
        self._classes = {category.id for category in source.categories}
        self._unofficial = False
        self._accepted: list[bytearray] = []
        self.setDynamicSortFilter(False)
        # Sorted only while searching (see _refresh): without a query the rows keep the
        # source model's order, with no lessThan call from C++ for each pair of rows.
        self._refresh()

    @property
    def query(self) -> str:
        return self._query

    @property
    def visible_classes(self) -> frozenset[str]:
        return frozenset(self._classes)

    @property
    def show_unofficial(self) -> bool:
        return self._unofficial

    def set_query(self, text: str) -> None:
        if text == self._query:
            return
        self._query = text
        if not text.strip():
            self._ranks = None
        else:
            self._ranks = {}
            for rank, match in enumerate(self._source.registry.search(text)):
                position = self._source.position(match.status)
                if position is None:  # a registry entry the tree does not hold
                    log.warning("search returned %s, which is not in the tree", match.status.code)
                    continue
                self._ranks[position] = rank
        self._refresh()

    def set_visible_classes(self, classes: Iterable[str]) -> None:
        wanted = set(classes)
        if wanted != self._classes:
            self._classes = wanted
            self._refresh()

    def set_show_unofficial(self, show: bool) -> None:
        if show != self._unofficial:
            self._unofficial = show
            self._refresh()

    def _refresh(self) -> None:
        """Recompute which rows are shown and each class's best match, then filter and sort.

        filterAcceptsRow runs once per row from C++; a table keeps it to one look-up, and
        while searching the table is built from the matches only, not from every row.
        """
        groups = self._source.groups
        self._class_ranks = {}
        if self._ranks is None:
            self._accepted = [
                bytearray(self._shown(status) for status in group) for group in groups
            ]
        else:
            self._accepted = [bytearray(len(group)) for group in groups]
            for (class_row, row), rank in sorted(self._ranks.items(), key=lambda i: i[1]):
                if self._shown(groups[class_row][row]):
                    self._accepted[class_row][row] = 1
                    self._class_ranks.setdefault(class_row, rank)
        self.invalidate()
        column = -1 if self._ranks is None else 0
        if column != self.sortColumn():
            # Column -1 is the source order. Set after invalidate(), which has dropped the
            # rows' mappings: sort() then orders only the few that were made again since.
            self.sort(column, Qt.SortOrder.AscendingOrder)

    def is_searching(self) -> bool:
        return self._ranks is not None

    def hidden_matches(self) -> int:
        """How many search matches the class and unofficial toggles hide."""
        if self._ranks is None:
            return 0
        hidden = 0
        for class_row, row in self._ranks:
            status = self._source.groups[class_row][row]
            if not self._shown(status):
                hidden += 1
        return hidden

    def _shown(self, status: StatusCode) -> bool:
        return (status.shown_by_default or self._unofficial) and status.category in self._classes

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not source_parent.isValid():
            category = self._source.categories[source_row]
            if category.id not in self._classes:
                return False
            return self._ranks is None or source_row in self._class_ranks
        return bool(self._accepted[source_parent.row()][source_row])

    def lessThan(self, source_left: Index, source_right: Index) -> bool:
        if self._ranks is None:  # not sorted then (column -1), but kept correct
            return source_left.row() < source_right.row()
        left_parent = source_left.parent()
        if not left_parent.isValid():
            missing = len(self._ranks)
            return self._class_ranks.get(source_left.row(), missing) < self._class_ranks.get(
                source_right.row(), missing
            )
        class_row = left_parent.row()
        missing = len(self._ranks)
        return self._ranks.get((class_row, source_left.row()), missing) < self._ranks.get(
            (class_row, source_right.row()), missing
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        value = super().data(index, role)
        if role == Qt.ItemDataRole.DisplayRole and index.isValid() and not index.parent().isValid():
            return f"{value}  ({self.rowCount(index)})"
        return value
