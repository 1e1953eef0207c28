"""The status tree model (classes, then codes) and the proxy that filters it with the search."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel
from PySide6.QtGui import QColor, QFont

from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import StatusCode
from http_status_browser.ui.colours import CLASS_COLOURS, NEUTRAL_COLOUR
from http_status_browser.ui.qtvalues import (
    ACCESSIBLE_DESCRIPTION_ROLE,
    DECORATION_ROLE,
    DISPLAY_ROLE,
    FONT_ROLE,
    HORIZONTAL,
    TOOLTIP_ROLE,
    USER_ROLE,
)
from http_status_browser.ui.treemodel import GROUP_ROW_ID, GroupedTreeModel, Index

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

log = logging.getLogger(__name__)

_CLASS_ROW_ID = GROUP_ROW_ID


class Role(IntEnum):
    """Data roles beyond Qt's own, for views, the proxy and tests."""

    STATUS = USER_ROLE + 1
    CATEGORY = USER_ROLE + 2
    CODE = USER_ROLE + 3


# Roles as plain ints for data(), which runs for every role of every painted row: comparing an
# int with a PySide6 enum member costs about 0.4 µs, and data() made up to ten comparisons.
_DESCRIPTION = frozenset({TOOLTIP_ROLE, ACCESSIBLE_DESCRIPTION_ROLE})
_STATUS, _CATEGORY, _CODE = int(Role.STATUS), int(Role.CATEGORY), int(Role.CODE)
_ANSWERED = frozenset(
    {DISPLAY_ROLE, DECORATION_ROLE, FONT_ROLE, *_DESCRIPTION, _STATUS, _CATEGORY, _CODE}
)


