"""The tray quick lookup: search, Enter copies, Ctrl+Enter opens the window, close to tray."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QCheckBox, QMenu
from pytestqt.qtbot import QtBot

from http_status_browser.registry.model import Registry
from http_status_browser.ui import launch
from http_status_browser.ui.settings import TRAY_ENABLED
from http_status_browser.ui.tray import QuickLookup, TrayLookup
from http_status_browser.ui.window import MainWindow


@pytest.fixture
def lookup(qtbot: QtBot, registry: Registry) -> QuickLookup:
    widget = QuickLookup(registry)
    qtbot.addWidget(widget)
    widget.pop_up()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def app() -> Iterator[QApplication]:
    """The application, quitting with its last window again after the test."""
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    yield instance
    instance.setQuitOnLastWindowClosed(True)


def desktop_has_tray(monkeypatch: pytest.MonkeyPatch, present: bool) -> None:
    monkeypatch.setattr(TrayLookup, "available", staticmethod(lambda: present))


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def shown(lookup: QuickLookup) -> list[str]:
    return [lookup.results.item(row).text() for row in range(lookup.results.count())]


def test_stays_on_top(lookup: QuickLookup) -> None:
    assert lookup.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


def test_typing_shows_the_top_results(qtbot: QtBot, lookup: QuickLookup) -> None:
    qtbot.keyClicks(lookup.search_edit, "gateway timeout")
    assert shown(lookup)[0].startswith("504 Gateway Timeout")
    lookup.search_edit.clear()
    qtbot.keyClicks(lookup.search_edit, "4xx")
    assert len(shown(lookup)) == 8


def test_enter_copies_code_and_phrase(qtbot: QtBot, lookup: QuickLookup) -> None:
    qtbot.keyClicks(lookup.search_edit, "too many")
    with qtbot.waitSignal(lookup.copied) as copied:
        qtbot.keyClick(lookup.search_edit, Qt.Key.Key_Return)
    assert copied.args == ["429 Too Many Requests"]
    clipboard = QGuiApplication.clipboard()
    assert clipboard is not None
    assert clipboard.text() == "429 Too Many Requests"
    assert not lookup.isVisible()


def test_arrows_choose_and_ctrl_enter_opens_the_window(qtbot: QtBot, lookup: QuickLookup) -> None:
    qtbot.keyClicks(lookup.search_edit, "40")
    qtbot.keyClick(lookup.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(lookup.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(lookup.search_edit, Qt.Key.Key_Up)
    assert lookup.current_code() == 401
    with qtbot.waitSignal(lookup.openRequested) as opened:
        qtbot.keyClick(lookup.search_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert opened.args == [401]
    assert not lookup.isVisible()


def test_enter_without_results_does_nothing(qtbot: QtBot, lookup: QuickLookup) -> None:
    qtbot.keyClicks(lookup.search_edit, "zzzzqqqq")
    assert shown(lookup) == []
    qtbot.keyClick(lookup.search_edit, Qt.Key.Key_Return)
    assert lookup.isVisible()
    qtbot.keyClick(lookup.search_edit, Qt.Key.Key_Escape)
    assert not lookup.isVisible()


def test_tray_is_off_by_default_and_remembered(
    app: QApplication, registry: Registry, settings: QSettings
) -> None:
    tray = TrayLookup(registry, settings, app)
    assert not tray.wanted()
    tray.set_enabled(True)
    assert settings.value(TRAY_ENABLED) in (True, "true")
    assert TrayLookup(registry, settings, app).wanted()
    tray.set_enabled(False)
    assert not tray.wanted()


def test_close_to_tray_keeps_the_app_running(
    monkeypatch: pytest.MonkeyPatch, app: QApplication, registry: Registry, settings: QSettings
) -> None:
    tray = TrayLookup(registry, settings, app)
    desktop_has_tray(monkeypatch, True)
    assert tray.set_enabled(True)
    assert not app.quitOnLastWindowClosed()
    assert tray.icon is not None
    assert tray.menu is not None
    assert [a.text() for a in tray.menu.actions()] == ["&Quick lookup", "&Open window", "&Quit"]
    tray.set_enabled(False)
    assert app.quitOnLastWindowClosed()
    assert tray.icon is None


def test_without_a_tray_the_setting_says_so(
    monkeypatch: pytest.MonkeyPatch, app: QApplication, registry: Registry, settings: QSettings
) -> None:
    desktop_has_tray(monkeypatch, False)
    tray = TrayLookup(registry, settings, app)
    assert not tray.set_enabled(True)
    assert tray.icon is None
    assert app.quitOnLastWindowClosed()


def tray_choice(qtbot: QtBot, window: MainWindow) -> QCheckBox:
    """The tray's one place: its box in Edit > Preferences (Ctrl+,)."""
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    box = window.findChild(QCheckBox, "trayChoice")
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    return box


def test_the_tray_option_is_in_preferences_only(
    qtbot: QtBot, window: MainWindow, registry: Registry
) -> None:
    launch._connect_tray(window, registry)
    for menu in window.menuBar().findChildren(QMenu):
        assert window.tray_action not in menu.actions(), menu.title()
    assert tray_choice(qtbot, window).isEnabled()


def test_preferences_turn_the_tray_on_and_off(
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    app: QApplication,
    window: MainWindow,
    registry: Registry,
) -> None:
    desktop_has_tray(monkeypatch, True)
    launch._connect_tray(window, registry)
    assert not window.tray_action.isChecked()
    choice = tray_choice(qtbot, window)
    choice.click()
    assert window.tray_action.isChecked()
    assert not app.quitOnLastWindowClosed()
    assert window.settings.value(TRAY_ENABLED) in (True, "true")
    window.close()  # closed to the tray: hidden, the app goes on
    assert not window.isVisible()
    tray = window.findChild(TrayLookup)
    assert tray is not None
    tray.openRequested.emit(503)  # Ctrl+Enter in the quick lookup
    assert window.isVisible()
    status = window.current_status()
    assert status is not None
    assert status.code == 503
    choice.click()
    assert app.quitOnLastWindowClosed()


def test_preferences_without_a_tray(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, window: MainWindow, registry: Registry
) -> None:
    desktop_has_tray(monkeypatch, False)
    launch._connect_tray(window, registry)
    choice = tray_choice(qtbot, window)
    choice.click()
    assert not window.tray_action.isChecked()
    assert not choice.isChecked()
    assert "no system tray" in window.statusBar().currentMessage()
