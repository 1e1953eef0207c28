"""File > Recent logs: the files explained last, kept in the settings, bounded, with missing
files left out or reported, and a Clear entry (issue 23, item 12)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from http_status_browser.ui.explain_view import ExplainView
from http_status_browser.ui.recent_logs import MAX_RECENT
from http_status_browser.ui.settings import RECENT_LOGS, SettingsReader
from http_status_browser.ui.window import MainWindow
from tests.ui.conftest import WindowFactory

DATA = Path(__file__).parent.parent / "data" / "explain"


def started(make_window: WindowFactory) -> MainWindow:
    window = make_window()
    window.finish_start_up()
    return window


def file_menu(window: MainWindow) -> QMenu:
    menus = {m.title().replace("&", ""): m for m in window.menuBar().findChildren(QMenu)}
    return menus["File"]


def open_recent(qtbot: QtBot, window: MainWindow) -> QMenu:
    """The submenu as the user opens it (aboutToShow fills it)."""
    menu = window.explain.recent.menu
    assert menu.menuAction() in file_menu(window).actions()
    menu.popup(window.mapToGlobal(QPoint(20, 20)))
    qtbot.waitUntil(menu.isVisible)
    return menu


def entries(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def wait_for_report(qtbot: QtBot, view: ExplainView) -> None:
    qtbot.waitUntil(lambda: view.report is not None and not view.is_busy(), timeout=20000)


def test_explained_files_are_listed_newest_first_and_reopen_with_their_number(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    first = shutil.copy(DATA / "apache-common.log", tmp_path / "first.log")
    second = shutil.copy(DATA / "nginx-combined.log", tmp_path / "second & more.log")
    window = started(make_window)
    menu = open_recent(qtbot, window)
    assert entries(menu) == ["No recent logs", "&Clear recent logs"]
    assert not window.explain.recent.clear_action.isEnabled()
    menu.hide()
    view = window.explain.explain_view()
    window.explain.explain_files([str(first)])
    wait_for_report(qtbot, view)
    window.explain.explain_files([str(second)])
    wait_for_report(qtbot, view)
    menu = open_recent(qtbot, window)
    assert entries(menu) == ["&1 second && more.log", "&2 first.log", "&Clear recent logs"]
    assert menu.actions()[1].toolTip() == str(first)
    qtbot.keyClick(menu, Qt.Key.Key_2)  # the access key, as a user opens it
    qtbot.waitUntil(lambda: view.file == str(first))
    wait_for_report(qtbot, view)
    assert view.report is not None
    assert view.summary.text().startswith(str(first))
    # Chosen, it is the newest again; and a new window reads the same list back.
    assert window.explain.recent.names() == [str(first), str(second)]
    window.close()
    again = started(make_window)
    assert again.explain.recent.names() == [str(first), str(second)]


def test_a_missing_file_is_left_out_when_the_menu_opens(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, settings_path: Path
) -> None:
    kept = shutil.copy(DATA / "apache-common.log", tmp_path / "kept.log")
    gone = tmp_path / "gone.log"
    window = started(make_window)
    window.settings.setValue(RECENT_LOGS, [str(gone), str(kept)])
    menu = open_recent(qtbot, window)
    assert entries(menu) == ["&1 kept.log", "&Clear recent logs"]
    assert window.explain.recent.names() == [str(kept)]
    window.settings.sync()  # forgotten on disk too; a one-item list reads back as text
    stored = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert SettingsReader(stored).texts(RECENT_LOGS, []) == [str(kept)]


def test_a_file_removed_while_the_menu_is_open_is_reported(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    doomed = Path(shutil.copy(DATA / "apache-common.log", tmp_path / "doomed.log"))
    window = started(make_window)
    window.explain.recent.add([str(doomed)])
    menu = open_recent(qtbot, window)
    doomed.unlink()
    qtbot.keyClick(menu, Qt.Key.Key_1)
    assert window.statusBar().currentMessage() == (
        f"{doomed} no longer exists: removed from the recent logs"
    )
    assert window.explain.recent.names() == []
    assert window.explain.view is None  # nothing was read


def test_clear_empties_the_list_and_the_settings(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    log = shutil.copy(DATA / "apache-common.log", tmp_path / "a.log")
    window = started(make_window)
    window.explain.recent.add([str(log)])
    menu = open_recent(qtbot, window)
    qtbot.keyClick(menu, Qt.Key.Key_C)
    assert window.explain.recent.names() == []
    assert not window.settings.contains(RECENT_LOGS)
    menu = open_recent(qtbot, window)
    assert entries(menu) == ["No recent logs", "&Clear recent logs"]


def test_the_list_is_bounded_and_a_stored_value_of_the_wrong_type_is_ignored(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, settings_path: Path
) -> None:
    logs = []
    for number in range(MAX_RECENT + 3):
        logs.append(str(shutil.copy(DATA / "apache-common.log", tmp_path / f"{number}.log")))
    window = started(make_window)
    window.explain.recent.add(logs)
    assert window.explain.recent.names() == logs[::-1][:MAX_RECENT]
    window.close()
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue(RECENT_LOGS, 42)
    settings.sync()
    window = started(make_window)
    assert window.explain.recent.names() == []
    menu = open_recent(qtbot, window)
    assert entries(menu) == ["No recent logs", "&Clear recent logs"]
