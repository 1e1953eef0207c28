"""Edit > Preferences (Ctrl+,): theme, text size, snippet language, the tray and what opens on
start. Changes apply at once and are remembered; the dialog is built when first asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Slot

from http_status_browser.ui.settings import (
    START_VIEW,
    TEXT_SIZE,
    THEME,
    SettingsReader,
    StartView,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from http_status_browser.ui.preferences_dialog import PreferencesDialog
    from http_status_browser.ui.snippet_panel import SnippetPanel
    from http_status_browser.ui.theme import Appearance, Theme


class Preferences(QObject):
    """Reads, applies and saves the preferences; owns the dialog."""

    def __init__(
        self,
        window: QWidget,
        settings: QSettings,
        snippets: SnippetPanel,
        tray_action: QAction,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.snippets = snippets
        self.tray_action = tray_action
        self._appearance: Appearance | None = None
        self._dialog: PreferencesDialog | None = None
        reader = SettingsReader(settings)
        self._theme_name = reader.text(THEME, "system")
        size = reader.integer(TEXT_SIZE, 0)
        self._text_size = size if size is not None and 0 <= size <= 72 else 0
        # The system theme and font need nothing done: the first frame does without theme.py.
        if self._theme_name != "system" or self._text_size:
            self.apply(self.theme, self._text_size)

    @property
    def theme(self) -> Theme:
        from http_status_browser.ui.theme import Theme  # noqa: PLC0415

        try:
            return Theme(self._theme_name)
        except ValueError:
            return Theme.SYSTEM

    @property
    def text_size(self) -> int:
        return self._text_size

    @property
    def start_view(self) -> StartView:
        try:
            return StartView(SettingsReader(self.settings).text(START_VIEW, "last"))
        except ValueError:
            return StartView.LAST_CODE

    def appearance(self) -> Appearance:
        if self._appearance is None:
            from PySide6.QtWidgets import QApplication  # noqa: PLC0415

            from http_status_browser.ui.theme import Appearance  # noqa: PLC0415

            app = QApplication.instance()
            assert isinstance(app, QApplication)
            self._appearance = Appearance(app, self)
        return self._appearance

    def apply(self, theme: Theme, text_size: int) -> None:
        """Apply `theme` and `text_size` to the whole app now, and remember them."""
        self.appearance().apply(theme, text_size)
        self._theme_name = theme.value
        self._text_size = text_size
        self.settings.setValue(THEME, theme.value)
        self.settings.setValue(TEXT_SIZE, text_size)

    def set_start_view(self, view: StartView) -> None:
        self.settings.setValue(START_VIEW, view.value)

    @Slot()
    def show_dialog(self) -> None:
        if self._dialog is None:
            from http_status_browser.ui.preferences_dialog import (  # noqa: PLC0415
                PreferencesDialog,
            )

            self._dialog = PreferencesDialog(self, self.window)
        self._dialog.load()
        self._dialog.show()
        self._dialog.raise_()
        self._dialog.activateWindow()
