"""Copying from the Codes view: the selected text, the code, its phrase, its snippet or its
reference link, from the Edit menu, the keys, the snippet panel's button and the tree's
context menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from http_status_browser.registry.snippets import render_snippet
from http_status_browser.ui.snippet_panel import copy_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from http_status_browser.ui.actions import WindowActions
    from http_status_browser.ui.codes.view import CodesView


def selected_text(widget: QWidget | None) -> str:
    """The text selected in `widget` (a line edit, a text view, a label), or ""."""
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        cursor = widget.textCursor()
        # A selection spanning paragraphs separates them with U+2029; the clipboard wants lines.
        return cursor.selectedText().replace("\u2029", "\n") if cursor.hasSelection() else ""
    if isinstance(widget, QLineEdit | QLabel):
        return widget.selectedText()
    return ""


class Copying(QObject):
    """Carries out the copy actions, keeps them enabled only where they apply, and builds the
    tree's context menu."""

    def __init__(self, actions: WindowActions, codes: CodesView) -> None:
        super().__init__(codes)
        self.actions = actions
        self.codes = codes
        actions.copy.triggered.connect(self.copy_selection)
        actions.copy_title.triggered.connect(self.copy_title)
        actions.copy_code.triggered.connect(self.copy_code)
        actions.copy_snippet.triggered.connect(self.copy_snippet)
        actions.copy_link.triggered.connect(self.copy_reference_link)
        codes.snippets.copyRequested.connect(self.copy_snippet)
        codes.currentRowChanged.connect(self._update_actions)
        codes.tree.customContextMenuRequested.connect(self._tree_menu)
        self._update_actions()

    @Slot()
    def _update_actions(self) -> None:
        has_status = self.codes.current_status() is not None
        for action in (self.actions.copy_code, self.actions.copy_snippet):
            action.setEnabled(has_status)

    def copy(self, text: str, what: str) -> None:
        """Put `text` on the clipboard and say so in the status bar (naming `what` when
        the text is too long to show)."""
        status_bar = self.codes.status_bar
        if copy_text(text):
            shown = text if len(text) <= 60 and "\n" not in text else what
            status_bar.showMessage(f"Copied {shown}", 4000)
        else:
            status_bar.showMessage("The clipboard is not available; nothing was copied", 6000)

    @Slot()
    def copy_selection(self) -> None:
        """The standard Copy key: the focused widget's selection, or else the code and phrase
        (a window-wide shortcut reaches here before a read-only text view sees the key)."""
        text = selected_text(QApplication.focusWidget())
        if text:
            self.copy(text, "the selection")
        else:
            self.copy_title()

    @Slot()
    def copy_title(self) -> None:
        target = self.codes.current_status() or self.codes.current_category()
        if target is not None:
            self.copy(target.title, target.title)

    @Slot()
    def copy_code(self) -> None:
        status = self.codes.current_status()
        if status is not None:
            self.copy(str(status.code), str(status.code))

    @Slot()
    def copy_snippet(self) -> None:
        status = self.codes.current_status()
        if status is not None:
            language = self.codes.snippets.language
            self.copy(render_snippet(status, language), f"the {language.name} snippet")

    @Slot()
    def copy_reference_link(self) -> None:
        target = self.codes.current_status() or self.codes.current_category()
        if target is not None:
            self.copy(target.url, target.url)

    @Slot(QPoint)
    def _tree_menu(self, position: QPoint) -> None:
        tree = self.codes.tree
        index = tree.indexAt(position)
        if not index.isValid():
            return
        self.codes.select(index)
        from PySide6.QtWidgets import QMenu  # noqa: PLC0415  (not needed for the first frame)

        menu = QMenu(tree)
        for action in (
            self.actions.copy_code,
            self.actions.copy_title,
            self.actions.copy_snippet,
            self.actions.copy_link,
        ):
            menu.addAction(action)
        self.add_compare_menu(menu)
        menu.exec(tree.viewport().mapToGlobal(position))

    def add_compare_menu(self, menu: QMenu) -> None:
        """ "Compare with" the codes the current one is often confused with."""
        status = self.codes.current_status()
        if status is None or not status.related:
            return
        compare_menu = menu.addMenu("Compare &with")
        for link in status.related:
            other = self.codes.registry.lookup(link.code)
            action = compare_menu.addAction(other.title if other else str(link.code))
            action.setData((status.code, link.code))
            action.triggered.connect(self._compare_menu_triggered)

    @Slot()
    def _compare_menu_triggered(self) -> None:
        action = self.sender()
        pair = action.data() if isinstance(action, QAction) else None
        if isinstance(pair, tuple | list) and len(pair) == 2:
            self.codes.show_comparison(int(pair[0]), int(pair[1]))
