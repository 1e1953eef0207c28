"""The "Which code?" view: situations grouped by area, filtered by the search box, and the
card of the selected one (recommendation, alternatives, mistakes) with links into the codes."""

from __future__ import annotations

import logging
from enum import IntEnum

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QTreeView, QVBoxLayout, QWidget

from http_status_browser.registry.model import Registry
from http_status_browser.registry.situations import Area, Situation, SituationBook
from http_status_browser.ui.html import escape, html_list
from http_status_browser.ui.links import CodeLinkBrowser, compare_link, status_link
from http_status_browser.ui.treemodel import GROUP_ROW_ID, GroupedTreeModel, Index

log = logging.getLogger(__name__)

_AREA_ROW_ID = GROUP_ROW_ID


class SituationRole(IntEnum):
    SITUATION = Qt.ItemDataRole.UserRole + 1
    AREA = Qt.ItemDataRole.UserRole + 2
    CODE = Qt.ItemDataRole.UserRole + 3


class SituationTreeModel(GroupedTreeModel):
    """Read-only tree: the areas, each with its situations as "409  The record already exists"."""

    def __init__(self, book: SituationBook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.areas: tuple[Area, ...] = tuple(a for a in book.areas if book.in_area(a.id))
        self.groups = tuple(book.in_area(area.id) for area in self.areas)
        self.group_sizes = tuple(len(group) for group in self.groups)
        self._titles = tuple(tuple(f"{s.code}  {s.title}" for s in group) for group in self.groups)
        self._positions = {
            situation.id: (area_row, row)
            for area_row, group in enumerate(self.groups)
            for row, situation in enumerate(group)
        }
        self._bold = QFont()
        self._bold.setBold(True)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _AREA_ROW_ID:
            area = self.areas[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return area.name
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == SituationRole.AREA:
                return area.id
            return None
        area_row = index.internalId() - 1
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[area_row][index.row()]
        situation = self.groups[area_row][index.row()]
        if role == SituationRole.SITUATION:
            return situation
        if role == SituationRole.CODE:
            return situation.code
        if role == SituationRole.AREA:
            return situation.area
        if role == Qt.ItemDataRole.ToolTipRole:
            # Rich text, so that Qt wraps it; with the title, which the row may cut off.
            return f"<p><b>{escape(situation.title)}</b></p><p>{escape(situation.why)}</p>"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return situation.why
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Situation"
        return None

    def position(self, situation_id: str) -> tuple[int, int] | None:
        return self._positions.get(situation_id)

    def index_of(self, situation_id: str) -> QModelIndex:
        found = self.position(situation_id)
        if found is None:
            return QModelIndex()
        return self.index(found[1], 0, self.index(found[0], 0))


class SituationFilterProxy(QSortFilterProxyModel):
    """Shows the situations that match the search, best first, areas by their best match."""

    def __init__(
        self, source: SituationTreeModel, registry: Registry, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._source = source  # the proxy owns its source model's Python reference
        self._registry = registry
        self.setSourceModel(source)
        self._query = ""
        self._ranks: dict[tuple[int, int], int] | None = None
        self._area_ranks: dict[int, int] = {}
        # True when nothing matched well and the nearest situations are shown instead.
        self.only_nearest = False
        self.setDynamicSortFilter(False)
        self.sort(0, Qt.SortOrder.AscendingOrder)

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        if text == self._query:
            return
        self._query = text
        self._ranks = None
        self._area_ranks = {}
        self.only_nearest = False
        if text.strip():
            self._ranks = {}
            matches = self._registry.search_index.search_situations(text)
            self.only_nearest = bool(matches) and matches[0].weak
            for rank, match in enumerate(matches):
                position = self._source.position(match.situation.id)
                if position is None:
                    log.warning("situation %s is not in the view", match.situation.id)
                    continue
                self._ranks[position] = rank
                self._area_ranks.setdefault(position[0], rank)
        self.invalidate()

    def matches(self) -> int:
        if self._ranks is None:
            return len(self._source.book)
        return len(self._ranks)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._ranks is None:
            return True
        if not source_parent.isValid():
            return source_row in self._area_ranks
        return (source_parent.row(), source_row) in self._ranks

    def lessThan(self, source_left: Index, source_right: Index) -> bool:
        if self._ranks is None:
            return source_left.row() < source_right.row()
        parent = source_left.parent()
        missing = len(self._ranks)
        if not parent.isValid():
            return self._area_ranks.get(source_left.row(), missing) < self._area_ranks.get(
                source_right.row(), missing
            )
        return self._ranks.get((parent.row(), source_left.row()), missing) < self._ranks.get(
            (parent.row(), source_right.row()), missing
        )


def situation_html(situation: Situation, registry: Registry) -> str:
    """The card of a situation: the answer, why, the alternatives, mistakes and reference."""

    def code_link(code: int) -> str:
        status = registry.lookup(code)
        title = status.title if status else str(code)
        return f'<a href="{status_link(code)}">{escape(title)}</a>'

    parts = [f"<h2>{escape(situation.title)}</h2>"]
    parts.append(f"<p><big><b>Answer {code_link(situation.code)}</b></big></p>")
    parts.append(f"<p>{escape(situation.why)}</p>")
    if situation.convention:
        parts.append(f"<p><i>A convention, not an RFC rule:</i> {escape(situation.convention)}</p>")
    parts.append(
        html_list(
            "Alternatives",
            (
                f"{code_link(a.code)} "
                f'<small>(<a href="{compare_link(situation.code, a.code)}">compare</a>)</small>: '
                f"{escape(a.when)}"
                for a in situation.alternatives
            ),
        )
    )
    parts.append(html_list("Common mistakes", (escape(m) for m in situation.mistakes)))
    parts.append(practice_table(situation))
    if situation.phrasings:
        parts.append(
            "<h3>Also asked as</h3><p><i>" + escape(" · ".join(situation.phrasings)) + "</i></p>"
        )
    parts.append(f"<h3>Reference</h3><p>{reference_html(situation, registry)}</p>")
    return "\n".join(parts)


def practice_table(situation: Situation) -> str:
    """What the API guidelines and public APIs do, one compact row each; nothing if none."""
    if not situation.practice:
        return ""
    rows = "".join(
        "<tr>"
        f"<td>{escape(p.source_name)}</td>"
        f'<td><a href="{status_link(p.code)}">{p.code}</a></td>'
        f"<td>{escape(p.note)} <small>({escape(p.reference)})</small></td>"
        "</tr>"
        for p in situation.practice
    )
    head = "".join(f"<th align=left>{name}</th>" for name in ("Source", "Code", "What it says"))
    head = f"<tr>{head}</tr>"
    return (
        "<h3>What API guidelines and large APIs do</h3>"
        f'<table cellspacing="0" cellpadding="3">{head}{rows}</table>'
    )


def reference_html(situation: Situation, registry: Registry) -> str:
    """The reference as a link, as a code's is, where a code cites the same section (most
    cite their answer's); plain text otherwise."""
    for code in situation.codes:
        status = registry.lookup(code)
        if status is not None and status.reference == situation.reference:
            return f'<a href="{escape(status.url)}">{escape(situation.reference)}</a>'
    return escape(situation.reference)


class SituationView(QWidget):
    """Situations by area on the left, the selected one's card on the right.

    The situations are read when the view is first shown (or searched while shown), not at
    start-up; a query typed before that is kept and applied then.
    """

    codeRequested = Signal(int)
    compareRequested = Signal(int, int)

    def __init__(self, registry: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("situationView")
        self.setAccessibleName("Which code?")
        self._registry = registry
        self._query = ""
        self.model: SituationTreeModel | None = None
        self.proxy: SituationFilterProxy | None = None

        self.tree = QTreeView(self)
        self.tree.setObjectName("situationTree")
        self.tree.setAccessibleName("Situations")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("situationCount")
        self.card = CodeLinkBrowser(self)
        self.card.setObjectName("situationCard")
        self.card.setAccessibleName("Situation")
        self.card.codeRequested.connect(self.codeRequested)
        self.card.compareRequested.connect(self.compareRequested)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("situationSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.card)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([460, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def ensure_loaded(self) -> SituationFilterProxy:
        """Build the models on first use."""
        if self.proxy is None:
            self.model = SituationTreeModel(self._registry.situations, self)
            self.proxy = SituationFilterProxy(self.model, self._registry, self)
            self.tree.setModel(self.proxy)
            self.tree.selectionModel().currentChanged.connect(self._current_changed)
            self._apply_query()
        return self.proxy

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_loaded()
        super().showEvent(event)

    def set_query(self, text: str) -> None:
        """Follow the search box; while hidden only remember the text (typing stays cheap)."""
        self._query = text
        if self.proxy is not None and self.isVisible():
            self._apply_query()

    def _apply_query(self) -> None:
        proxy = self.ensure_loaded()
        if proxy.query == self._query and self.tree.currentIndex().isValid():
            return
        proxy.set_query(self._query)
        self.tree.expandAll()
        shown = proxy.matches()
        total = len(self._registry.situations)
        if not self._query.strip():
            self.count_label.setText(f"{total} situations")
        elif proxy.only_nearest:
            self.count_label.setText(f"No close match: the {shown} nearest of {total} situations")
        else:
            self.count_label.setText(f"{shown} of {total} situations")
        first_area = proxy.index(0, 0)
        first = proxy.index(0, 0, first_area)
        if first.isValid():
            self._select(first)
        else:
            self.card.setHtml(
                f"<p>No situation matches “{escape(self._query.strip()[:80])}”. "
                "Try other words, or the Codes tab.</p>"
            )

    def _select(self, index: QModelIndex) -> None:
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.tree.scrollTo(index)

    def current_situation(self) -> Situation | None:
        value = self.tree.currentIndex().data(SituationRole.SITUATION)
        return value if isinstance(value, Situation) else None

    def show_situation(self, situation_id: str) -> bool:
        """Select a situation by id, clearing a filter that hides it."""
        proxy = self.ensure_loaded()
        assert self.model is not None
        source = self.model.index_of(situation_id)
        if not source.isValid():
            return False
        index = proxy.mapFromSource(source)
        if not index.isValid():
            self._query = ""
            proxy.set_query("")
            self.tree.expandAll()
            index = proxy.mapFromSource(source)
        self._select(index)
        return True

    def focus_list(self) -> None:
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        situation = current.data(SituationRole.SITUATION)
        if isinstance(situation, Situation):
            self.card.setHtml(situation_html(situation, self._registry))
        else:
            area = self._registry.situations.area(str(current.data(SituationRole.AREA)))
            if area is not None:
                items = "".join(
                    f"<li>{s.code} {escape(s.title)}</li>"
                    for s in self._registry.situations.in_area(area.id)
                )
                self.card.setHtml(f"<h2>{escape(area.name)}</h2><ul>{items}</ul>")
