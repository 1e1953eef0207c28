"""Help > Keyboard shortcuts and Help > About: dialogs built when asked for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QKeySequence

from http_status_browser import APP_NAME, __version__
from http_status_browser.ui.html import escape

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

# Keys the search box handles itself: they belong to no action.
SEARCH_BOX_KEYS = (("Clear the search", "Esc"), ("From the search to the results", "Down, Enter"))


def shortcut_rows(actions: Sequence[QAction]) -> list[tuple[str, str]]:
    """(what, keys) for each action, then the search box's own keys."""
    rows = [
        (
            action.text().replace("&", ""),
            ", ".join(
                s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
            ),
        )
        for action in actions
    ]
    rows.extend(SEARCH_BOX_KEYS)
    return rows


class HelpDialogs(QObject):
    """Shows the shortcuts of `actions()` (asked each time: some come after the first frame)
    and the About box for the registry file at `origin`."""

    def __init__(
        self, window: QWidget, actions: Callable[[], Sequence[QAction]], origin: str
    ) -> None:
        super().__init__(window)
        self.window = window
        self.actions = actions
        self.origin = origin

    def shortcut_rows(self) -> list[tuple[str, str]]:
        return shortcut_rows(self.actions())

    @Slot()
    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415  (not needed at start-up)

        table = "".join(
            f"<tr><td>{escape(name)}</td><td>&nbsp;&nbsp;<b>{escape(keys)}</b></td></tr>"
            for name, keys in self.shortcut_rows()
        )
        QMessageBox.information(self.window, "Keyboard shortcuts", f"<table>{table}</table>")

    @Slot()
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415  (not needed at start-up)

        QMessageBox.about(
            self.window,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>An offline reference for HTTP status codes.</p>"
            "<p>Data: the IANA HTTP Status Code Registry and RFC 9110, with unofficial codes "
            "from vendor documentation; explanations written for this app.</p>"
            f"<p>Registry file: {escape(self.origin)}</p>",
        )
