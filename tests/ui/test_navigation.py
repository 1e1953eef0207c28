"""Navigator: the one owner of the current place and the history, and the views that follow it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from http_status_browser.ui.codes.view import COMPARE_PAGE, DETAIL_PAGE
from http_status_browser.ui.navigation import Navigator
from http_status_browser.ui.status_models import Role
from http_status_browser.ui.window import MainWindow


def test_a_visit_announces_the_new_place_once(qtbot: QtBot) -> None:
    navigator = Navigator()
    with qtbot.waitSignal(navigator.codeChanged) as blocker:
        navigator.visit(404)
    assert blocker.args == [404]
    with qtbot.assertNotEmitted(navigator.codeChanged):
        navigator.visit(404)
    with qtbot.waitSignal(navigator.comparisonChanged) as blocker:
        navigator.visit((401, 403))
    assert blocker.args == [401, 403]
    assert navigator.history.entries == [404, (401, 403)]
    assert navigator.current_code is None


def test_a_place_passed_on_the_way_is_current_but_not_history(qtbot: QtBot) -> None:
    navigator = Navigator()
    navigator.visit(404)
    with qtbot.waitSignal(navigator.codeChanged):
        navigator.visit(410, record=False)
    assert navigator.current_code == 410
    assert navigator.history.entries == [404]


def test_back_and_forward_announce_where_they_lead(qtbot: QtBot) -> None:
    navigator = Navigator()
    for entry in (404, (404, 410), 410):
        navigator.visit(entry)
    with qtbot.waitSignal(navigator.comparisonChanged) as blocker:
        navigator.back()
    assert blocker.args == [404, 410]
    with qtbot.waitSignal(navigator.codeChanged) as blocker:
        navigator.back()
    assert blocker.args == [404]
    with qtbot.assertNotEmitted(navigator.codeChanged):
        navigator.back()  # at the start: nowhere to go
    with qtbot.waitSignal(navigator.comparisonChanged):
        navigator.forward()
    assert navigator.current == (404, 410)


def test_the_codes_view_follows_the_navigator(window: MainWindow) -> None:
    codes = window.codes
    window.navigator.visit(410)
    assert window.current_status().code == 410  # type: ignore[union-attr]
    assert codes.detail_stack.currentIndex() == DETAIL_PAGE
    assert codes.detail.toPlainText().startswith("410 Gone")
    window.navigator.visit((401, 403))
    assert codes.detail_stack.currentIndex() == COMPARE_PAGE
    assert codes.compare_view is not None
    assert codes.compare_view.pair == (401, 403)
    # Back to the code whose row is still current: the comparison gives way to its page.
    window.window_actions.back.trigger()
    assert codes.detail_stack.currentIndex() == DETAIL_PAGE
    assert window.navigator.current == 410


def test_the_navigator_knows_the_row_a_search_selects_without_recording_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    before = list(window.navigator.history.entries)
    qtbot.keyClicks(window.search_edit, "teapot")
    assert window.navigator.current == 418
    assert window.navigator.history.entries == before


def test_clicking_a_row_records_it(qtbot: QtBot, window: MainWindow) -> None:
    tree = window.codes.tree
    index = window.codes.proxy.index(1, 0, window.codes.proxy.index(3, 0))
    tree.scrollTo(index)
    position = tree.visualRect(index).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=position)
    code = window.current_status().code  # type: ignore[union-attr]
    assert code == index.data(Role.CODE)
    assert window.navigator.current == code
    assert window.navigator.history.entries[-1] == code
