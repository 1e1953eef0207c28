"""The main window: it composes the parts and connects their actions, and owns no view state.

The parts: the actions (ui/actions.py) and menus (ui/menus.py), the search bar
(ui/search_bar.py), the Codes view (ui/codes/), the other views' tabs (ui/view_tabs.py), the
navigator with the current place and its history (ui/navigation.py), copying
(ui/copying.py), the help dialogs (ui/help_dialogs.py) and the remembered state
(ui/window_state.py). Try it, explaining logs and the drop target (ui/file_drops.py) are made
after the first frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QSettings, QSize, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from http_status_browser import APP_NAME
from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import StatusCode
from http_status_browser.ui.actions import WindowActions
from http_status_browser.ui.codes.view import DETAIL_PAGE, CodesView
from http_status_browser.ui.copying import Copying
from http_status_browser.ui.help_dialogs import HelpDialogs
from http_status_browser.ui.keyboard_path import set_up_keyboard_path
from http_status_browser.ui.menus import Menus
from http_status_browser.ui.navigation import Navigator
from http_status_browser.ui.preferences import Preferences
from http_status_browser.ui.search_bar import SearchBar
from http_status_browser.ui.settings import StartView
from http_status_browser.ui.view_tabs import ViewTabs
from http_status_browser.ui.warning_bar import WarningBar
from http_status_browser.ui.window_state import WindowState

if TYPE_CHECKING:
    # Imported when first used: the first frame needs none of them.
    from PySide6.QtGui import QAction

    from http_status_browser.ui.endpoint import TryIt
    from http_status_browser.ui.explain_controller import ExplainController
    from http_status_browser.ui.file_drops import FileDrops

DEFAULT_SIZE = (1100, 720)
# A first window never covers more of the screen than this (a laptop at 150% has room for
# about 850x530 logical pixels).
SCREEN_SHARE = 0.9


def default_size(available: QSize) -> tuple[int, int]:
    """The first window's size: DEFAULT_SIZE, or less where the screen is smaller."""
    if available.isEmpty():
        return DEFAULT_SIZE
    return (
        min(DEFAULT_SIZE[0], int(available.width() * SCREEN_SHARE)),
        min(DEFAULT_SIZE[1], int(available.height() * SCREEN_SHARE)),
    )


