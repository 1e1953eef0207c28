"""The explain view's table: one row per status code found, with what the registry says."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from http_status_browser.explain.verdicts import CodeVerdict
from http_status_browser.ui.html import escape

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
COLUMNS = ("Code", "Phrase", "Count", "Share", "Note")
CODE, PHRASE, COUNT, SHARE, NOTE = range(len(COLUMNS))


class ExplainRole(IntEnum):
    CODE = Qt.ItemDataRole.UserRole + 1
    SORT = Qt.ItemDataRole.UserRole + 2  # a number or text to sort the column by


def note_text(verdict: CodeVerdict) -> str:
    """The flag and the flagged phrases, in one line; plain text from untrusted input."""
    parts = [verdict.flag] if verdict.flag else []
    parts.extend(f'sent as "{n.phrase}" ({n.hits:,}): {n.note}' for n in verdict.phrase_notes)
    if verdict.found.top:
        parts.append(f"most often {verdict.found.top[0].target}")
    return "; ".join(parts)


class ExplainTableModel(QAbstractTableModel):
    """Read-only rows of CodeVerdict, replaced whole when a new report arrives."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.verdicts: list[CodeVerdict] = []
        self._notes: list[str] = []

    def set_verdicts(self, verdicts: Sequence[CodeVerdict]) -> None:
        self.beginResetModel()
        self.verdicts = list(verdicts)
        self._notes = [note_text(v) for v in self.verdicts]
        self.endResetModel()

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.verdicts)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.verdicts):
            return None
        verdict = self.verdicts[index.row()]
        column = index.column()
        if role == ExplainRole.CODE:
            return verdict.found.code
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(verdict, column, index.row())
        if role == ExplainRole.SORT:
            values: tuple[object, ...] = (
                verdict.found.code,
                self._display(verdict, PHRASE, index.row()),
                verdict.found.hits,
                verdict.found.hits,
                self._notes[index.row()],
            )
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COUNT, SHARE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (PHRASE, NOTE):
            # Qt renders a tool tip as rich text when it looks like markup: escaped, in <p>.
            status = verdict.status
            tip = status.summary if status else "Not in the IANA registry or in ours."
            note = self._notes[index.row()]
            return f"<p>{escape(tip)}</p>" + (f"<p>{escape(note)}</p>" if note else "")
        return None

    def _display(self, verdict: CodeVerdict, column: int, row: int) -> str:
        if column == CODE:
            return str(verdict.found.code)
        if column == PHRASE:
            return verdict.status.phrase if verdict.status else "(unknown code)"
        if column == COUNT:
            return f"{verdict.found.hits:,}"
        if column == SHARE:
            return f"{verdict.share * 100:.1f}%"
        return self._notes[row]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        if (
            role == Qt.ItemDataRole.InitialSortOrderRole
            and orientation == Qt.Orientation.Horizontal
            and section in (COUNT, SHARE)
        ):
            # A first click on Count or Share puts the most frequent codes first.
            return Qt.SortOrder.DescendingOrder.value
        return None
