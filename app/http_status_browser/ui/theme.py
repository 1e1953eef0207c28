"""The theme (follow the system, light or dark) and text size, applied to the whole app live.

The palettes' colours are in ui/colours.py; here they become Qt palettes. Views that draw
their own colours ask `theme_palette(is_dark(widget.palette()))` when they paint, and follow
Qt's palette-change events, so that a change shows at once everywhere.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from http_status_browser.ui.colours import DARK, LIGHT, ThemePalette

# The text sizes offered, in points; 0 follows the system's font.
TEXT_SIZES = (0, 9, 10, 11, 12, 13, 14, 16, 18, 20)


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        return {"system": "Follow the system", "light": "Light", "dark": "Dark"}[self.value]


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def qt_palette(colours: ThemePalette) -> QPalette:
    """A Qt palette with the theme's colours in every role the widgets draw with."""
    role = QPalette.ColorRole
    palette = QPalette()
    for qt_role, colour in (
        (role.Window, colours.window),
        (role.WindowText, colours.window_text),
        (role.Base, colours.base),
        (role.AlternateBase, colours.alternate_base),
        (role.Text, colours.text),
        (role.PlaceholderText, colours.placeholder),
        (role.Button, colours.button),
        (role.ButtonText, colours.button_text),
        (role.BrightText, colours.highlighted_text),
        (role.Highlight, colours.highlight),
        (role.HighlightedText, colours.highlighted_text),
        (role.Link, colours.link),
        (role.LinkVisited, colours.link_visited),
        (role.ToolTipBase, colours.tooltip_base),
        (role.ToolTipText, colours.tooltip_text),
    ):
        palette.setColor(qt_role, QColor(colour))
    # Bevels and frames, from the window colour as Qt's own palettes derive them.
    window = QColor(colours.window)
    palette.setColor(role.Light, window.lighter(150))
    palette.setColor(role.Midlight, window.lighter(125))
    palette.setColor(role.Mid, window.darker(130) if not colours.dark else window.lighter(170))
    palette.setColor(role.Dark, window.darker(200) if not colours.dark else window.lighter(220))
    palette.setColor(role.Shadow, QColor("#000000"))
    disabled = QColor(colours.placeholder)
    for qt_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, qt_role, disabled)
    return palette


class Appearance(QObject):
    """Applies a theme and a text size to the application; remembers the system's own
    palette and font to go back to them."""

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.system_palette = app.palette()
        self.system_font = app.font()
        self.theme = Theme.SYSTEM
        self.text_size = 0

    def apply(self, theme: Theme, text_size: int) -> None:
        if theme is not self.theme:
            self.theme = theme
            if theme is Theme.SYSTEM:
                self.app.setPalette(self.system_palette)
            else:
                self.app.setPalette(qt_palette(DARK if theme is Theme.DARK else LIGHT))
            # A widget with a style sheet keeps the palette it was polished with: set its
            # sheet again so that it takes the new one.
            for widget in self.app.allWidgets():
                if sheet := widget.styleSheet():
                    widget.setStyleSheet(sheet)
        if text_size != self.text_size:
            self.text_size = text_size
            font = QFont(self.system_font)
            if text_size > 0:
                font.setPointSize(text_size)
            self.app.setFont(font)
