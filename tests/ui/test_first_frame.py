"""What waits until just after the first painted frame, and works once it is there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from app.ui.window import MainWindow


def test_the_search_box_gets_its_clear_button_after_the_first_frame(
    qtbot: QtBot, window: MainWindow
) -> None:
    # Invisible while the box is empty, which it always is in the first frame.
    assert window.search_edit.text() == ""
    assert not window.search_edit.isClearButtonEnabled()
    window.finish_start_up()
    assert window.search_edit.isClearButtonEnabled()
    qtbot.keyClicks(window.search_edit, "teapot")
    clear = window.search_edit.findChild(QToolButton)
    assert clear is not None
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert window.search_edit.text() == ""
