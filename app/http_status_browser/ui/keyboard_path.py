"""The Codes view's keyboard path, set up after the first frame: Tab from the search box to
the class filter (one stop, arrow keys inside), the tree, the detail pane, the snippet's
language, its Copy button, the snippet and the view tabs; Escape back to the search box; a
visible frame round the focused view."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from http_status_browser.ui.focus_frame import show_focus

if TYPE_CHECKING:
    from http_status_browser.ui.codes.view import CodesView
    from http_status_browser.ui.search_bar import SearchBar


class EscapeToSearch(QObject):
    """Escape in a view of the Codes tab goes back to the search box."""

    def __init__(self, search_bar: SearchBar, parent: QObject) -> None:
        super().__init__(parent)
        self.search_bar = search_bar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == QtCore.Qt.Key.Key_Escape and not event.modifiers():
                self.search_bar.focus()
                return True
        return super().eventFilter(watched, event)


def set_up_keyboard_path(search_bar: SearchBar, codes: CodesView, tab_bar: QWidget) -> None:
    snippets = codes.snippets
    # Tab leaves the text views instead of walking every link or inserting nothing.
    codes.detail.setTabChangesFocus(True)
    snippets.editor.setTabChangesFocus(True)
    chain: list[QWidget] = [
        search_bar.edit,
        *search_bar.filter_buttons,
        codes.tree,
        codes.detail,
        snippets.language_box,
        snippets.copy_button,
        snippets.editor,
        tab_bar,
    ]
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)
    # After the chain: Qt leaves a widget that cannot take the focus out of the chain.
    search_bar.set_up_keyboard()
    escape = EscapeToSearch(search_bar, codes)
    for view in (codes.tree, codes.detail, snippets.editor):
        view.installEventFilter(escape)
    show_focus(codes.tree, codes.detail, snippets.editor)
