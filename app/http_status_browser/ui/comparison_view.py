"""The comparison view: two codes side by side, with pickers for either side."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from http_status_browser.registry.comparison import Comparison, compare_codes
from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import StatusCode
from http_status_browser.ui.colours import BADGE_TEXT, CLASS_COLOURS, NEUTRAL_COLOUR
from http_status_browser.ui.html import escape, html_list, level_badge
from http_status_browser.ui.links import CodeLinkBrowser, situation_link, status_link


def comparison_html(comparison: Comparison) -> str:
    """A table with one row per property; rows where the codes differ are bold."""
    left, right = comparison.statuses

    def heading(code: int, title: str, category: str) -> str:
        colour = CLASS_COLOURS.get(category[0], NEUTRAL_COLOUR)
        return (
            f'<th width="40%" align="left" style="background-color:{colour};">'
            f'<a href="{status_link(code)}" style="color:{BADGE_TEXT};">{escape(title)}</a></th>'
        )

    parts = [
        '<table width="100%" cellspacing="0" cellpadding="6" border="0">',
        "<tr><th></th>"
        + heading(left.code, left.title, left.category)
        + heading(right.code, right.title, right.category)
        + "</tr>",
    ]
    for row in comparison.rows:
        label = escape(row.label)
        values = [escape(value) for value in row.values]
        if row.key == "requirements":  # levels as the detail pane's badges, not "[SHOULD]"
            values = [_requirements(status) for status in comparison.statuses]
        if row.differs:
            values = [f"<b>{value}</b>" for value in values]
        parts.append(
            f'<tr><td valign="top"><i>{label}</i></td>'
            f'<td valign="top">{values[0]}</td><td valign="top">{values[1]}</td></tr>'
        )
    cells = [
        "<br>".join(f'<a href="{situation_link(s.id)}">{escape(s.title)}</a>' for s in group) or "-"
        for group in comparison.situations
    ]
    parts.append(
        f'<tr><td valign="top"><i>Use it when</i></td><td valign="top">{cells[0]}</td>'
        f'<td valign="top">{cells[1]}</td></tr>'
    )
    parts.append("</table>")
    parts.append(html_list("When to use which", _notes(comparison)))
    return "\n".join(parts)


def _requirements(status: StatusCode) -> str:
    rules = (f"{level_badge(rule.level)} {escape(rule.text)}" for rule in status.requirements)
    return "<br>".join(rules) or "-"


def _notes(comparison: Comparison) -> list[str]:
    """Each note as it reads ("504: the upstream did not answer..."), then whose entry it
    comes from: a code in front read as the note's subject. The same note once."""
    titles = {status.code: status.title for status in comparison.statuses}
    items: list[str] = []
    seen: set[str] = set()
    for note in comparison.notes:
        if note.note in seen:
            continue
        seen.add(note.note)
        title = escape(titles.get(note.code, str(note.code)))
        source = f'<a href="{status_link(note.code)}">{title}</a>'
        items.append(f"{escape(note.note)} <small>(from {source})</small>")
    return items


class CompareView(QWidget):
    """Two codes side by side; either side can be changed, and the pair can be swapped."""

    codeRequested = Signal(int)
    situationRequested = Signal(str)
    pairChosen = Signal(int, int)  # the user picked another pair in this view
    closeRequested = Signal()

    def __init__(self, registry: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.setAccessibleName("Compare two codes")
        self._registry = registry
        self.pair: tuple[int, int] | None = None
        self._updating = False

        self.left_box = self._code_box("compareLeft", "First code")
        self.right_box = self._code_box("compareRight", "Second code")
        self.swap_button = QPushButton("S&wap", self)
        self.swap_button.setObjectName("compareSwap")
        self.close_button = QPushButton("&Details", self)
        self.close_button.setObjectName("compareClose")
        self.close_button.setToolTip("Back to the details of the selected code")
        self.table = CodeLinkBrowser(self)
        self.table.setObjectName("compareTable")
        self.table.setAccessibleName("Comparison")

        label = QLabel("Co&mpare", self)
        label.setBuddy(self.left_box)
        bar = QHBoxLayout()
        bar.addWidget(label)
        bar.addWidget(self.left_box, 1)
        bar.addWidget(QLabel("with", self))
        bar.addWidget(self.right_box, 1)
        bar.addWidget(self.swap_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.left_box.activated.connect(self._picked)
        self.right_box.activated.connect(self._picked)
        self.swap_button.clicked.connect(self.swap)
        self.close_button.clicked.connect(self.closeRequested)
        self.table.codeRequested.connect(self.codeRequested)
        self.table.situationRequested.connect(self.situationRequested)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape (which the table and an open picker pass on) closes the comparison, as
        the Details button does."""
        if event.key() == Qt.Key.Key_Escape:
            self.closeRequested.emit()
            return
        super().keyPressEvent(event)

    def _code_box(self, name: str, accessible: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        # Long phrases would otherwise widen the pane and squeeze the tree beside it.
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(14)
        seen: set[int] = set()
        for status in self._registry.statuses:
            if status.code not in seen:  # lookup() gives the official entry for a number
                seen.add(status.code)
                box.addItem(status.title, status.code)
        return box

    def show_pair(self, left: int, right: int) -> bool:
        """Compare two codes; False when either is not in the registry."""
        first, second = self._registry.lookup(left), self._registry.lookup(right)
        if first is None or second is None or left == right:
            return False
        self.pair = (left, right)
        self._updating = True
        try:
            self.left_box.setCurrentIndex(self.left_box.findData(left))
            self.right_box.setCurrentIndex(self.right_box.findData(right))
        finally:
            self._updating = False
        self.table.setHtml(comparison_html(compare_codes(self._registry, first, second)))
        return True

    @Slot()
    def swap(self) -> None:
        if self.pair is not None:
            right, left = self.pair
            if self.show_pair(left, right):
                self.pairChosen.emit(left, right)

    @Slot(int)
    def _picked(self, _index: int) -> None:
        if self._updating:
            return
        left, right = int(self.left_box.currentData()), int(self.right_box.currentData())
        if self.show_pair(left, right):
            self.pairChosen.emit(left, right)
