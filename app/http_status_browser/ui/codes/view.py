"""The Codes view: the tree pane beside the detail pane and snippets, or a comparison.

It applies the search bar's query and filters to the tree, explains the current row, and
follows the navigator: it reports where the user went and shows where Back and Forward lead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QTimer, Signal, Slot
from PySide6.QtWidgets import QSplitter, QStackedWidget, QStatusBar

from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import Category, StatusCode
from http_status_browser.ui.codes.count_label import CountLabel
from http_status_browser.ui.codes.detail_splitter import DetailSplitter
from http_status_browser.ui.codes.tree_pane import TreePane
from http_status_browser.ui.detail import DetailView
from http_status_browser.ui.focus_frame import show_focus
from http_status_browser.ui.snippet_panel import SnippetPanel
from http_status_browser.ui.status_models import Role

if TYPE_CHECKING:
    from http_status_browser.ui.comparison_view import CompareView
    from http_status_browser.ui.navigation import Navigator
    from http_status_browser.ui.search_bar import SearchBar

# While the user types, the detail pane follows the best match after this pause, so that the
# list keeps up with every keystroke; clicks and links update it at once.
TYPING_DETAIL_DELAY_MS = 120
DETAIL_PAGE, COMPARE_PAGE = 0, 1


class CodesView(QSplitter):
    """The first tab: codes on the left, the current one explained (or compared) on the right."""

    currentRowChanged = Signal()
    situationRequested = Signal(str)

    def __init__(
        self,
        registry: Registry,
        search_bar: SearchBar,
        navigator: Navigator,
        status_bar: QStatusBar,
    ) -> None:
        # No parent argument: choosing between QSplitter(parent) and QSplitter(orientation,
        # parent) builds PySide's Qt namespace (ui/qtvalues.py). The tab widget adopts it.
        super().__init__()  # horizontal
        self.setObjectName("mainSplitter")
        self.registry = registry
        self.search_bar = search_bar
        self.navigator = navigator
        self.status_bar = status_bar
        self._recording = True
        self._reporting = False
        self._notes: list[str] = []  # what the navigation under way undid, to say so
        self._typing = False
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(TYPING_DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self.show_current)
        # A comparison typed into the search ("404 or gone") enters the history once typing
        # pauses, not at every pair met on the way ("404 or g").
        self._searched_pair: tuple[int, int] | None = None
        self._pair_timer = QTimer(self)
        self._pair_timer.setSingleShot(True)
        self._pair_timer.setInterval(TYPING_DETAIL_DELAY_MS)
        self._pair_timer.timeout.connect(self._record_searched_pair)

        self.tree_pane = TreePane(registry, self)
        self.tree = self.tree_pane.tree
        self.proxy = self.tree_pane.proxy
        self.source_model = self.tree_pane.source_model
        self.detail = DetailView(registry, self)
        self.snippets = SnippetPanel(registry, self)
        # The detail pane keeps most of a short window; the snippet panel gives up height first.
        self.detail_splitter = DetailSplitter(self.detail, self.snippets)
        # The comparison view takes the detail pane's place; it is built on first use.
        self.detail_stack = QStackedWidget(self)
        self.detail_stack.setObjectName("detailStack")
        self.detail_stack.addWidget(self.detail_splitter)
        self.compare_view: CompareView | None = None

        self.addWidget(self.tree_pane)
        self.addWidget(self.detail_stack)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 5)
        self.setSizes([330, 770])
        self.count_label = CountLabel(len(registry.statuses), self)
        self._connect()

    def _connect(self) -> None:
        search = self.search_bar
        search.edit.textChanged.connect(self._search_changed)
        search.filtersChanged.connect(self.apply_filters)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.detail.codeRequested.connect(self.navigate_to)
        self.detail.compareRequested.connect(self.show_comparison)
        self.detail.situationRequested.connect(self.situationRequested)
        self.detail.externalLinkFailed.connect(self._link_failed)
        self.tree_pane.clear_search_button.clicked.connect(search.edit.clear)
        self.tree_pane.show_unofficial_button.clicked.connect(search.show_unofficial)
        self.tree_pane.show_classes_button.clicked.connect(search.show_all_classes)
        self.navigator.codeChanged.connect(self._follow_code)
        self.navigator.comparisonChanged.connect(self._follow_comparison)

    def _message(self, text: str, timeout_ms: int = 5000) -> None:
        self.status_bar.showMessage(text, timeout_ms)

    # Filtering

    @Slot(str)
    def _search_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self._typing = True
        try:
            self.show_matches(select_first=self.proxy.is_searching())
        finally:
            self._typing = False
        # "204 vs 200": the tree lists both codes and the comparison opens beside it.
        pair = self.registry.search_index.comparison(text) if " " in text.strip() else None
        self._searched_pair = None
        if pair is not None and self.show_comparison(pair[0].code, pair[1].code, record=False):
            self._searched_pair = (pair[0].code, pair[1].code)
            self._pair_timer.start()

    @Slot()
    def _record_searched_pair(self) -> None:
        if self._searched_pair is not None and self._showing_pair(*self._searched_pair):
            self.navigator.visit(self._searched_pair)

    @Slot()
    def apply_filters(self, select_a_row: bool = True) -> None:
        """Show the classes (and unofficial codes) the search bar asks for."""
        self.proxy.set_visible_classes(self.search_bar.shown_classes())
        self.proxy.set_show_unofficial(self.search_bar.unofficial_shown())
        self.tree_pane.legend.setVisible(self.search_bar.unofficial_shown())
        self.show_matches(select_first=False, select_a_row=select_a_row)

    def show_matches(self, select_first: bool, select_a_row: bool = True) -> None:
        """Expand, count and show what the filters let through; select its first row when
        `select_first`, or when nothing is current and `select_a_row`."""
        visible = self.tree_pane.show_matches()
        self.count_label.show_count(visible)
        if visible == 0:
            self.tree_pane.show_empty_page(self.search_bar.all_classes_shown())
            self._show_nothing()
            return
        if select_first or (select_a_row and not self.tree.currentIndex().isValid()):
            self._select(self.tree_pane.first_code(), record=False)

    # Selection

    def current_status(self) -> StatusCode | None:
        value = self.tree.currentIndex().data(Role.STATUS)
        return value if isinstance(value, StatusCode) else None

    def current_category(self) -> Category | None:
        index = self.tree.currentIndex()
        if not index.isValid() or index.parent().isValid():
            return None
        return self.registry.category(str(index.data(Role.CATEGORY)))

    def select(self, index: QModelIndex) -> None:
        """Make `index` the current row, as a click on it would."""
        self._select(index, record=True)

    def _select(self, index: QModelIndex, record: bool) -> None:
        self._recording = record
        try:
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.tree.scrollTo(index)
            # A class's first code brings its heading, the row above it, into view too (after
            # the code: a heading scrolled to from above would sit at the bottom edge).
            if index.row() == 0 and (heading := index.parent()).isValid():
                self.tree.scrollTo(heading)
        finally:
            self._recording = True

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        status = current.data(Role.STATUS)
        if isinstance(status, StatusCode):
            self._reporting = True  # what the navigator announces back is this very row
            try:
                self.navigator.visit(status.code, record=self._recording)
            finally:
                self._reporting = False
        self.currentRowChanged.emit()
        if self._typing:
            self._detail_timer.start()
        else:
            self.show_current()

    @Slot()
    def show_current(self) -> None:
        """Explain the current row in the detail pane and the snippet panel."""
        self._detail_timer.stop()
        self.detail_stack.setCurrentIndex(DETAIL_PAGE)
        status = self.current_status()
        category = self.current_category()
        if status is not None:
            self.detail.show_status(status)
            self.snippets.set_status(status)
        elif category is not None:
            self.detail.show_category(category)
            self.snippets.set_status(None)
        # A class page or no code has no snippet: no empty box under it.
        self.snippets.setVisible(status is not None)

    def _show_nothing(self) -> None:
        """No row: the detail pane says so rather than keep a code met on the way."""
        self._detail_timer.stop()
        self.detail_stack.setCurrentIndex(DETAIL_PAGE)
        self.detail.show_no_match(self.proxy.query.strip())
        self.snippets.set_status(None)
        self.snippets.hide()
        self.currentRowChanged.emit()  # the copy actions follow: nothing to copy

    def show_overview(self) -> None:
        """The first launch's page: the classes at a glance, no code chosen yet."""
        self.detail_stack.setCurrentIndex(DETAIL_PAGE)
        self.detail.show_overview()
        self.snippets.hide()

    def focus_results(self) -> None:
        """From the search box to the tree, on its first match when nothing is current."""
        self.tree.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        if not self.tree.currentIndex().isValid():
            self.show_matches(select_first=True)

    # Navigation

    def reveal(self, status: StatusCode) -> QModelIndex:
        """The proxy index of `status`, clearing filters that hide it (and saying so when
        that clears the user's search)."""
        index = self.proxy.mapFromSource(self.source_model.index_of(status))
        if not index.isValid():
            cleared = self.search_bar.widen_for(status)
            if cleared:
                self._notes.append(f"cleared the search “{cleared[:40]}”")
            # Filters only widen here; the caller selects `status`, not the first row first.
            self.apply_filters(select_a_row=False)
            # The source tree holds only what the filters show: ask again where it is now.
            index = self.proxy.mapFromSource(self.source_model.index_of(status))
        return index

    @Slot(int)
    def navigate_to(self, code: int, record: bool = True) -> bool:
        """Select `code` in the tree (widening the filters if they hide it). What it undoes
        on the way (the search, an open comparison) the status bar says: never silently."""
        status = self.registry.lookup(code)
        if status is None:
            self._message(f"No status code {code} in the registry")
            return False
        comparing = self.compare_view.pair if self._comparing() and self.compare_view else None
        self._notes = []
        index = self.reveal(status)
        if index.isValid():
            self._select(index, record=False)
            if record:
                self.navigator.visit(status.code)
            if comparing is not None and not self._comparing():
                left, right = comparing
                self._notes.append(f"closed the comparison of {left} and {right} (Back reopens it)")
        if self._notes:
            said = " and ".join(self._notes)
            self._message(f"To show {code}: {said}", 8000)
        return index.isValid()

    def _comparing(self) -> bool:
        return self.detail_stack.currentIndex() == COMPARE_PAGE

    @Slot(int)
    def _follow_code(self, code: int) -> None:
        """The navigator moved to `code` (Back, Forward or a visit): show it."""
        if self._reporting:
            return
        status = self.current_status()
        if status is not None and status.code == code:
            if self.detail_stack.currentIndex() != DETAIL_PAGE:
                self.show_current()  # leave a comparison
            return
        self.navigate_to(code, record=False)

    # Comparisons

    def _compare_view(self) -> CompareView:
        if self.compare_view is None:
            from http_status_browser.ui.comparison_view import CompareView  # noqa: PLC0415

            self.compare_view = CompareView(self.registry, self)
            self.compare_view.codeRequested.connect(self.navigate_to)
            self.compare_view.situationRequested.connect(self.situationRequested)
            self.compare_view.pairChosen.connect(self._pair_chosen)
            self.compare_view.closeRequested.connect(self._close_comparison)
            show_focus(self.compare_view.table)
            self.detail_stack.addWidget(self.compare_view)
        return self.compare_view

    def _showing_pair(self, left: int, right: int) -> bool:
        view = self.compare_view
        return (
            view is not None
            and self.detail_stack.currentWidget() is view
            and (view.pair == (left, right))
        )

    @Slot(int, int)
    def show_comparison(self, left: int, right: int, record: bool = True) -> bool:
        """Show two codes side by side in place of the detail pane."""
        view = self._compare_view()
        if not view.show_pair(left, right):
            self._message(f"Cannot compare {left} with {right}")
            return False
        self._detail_timer.stop()
        self.detail_stack.setCurrentWidget(view)
        self.navigator.visit((left, right), record=record)
        return True

    @Slot(int, int)
    def _follow_comparison(self, left: int, right: int) -> None:
        if not self._showing_pair(left, right):
            self.show_comparison(left, right, record=False)

    @Slot(int, int)
    def _pair_chosen(self, left: int, right: int) -> None:
        self.navigator.visit((left, right))

    @Slot()
    def _close_comparison(self) -> None:
        self.show_current()
        status = self.current_status()
        if status is not None:
            self.navigator.visit(status.code, record=False)

    @Slot(str)
    def _link_failed(self, url: str) -> None:
        self._message(f"Could not open {url}: no browser is available", 6000)