class MainWindow(QMainWindow):
    def __init__(
        self,
        registry: Registry,
        settings: QSettings,
        initial_code: int | None = None,
        warnings: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.registry = registry
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.resize(*default_size(self.screen().availableSize()))

        self.navigator = Navigator(self)
        self.window_actions = actions = WindowActions(self, registry.categories)
        # Launch (ui/launch.py) connects the tray to it after start-up.
        self.tray_action = actions.tray
        self.search_bar = SearchBar(self, actions)
        self.search_edit = self.search_bar.edit
        self.codes = CodesView(registry, self.search_bar, self.navigator, self.statusBar())
        self.warning_bar = WarningBar(self)
        self.tabs = ViewTabs(registry, self.codes, self.search_bar, self)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.warning_bar)
        central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.statusBar().addPermanentWidget(self.codes.count_label)

        self.menus = Menus(self.menuBar(), actions)
        self.copying = Copying(actions, self.codes)
        self.help = HelpDialogs(self, self._actions_with_keys, registry.origin)
        self.window_state = WindowState(settings, self, self.search_bar, self.codes)
        # Before the first frame: a chosen theme or text size shows from the start.
        self.preferences = Preferences(self, settings, self.codes.snippets, actions.tray)
        self._initial_code = initial_code
        # Try it and explaining logs (File > Explain log..., drops, paste) are made after the
        # first frame: see try_it and explain.
        self._try_it: TryIt | None = None
        self._explain: ExplainController | None = None
        self.drops: FileDrops | None = None
        self._connect_actions()
        self.window_state.restore(initial_code)
        self.warning_bar.show_warnings(warnings)

    def _connect_actions(self) -> None:
        actions, tabs = self.window_actions, self.tabs
        actions.quit.triggered.connect(self.close)
        actions.back.triggered.connect(self.navigator.back)
        actions.forward.triggered.connect(self.navigator.forward)
        self.navigator.history.changed.connect(self._history_changed)
        self.navigator.codeChanged.connect(self._title_for_code)
        self.navigator.comparisonChanged.connect(self._title_for_comparison)
        self._history_changed(False, False)
        actions.expand.triggered.connect(self.codes.tree_pane.expand_all)
        actions.collapse.triggered.connect(self.codes.tree_pane.collapse_all)
        actions.shortcuts.triggered.connect(self.help.show_shortcuts)
        actions.about.triggered.connect(self.help.show_about)
        actions.preferences.triggered.connect(self.preferences.show_dialog)
        actions.codes_view.triggered.connect(tabs.show_codes_view)
        actions.which_view.triggered.connect(tabs.show_situation_view)
        actions.guide_view.triggered.connect(tabs.show_decision_guide)
        actions.check_view.triggered.connect(tabs.show_check_view)
        actions.compare.triggered.connect(tabs.compare_with_related)
        self.codes.detail.tryRequested.connect(self._try_code)

    @Slot(int)
    def _title_for_code(self, code: int) -> None:
        """The window title names the code shown (in the task bar and window switcher)."""
        status = self.registry.lookup(code)
        self.setWindowTitle(f"{status.title} - {APP_NAME}" if status else APP_NAME)

    @Slot(int, int)
    def _title_for_comparison(self, left: int, right: int) -> None:
        self.setWindowTitle(f"{left} or {right}? - {APP_NAME}")

    @Slot(bool, bool)
    def _history_changed(self, can_go_back: bool, can_go_forward: bool) -> None:
        self.window_actions.back.setEnabled(can_go_back)
        self.window_actions.forward.setEnabled(can_go_forward)

    def _actions_with_keys(self) -> list[QAction]:
        """The shortcuts dialog's actions, those made after the first frame included."""
        return [
            *self.window_actions.with_keys(),
            self.explain.open_action,
            self.explain.paste_action,
            self.try_it.try_action,
            self.try_it.endpoint_action,
            self.window_actions.quit,
        ]

    # What launch.py and the single-instance server ask of the window

    def current_status(self) -> StatusCode | None:
        return self.codes.current_status()

    @Slot(int)
    def navigate_to(self, code: int, record: bool = True) -> bool:
        """Show `code` in the Codes view; False (and a message) for a code not known."""
        return self.codes.navigate_to(code, record)

    # After the first frame

    def finish_start_up(self, painted_at: float = 0.0) -> None:
        """What the first frame does not need: the search index, the search box's clear
        button, snippet colours, Try it, explaining logs, dropped files, the icon."""
        from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

        from http_status_browser.ui.appicon import app_icon  # noqa: PLC0415

        _ = self.registry.search_index
        _ = self.try_it
        _ = self.explain
        self._accept_drops()
        self.search_edit.setClearButtonEnabled(True)
        self.codes.snippets.install_highlighter()
        self.codes.detail.examples_shown = True
        if self.codes.detail_stack.currentIndex() == DETAIL_PAGE:
            # Now with the situations the code answers ("Use it when") and its Example.
            self.codes.show_current()
        QGuiApplication.setWindowIcon(app_icon())
        self._open_start_view()
        # PySide's `Qt` namespace, which the first frame went without (ui/qtvalues.py):
        # built now, so that the first keystroke does not wait for it.
        _ = QtCore.Qt
        set_up_keyboard_path(self.search_bar, self.codes, self.tabs.tabBar())
        self.search_bar.style_filter()

    def _open_start_view(self) -> None:
        """The view the preferences ask for on start, unless a code was asked for."""
        if self._initial_code is not None:
            return
        start = self.preferences.start_view
        if start is StartView.WHICH_CODE:
            self.tabs.show_situation_view()
        elif start is StartView.GUIDE:
            self.tabs.show_decision_guide()

    @property
    def try_it(self) -> TryIt:
        """Try it, made on first use: importing and building it is not needed for the first
        frame, whose status bar hides its label and whose menus are closed."""
        if self._try_it is None:
            from http_status_browser.ui.endpoint import TryIt  # noqa: PLC0415  (after the first frame)

            self._try_it = TryIt(
                self.registry, self.statusBar(), self.copying.copy, self.current_status, self
            )
            self.menus.add_try_it_actions(self._try_it.try_action, self._try_it.endpoint_action)
        return self._try_it

    @property
    def explain(self) -> ExplainController:
        """Explaining logs, made on first use: the first frame's menus are closed."""
        if self._explain is None:
            from http_status_browser.ui.explain_controller import ExplainController  # noqa: PLC0415  (after the first frame)

            self._explain = ExplainController(self.registry, self.settings, self)
            # A row clicked while another tab shows opens the Codes tab on its code.
            self._explain.codeRequested.connect(self.tabs.open_code)
            self.menus.add_explain_actions(
                self._explain.open_action, self._explain.recent.menu, self._explain.paste_action
            )
        return self._explain

    def _accept_drops(self) -> None:
        """Dropped files: URL lists and redirect maps are checked, the rest explained."""
        if self.drops is not None:
            return
        from http_status_browser.ui.file_drops import FileDrops  # noqa: PLC0415  (after the first frame)

        self.drops = FileDrops(self)
        self.drops.explainRequested.connect(self._explain_dropped)
        self.drops.checkRequested.connect(self.tabs.check_file)

    @Slot(list)
    def _explain_dropped(self, names: list[str]) -> None:
        self.explain.explain_files(names)

    @Slot(int)
    def _try_code(self, code: int) -> None:
        self.try_it.try_code(code)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.window_state.save()
        if self._try_it is not None:
            self.try_it.stop()
        self.tabs.stop_checking()
        super().closeEvent(event)
