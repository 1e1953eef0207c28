"""The Preferences dialog: each choice applies at once (there is nothing to confirm)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from http_status_browser.ui.settings import StartView
from http_status_browser.ui.theme import TEXT_SIZES, Appearance, Theme

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from http_status_browser.ui.snippet_panel import SnippetPanel


class Preferences(Protocol):
    """What the dialog shows and changes (ui/preferences.py's Preferences)."""

    snippets: SnippetPanel
    tray_action: QAction

    @property
    def theme(self) -> Theme: ...
    @property
    def text_size(self) -> int: ...
    @property
    def start_view(self) -> StartView: ...
    def appearance(self) -> Appearance: ...
    def apply(self, theme: Theme, text_size: int) -> None: ...
    def set_start_view(self, view: StartView) -> None: ...


class PreferencesDialog(QDialog):
    """Theme, text size, snippet language, the tray and what opens on start."""

    def __init__(self, preferences: Preferences, parent: QWidget) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self._loading = False

        self.theme_box = self._combo("themeChoice", "Theme")
        for theme in Theme:
            self.theme_box.addItem(theme.label, theme.value)
        self.size_box = self._combo("textSizeChoice", "Text size")
        system_size = preferences.appearance().system_font.pointSize()
        for size in TEXT_SIZES:
            self.size_box.addItem(f"{size} pt" if size else f"System ({system_size} pt)", size)
        self.language_box = self._combo("snippetLanguageChoice", "Snippet language")
        languages = preferences.snippets.language_box
        for row in range(languages.count()):
            self.language_box.addItem(languages.itemText(row), languages.itemData(row))
        self.start_box = self._combo("startViewChoice", "On start, open")
        for view in StartView:
            self.start_box.addItem(view.label, view.value)
        self.tray_box = QCheckBox(preferences.tray_action.text().replace("&", ""), self)
        self.tray_box.setObjectName("trayChoice")
        self.tray_box.setAccessibleName("Keep in the tray")

        form = QFormLayout()
        for text, box in (
            ("&Theme:", self.theme_box),
            ("Text &size:", self.size_box),
            ("S&nippet language:", self.language_box),
            ("On &start, open:", self.start_box),
        ):
            label = QLabel(text, self)
            label.setBuddy(box)
            form.addRow(label, box)
        form.addRow(self.tray_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.theme_box.currentIndexChanged.connect(self._appearance_chosen)
        self.size_box.currentIndexChanged.connect(self._appearance_chosen)
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        self.start_box.currentIndexChanged.connect(self._start_chosen)
        self.tray_box.toggled.connect(self._tray_chosen)
        preferences.tray_action.toggled.connect(self._tray_changed)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        return box

    def load(self) -> None:
        """Show the current choices (the snippet language may have changed in the panel)."""
        self._loading = True
        try:
            prefs = self.preferences
            self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(prefs.theme.value)))
            self.size_box.setCurrentIndex(max(0, self.size_box.findData(prefs.text_size)))
            language = prefs.snippets.language.id
            self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
            self.start_box.setCurrentIndex(max(0, self.start_box.findData(prefs.start_view.value)))
            self.tray_box.setChecked(prefs.tray_action.isChecked())
            self.tray_box.setEnabled(prefs.tray_action.isEnabled())
        finally:
            self._loading = False

    @Slot()
    def _appearance_chosen(self) -> None:
        if not self._loading:
            theme = Theme(str(self.theme_box.currentData()))
            self.preferences.apply(theme, int(self.size_box.currentData()))

    @Slot()
    def _language_chosen(self) -> None:
        if not self._loading:
            self.preferences.snippets.set_language(str(self.language_box.currentData()))

    @Slot()
    def _start_chosen(self) -> None:
        if not self._loading:
            self.preferences.set_start_view(StartView(str(self.start_box.currentData())))

    @Slot(bool)
    def _tray_chosen(self, checked: bool) -> None:
        if not self._loading and self.preferences.tray_action.isChecked() != checked:
            self.preferences.tray_action.setChecked(checked)

    @Slot(bool)
    def _tray_changed(self, checked: bool) -> None:
        """The tray may refuse (no tray on this desktop): show what it is. The action's state,
        not `checked`: a refusal unchecks it from inside the toggled(True) that calls this."""
        del checked
        self._loading = True
        try:
            self.tray_box.setChecked(self.preferences.tray_action.isChecked())
        finally:
            self._loading = False