class StatusTreeModel(GroupedTreeModel):
    """Read-only tree of classes, each with its codes: at first every class with all its codes
    in code order, then whatever `show` is given (what the filter proxy lets through). A class
    row's title counts the codes the tree holds in it: "4xx Client error  (29)"."""

    def __init__(self, registry: Registry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        # Every class id with all its codes, in registry order.
        self.everything: dict[str, tuple[StatusCode, ...]] = {
            category.id: registry.in_category(category.id) for category in registry.categories
        }
        self._known = {category.id: category for category in registry.categories}
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        # A class row's swatch: the colour its badges, bars and comparison headings have.
        self._swatches = {
            category.id: QColor(CLASS_COLOURS.get(category.id[0], NEUTRAL_COLOUR))
            for category in registry.categories
        }
        self._lay_out(self.everything)

    def _lay_out(self, groups: Mapping[str, Sequence[StatusCode]]) -> None:
        shown = [(self._known[c], group) for c, group in groups.items() if c in self._known]
        self.categories = tuple(category for category, _ in shown)
        self.groups = tuple(group for _, group in shown)
        self.group_sizes = tuple(len(group) for group in self.groups)
        self._class_rows = {category.id: row for row, category in enumerate(self.categories)}
        self._class_titles = tuple(f"{category.title}  ({len(group)})" for category, group in shown)
        # Each class's row of each of its codes, made when first asked for (see position).
        self._rows: list[dict[int, int] | None] = [None] * len(self.groups)

    def show(self, groups: Mapping[str, Sequence[StatusCode]]) -> None:
        """Hold these classes (by id, in this order), each with these codes in this order.

        The filter proxy gives the tree exactly the rows to show, so that C++ never calls
        Python for each row to ask whether to show it: with 10,000 codes those calls were
        most of a keystroke's time. The change is a layout change that moves persistent
        indexes (the view's current row, its expanded classes) to where their rows now are:
        what stays visible stays current and expanded.
        """
        unknown = [category_id for category_id in groups if category_id not in self._known]
        if unknown:
            log.warning("no class %s in the registry: not shown", ", ".join(unknown))
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        items = [self._item(index) for index in before]
        self._lay_out(groups)
        self.changePersistentIndexList(before, [self._index_of_item(item) for item in items])
        self.layoutChanged.emit()

    def _item(self, index: QModelIndex) -> StatusCode | str | None:
        """What a row shows: a code, or a class row's class id."""
        if not index.isValid():
            return None
        if index.internalId() == _CLASS_ROW_ID:
            return self.categories[index.row()].id
        return self.groups[index.internalId() - 1][index.row()]

    def _index_of_item(self, item: StatusCode | str | None) -> QModelIndex:
        if isinstance(item, StatusCode):
            return self.index_of(item)
        row = self._class_rows.get(item) if item is not None else None
        return QModelIndex() if row is None else self._index(row, _CLASS_ROW_ID)

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> object:
        # Views ask for a dozen roles per painted row, most of which the tree has no value
        # for: those return at the first line.
        if role not in _ANSWERED or not index.isValid():
            return None
        group = index.internalId()
        if group == _CLASS_ROW_ID:
            if role == DISPLAY_ROLE:
                return self._class_titles[index.row()]
            category = self.categories[index.row()]
            if role == FONT_ROLE:
                return self._bold
            if role == DECORATION_ROLE:
                return self._swatches.get(category.id)
            if role in _DESCRIPTION:
                return category.summary
            if role == _CATEGORY:
                return category.id
            return None
        status = self.groups[group - 1][index.row()]
        if role == DISPLAY_ROLE:
            return status.title
        if role == _STATUS:
            return status
        if role == _CODE:
            return status.code
        if role == _CATEGORY:
            return status.category
        if role in _DESCRIPTION:
            if status.official:
                return status.summary
            return f"{status.summary} (unofficial: {status.defined_by})"
        if role == FONT_ROLE and not status.official:
            return self._italic
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> object:
        if orientation.value == HORIZONTAL and role == DISPLAY_ROLE:
            return "Status code"
        return None

    def position(self, status: StatusCode) -> tuple[int, int] | None:
        """(class row, row) of a code, where the tree holds it now."""
        class_row = self._class_rows.get(status.category)
        if class_row is None:
            return None
        rows = self._rows[class_row]
        if rows is None:
            rows = {id(entry): row for row, entry in enumerate(self.groups[class_row])}
            self._rows[class_row] = rows
        row = rows.get(id(status))
        return None if row is None else (class_row, row)

    def index_of(self, status: StatusCode) -> QModelIndex:
        found = self.position(status)
        if found is None:
            return QModelIndex()
        return self._index(found[1], found[0] + 1)


class StatusFilterProxy(QSortFilterProxyModel):
    """Filters the tree with the registry's search, by class and by official standing.

    It works out which codes to show and hands them to the source tree (`show`), which then
    holds only those: the proxy's own row filter accepts everything in C++. While a query is
    active, the codes come in search rank order and classes are ordered by their best match,
    so that the GUI lists codes in the same order as `httpstatus search`. Nothing is sorted
    here (sort column -1): a sort would ask Python's lessThan about each pair of rows.

    Nor does it override data(): every role of every painted row would then call Python
    twice more (this data() and the source's index()); the class rows' counts are the
    source's.
    """

    def __init__(self, source: StatusTreeModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source  # the proxy owns its source model's Python reference
        self.setSourceModel(source)
        self.setDynamicSortFilter(False)
        registry = source.registry
        self._query = ""
        self._matches: list[StatusCode] | None = None
        self._classes = {category.id for category in registry.categories}
        self._unofficial = False
        self._hidden_by_default = frozenset(
            id(status) for status in registry.statuses if not status.shown_by_default
        )
        # The whole tree as the toggles last left it: clearing a search shows it again.
        self._whole_tree: tuple[tuple[frozenset[str], bool], dict[str, list[StatusCode]]] | None
        self._whole_tree = None
        self._given: list[tuple[str, list[StatusCode]]] | None = None
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
            self._matches = None
        else:
            self._matches = [match.status for match in self._source.registry.search(text)]
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
        """Hand the source the codes to show: the shown matches while searching, grouped by
        class in order of each class's best match, or else every shown code."""
        groups: dict[str, list[StatusCode]] = {}
        if self._matches is not None:
            classes = self._classes
            hidden = frozenset() if self._unofficial else self._hidden_by_default
            for status in self._matches:  # _shown() inlined: up to one pass per match
                if status.category in classes and id(status) not in hidden:
                    group = groups.get(status.category)
                    if group is None:
                        group = groups[status.category] = []
                    group.append(status)
        else:
            toggles = (frozenset(self._classes), self._unofficial)
            if self._whole_tree is None or self._whole_tree[0] != toggles:
                everything = self._source.everything.items()
                whole = {
                    category_id: [status for status in statuses if self._shown(status)]
                    for category_id, statuses in everything
                    if category_id in self._classes
                }
                self._whole_tree = (toggles, whole)
            groups = self._whole_tree[1]
        # Typing on often finds the same codes in the same order ("gate", "gatew"...): the
        # tree then stays as it is, with no layout for the view to redo. Lists compare their
        # items by identity first, so this costs microseconds.
        given = list(groups.items())
        if given != self._given:
            self._given = given
            self._source.show(groups)

    def is_searching(self) -> bool:
        return self._matches is not None

    def hidden_matches(self) -> int:
        """How many search matches the class and unofficial toggles hide."""
        if self._matches is None:
            return 0
        return sum(1 for status in self._matches if not self._shown(status))

    def _shown(self, status: StatusCode) -> bool:
        if status.category not in self._classes:
            return False
        return self._unofficial or id(status) not in self._hidden_by_default
