"""What the window remembers between runs: its geometry, splitters, snippet language, class
filter and last code, restored at start-up and saved on close."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Slot

from http_status_browser.ui import settings as keys
from http_status_browser.ui.settings import SettingsReader

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from http_status_browser.ui.codes.view import CodesView
    from http_status_browser.ui.search_bar import SearchBar


class WindowState(QObject):
    """Reads the settings back into the parts, and writes the parts' state into them."""

    def __init__(
        self, settings: QSettings, window: QMainWindow, search_bar: SearchBar, codes: CodesView
    ) -> None:
        super().__init__(window)
        self.settings = settings
        self.window = window
        self.search_bar = search_bar
        self.codes = codes
        codes.snippets.languageChanged.connect(self._language_changed)

    def restore(self, initial_code: int | None) -> None:
        """Everything as it was, then `initial_code` (or the last code, or the first) shown."""
        reader = SettingsReader(self.settings)
        codes = self.codes
        geometry = reader.data(keys.GEOMETRY)
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        for key, splitter in (
            (keys.MAIN_SPLITTER, codes),
            (keys.DETAIL_SPLITTER, codes.detail_splitter),
        ):
            state = reader.data(key)
            if state is not None:
                splitter.restoreState(state)
        codes.snippets.set_language(reader.text(keys.SNIPPET_LANGUAGE, ""))
        all_ids = [category.id for category in codes.registry.categories]
        self.search_bar.set_filters(
            reader.texts(keys.CLASSES, all_ids), reader.flag(keys.UNOFFICIAL, False)
        )
        # The code to open is selected once: not the first row's page and snippet first.
        codes.apply_filters(select_a_row=False)
        code = initial_code if initial_code is not None else reader.integer(keys.LAST_CODE, None)
        status = codes.registry.lookup(code) if code is not None else None
        if status is None and code is None and not self.settings.contains(keys.LAST_CODE):
            codes.show_overview()  # the first launch: an overview, not 100 Continue
            return
        if status is None:
            status = codes.registry.statuses[0]
        if not codes.navigate_to(status.code):
            codes.show_matches(select_first=False)

    def save(self) -> None:
        codes = self.codes
        self.settings.setValue(keys.GEOMETRY, self.window.saveGeometry())
        self.settings.setValue(keys.MAIN_SPLITTER, codes.saveState())
        self.settings.setValue(keys.DETAIL_SPLITTER, codes.detail_splitter.saveState())
        self.settings.setValue(keys.SNIPPET_LANGUAGE, codes.snippets.language.id)
        self.settings.setValue(keys.CLASSES, sorted(codes.proxy.visible_classes))
        self.settings.setValue(keys.UNOFFICIAL, codes.proxy.show_unofficial)
        status = codes.current_status()
        if status is not None:
            self.settings.setValue(keys.LAST_CODE, status.code)
        self.settings.sync()

    @Slot(str)
    def _language_changed(self, language_id: str) -> None:
        self.settings.setValue(keys.SNIPPET_LANGUAGE, language_id)
