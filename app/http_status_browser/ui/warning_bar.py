"""A non-modal bar above the content for problems in the user's codes file: the app goes on
without the codes it could not read."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from http_status_browser.ui.buttons import text_button
from http_status_browser.ui.colours import theme_palette
from http_status_browser.ui.qtvalues import TEXT_SELECTABLE_BY_MOUSE, set_enum_property


class WarningBar(QFrame):
    """Hidden until there is something to say; Dismiss hides it again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningBar")
        self.label = QLabel(self)
        self.label.setObjectName("warningLabel")
        self.label.setWordWrap(True)
        set_enum_property(self.label, "textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
        self.dismiss_button = text_button("&Dismiss", self)
        self.dismiss_button.clicked.connect(self.hide)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss_button)
        self.hide()

    def _colour(self) -> None:
        """The theme's warning colours; set when shown (the first frame does without)."""
        from http_status_browser.ui.theme import is_dark  # noqa: PLC0415

        colours = theme_palette(is_dark(self.palette()))
        self.setStyleSheet(
            f"#warningBar {{ background: {colours.warning_background}; "
            f"color: {colours.warning_text}; }}"
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.isVisible():
            self._colour()

    def show_warnings(self, warnings: Sequence[str]) -> None:
        """The first problem, and how many more there are."""
        if not warnings:
            return
        more = len(warnings) - 1
        text = warnings[0] + (f" (and {more} more: run 'httpstatus check-codes')" if more else "")
        self.label.setText(f"Your codes file has a problem: {text}")
        self._colour()
        self.show()
