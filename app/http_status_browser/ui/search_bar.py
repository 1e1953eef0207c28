"""The search bar: the search box and its keys, and the class filter's buttons.

It owns what the user asked to see (the query, the shown classes, unofficial codes) and says
when that changes; the codes view applies it to its proxy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from http_status_browser.ui.qtvalues import TOOL_BUTTON_TEXT_ONLY, set_enum_property

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from http_status_browser.registry.values import StatusCode
    from http_status_browser.ui.actions import WindowActions


FILTER_STYLE = """
QToolButton { border: 1px solid palette(mid); border-radius: 3px; padding: 2px 7px;
              background: palette(button); color: palette(button-text); }
QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);
                      border-color: palette(highlight); }
QToolButton:hover { border-color: palette(highlight); }
QToolButton:focus { border: 2px solid palette(text); }
"""


class SearchBar(QObject):
    """The Search tool bar of `window`; the class filter's state lives in the actions."""

    filtersChanged = Signal()
    resultsRequested = Signal()  # Down or Enter in the search box: on to the results

    def __init__(self, window: QMainWindow, actions: WindowActions) -> None:
        super().__init__(window)
        self._actions = actions
        toolbar = window.addToolBar("Search")
        toolbar.setObjectName("searchToolBar")
        toolbar.setMovable(False)
        self.edit = QLineEdit(window)
        self.edit.setObjectName("searchEdit")
        self.edit.setAccessibleName("Search status codes")
        self.edit.setPlaceholderText("Search: 404, 4xx, not found, teapot, StatusNotFound…")
        # The clear button shows only once there is text; finish_start_up enables it (loading
        # its icon from the style costs 5 ms of the first frame under X11).
        self.edit.installEventFilter(self)
        toolbar.addWidget(self.edit)

        self.category_filter = QWidget(window)
        self.category_filter.setObjectName("categoryFilter")
        self.category_filter.setAccessibleName("Class filter")
        layout = QHBoxLayout(self.category_filter)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(2)
        # One stop for Tab: the buttons are a group that the arrow keys move through (the
        # focus policies are set after the first frame, see set_up_keyboard).
        self.filter_buttons: list[QToolButton] = []
        names = {c: f"{title} codes" for c, title in actions.class_titles.items()}
        names[actions.all_classes.text()] = "All classes"
        names[actions.unofficial.text()] = "Unofficial codes"
        for action in (actions.all_classes, *actions.class_actions.values(), actions.unofficial):
            button = QToolButton(self.category_filter)
            self.filter_buttons.append(button)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            set_enum_property(button, "toolButtonStyle", TOOL_BUTTON_TEXT_ONLY)
            # A stable name; the button's checked state says whether they show.
            button.setAccessibleName(names.get(action.text(), action.iconText()))
            layout.addWidget(button)
        self._filter_place = toolbar.addWidget(self.category_filter)

        for action in actions.class_actions.values():
            action.triggered.connect(self._filters_toggled)
        actions.unofficial.triggered.connect(self._filters_toggled)
        actions.all_classes.triggered.connect(self.show_all_classes)
        actions.find.triggered.connect(self.focus)

    def set_filters_available(self, available: bool) -> None:
        """Show the class filter, and enable its actions, only where it acts (the Codes
        view): elsewhere its buttons and keys would do nothing."""
        self._filter_place.setVisible(available)
        actions = self._actions
        for action in (actions.all_classes, *actions.class_actions.values(), actions.unofficial):
            action.setEnabled(available)

    def set_up_keyboard(self) -> None:
        """Make the class filter one Tab stop whose buttons the arrow keys move through
        (after the first frame: it needs PySide's Qt namespace)."""
        for button in self.filter_buttons:
            button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            button.installEventFilter(self)
        self.filter_buttons[0].setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)

    def style_filter(self) -> None:
        """On and off as clear as a switch: a shown class is filled with the selection
        colour, a hidden one is an outlined button, never a flat word (after the first
        frame: style sheets cost start-up time)."""
        self.category_filter.setStyleSheet(FILTER_STYLE)

    def _move_in_filter_group(self, button: QToolButton, key: int) -> bool:
        """Left, Right, Home and End in the class filter: the focus to another button."""
        keys = QtCore.Qt.Key
        buttons = self.filter_buttons
        index = buttons.index(button)
        moves = (
            (keys.Key_Left, index - 1),
            (keys.Key_Right, index + 1),
            (keys.Key_Home, 0),
            (keys.Key_End, len(buttons) - 1),
        )
        move = next((to for pressed, to in moves if key == pressed), None)
        if move is None:
            return False
        target = buttons[max(0, min(len(buttons) - 1, move))]
        if target is not button:
            button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            target.setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)
            target.setFocus(QtCore.Qt.FocusReason.TabFocusReason)
        return True

    def shown_classes(self) -> list[str]:
        return [c for c, action in self._actions.class_actions.items() if action.isChecked()]

    def all_classes_shown(self) -> bool:
        return self._actions.all_classes.isChecked()

    def unofficial_shown(self) -> bool:
        return self._actions.unofficial.isChecked()

    def set_filters(self, classes: list[str], unofficial: bool) -> None:
        """Show these classes (and unofficial codes or not) without announcing it."""
        for category_id, action in self._actions.class_actions.items():
            action.setChecked(category_id in classes)
        self._actions.unofficial.setChecked(unofficial)
        self._sync_all_classes()

    def widen_for(self, status: StatusCode) -> str:
        """Clear the search and show the class (and standing) of `status`; the caller, who
        wants `status` in view, applies the filters (filtersChanged is not emitted). Returns
        the search it cleared, if any, for the caller to say so."""
        query = self.edit.text()
        if query:
            self.edit.clear()
        self._actions.class_actions[status.category].setChecked(True)
        if not status.official:
            self._actions.unofficial.setChecked(True)
        self._sync_all_classes()
        return query.strip()

    @Slot()
    def show_all_classes(self) -> None:
        for action in self._actions.class_actions.values():
            action.setChecked(True)
        self._filters_toggled()

    @Slot()
    def show_unofficial(self) -> None:
        self._actions.unofficial.setChecked(True)
        self._filters_toggled()

    @Slot()
    def _filters_toggled(self) -> None:
        self._sync_all_classes()
        self.filtersChanged.emit()

    def _sync_all_classes(self) -> None:
        shown = self.shown_classes()
        self._actions.all_classes.setChecked(len(shown) == len(self._actions.class_actions))

    @Slot()
    def focus(self) -> None:
        self.edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def _leaves_key_to_window(self, event: QKeyEvent) -> bool:
        """Whether the search box lets a window shortcut have this key: Ctrl+U shows
        unofficial codes (on X11 QLineEdit would take it to delete the line, which Escape
        does here), and Copy with nothing selected copies the current code."""
        pressed = QKeySequence(event.keyCombination())
        if pressed in self._actions.unofficial.shortcuts():
            return True
        return event.matches(QKeySequence.StandardKey.Copy) and not self.edit.hasSelectedText()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if self._leaves_key_to_window(event):
                event.ignore()
                return True
        if (
            isinstance(watched, QToolButton)
            and watched in self.filter_buttons
            and event.type() == QEvent.Type.KeyPress
        ):
            assert isinstance(event, QKeyEvent)
            if self._move_in_filter_group(watched, event.key()):
                return True
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, keys = event.key(), QtCore.Qt.Key
            if key == keys.Key_Escape and self.edit.text():
                self.edit.clear()
                return True
            if key in (keys.Key_Down, keys.Key_Return, keys.Key_Enter):
                self.resultsRequested.emit()
                return True
        return super().eventFilter(watched, event)
