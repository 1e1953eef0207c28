"""Fixtures for the window: a private settings file per test, never the user's own."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QSettings
from pytestqt.qtbot import QtBot

from http_status_browser.registry import Registry
from http_status_browser.ui.status_models import Role
from http_status_browser.ui.window import MainWindow

WindowFactory = Callable[..., MainWindow]


def visible_codes(proxy: QAbstractItemModel) -> list[int]:
    """The codes a proxy shows, class by class, in display order."""
    codes = []
    for class_row in range(proxy.rowCount()):
        parent = proxy.index(class_row, 0)
        codes.extend(
            proxy.index(row, 0, parent).data(Role.CODE) for row in range(proxy.rowCount(parent))
        )
    return codes


@pytest.fixture
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A short private runtime folder: socket paths are limited to about 100 bytes."""
    folder = Path(os.path.realpath("/tmp")) / f"hsb-test-{os.getpid()}-{time.monotonic_ns()}"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def make_window(qtbot: QtBot, registry: Registry, settings_path: Path) -> WindowFactory:
    def make(code: int | None = None, the_registry: Registry | None = None) -> MainWindow:
        settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        window = MainWindow(the_registry or registry, settings, initial_code=code)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # window shortcuts only reach the active window
        return window

    return make


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()
