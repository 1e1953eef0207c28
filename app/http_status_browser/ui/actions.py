"""The window's actions: their names, keys (standard keys where Qt has one) and check states.

The parts that carry them out connect to their `triggered` or `toggled` signals; the menus
(ui/menus.py) and the class filter's buttons show them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from http_status_browser import APP_NAME
from http_status_browser.registry.values import Category
from http_status_browser.ui.buttons import text_action


def window_action(
    window: QWidget,
    text: str,
    shortcuts: Sequence[QKeySequence] = (),
    checkable: bool = False,
) -> QAction:
    """An action of `window`, which takes its keys whichever widget has the focus."""
    action = text_action(text, window)
    if shortcuts:
        # A key bound twice to one action is "ambiguous" to Qt and then triggers nothing:
        # StandardKey.Back already is Alt+Left on Linux, but not on every platform.
        unique: list[QKeySequence] = []
        for sequence in shortcuts:
            if not sequence.isEmpty() and sequence not in unique:
                unique.append(sequence)
        action.setShortcuts(unique)
    action.setCheckable(checkable)
    window.addAction(action)
    return action


class WindowActions:
    """Every action of the main window; Explain and Try it add theirs after the first frame."""

    def __init__(self, window: QWidget, categories: Sequence[Category]) -> None:
        key = QKeySequence
        std = QKeySequence.StandardKey

        def make(text: str, *shortcuts: QKeySequence, checkable: bool = False) -> QAction:
            return window_action(window, text, shortcuts, checkable)

        self.quit = make("&Quit", key(std.Quit), key("Ctrl+Q"))
        # Its owner is the tray (ui/tray.py), which launch.py connects after start-up.
        self.tray = make("Keep in the &tray for quick look-ups", checkable=True)
        # The standard Copy key copies the selection of the focused widget (detail pane,
        # snippet, search box, any text); where nothing is selected, the code and phrase.
        self.copy = make("&Copy", key(std.Copy))
        self.copy.setToolTip("Copy the selected text, or the code and phrase")
        self.copy_title = make("Copy code and &phrase")
        self.copy_code = make("Copy c&ode")
        self.copy_snippet = make("Copy &snippet", key("Ctrl+Shift+C"))
        self.copy_link = make("Copy &link to reference")
        self.find = make("&Find", key(std.Find), key("/"))
        self.preferences = make("Pre&ferences…", key(std.Preferences), key("Ctrl+,"))
        self.back = make("&Back", key(std.Back), key("Alt+Left"))
        self.forward = make("&Forward", key(std.Forward), key("Alt+Right"))
        self.expand = make("&Expand all")
        self.collapse = make("C&ollapse all")
        self.shortcuts = make("&Keyboard shortcuts")
        self.about = make(f"&About {APP_NAME}")
        self.codes_view = make("&Codes", key("Alt+1"))
        self.which_view = make("&Which code?", key("Alt+2"))
        self.guide_view = make("Decision &guide", key("Alt+3"))
        self.check_view = make("Check &URLs", key("Alt+4"))
        self.compare = make("Co&mpare with a related code", key("Ctrl+K"))

        self.all_classes = make("&All classes", checkable=True)
        self.all_classes.setIconText("All")
        self.class_actions: dict[str, QAction] = {}
        self.class_titles: dict[str, str] = {}
        for number, category in enumerate(categories, 1):
            action = make(category.id, key(f"Ctrl+{number}"), checkable=True)
            self.class_actions[category.id] = action
            self.class_titles[category.id] = category.title
            action.toggled.connect(self._update_tooltips)
        self.unofficial = make("Show &unofficial codes", key("Ctrl+U"), checkable=True)
        self.unofficial.setIconText("Unofficial")
        self.unofficial.toggled.connect(self._update_tooltips)
        self._update_tooltips()

    def _update_tooltips(self) -> None:
        """A filter's tooltip says what a click does now: show or hide."""
        for category_id, action in self.class_actions.items():
            verb = "Hide" if action.isChecked() else "Show"
            keys = action.shortcut().toString()
            action.setToolTip(f"{verb} {self.class_titles[category_id]} codes ({keys})")
        if self.unofficial.isChecked():
            self.unofficial.setToolTip("Hide the codes that are not in the IANA registry (Ctrl+U)")
        else:
            self.unofficial.setToolTip(
                "Show codes that are not in the IANA registry, in italics (Ctrl+U)"
            )

    def with_keys(self) -> list[QAction]:
        """The actions the shortcuts dialog lists, in its order (before Explain and Try it)."""
        return [
            self.find,
            self.copy,
            self.copy_snippet,
            self.back,
            self.forward,
            self.compare,
            self.preferences,
            self.codes_view,
            self.which_view,
            self.guide_view,
            self.check_view,
            *self.class_actions.values(),
            self.unofficial,
        ]
