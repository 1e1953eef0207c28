"""The menu bar: File, Edit, View, Go, Tools and Help, showing the window's actions and their
keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu, QMenuBar

    from http_status_browser.ui.actions import WindowActions


class Menus:
    """Builds the menus; the parts made after the first frame add their actions in place."""

    def __init__(self, bar: QMenuBar, actions: WindowActions) -> None:
        # The tray's option lives in Edit > Preferences only; Explain log... and Recent logs
        # go before this separator.
        self.file = bar.addMenu("&File")
        self._explain_place = self.file.addSeparator()
        self.file.addAction(actions.quit)

        self.edit = bar.addMenu("&Edit")
        for action in (
            actions.copy,
            actions.copy_title,
            actions.copy_code,
            actions.copy_snippet,
            actions.copy_link,
        ):
            self.edit.addAction(action)
        self.edit.addSeparator()
        # Paste to explain goes between Edit's two separators.
        self._paste_place = self.edit.addSeparator()
        self.edit.addAction(actions.find)
        self.edit.addSeparator()
        self.edit.addAction(actions.preferences)

        self.view = bar.addMenu("&View")
        self.view.addAction(actions.all_classes)
        for action in actions.class_actions.values():
            self.view.addAction(action)
        self.view.addSeparator()
        self.view.addAction(actions.unofficial)
        self.view.addSeparator()
        self.view.addAction(actions.expand)
        self.view.addAction(actions.collapse)
        self.view.addSeparator()
        views = (actions.codes_view, actions.which_view, actions.guide_view, actions.check_view)
        for action in views:
            self.view.addAction(action)

        self.go = bar.addMenu("&Go")
        self.go.addAction(actions.back)
        self.go.addAction(actions.forward)
        self.go.addSeparator()
        self.go.addAction(actions.compare)

        # Try it's actions, added after the first frame: they act, they do not change the view.
        self.tools = bar.addMenu("&Tools")

        self.help = bar.addMenu("&Help")
        self.help.addAction(actions.shortcuts)
        self.help.addAction(actions.about)

    def add_explain_actions(
        self, open_action: QAction, recent_menu: QMenu, paste_action: QAction
    ) -> None:
        """Explain log... and Recent logs first in File, Paste to explain in Edit."""
        self.file.insertAction(self._explain_place, open_action)
        self.file.insertMenu(self._explain_place, recent_menu)
        self.edit.insertAction(self._paste_place, paste_action)

    def add_try_it_actions(self, try_action: QAction, endpoint_action: QAction) -> None:
        """Try it's actions make the Tools menu."""
        self.tools.addAction(try_action)
        self.tools.addAction(endpoint_action)
