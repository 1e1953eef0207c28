"""The window's tabs: Codes, "Which code?", the decision guide and Check URLs, and the ways
between them.

The other views are built inside their tab's page the first time they are needed: Check URLs
imports httpx and asyncio (about 75 ms), which nothing else in the window needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from http_status_browser.ui.focus_frame import show_focus

if TYPE_CHECKING:
    from http_status_browser.registry.model import Registry
    from http_status_browser.ui.check_view import CheckView
    from http_status_browser.ui.codes.view import CodesView
    from http_status_browser.ui.guide import DecisionGuide
    from http_status_browser.ui.search_bar import SearchBar
    from http_status_browser.ui.situation_view import SituationView


class ViewTabs(QTabWidget):
    """Owns the views other than Codes (made on first use) and which one is current."""

    def __init__(
        self, registry: Registry, codes: CodesView, search_bar: SearchBar, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("viewTabs")
        self.setDocumentMode(True)
        self.registry = registry
        self.codes = codes
        self.search_bar = search_bar
        self.addTab(codes, "Codes")
        self.situation_page = self._add_page("Which code?")
        self.guide_page = self._add_page("Decision guide")
        self.check_page = self._add_page("Check URLs")
        self._situation_view: SituationView | None = None
        self._decision_guide: DecisionGuide | None = None
        self._check_view: CheckView | None = None
        self.currentChanged.connect(self._view_changed)
        search_bar.edit.textChanged.connect(self._search_changed)
        search_bar.resultsRequested.connect(self.focus_results)
        codes.situationRequested.connect(self.show_situation)

    def _add_page(self, title: str) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.addTab(page, title)
        return page

    @property
    def situation_view(self) -> SituationView:
        if self._situation_view is None:
            from http_status_browser.ui.situation_view import SituationView  # noqa: PLC0415

            view = SituationView(self.registry, self.situation_page)
            view.codeRequested.connect(self.open_code)
            view.compareRequested.connect(self.open_comparison)
            view.set_query(self.search_bar.edit.text())
            show_focus(view.tree, view.card)
            self._place(view, self.situation_page)
            self._situation_view = view
        return self._situation_view

    @property
    def decision_guide(self) -> DecisionGuide:
        if self._decision_guide is None:
            from http_status_browser.ui.guide import DecisionGuide  # noqa: PLC0415

            guide = DecisionGuide(self.registry, self.guide_page)
            guide.codeRequested.connect(self.open_code)
            show_focus(guide.history)
            self._place(guide, self.guide_page)
            self._decision_guide = guide
        return self._decision_guide

    @property
    def check_view(self) -> CheckView:
        if self._check_view is None:
            from http_status_browser.ui.check_view import CheckView  # noqa: PLC0415  (httpx)

            view = CheckView(self.registry, self.check_page)
            view.codeRequested.connect(self.open_code)
            self._place(view, self.check_page)
            self._check_view = view
        return self._check_view

    def stop_checking(self) -> None:
        """Cancel a running URL check, if the tab was ever opened (the window is closing)."""
        if self._check_view is not None:
            self._check_view.stop()

    @staticmethod
    def _place(view: QWidget, page: QWidget) -> None:
        layout = page.layout()
        assert layout is not None
        layout.addWidget(view)
        view.show()  # a layout shows a new child of a visible page only later

    @Slot(str)
    def _search_changed(self, text: str) -> None:
        # A hidden situation view is not even built: typing stays cheap.
        if self._situation_view is not None:
            self._situation_view.set_query(text)

    @Slot(int)
    def _view_changed(self, index: int) -> None:
        page = self.widget(index)
        # The class filter and the code count act on the Codes view alone; the situation
        # list counts its own results.
        self.search_bar.set_filters_available(page is self.codes)
        self.codes.count_label.setVisible(page is self.codes)
        if page is self.situation_page:
            self.situation_view.set_query(self.search_bar.edit.text())
        elif page is self.guide_page:
            _ = self.decision_guide
        elif page is self.check_page:
            _ = self.check_view

    def current_view(self) -> QWidget:
        """The view in the current tab: the Codes view, the situations or the guide."""
        page = self.currentWidget()
        if page is self.situation_page:
            return self.situation_view
        if page is self.guide_page:
            return self.decision_guide
        if page is self.check_page:
            return self.check_view
        return page

    @Slot()
    def focus_results(self) -> None:
        """Down or Enter in the search box: on to the current view's results."""
        if self.currentWidget() is self.situation_page:
            self.situation_view.focus_list()
        else:
            self.codes.focus_results()

    @Slot(int)
    def open_code(self, code: int) -> None:
        """From another view to a code in the Codes view."""
        self.setCurrentWidget(self.codes)
        if self.codes.navigate_to(code):
            self.codes.show_current()

    @Slot(int, int)
    def open_comparison(self, left: int, right: int) -> None:
        self.setCurrentWidget(self.codes)
        self.codes.show_comparison(left, right)

    @Slot(str)
    def show_situation(self, situation_id: str) -> None:
        self.setCurrentWidget(self.situation_page)
        self.situation_view.show_situation(situation_id)

    @Slot()
    def compare_with_related(self) -> None:
        """Compare the current code with the first code it is often confused with."""
        status = self.codes.current_status()
        if status is None or not status.related:
            self.codes.status_bar.showMessage("This code has no related code to compare with", 5000)
            return
        self.setCurrentWidget(self.codes)
        self.codes.show_comparison(status.code, status.related[0].code)

    @Slot()
    def show_codes_view(self) -> None:
        self.setCurrentWidget(self.codes)
        self.codes.tree.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def show_situation_view(self) -> None:
        self.setCurrentWidget(self.situation_page)
        self.situation_view.focus_list()

    @Slot()
    def show_decision_guide(self) -> None:
        self.setCurrentWidget(self.guide_page)
        buttons = self.decision_guide.answer_buttons()
        if buttons:
            buttons[0].setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def show_check_view(self) -> None:
        self.setCurrentWidget(self.check_page)
        self.check_view.urls_edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    @Slot(str)
    def check_file(self, path: str) -> None:
        """Shows the Check URLs tab and checks the list or redirect map at `path` (a dropped
        file): a check under way is cancelled for it."""
        self.setCurrentWidget(self.check_page)
        self.check_view.check_file(path)
