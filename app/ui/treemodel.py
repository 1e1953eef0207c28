"""The shape that the status tree and the situation tree share: groups, each with its items."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
# internalId of a group row; an item row stores its group row + 1, which is how parent() works.
GROUP_ROW_ID = 0


class GroupedTreeModel(QAbstractItemModel):
    """Read-only, one column, two levels. Subclasses set `group_sizes` (the number of items
    in each group) and provide data()."""

    group_sizes: tuple[int, ...] = ()

    def index(self, row: int, column: int, parent: Index = NO_PARENT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self.group_sizes):
                return QModelIndex()
            return self.createIndex(row, 0, GROUP_ROW_ID)
        if parent.internalId() != GROUP_ROW_ID or row >= self.group_sizes[parent.row()]:
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, child: Index = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == GROUP_ROW_ID:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, GROUP_ROW_ID)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        if not parent.isValid():
            return len(self.group_sizes)
        if parent.column() != 0 or parent.internalId() != GROUP_ROW_ID:
            return 0
        return self.group_sizes[parent.row()]

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 1

    def hasChildren(self, parent: Index = NO_PARENT) -> bool:
        return self.rowCount(parent) > 0

    # flags() is QAbstractItemModel's own: enabled and selectable, nothing for an invalid
    # index, as here. Views ask it for every row they lay out, so it stays in C++.
