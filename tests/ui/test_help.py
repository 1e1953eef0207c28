"""Help: the keyboard shortcuts as a searchable dialog made from the actions, the About box,
and the window title naming the code shown (issue 23, item 14)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from http_status_browser import APP_NAME, HOMEPAGE
from http_status_browser.ui.help_dialogs import LICENCE
from http_status_browser.ui.shortcuts_dialog import ShortcutsDialog
from http_status_browser.ui.window import MainWindow

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def shortcuts_dialog(qtbot: QtBot, window: MainWindow) -> ShortcutsDialog:
    window.window_actions.shortcuts.trigger()
    dialog = window.findChild(ShortcutsDialog, "shortcutsDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_the_shortcuts_are_the_actions_own(qtbot: QtBot, window: MainWindow) -> None:
    dialog = shortcuts_dialog(qtbot, window)
    rows = dict(dialog.shown_rows())
    for action in window.window_actions.with_keys():
        keys = action.shortcut().toString()
        assert keys in rows[action.text().replace("&", "")]
    assert "Ctrl+," in rows["Preferences…"]
    assert rows["Choose a numbered answer in the decision guide"] == "1 … 9"


def test_typing_filters_the_shortcuts_by_name_or_key(qtbot: QtBot, window: MainWindow) -> None:
    dialog = shortcuts_dialog(qtbot, window)
    everything = dialog.shown_rows()
    qtbot.keyClicks(dialog.search, "copy")
    shown = dialog.shown_rows()
    assert shown
    assert len(shown) < len(everything)
    assert all("copy" in what.casefold() for what, _ in shown)
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "ctrl+k")
    assert [what for what, _ in dialog.shown_rows()] == ["Compare with a related code"]
    dialog.search.clear()
    assert dialog.shown_rows() == everything


def test_about_names_the_licence_versions_and_homepage(qtbot: QtBot, window: MainWindow) -> None:
    seen: list[str] = []
    links: list[bool] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            links.extend(
                label.openExternalLinks()
                for label in box.findChildren(QLabel)
                if HOMEPAGE in label.text()
            )
            box.accept()
        else:
            QTimer.singleShot(20, read_and_close)

    QTimer.singleShot(0, read_and_close)
    window.window_actions.about.trigger()
    assert seen
    assert f"Licence: {LICENCE}" in seen[0]
    assert "Qt 6." in seen[0]
    assert "PySide6" in seen[0]
    assert f'Homepage: <a href="{HOMEPAGE}">{HOMEPAGE}</a>' in seen[0]
    assert links == [True]  # the link opens in the browser
    assert tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["license"] == LICENCE


def test_the_window_title_names_the_code_shown(window: MainWindow) -> None:
    window.navigate_to(404)
    assert window.windowTitle() == f"404 Not Found - {APP_NAME}"
    window.codes.show_comparison(401, 403)
    assert window.windowTitle() == f"401 or 403? - {APP_NAME}"
    window.window_actions.back.trigger()
    assert window.windowTitle() == f"404 Not Found - {APP_NAME}"
