"""The Check URLs tab's table: one row per checked URL, appended as results arrive."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from http_status_browser.check.records import CheckResult, Severity
from http_status_browser.check.report import chain_text
from http_status_browser.ui.html import escape

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
COLUMNS = ("Result", "Statuses", "URL", "Ends at", "Problems")
RESULT, CHAIN, URL, FINAL, PROBLEMS = range(len(COLUMNS))


class CheckRole(IntEnum):
    RESULT = Qt.ItemDataRole.UserRole + 1  # the row's CheckResult
    FINAL_STATUS = Qt.ItemDataRole.UserRole + 2  # int, or None without a final answer


def problems_text(result: CheckResult) -> str:
    """The problems in one line, errors first: plain text from untrusted input."""
    ordered = sorted(result.problems, key=lambda p: p.severity is not Severity.ERROR)
    return "; ".join(p.message for p in ordered)


class CheckResultsModel(QAbstractTableModel):
    """Read-only rows of CheckResult, in input order; `append` adds a batch at the end."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results: list[CheckResult] = []

    def append(self, results: Sequence[CheckResult]) -> None:
        if not results:
            return
        first = len(self.results)
        self.beginInsertRows(_NO_PARENT, first, first + len(results) - 1)
        self.results.extend(results)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.results = []
        self.endResetModel()

    def failed_count(self) -> int:
        return sum(not r.ok for r in self.results)

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.results):
            return None
        result = self.results[index.row()]
        if role == CheckRole.RESULT:
            return result
        if role == CheckRole.FINAL_STATUS:
            return result.final_status
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(result, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (URL, FINAL, PROBLEMS):
            text = self._display(result, index.column())
            # Qt renders a tool tip as rich text when it looks like markup: escaped, in <p>.
            return f"<p>{escape(text)}</p>" if text else None
        return None

    def _display(self, result: CheckResult, column: int) -> str:
        if column == RESULT:
            return "OK" if result.ok else "Problem"
        if column == CHAIN:
            return chain_text(result)
        if column == URL:
            return result.url
        if column == FINAL:
            return result.final_url or ""
        return problems_text(result)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None
