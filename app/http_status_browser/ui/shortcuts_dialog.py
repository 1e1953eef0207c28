"""Help > Keyboard shortcuts: a table made from the actions themselves, with a search box."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


class ShortcutsDialog(QDialog):
    """Every action's keys; typing filters by what the action does or by its keys."""

    def __init__(self, rows: Sequence[tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.search = QLineEdit(self)
        self.search.setObjectName("shortcutSearch")
        self.search.setAccessibleName("Search the shortcuts")
        self.search.setPlaceholderText("Search: copy, Ctrl+K, back…")
        self.search.setClearButtonEnabled(True)
        self.table = QTreeWidget(self)
        self.table.setObjectName("shortcutTable")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHeaderLabels(["Action", "Keys"])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        for what, keys in rows:
            QTreeWidgetItem(self.table, [what, keys or "—"])
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.filter)
        self.resize(520, 560)

    @Slot(str)
    def filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(row)
            if item is None:
                continue
            haystack = f"{item.text(0)} {item.text(1)}".casefold()
            item.setHidden(not all(word in haystack for word in words))

    def shown_rows(self) -> list[tuple[str, str]]:
        """The rows the search lets through, as shown."""
        rows = []
        for row in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(row)
            if item is not None and not item.isHidden():
                rows.append((item.text(0), item.text(1)))
        return rows
