"""The search bar as a part on its own: a bare main window, the actions and the bar."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QToolButton
from pytestqt.qtbot import QtBot

from http_status_browser.registry import Registry
from http_status_browser.ui.actions import WindowActions
from http_status_browser.ui.search_bar import SearchBar


@pytest.fixture
def bar(qtbot: QtBot, registry: Registry) -> Iterator[SearchBar]:
    window = QMainWindow()
    qtbot.addWidget(window)
    search_bar = SearchBar(window, WindowActions(window, registry.categories))
    search_bar.set_filters([c.id for c in registry.categories], unofficial=False)
    window.show()
    yield search_bar  # the window, the bar's parent, lives as long as the test
    window.close()


def test_a_class_button_changes_the_filters_and_the_all_toggle(
    qtbot: QtBot, bar: SearchBar
) -> None:
    assert bar.all_classes_shown()
    button = next(b for b in bar.category_filter.findChildren(QToolButton) if b.text() == "4xx")
    with qtbot.waitSignal(bar.filtersChanged):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "4xx" not in bar.shown_classes()
    assert not bar.all_classes_shown()
    with qtbot.waitSignal(bar.filtersChanged):
        bar.show_all_classes()
    assert bar.all_classes_shown()


def test_widening_for_a_code_clears_the_search_and_shows_its_class_quietly(
    qtbot: QtBot, bar: SearchBar, registry: Registry
) -> None:
    bar.set_filters(["2xx"], unofficial=False)
    bar.edit.setText("teapot")
    nginx = registry.lookup(499)
    assert nginx is not None
    assert not nginx.official
    with qtbot.assertNotEmitted(bar.filtersChanged):
        bar.widen_for(nginx)
    assert bar.edit.text() == ""
    assert bar.shown_classes() == ["2xx", "4xx"]
    assert bar.unofficial_shown()


def test_down_and_enter_ask_for_the_results_and_escape_clears(qtbot: QtBot, bar: SearchBar) -> None:
    qtbot.keyClicks(bar.edit, "gone")
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
        with qtbot.waitSignal(bar.resultsRequested):
            qtbot.keyClick(bar.edit, key)
    assert bar.edit.text() == "gone"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert bar.edit.text() == ""


def test_a_filters_tooltip_says_what_a_click_does_now(qtbot: QtBot, bar: SearchBar) -> None:
    """Issue 23, item 10: the class buttons' tooltips always said "Show"."""
    button = next(b for b in bar.category_filter.findChildren(QToolButton) if b.text() == "4xx")
    assert button.toolTip().startswith("Hide 4xx Client error codes")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.toolTip().startswith("Show 4xx Client error codes")
    assert button.accessibleName() == "4xx Client error codes"
    unofficial = next(
        b for b in bar.category_filter.findChildren(QToolButton) if b.text() == "Unofficial"
    )
    assert unofficial.toolTip().startswith("Show codes that are not in the IANA registry")
    qtbot.mouseClick(unofficial, Qt.MouseButton.LeftButton)
    assert unofficial.toolTip().startswith("Hide")
    assert unofficial.accessibleName() == "Unofficial codes"


def test_shown_and_hidden_filters_look_different(qtbot: QtBot, bar: SearchBar) -> None:
    """Issue 23, item 10: off was a flat word, on a faint grey."""
    bar.style_filter()
    buttons = {b.text(): b for b in bar.category_filter.findChildren(QToolButton)}
    qtbot.waitUntil(buttons["4xx"].isVisible)

    def middle(button: QToolButton) -> str:
        image = button.grab().toImage()
        return image.pixelColor(3, image.height() // 2).name()

    on = middle(buttons["4xx"])
    off = middle(buttons["Unofficial"])
    assert on == buttons["4xx"].palette().color(buttons["4xx"].palette().ColorRole.Highlight).name()
    assert off != on
