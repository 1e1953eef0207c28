"""Help > Keyboard shortcuts and Help > About: dialogs built when asked for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QKeySequence

from http_status_browser import APP_NAME, HOMEPAGE, __version__
from http_status_browser.ui.html import escape

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from http_status_browser.ui.shortcuts_dialog import ShortcutsDialog

LICENCE = "MIT"  # pyproject.toml's licence
# Keys the search box handles itself: they belong to no action.
SEARCH_BOX_KEYS = (
    ("Clear the search", "Esc"),
    ("From the search to the results", "Down, Enter"),
    # And the keyboard path's keys (ui/keyboard_path.py, the guide).
    ("From a view back to the search box", "Esc"),
    ("Move in the class filter", "Left, Right, Home, End"),
    ("Choose a numbered answer in the decision guide", "1 … 9"),
)


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
        self.shortcuts_dialog: ShortcutsDialog | None = None

    def shortcut_rows(self) -> list[tuple[str, str]]:
        return shortcut_rows(self.actions())

    @Slot()
    def show_shortcuts(self) -> None:
        """A searchable table, made again each time (Explain and Try it add actions)."""
        from http_status_browser.ui.shortcuts_dialog import ShortcutsDialog  # noqa: PLC0415

        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.deleteLater()
        self.shortcuts_dialog = ShortcutsDialog(self.shortcut_rows(), self.window)
        self.shortcuts_dialog.show()

    @Slot()
    def show_about(self) -> None:
        import platform  # noqa: PLC0415  (not needed at start-up)

        import PySide6  # noqa: PLC0415
        from PySide6.QtCore import qVersion  # noqa: PLC0415
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        QMessageBox.about(
            self.window,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>An offline reference for HTTP status codes.</p>"
            "<p>Data: the IANA HTTP Status Code Registry and RFC 9110, with unofficial codes "
            "from vendor documentation; explanations written for this app.</p>"
            f"<p>Licence: {LICENCE}.</p>"
            f'<p>Homepage: <a href="{escape(HOMEPAGE)}">{escape(HOMEPAGE)}</a></p>'
            f"<p>Qt {escape(qVersion())}, PySide6 {escape(PySide6.__version__)}, "
            f"Python {escape(platform.python_version())}</p>"
            f"<p>Registry file: {escape(self.origin)}</p>",
        )
