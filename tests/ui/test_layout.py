"""The Codes view's layout with the Explain dock open (issue 23, item 4): the detail pane keeps
room to read, the snippet panel gives up height first."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from http_status_browser.ui.codes.detail_splitter import SNIPPET_SHARE
from http_status_browser.ui.window import MainWindow
from tests.ui.conftest import WindowFactory


def open_explain(qtbot: QtBot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    window.finish_start_up()
    window.explain.explain_text("HTTP/1.1 200 OK\nHTTP/1.1 404 Not Found\n")
    dock = window.explain.dock
    assert dock is not None
    qtbot.waitUntil(dock.isVisible)
    qtbot.waitUntil(lambda: window.codes.detail.height() > 0)


@pytest.mark.parametrize("size", [(1100, 720), (900, 600)])
def test_the_detail_pane_keeps_room_with_explain_open(
    qtbot: QtBot, make_window: WindowFactory, size: tuple[int, int]
) -> None:
    window = make_window(code=429)
    open_explain(qtbot, window, *size)
    codes = window.codes
    detail, snippets = codes.detail.height(), codes.snippets.height()
    lines = detail // codes.detail.fontMetrics().lineSpacing()
    assert lines >= 6, f"the detail pane shows {lines} lines ({detail} px)"
    assert detail >= snippets
    # The dock leaves the window's content the larger part.
    dock = window.explain.dock
    assert dock is not None
    assert dock.height() <= window.height() // 2


def test_a_tall_window_shows_the_snippet_whole(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(code=429)
    open_explain(qtbot, window, 1600, 1000)
    splitter = window.codes.detail_splitter
    assert splitter.sizes()[1] == splitter.snippets.comfortable_height()


def test_the_snippet_height_the_user_drags_to_is_kept_where_it_fits(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(code=429)
    window.resize(1600, 1000)
    splitter = window.codes.detail_splitter
    qtbot.waitUntil(lambda: sum(splitter.sizes()) > 600)
    total = sum(splitter.sizes())
    splitter.moveSplitter(total - 300, 1)  # as a drag of the handle does
    assert splitter.wanted_snippet_height == splitter.sizes()[1]
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: sum(splitter.sizes()) < total)
    wanted = splitter.wanted_snippet_height
    assert splitter.sizes()[1] == min(wanted, int(sum(splitter.sizes()) * SNIPPET_SHARE))


def test_a_short_snippet_panel_gives_the_source_line_to_the_snippet(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """At 150 % on a small screen the wrapped source line was drawn over the snippet."""
    window = make_window(code=429)
    snippets = window.codes.snippets
    source = snippets.source_label.text()
    assert snippets.editor.toolTip() == source
    window.resize(1100, 720)
    qtbot.waitUntil(snippets.source_label.isVisible)
    splitter = window.codes.detail_splitter
    splitter.wanted_snippet_height = snippets.minimumSizeHint().height()
    window.resize(1100, 560)
    qtbot.waitUntil(lambda: not snippets.source_label.isVisible())
    assert snippets.editor.toolTip() == source
    splitter.wanted_snippet_height = snippets.comfortable_height()
    window.resize(1100, 900)
    qtbot.waitUntil(snippets.source_label.isVisible)
