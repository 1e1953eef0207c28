"""The main window: search and class filter, the status tree, the detail pane and snippets,
and the "Which code?", comparison and decision guide views."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSettings,
    QSize,
    QTimer,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from http_status_browser import APP_NAME, __version__
from http_status_browser.registry.model import Category, Registry, StatusCode
from http_status_browser.registry.snippets import render_snippet
from http_status_browser.ui import settings as keys
from http_status_browser.ui.buttons import text_action, text_button
from http_status_browser.ui.detail import DetailView
from http_status_browser.ui.history import History, HistoryEntry
from http_status_browser.ui.html import escape
from http_status_browser.ui.qtvalues import (
    ALIGN_CENTER,
    ALIGN_RIGHT,
    ALIGN_VCENTER,
    CUSTOM_CONTEXT_MENU,
    PLAIN_TEXT,
    TEXT_SELECTABLE_BY_MOUSE,
    TOOL_BUTTON_TEXT_ONLY,
    VERTICAL,
    set_enum_property,
)
from http_status_browser.ui.settings import SettingsReader
from http_status_browser.ui.snippet_panel import SnippetPanel, copy_text
from http_status_browser.ui.status_models import Role, StatusFilterProxy, StatusTreeModel

if TYPE_CHECKING:
    # Imported when first used: the first frame needs none of them.
    from PySide6.QtWidgets import QMenu

    from http_status_browser.ui.comparison_view import CompareView
    from http_status_browser.ui.endpoint import TryIt
    from http_status_browser.ui.explain_controller import ExplainController
    from http_status_browser.ui.guide import DecisionGuide
    from http_status_browser.ui.situation_view import SituationView

DEFAULT_SIZE = (1100, 720)
# A first window never covers more of the screen than this (a laptop at 150% has room for
# about 850x530 logical pixels).
SCREEN_SHARE = 0.9


def count_text(visible: int, total: int) -> str:
    """The status bar's count of the codes the tree shows."""
    return f"{visible} of {total} codes"


def default_size(available: QSize) -> tuple[int, int]:
    """The first window's size: DEFAULT_SIZE, or less where the screen is smaller."""
    if available.isEmpty():
        return DEFAULT_SIZE
    return (
        min(DEFAULT_SIZE[0], int(available.width() * SCREEN_SHARE)),
        min(DEFAULT_SIZE[1], int(available.height() * SCREEN_SHARE)),
    )


