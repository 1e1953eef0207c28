"""Edit > Preferences (Ctrl+,): theme, text size, snippet language, the tray and the view on
start, applied at once and remembered (issue 23, "Preferences")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox
from pytestqt.qtbot import QtBot

from http_status_browser.ui.colours import DARK, LIGHT
from http_status_browser.ui.preferences_dialog import PreferencesDialog
from http_status_browser.ui.settings import START_VIEW, TEXT_SIZE, THEME
from http_status_browser.ui.window import MainWindow
from tests.ui.conftest import WindowFactory


@pytest.fixture(autouse=True)
def restore_application_look() -> Iterator[None]:
    """The theme and text size are the application's: put them back for the next test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, font = app.palette(), app.font()
    yield
    app.setPalette(palette)
    app.setFont(font)


def open_dialog(qtbot: QtBot, window: MainWindow) -> PreferencesDialog:
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(PreferencesDialog, "preferencesDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def choose(dialog: PreferencesDialog, name: str, data: object) -> None:
    box = dialog.findChild(QComboBox, name)
    assert box is not None
    index = box.findData(data)
    assert index >= 0, (name, data)
    box.setCurrentIndex(index)


def base_colour(window: MainWindow) -> str:
    return window.codes.detail.palette().color(QPalette.ColorRole.Base).name()


def test_ctrl_comma_opens_preferences_from_the_edit_menu(qtbot: QtBot, window: MainWindow) -> None:
    edit_menu = window.menus.edit
    assert window.window_actions.preferences in edit_menu.actions()
    dialog = open_dialog(qtbot, window)
    assert dialog.windowTitle() == "Preferences"


def test_a_theme_applies_at_once_and_is_remembered(
    qtbot: QtBot, window: MainWindow, settings_path: Path
) -> None:
    window.finish_start_up()
    dialog = open_dialog(qtbot, window)
    choose(dialog, "themeChoice", "dark")
    # Qt hands the application's palette to the widgets as it processes events.
    qtbot.waitUntil(lambda: base_colour(window) == DARK.base)
    highlighter = window.codes.snippets.highlighter
    assert highlighter is not None
    qtbot.waitUntil(lambda: highlighter.dark)  # the snippet follows the palette change
    choose(dialog, "themeChoice", "light")
    qtbot.waitUntil(lambda: base_colour(window) == LIGHT.base)
    qtbot.waitUntil(lambda: not highlighter.dark)
    window.settings.sync()
    assert QSettings(str(settings_path), QSettings.Format.IniFormat).value(THEME) == "light"


def test_the_remembered_theme_and_text_size_apply_on_start(
    make_window: WindowFactory, settings_path: Path
) -> None:
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue(THEME, "dark")
    settings.setValue(TEXT_SIZE, 16)
    settings.sync()
    window = make_window()
    assert base_colour(window) == DARK.base
    assert QGuiApplication.font().pointSize() == 16
    assert window.codes.detail.font().pointSize() == 16


def test_a_text_size_applies_to_the_views(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    choose(dialog, "textSizeChoice", 18)
    qtbot.waitUntil(lambda: window.codes.detail.font().pointSize() == 18)
    assert window.codes.tree.font().pointSize() == 18
    choose(dialog, "textSizeChoice", 0)
    qtbot.waitUntil(lambda: window.codes.detail.font().pointSize() != 18)


def test_the_snippet_language_follows_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    choose(dialog, "snippetLanguageChoice", "flask")
    assert window.codes.snippets.language.id == "flask"


def test_the_tray_choice_is_the_tray_action(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    tray = dialog.findChild(QCheckBox, "trayChoice")
    assert tray is not None
    assert tray.isChecked() == window.tray_action.isChecked()
    tray.setChecked(not tray.isChecked())
    assert window.tray_action.isChecked() == tray.isChecked()


@pytest.mark.parametrize(("view", "tab"), [("which", "Which code?"), ("guide", "Decision guide")])
def test_the_view_chosen_for_the_start_opens_after_the_first_frame(
    qtbot: QtBot, make_window: WindowFactory, settings_path: Path, view: str, tab: str
) -> None:
    window = make_window()
    dialog = open_dialog(qtbot, window)
    choose(dialog, "startViewChoice", view)
    window.close()
    window.settings.sync()
    assert QSettings(str(settings_path), QSettings.Format.IniFormat).value(START_VIEW) == view
    again = make_window()
    assert again.tabs.tabText(again.tabs.currentIndex()) == "Codes"  # the first frame
    again.finish_start_up()
    assert again.tabs.tabText(again.tabs.currentIndex()) == tab
    # A code asked for on the command line opens in the Codes view all the same.
    asked = make_window(code=404)
    asked.finish_start_up()
    assert asked.tabs.tabText(asked.tabs.currentIndex()) == "Codes"
