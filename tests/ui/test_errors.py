"""Unexpected exceptions in the window: one dialog with the details, and the app goes on."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from http_status_browser.ui.errors import ErrorReporter
from http_status_browser.ui.window import MainWindow


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_shows_a_dialog_and_the_app_goes_on(
    qtbot: QtBot, window: MainWindow
) -> None:
    reporter = ErrorReporter(window)
    reporter.install()
    try:

        def broken() -> None:
            raise ValueError("a bug in a slot")

        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: bool(reporter.dialogs))
        box = reporter.dialogs[0]
        assert isinstance(box, QMessageBox)
        assert box.isVisible()
        assert "ValueError: a bug in a slot" in box.text()
        assert "Traceback" in box.detailedText()
        # Still usable afterwards.
        window.navigate_to(404)
        assert window.current_status() is not None
        box.done(0)
        qtbot.waitUntil(lambda: not reporter.dialogs)
    finally:
        reporter.uninstall()
    assert sys.excepthook is not reporter