# While the user types, the detail pane follows the best match after this pause, so that the
# list keeps up with every keystroke; clicks and links update it at once.
TYPING_DETAIL_DELAY_MS = 120
TREE_PAGE, EMPTY_PAGE = 0, 1
DETAIL_PAGE, COMPARE_PAGE = 0, 1
# Back and Forward go through codes and comparisons (a pair of codes).


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
        self.history = History(self)
        self._recording = True
        self._typing = False
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(TYPING_DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._show_current)
        # A comparison typed into the search ("404 or gone") enters the history once typing
        # pauses, not at every pair met on the way ("404 or g").
        self._searched_pair: tuple[int, int] | None = None
        self._pair_timer = QTimer(self)
        self._pair_timer.setSingleShot(True)
        self._pair_timer.setInterval(TYPING_DETAIL_DELAY_MS)
        self._pair_timer.timeout.connect(self._record_searched_pair)

        self.source_model = StatusTreeModel(registry, self)
        self.proxy = StatusFilterProxy(self.source_model, self)

        self._build_actions()
        # File > Explain log..., drops and paste are made after the first frame: see explain.
        self._explain: ExplainController | None = None
        self._build_toolbar()
        self._build_body()
        self._build_menus()
        self._connect()
        self._restore_settings(initial_code)
        self.show_warnings(warnings)

    # Construction

    def _action(
        self,
        text: str,
        slot: object = None,
        shortcuts: list[QKeySequence] | None = None,
        checkable: bool = False,
    ) -> QAction:
        action = text_action(text, self)
        if shortcuts:
            # A key bound twice to one action is "ambiguous" to Qt and then triggers nothing:
            # StandardKey.Back already is Alt+Left on Linux, but not on every platform.
            unique: list[QKeySequence] = []
            for sequence in shortcuts:
                if not sequence.isEmpty() and sequence not in unique:
                    unique.append(sequence)
            action.setShortcuts(unique)
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        std = QKeySequence.StandardKey
        self.quit_action = self._action("&Quit", self.close, [key(std.Quit), key("Ctrl+Q")])
        # Its owner is the tray (ui/tray.py), which launch.py connects after start-up.
        self.tray_action = self._action("Keep in the &tray for quick look-ups", checkable=True)
        self.copy_title_action = self._action(
            "&Copy code and phrase", self.copy_title, [key(std.Copy)]
        )
        self.copy_code_action = self._action("Copy c&ode", self.copy_code)
        self.copy_snippet_action = self._action(
            "Copy &snippet", self.copy_snippet, [key("Ctrl+Shift+C")]
        )
        self.copy_link_action = self._action("Copy &link to reference", self.copy_reference_link)
        self.find_action = self._action("&Find", self.focus_search, [key(std.Find), key("/")])
        self.back_action = self._action("&Back", self.go_back, [key(std.Back), key("Alt+Left")])
        self.forward_action = self._action(
            "&Forward", self.go_forward, [key(std.Forward), key("Alt+Right")]
        )
        self.expand_action = self._action("&Expand all", self._expand_all)
        self.collapse_action = self._action("C&ollapse all", self._collapse_all)
        self.shortcuts_action = self._action("&Keyboard shortcuts", self.show_shortcuts)
        self.about_action = self._action(f"&About {APP_NAME}", self.show_about)
        self.codes_view_action = self._action("&Codes", self.show_codes_view, [key("Alt+1")])
        self.which_view_action = self._action(
            "&Which code?", self.show_situation_view, [key("Alt+2")]
        )
        self.guide_view_action = self._action(
            "Decision &guide", self.show_decision_guide, [key("Alt+3")]
        )
        self.compare_action = self._action(
            "Co&mpare with a related code", self.compare_with_related, [key("Ctrl+K")]
        )

        self.all_classes_action = self._action("&All classes", self._show_all_classes)
        self.all_classes_action.setCheckable(True)
        self.class_actions: dict[str, QAction] = {}
        for number, category in enumerate(self.registry.categories, 1):
            action = self._action(
                category.id, self._classes_toggled, [key(f"Ctrl+{number}")], checkable=True
            )
            action.setToolTip(f"Show {category.title} codes")
            self.class_actions[category.id] = action
        self.unofficial_action = self._action(
            "Show &unofficial codes", self._unofficial_toggled, [key("Ctrl+U")], checkable=True
        )
        self.unofficial_action.setToolTip("Show codes that are not in the IANA registry")
        self._update_history_actions(False, False)
        self.history.changed.connect(self._update_history_actions)

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar("Search")
        toolbar.setObjectName("searchToolBar")
        toolbar.setMovable(False)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setAccessibleName("Search status codes")
        self.search_edit.setPlaceholderText("Search: 404, 4xx, not found, teapot, StatusNotFound…")
        # The clear button shows only once there is text; finish_start_up enables it (loading
        # its icon from the style costs 5 ms of the first frame under X11).
        self.search_edit.installEventFilter(self)
        toolbar.addWidget(self.search_edit)

        self.category_filter = QWidget(self)
        self.category_filter.setObjectName("categoryFilter")
        self.category_filter.setAccessibleName("Class filter")
        layout = QHBoxLayout(self.category_filter)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(2)
        self.all_classes_action.setText("All")
        self.unofficial_action.setIconText("Unofficial")
        for action in (
            self.all_classes_action,
            *self.class_actions.values(),
            self.unofficial_action,
        ):
            button = QToolButton(self.category_filter)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            set_enum_property(button, "toolButtonStyle", TOOL_BUTTON_TEXT_ONLY)
            button.setAccessibleName(action.toolTip() or action.text())
            layout.addWidget(button)
        self.all_classes_action.setText("&All classes")
        self.all_classes_action.setIconText("All")
        toolbar.addWidget(self.category_filter)

    def _build_body(self) -> None:
        self.tree = QTreeView(self)
        self.tree.setObjectName("statusTree")
        self.tree.setAccessibleName("Status codes")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSortingEnabled(False)
        set_enum_property(self.tree, "contextMenuPolicy", CUSTOM_CONTEXT_MENU)

        self.tree_stack = QStackedWidget(self)
        self.tree_stack.addWidget(self.tree)
        self.tree_stack.addWidget(self._build_empty_page())

        self.detail = DetailView(self.registry, self)
        self.snippets = SnippetPanel(self.registry, self)
        # No parent argument: choosing between QSplitter(parent) and QSplitter(orientation,
        # parent) builds PySide's Qt namespace (ui/qtvalues.py). The stack adopts it.
        self.detail_splitter = QSplitter()
        set_enum_property(self.detail_splitter, "orientation", VERTICAL)
        self.detail_splitter.setObjectName("detailSplitter")
        self.detail_splitter.addWidget(self.detail)
        self.detail_splitter.addWidget(self.snippets)
        # The snippet panel keeps the height that shows a snippet whole; the detail page, which
        # scrolls, takes what the window has beyond it (a small or scaled-up screen included).
        self.detail_splitter.setStretchFactor(0, 1)
        self.detail_splitter.setStretchFactor(1, 0)
        self.detail_splitter.setSizes([520, self.snippets.comfortable_height()])
        # The comparison view takes the detail pane's place; it is built on first use.
        self.detail_stack = QStackedWidget(self)
        self.detail_stack.setObjectName("detailStack")
        self.detail_stack.addWidget(self.detail_splitter)
        self.compare_view: CompareView | None = None

        self.splitter = QSplitter()  # horizontal, and adopted by the window as above
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tree_stack)
        self.splitter.addWidget(self.detail_stack)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([330, 770])

        self.warning_bar = self._build_warning_bar()
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.warning_bar)
        # The other views are built inside their tab's page the first time they are needed.
        self.views = QTabWidget(self)
        self.views.setObjectName("viewTabs")
        self.views.setDocumentMode(True)
        self.views.addTab(self.splitter, "Codes")
        self.situation_page = self._add_page("Which code?")
        self.guide_page = self._add_page("Decision guide")
        self._situation_view: SituationView | None = None
        self._decision_guide: DecisionGuide | None = None
        central_layout.addWidget(self.views, 1)
        self.setCentralWidget(central)

        self.count_label = self._build_count_label()
        # Try it (its actions, label and the endpoint) is made after the first frame: see try_it.
        self._try_it: TryIt | None = None

    def _build_count_label(self) -> QLabel:
        """The count of shown codes, at the status bar's right end."""
        label = QLabel(self)
        self._fit_count_label(label)
        self.statusBar().addPermanentWidget(label)
        return label

    def _fit_count_label(self, label: QLabel) -> None:
        """Size the code count for its longest text: a label whose size follows its text lays
        out the status bar and the window again on every keystroke that changes the count
        (7% of a keystroke's instructions), and its edge would jump as the digits change."""
        total = len(self.registry.statuses)
        widest = label.fontMetrics().horizontalAdvance(count_text(total, total))
        margins = label.contentsMargins()
        # A pixel a side for fonts whose digits differ slightly in width.
        width = widest + margins.left() + margins.right() + 2 * label.margin() + 2
        label.setFixedSize(width, label.sizeHint().height())
        set_enum_property(label, "alignment", ALIGN_RIGHT | ALIGN_VCENTER)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # (A font set while the window is being built comes before the label.)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "count_label"):
            self._fit_count_label(self.count_label)

    def _add_page(self, title: str) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.views.addTab(page, title)
        return page

    def _build_empty_page(self) -> QWidget:
        """Shown instead of the tree when nothing matches, with ways out."""
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyLabel")
        set_enum_property(self.empty_label, "alignment", ALIGN_CENTER)
        self.empty_label.setWordWrap(True)
        set_enum_property(self.empty_label, "textFormat", PLAIN_TEXT)
        self.clear_search_button = text_button("C&lear search", self)
        self.show_unofficial_button = text_button("Show unofficial codes", self)
        self.show_classes_button = text_button("Show all classes", self)
        empty = QWidget(self)
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        for button in (
            self.clear_search_button,
            self.show_unofficial_button,
            self.show_classes_button,
        ):
            row = QHBoxLayout()  # centred between stretches: no Qt.AlignmentFlag (qtvalues.py)
            row.addStretch(1)
            row.addWidget(button)
            row.addStretch(1)
            empty_layout.addLayout(row)
        empty_layout.addStretch(2)
        return empty

    def _build_warning_bar(self) -> QFrame:
        """A non-modal bar for problems in the user's codes file: the app goes on without them."""
        self.warning_label = QLabel(self)
        self.warning_label.setObjectName("warningLabel")
        self.warning_label.setWordWrap(True)
        set_enum_property(self.warning_label, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
        self.dismiss_warning_button = text_button("&Dismiss", self)
        bar = QFrame(self)
        bar.setObjectName("warningBar")
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        bar.setStyleSheet("#warningBar { background: #fff4ce; color: #3b2f00; }")
        bar_layout = QHBoxLayout(bar)
        bar_layout.addWidget(self.warning_label, 1)
        bar_layout.addWidget(self.dismiss_warning_button)
        bar.hide()
        return bar

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        # Explain log... goes first in File, Paste to explain between Edit's separators, once
        # finish_start_up (or first use) makes them.
        self._file_menu = file_menu
        file_menu.addAction(self.tray_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        for action in (
            self.copy_title_action,
            self.copy_code_action,
            self.copy_snippet_action,
            self.copy_link_action,
        ):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        self._edit_menu = edit_menu
        self._paste_to_explain_place = edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.all_classes_action)
        for action in self.class_actions.values():
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.unofficial_action)
        view_menu.addSeparator()
        view_menu.addAction(self.expand_action)
        view_menu.addAction(self.collapse_action)
        view_menu.addSeparator()
        for action in (self.codes_view_action, self.which_view_action, self.guide_view_action):
            view_menu.addAction(action)
        # Try it's actions end this menu once finish_start_up (or first use) makes them.
        self._view_menu = view_menu
        go_menu = bar.addMenu("&Go")
        go_menu.addAction(self.back_action)
        go_menu.addAction(self.forward_action)
        go_menu.addSeparator()
        go_menu.addAction(self.compare_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self._search_changed)
        selection = self.tree.selectionModel()
        selection.currentChanged.connect(self._current_changed)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self.tree.activated.connect(self._tree_activated)
        self.detail.codeRequested.connect(self.navigate_to)
        self.detail.compareRequested.connect(self.show_comparison)
        self.detail.situationRequested.connect(self.show_situation)
        self.views.currentChanged.connect(self._view_changed)
        self.detail.tryRequested.connect(self._try_code)
        self.detail.externalLinkFailed.connect(self._link_failed)
        self.snippets.copyRequested.connect(self.copy_snippet)
        self.snippets.languageChanged.connect(self._language_changed)
        self.clear_search_button.clicked.connect(self.search_edit.clear)
        self.show_unofficial_button.clicked.connect(self.unofficial_action.trigger)
        self.show_classes_button.clicked.connect(self._show_all_classes)
        self.dismiss_warning_button.clicked.connect(self.warning_bar.hide)

    def show_warnings(self, warnings: Sequence[str]) -> None:
        """Problems that did not stop the app, shown above the content until dismissed."""
        if not warnings:
            return
        more = len(warnings) - 1
        text = warnings[0] + (f" (and {more} more: run 'httpstatus check-codes')" if more else "")
        self.warning_label.setText(f"Your codes file has a problem: {text}")
        self.warning_bar.show()

    def finish_start_up(self, painted_at: float = 0.0) -> None:
        """What the first frame does not need: the search index, the search box's clear
        button, snippet colours, Try it, explaining logs, the icon."""
        from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

        from http_status_browser.ui.appicon import app_icon  # noqa: PLC0415

        _ = self.registry.search_index
        _ = self.try_it
        _ = self.explain
        self.search_edit.setClearButtonEnabled(True)
        self.snippets.install_highlighter()
        self.detail.examples_shown = True
        if self.detail_stack.currentIndex() == DETAIL_PAGE:
            # Now with the situations the code answers ("Use it when") and its Example.
            self._show_current()
        QGuiApplication.setWindowIcon(app_icon())
        # PySide's `Qt` namespace, which the first frame went without (ui/qtvalues.py):
        # built now, so that the first keystroke does not wait for it.
        _ = QtCore.Qt

    @property
    def try_it(self) -> TryIt:
        """Try it, made on first use: importing and building it is not needed for the first
        frame, whose status bar hides its label and whose menus are closed."""
        if self._try_it is None:
            from http_status_browser.ui.endpoint import TryIt  # noqa: PLC0415  (after the first frame)

            self._try_it = TryIt(
                self.registry, self.statusBar(), self._copy, self.current_status, self
            )
            self._view_menu.addAction(self._try_it.try_action)
            self._view_menu.addAction(self._try_it.endpoint_action)
        return self._try_it

    @property
    def explain(self) -> ExplainController:
        """Explaining logs, made on first use: the first frame's menus are closed."""
        if self._explain is None:
            from http_status_browser.ui.explain_controller import ExplainController  # noqa: PLC0415  (after the first frame)

            self._explain = ExplainController(self.registry, self)
            self._explain.codeRequested.connect(self.navigate_to)
            self._file_menu.insertAction(self.tray_action, self._explain.open_action)
            self._edit_menu.insertAction(self._paste_to_explain_place, self._explain.paste_action)
        return self._explain

    @Slot(int)
    def _try_code(self, code: int) -> None:
        self.try_it.try_code(code)

    # Settings

    def _restore_settings(self, initial_code: int | None) -> None:
        reader = SettingsReader(self.settings)
        geometry = reader.data(keys.GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        for key, splitter in (
            (keys.MAIN_SPLITTER, self.splitter),
            (keys.DETAIL_SPLITTER, self.detail_splitter),
        ):
            state = reader.data(key)
            if state is not None:
                splitter.restoreState(state)
        self.snippets.set_language(reader.text(keys.SNIPPET_LANGUAGE, ""))
        all_ids = [category.id for category in self.registry.categories]
        shown = [c for c in reader.texts(keys.CLASSES, all_ids) if c in self.class_actions]
        for category_id, action in self.class_actions.items():
            action.setChecked(category_id in shown)
        self.unofficial_action.setChecked(reader.flag(keys.UNOFFICIAL, False))
        # The code to open is selected once: not the first row's page and snippet first.
        self._apply_filters(select_a_row=False)
        code = initial_code if initial_code is not None else reader.integer(keys.LAST_CODE, None)
        status = self.registry.lookup(code) if code is not None else None
        if status is None:
            status = self.registry.statuses[0]
        if not self.navigate_to(status.code):
            self._after_filter(select_first=False)

    def save_settings(self) -> None:
        self.settings.setValue(keys.GEOMETRY, self.saveGeometry())
        self.settings.setValue(keys.MAIN_SPLITTER, self.splitter.saveState())
        self.settings.setValue(keys.DETAIL_SPLITTER, self.detail_splitter.saveState())
        self.settings.setValue(keys.SNIPPET_LANGUAGE, self.snippets.language.id)
        self.settings.setValue(keys.CLASSES, sorted(self.proxy.visible_classes))
        self.settings.setValue(keys.UNOFFICIAL, self.proxy.show_unofficial)
        status = self.current_status()
        if status is not None:
            self.settings.setValue(keys.LAST_CODE, status.code)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if self._try_it is not None:
            self.try_it.stop()
        super().closeEvent(event)

    # Filtering

    @Slot(str)
    def _search_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        if self._situation_view is not None:
            self._situation_view.set_query(text)
        self._typing = True
        try:
            self._after_filter(select_first=self.proxy.is_searching())
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
        view = self.compare_view
        shown = view is not None and self.detail_stack.currentWidget() is view
        if self._searched_pair is not None and shown and view and view.pair == self._searched_pair:
            self._record(self._searched_pair)

    @Slot()
    def _classes_toggled(self) -> None:
        self._apply_filters()

    @Slot()
    def _unofficial_toggled(self) -> None:
        self._apply_filters()

    @Slot()
    def _show_all_classes(self) -> None:
        for action in self.class_actions.values():
            action.setChecked(True)
        self._apply_filters()

    def _apply_filters(self, select_a_row: bool = True) -> None:
        shown = [c for c, action in self.class_actions.items() if action.isChecked()]
        self.all_classes_action.setChecked(len(shown) == len(self.class_actions))
        self.proxy.set_visible_classes(shown)
        self.proxy.set_show_unofficial(self.unofficial_action.isChecked())
        self._after_filter(select_first=False, select_a_row=select_a_row)

    def _after_filter(self, select_first: bool, select_a_row: bool = True) -> None:
        """Expand, count and show what the filters let through; select its first row when
        `select_first`, or when nothing is current and `select_a_row`."""
        # Expand only the class rows that need it: expandAll() relays out the whole tree on
        # every keystroke.
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if not self.tree.isExpanded(index):
                self.tree.expand(index)
        visible = sum(
            self.proxy.rowCount(self.proxy.index(row, 0)) for row in range(self.proxy.rowCount())
        )
        total = len(self.registry.statuses)
        self.count_label.setText(count_text(visible, total))
        if visible == 0:
            self._show_empty_page()
            return
        self.tree_stack.setCurrentIndex(TREE_PAGE)
        current = self.tree.currentIndex()
        if select_first or (select_a_row and not current.isValid()):
            first = self.proxy.index(0, 0, self.proxy.index(0, 0))
            self._select(first, record=False)

    def _show_empty_page(self) -> None:
        query = self.proxy.query.strip()
        hidden = self.proxy.hidden_matches()
        if query:
            text = f"No status code matches “{query[:80]}”."
            if hidden:
                text += f" {hidden} hidden by the class or unofficial filters."
        else:
            text = "No class is selected."
        self.empty_label.setText(text)
        self.clear_search_button.setVisible(bool(query))
        self.show_unofficial_button.setVisible(hidden > 0 and not self.proxy.show_unofficial)
        self.show_classes_button.setVisible(not self.all_classes_action.isChecked())
        self.tree_stack.setCurrentIndex(EMPTY_PAGE)

    # Selection and navigation

    def current_status(self) -> StatusCode | None:
        value = self.tree.currentIndex().data(Role.STATUS)
        return value if isinstance(value, StatusCode) else None

    def current_category(self) -> Category | None:
        index = self.tree.currentIndex()
        if not index.isValid() or index.parent().isValid():
            return None
        return self.registry.category(str(index.data(Role.CATEGORY)))

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
        if isinstance(status, StatusCode) and self._recording:
            self._record(status.code)
        self._update_copy_actions()
        if self._typing:
            self._detail_timer.start()
        else:
            self._show_current()

    @Slot()
    def _show_current(self) -> None:
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

    def _record(self, entry: HistoryEntry) -> None:
        self.history.record(entry)

    @Slot(bool, bool)
    def _update_history_actions(self, can_go_back: bool, can_go_forward: bool) -> None:
        self.back_action.setEnabled(can_go_back)
        self.forward_action.setEnabled(can_go_forward)

    def _update_copy_actions(self) -> None:
        has_status = self.current_status() is not None
        for action in (self.copy_code_action, self.copy_snippet_action):
            action.setEnabled(has_status)

    def reveal(self, status: StatusCode) -> QModelIndex:
        """The proxy index of `status`, clearing filters that hide it."""
        source = self.source_model.index_of(status)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            if self.search_edit.text():
                self.search_edit.clear()
            self.class_actions[status.category].setChecked(True)
            if not status.official:
                self.unofficial_action.setChecked(True)
            # Filters only widen here; the caller selects `status`, not the first row first.
            self._apply_filters(select_a_row=False)
            # The source tree holds only what the filters show: ask again where it is now.
            index = self.proxy.mapFromSource(self.source_model.index_of(status))
        return index

    @Slot(int)
    def navigate_to(self, code: int, record: bool = True) -> bool:
        status = self.registry.lookup(code)
        if status is None:
            self.statusBar().showMessage(f"No status code {code} in the registry", 5000)
            return False
        index = self.reveal(status)
        if index.isValid():
            self._select(index, record=record)
            if record:
                self._record(status.code)
        return index.isValid()

    @Slot()
    def go_back(self) -> None:
        entry = self.history.back()
        if entry is not None:
            self._show_entry(entry)

    @Slot()
    def go_forward(self) -> None:
        entry = self.history.forward()
        if entry is not None:
            self._show_entry(entry)

    def _show_entry(self, entry: HistoryEntry) -> None:
        if isinstance(entry, tuple):
            self.show_comparison(*entry, record=False)
        elif self.navigate_to(entry, record=False):
            self._show_current()  # the row may already be current: leave a comparison

    # The other views

    @property
    def situation_view(self) -> SituationView:
        if self._situation_view is None:
            from http_status_browser.ui.situation_view import SituationView  # noqa: PLC0415

            view = SituationView(self.registry, self.situation_page)
            view.codeRequested.connect(self.open_code)
            view.compareRequested.connect(self.open_comparison)
            view.set_query(self.search_edit.text())
            self._place(view, self.situation_page)
            self._situation_view = view
        return self._situation_view

    @property
    def decision_guide(self) -> DecisionGuide:
        if self._decision_guide is None:
            from http_status_browser.ui.guide import DecisionGuide  # noqa: PLC0415

            guide = DecisionGuide(self.registry, self.guide_page)
            guide.codeRequested.connect(self.open_code)
            self._place(guide, self.guide_page)
            self._decision_guide = guide
        return self._decision_guide

    @staticmethod
    def _place(view: QWidget, page: QWidget) -> None:
        layout = page.layout()
        assert layout is not None
        layout.addWidget(view)
        view.show()  # a layout shows a new child of a visible page only later

    @Slot(int)
    def _view_changed(self, index: int) -> None:
        page = self.views.widget(index)
        if page is self.situation_page:
            self.situation_view.set_query(self.search_edit.text())
        elif page is self.guide_page:
            _ = self.decision_guide

    def current_view(self) -> QWidget:
        """The view in the current tab: the Codes splitter, the situations or the guide."""
        page = self.views.currentWidget()
        if page is self.situation_page:
            return self.situation_view
        if page is self.guide_page:
            return self.decision_guide
        return page

    def _compare_view(self) -> CompareView:
        if self.compare_view is None:
            from http_status_browser.ui.comparison_view import CompareView  # noqa: PLC0415

            self.compare_view = CompareView(self.registry, self)
            self.compare_view.codeRequested.connect(self.navigate_to)
            self.compare_view.situationRequested.connect(self.show_situation)
            self.compare_view.pairChosen.connect(self._pair_chosen)
            self.compare_view.closeRequested.connect(self._show_current)
            self.detail_stack.addWidget(self.compare_view)
        return self.compare_view

    @Slot(int, int)
    def show_comparison(self, left: int, right: int, record: bool = True) -> bool:
        """Show two codes side by side in place of the detail pane."""
        view = self._compare_view()
        if not view.show_pair(left, right):
            self.statusBar().showMessage(f"Cannot compare {left} with {right}", 5000)
            return False
        self._detail_timer.stop()
        self.detail_stack.setCurrentWidget(view)
        if record:
            self._record((left, right))
        return True

    @Slot(int, int)
    def _pair_chosen(self, left: int, right: int) -> None:
        self._record((left, right))

    @Slot(int, int)
    def open_comparison(self, left: int, right: int) -> None:
        self.views.setCurrentIndex(0)
        self.show_comparison(left, right)

    @Slot(int)
    def open_code(self, code: int) -> None:
        """From another view to a code in the Codes view."""
        self.views.setCurrentIndex(0)
        if self.navigate_to(code):
            self._show_current()

    @Slot(str)
    def show_situation(self, situation_id: str) -> None:
        self.views.setCurrentWidget(self.situation_page)
        self.situation_view.show_situation(situation_id)

    @Slot()
    def compare_with_related(self) -> None:
        status = self.current_status()
        if status is None or not status.related:
            self.statusBar().showMessage("This code has no related code to compare with", 5000)
            return
        self.views.setCurrentIndex(0)
        self.show_comparison(status.code, status.related[0].code)

    @Slot()
    def show_codes_view(self) -> None:
        self.views.setCurrentIndex(0)
        self.tree.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def show_situation_view(self) -> None:
        self.views.setCurrentWidget(self.situation_page)
        self.situation_view.focus_list()

    @Slot()
    def show_decision_guide(self) -> None:
        self.views.setCurrentWidget(self.guide_page)
        buttons = self.decision_guide.answer_buttons()
        if buttons:
            buttons[0].setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    @Slot(QModelIndex)
    def _tree_activated(self, index: QModelIndex) -> None:
        if not index.parent().isValid():
            self.tree.setExpanded(index, not self.tree.isExpanded(index))

    @Slot()
    def focus_search(self) -> None:
        self.search_edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    @Slot()
    def _expand_all(self) -> None:
        self.tree.expandAll()

    @Slot()
    def _collapse_all(self) -> None:
        self.tree.collapseAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, keys = event.key(), QtCore.Qt.Key
            if key == keys.Key_Escape and self.search_edit.text():
                self.search_edit.clear()
                return True
            if key in (keys.Key_Down, keys.Key_Return, keys.Key_Enter):
                if self.views.currentWidget() is self.situation_page:
                    self.situation_view.focus_list()
                    return True
                self.tree.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
                if not self.tree.currentIndex().isValid():
                    self._after_filter(select_first=True)
                return True
        return super().eventFilter(watched, event)

    # Copying

    def _copy(self, text: str, what: str) -> None:
        if copy_text(text):
            shown = text if len(text) <= 60 and "\n" not in text else what
            self.statusBar().showMessage(f"Copied {shown}", 4000)
        else:
            self.statusBar().showMessage("The clipboard is not available; nothing was copied", 6000)

    @Slot()
    def copy_title(self) -> None:
        status = self.current_status()
        category = self.current_category()
        if status is not None:
            self._copy(status.title, status.title)
        elif category is not None:
            self._copy(category.title, category.title)

    @Slot()
    def copy_code(self) -> None:
        status = self.current_status()
        if status is not None:
            self._copy(str(status.code), str(status.code))

    @Slot()
    def copy_snippet(self) -> None:
        status = self.current_status()
        if status is not None:
            language = self.snippets.language
            self._copy(render_snippet(status, language), f"the {language.name} snippet")

    @Slot()
    def copy_reference_link(self) -> None:
        status = self.current_status()
        category = self.current_category()
        target = status or category
        if target is not None:
            self._copy(target.url, target.url)

    @Slot(QPoint)
    def _tree_menu(self, position: QPoint) -> None:
        index = self.tree.indexAt(position)
        if not index.isValid():
            return
        self._select(index, record=True)
        from PySide6.QtWidgets import QMenu  # noqa: PLC0415  (not needed for the first frame)

        menu = QMenu(self)
        for action in (
            self.copy_code_action,
            self.copy_title_action,
            self.copy_snippet_action,
            self.copy_link_action,
        ):
            menu.addAction(action)
        self._add_compare_menu(menu)
        menu.exec(self.tree.viewport().mapToGlobal(position))

    def _add_compare_menu(self, menu: QMenu) -> None:
        """ "Compare with" the codes the current one is often confused with."""
        status = self.current_status()
        if status is None or not status.related:
            return
        compare_menu = menu.addMenu("Compare &with")
        for link in status.related:
            other = self.registry.lookup(link.code)
            action = compare_menu.addAction(other.title if other else str(link.code))
            action.setData((status.code, link.code))
            action.triggered.connect(self._compare_menu_triggered)

    @Slot()
    def _compare_menu_triggered(self) -> None:
        action = self.sender()
        pair = action.data() if isinstance(action, QAction) else None
        if isinstance(pair, tuple | list) and len(pair) == 2:
            self.show_comparison(int(pair[0]), int(pair[1]))

    @Slot(str)
    def _language_changed(self, language_id: str) -> None:
        self.settings.setValue(keys.SNIPPET_LANGUAGE, language_id)

    @Slot(str)
    def _link_failed(self, url: str) -> None:
        self.statusBar().showMessage(f"Could not open {url}: no browser is available", 6000)

    # Help

    def shortcut_rows(self) -> list[tuple[str, str]]:
        actions = [
            self.find_action,
            self.copy_title_action,
            self.copy_snippet_action,
            self.back_action,
            self.forward_action,
            self.compare_action,
            self.codes_view_action,
            self.which_view_action,
            self.guide_view_action,
            *self.class_actions.values(),
            self.unofficial_action,
            self.explain.open_action,
            self.explain.paste_action,
            self.try_it.try_action,
            self.try_it.endpoint_action,
            self.quit_action,
        ]
        rows = [
            (
                action.text().replace("&", ""),
                ", ".join(
                    s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
                ),
            )
            for action in actions
        ]
        rows.append(("Clear the search", "Esc"))
        rows.append(("From the search to the results", "Down, Enter"))
        return rows

    @Slot()
    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415  (not needed at start-up)

        table = "".join(
            f"<tr><td>{escape(name)}</td><td>&nbsp;&nbsp;<b>{escape(keys_)}</b></td></tr>"
            for name, keys_ in self.shortcut_rows()
        )
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{table}</table>")

    @Slot()
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415  (not needed at start-up)

        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>An offline reference for HTTP status codes.</p>"
            "<p>Data: the IANA HTTP Status Code Registry and RFC 9110, with unofficial codes "
            "from vendor documentation; explanations written for this app.</p>"
            f"<p>Registry file: {escape(self.registry.origin)}</p>",
        )
