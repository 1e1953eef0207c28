"""The shape that the status tree and the situation tree share: groups, each with its items."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
# internalId of a group row; an item row stores its group row + 1, which is how parent() works.
GROUP_ROW_ID = 0


class GroupedTreeModel(QAbstractItemModel):
    """Read-only, one column, two levels. Subclasses set `group_sizes` (the number of items
    in each group) and provide data()."""

    group_sizes: tuple[int, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # createIndex costs about 2.5 us in PySide6 (it chooses among overloads), and Qt asks
        # for the same indexes again and again while it lays out and paints: each is made
        # once. An index is only its row and internal id, so it stays right when rows change.
        self._made: dict[tuple[int, int], QModelIndex] = {}

    def _index(self, row: int, internal_id: int) -> QModelIndex:
        index = self._made.get((row, internal_id))
        if index is None:
            index = self._made[row, internal_id] = self.createIndex(row, 0, internal_id)
        return index

    def index(self, row: int, column: int, parent: Index = NO_PARENT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self.group_sizes):
                return QModelIndex()
            return self._index(row, GROUP_ROW_ID)
        if parent.internalId() != GROUP_ROW_ID or row >= self.group_sizes[parent.row()]:
            return QModelIndex()
        return self._index(row, parent.row() + 1)

    def parent(self, child: Index = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return NO_PARENT
        group = child.internalId()
        if group == GROUP_ROW_ID:
            return NO_PARENT
        return self._index(group - 1, GROUP_ROW_ID)

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
