"""The window driven like a user: typing, clicking, shortcuts, the clipboard, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QTextBrowser, QTreeView, QWidget
from pytestqt.qtbot import QtBot

from http_status_browser import APP_NAME
from http_status_browser.registry import Registry
from http_status_browser.registry.badges import status_badges
from http_status_browser.registry.snippets import render_snippet
from http_status_browser.registry.values import StatusCode
from http_status_browser.ui import settings as keys
from http_status_browser.ui.codes.tree_pane import EMPTY_PAGE, TREE_PAGE
from http_status_browser.ui.detail import DetailView
from http_status_browser.ui.snippet_panel import COMFORTABLE_LINES
from http_status_browser.ui.window import MainWindow
from tests.ui.conftest import WindowFactory, visible_codes
from tests.ui.links import click_link


def search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type `text` key by key; text that QTest cannot type (not ASCII, very long) is pasted."""
    edit = window.findChild(QLineEdit, "searchEdit")
    assert edit is not None
    edit.clear()
    if text.isascii() and text.isprintable() and len(text) <= 200:
        qtbot.keyClicks(edit, text)
    else:
        edit.setText(text)


def detail_text(window: MainWindow) -> str:
    detail = window.findChild(QTextBrowser, "detailView")
    assert detail is not None
    return detail.toPlainText()


def clipboard() -> str:
    board = QGuiApplication.clipboard()
    assert board is not None
    return board.text()


def test_named_widgets_exist(window: MainWindow) -> None:
    assert APP_NAME in window.windowTitle()
    for kind, name in (
        (QLineEdit, "searchEdit"),
        (QWidget, "categoryFilter"),
        (QTreeView, "statusTree"),
        (QTextBrowser, "detailView"),
        (QComboBox, "snippetLanguage"),
        (QPushButton, "copySnippetButton"),
    ):
        widget = window.findChild(kind, name)
        assert widget is not None, name
        assert widget.accessibleName(), name


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("404", 404),
        ("4xx", 400),
        ("teapot", 418),
        ("gatway timeout", 504),
        ("payload too large", 413),
        ("StatusTooManyRequests", 429),
    ],
)
def test_typing_filters_the_tree(
    qtbot: QtBot, window: MainWindow, registry: Registry, query: str, first: int
) -> None:
    search(qtbot, window, query)
    codes = visible_codes(window.codes.proxy)
    assert codes[0] == first
    assert set(codes) <= {m.status.code for m in registry.search(query)}
    # The best match is selected, and explained once the typing pauses.
    assert window.current_status() is not None
    assert window.current_status().code == first  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: detail_text(window).startswith(str(first)))


def test_class_query_keeps_only_that_class(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "4xx")
    assert window.codes.proxy.rowCount() == 1
    assert {c // 100 for c in visible_codes(window.codes.proxy)} == {4}


@pytest.mark.parametrize("query", ["qqqzzzxxx", "x" * 20_000, "((.*", "\u202e\x00"])
def test_nonsense_then_clearing_restores_everything(
    qtbot: QtBot, window: MainWindow, query: str
) -> None:
    everything = visible_codes(window.codes.proxy)
    search(qtbot, window, query)
    assert visible_codes(window.codes.proxy) == []
    assert window.codes.tree_pane.currentIndex() == EMPTY_PAGE
    assert "No status code matches" in window.codes.tree_pane.empty_label.text()
    qtbot.mouseClick(window.codes.tree_pane.clear_search_button, Qt.MouseButton.LeftButton)
    assert window.search_edit.text() == ""
    assert visible_codes(window.codes.proxy) == everything
    assert window.codes.tree_pane.currentIndex() == TREE_PAGE


def test_escape_clears_and_down_moves_into_results(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "found")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Down)
    assert window.codes.tree.hasFocus() or window.focusWidget() is window.codes.tree
    window.search_edit.setFocus()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.search_edit.text() == ""


def test_a_class_first_code_is_shown_with_its_class_heading(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Down from an emptied search selects the first code: its class's heading, above it,
    comes into view with it, even from a tree scrolled to its end."""
    assert window.navigate_to(511)
    search(qtbot, window, "qqqzzz")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Down)
    first_class = window.codes.proxy.index(0, 0)
    assert window.codes.tree.currentIndex() == window.codes.proxy.index(0, 0, first_class)
    viewport = window.codes.tree.viewport().rect()
    assert viewport.contains(window.codes.tree.visualRect(first_class))
    assert viewport.contains(window.codes.tree.visualRect(window.codes.tree.currentIndex()))


def test_unofficial_codes_hidden_until_turned_on(
    qtbot: QtBot, window: MainWindow, registry: Registry
) -> None:
    assert 499 not in visible_codes(window.codes.proxy)
    search(qtbot, window, "499")
    assert window.codes.tree_pane.currentIndex() == EMPTY_PAGE
    assert window.codes.tree_pane.show_unofficial_button.isVisible()
    qtbot.mouseClick(window.codes.tree_pane.show_unofficial_button, Qt.MouseButton.LeftButton)
    assert visible_codes(window.codes.proxy) == [499]


def test_class_toggles(qtbot: QtBot, window: MainWindow) -> None:
    window.window_actions.class_actions["4xx"].trigger()
    assert 4 not in {c // 100 for c in visible_codes(window.codes.proxy)}
    assert not window.window_actions.all_classes.isChecked()
    window.window_actions.all_classes.trigger()
    assert 4 in {c // 100 for c in visible_codes(window.codes.proxy)}
    assert window.window_actions.all_classes.isChecked()


def test_selecting_a_class_shows_its_codes(window: MainWindow) -> None:
    index = window.codes.proxy.index(3, 0)
    window.codes.tree.setCurrentIndex(index)
    text = detail_text(window)
    assert text.startswith("4xx Client error")
    assert "404 Not Found" in text


def test_related_link_navigates_and_back_returns(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(code=401)
    assert window.current_status() is not None
    window.codes.detail.codeRequested.emit(403)  # what clicking the "403 Forbidden" link emits
    assert window.current_status().code == 403  # type: ignore[union-attr]
    assert window.window_actions.back.isEnabled()
    qtbot.keyClick(window.codes.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_status().code == 401  # type: ignore[union-attr]
    window.window_actions.forward.trigger()
    assert window.current_status().code == 403  # type: ignore[union-attr]


def test_link_anchor_reaches_navigation(make_window: WindowFactory) -> None:
    window = make_window(code=404)
    html = window.codes.detail.toHtml()
    assert 'href="status:410"' in html


def test_copy_button_and_shortcuts(
    qtbot: QtBot, make_window: WindowFactory, registry: Registry
) -> None:
    window = make_window(code=404)
    assert window.codes.snippets.set_language("go")
    qtbot.mouseClick(window.codes.snippets.copy_button, Qt.MouseButton.LeftButton)
    status = registry.lookup(404)
    go = registry.language("go")
    assert status is not None
    assert go is not None
    assert clipboard() == render_snippet(status, go)
    assert "Copied" in window.statusBar().currentMessage()

    window.codes.tree.setFocus()
    qtbot.keyClick(window.codes.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard() == "404 Not Found"
    window.window_actions.copy_code.trigger()
    assert clipboard() == "404"
    window.window_actions.copy_link.trigger()
    assert clipboard() == status.url
    qtbot.keyClick(
        window.codes.tree,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert clipboard() == render_snippet(status, go)


def test_open_selects_the_code(make_window: WindowFactory) -> None:
    window = make_window(code=404)
    assert window.current_status() is not None
    assert window.current_status().code == 404  # type: ignore[union-attr]
    assert detail_text(window).startswith("404 Not Found")


def test_settings_round_trip(make_window: WindowFactory, settings_path: Path) -> None:
    window = make_window(code=418)
    window.codes.snippets.set_language("rust")
    window.window_actions.class_actions["1xx"].trigger()
    window.window_actions.unofficial.trigger()
    window.close()
    again = make_window()
    assert again.current_status().code == 418  # type: ignore[union-attr]
    assert again.codes.snippets.language.id == "rust"
    assert not again.window_actions.class_actions["1xx"].isChecked()
    assert again.window_actions.unofficial.isChecked()


def test_corrupt_settings_give_defaults(make_window: WindowFactory, settings_path: Path) -> None:
    settings_path.write_bytes(
        b"[window]\ngeometry=@ByteArray(\x00\xffgarbage)\nmainSplitter=12\n"
        b"[filter]\nclasses=@Variant(\x00\x00\x00\x7f\x00\x00\x00)\nunofficial=maybe\n"
        b"[selection]\ncode=\xc2\xb2\n[snippet]\nlanguage=cobol\n\xff\xfe\n"
    )
    window = make_window()
    assert window.current_status() is not None
    assert window.codes.snippets.language.id == "python"
    assert all(action.isChecked() for action in window.window_actions.class_actions.values())
    assert not window.window_actions.unofficial.isChecked()


def test_wrongly_typed_settings_give_defaults(
    make_window: WindowFactory, settings_path: Path
) -> None:
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue(keys.LAST_CODE, [1, 2])
    settings.setValue(keys.UNOFFICIAL, 3.5)
    settings.setValue(keys.CLASSES, 42)
    settings.setValue(keys.GEOMETRY, "not bytes")
    settings.sync()
    window = make_window()
    assert window.current_status() is not None
    assert not window.window_actions.unofficial.isChecked()
    assert all(action.isChecked() for action in window.window_actions.class_actions.values())


def test_shortcut_list_is_made_from_the_actions(window: MainWindow) -> None:
    rows = dict(window.help.shortcut_rows())
    assert "Find" in rows
    assert "Ctrl+F" in rows["Find"]
    assert "Alt+Left" in rows["Back"]


def test_no_clipboard_is_a_status_message(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(code=404)
    monkeypatch.setattr(QGuiApplication, "clipboard", staticmethod(lambda: None))
    window.window_actions.copy_title.trigger()
    assert "clipboard is not available" in window.statusBar().currentMessage()


def test_no_browser_is_a_status_message(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    window = make_window(code=404)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    window.codes.detail.anchorClicked.emit(QUrl("https://www.rfc-editor.org/rfc/rfc9110"))
    assert "Could not open https://www.rfc-editor.org" in window.statusBar().currentMessage()


def test_start_up_finishes_after_the_first_frame(make_window: WindowFactory) -> None:
    """Snippet colours, the search index and the icon come right after the first paint."""
    window = make_window(code=404)
    assert window.codes.snippets.highlighter is None
    window.finish_start_up()
    assert window.codes.snippets.highlighter is not None
    assert not QGuiApplication.windowIcon().isNull()
    snippet_format = window.codes.snippets.editor.document().firstBlock().layout().formats()
    assert snippet_format, "the snippet is highlighted"


def test_unofficial_code_names_its_source_once(make_window: WindowFactory) -> None:
    window = make_window(code=522)
    text = window.codes.detail.toPlainText()
    assert "unofficial" in text
    assert "defined by Cloudflare" in text
    assert text.count("Not in the IANA registry") == 1


@pytest.mark.parametrize(
    ("available", "expected"),
    [((1920, 1080), (1100, 720)), ((933, 600), (839, 540)), ((0, 0), (1100, 720))],
)
def test_first_window_fits_the_screen(
    available: tuple[int, int], expected: tuple[int, int]
) -> None:
    """At 150% a 1400x900 screen has 933x600 logical pixels: 1100x720 would not fit."""
    from PySide6.QtCore import QSize

    from http_status_browser.ui.window import default_size

    assert default_size(QSize(*available)) == expected


def _pages_shown(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    shown: list[int] = []
    original = DetailView.show_status

    def show_status(view: DetailView, status: StatusCode) -> None:
        shown.append(status.code)
        original(view, status)

    monkeypatch.setattr(DetailView, "show_status", show_status)
    return shown


@pytest.mark.parametrize("classes", [None, ["2xx"], []])
def test_a_window_opens_on_the_last_code_without_showing_the_first_row_first(
    make_window: WindowFactory,
    settings_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    classes: list[str] | None,
) -> None:
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue(keys.LAST_CODE, 404)
    if classes is not None:  # the code's class hidden, or every class
        settings.setValue(keys.CLASSES, classes)
    settings.sync()
    shown = _pages_shown(monkeypatch)
    window = make_window()
    status = window.current_status()
    assert status is not None
    assert status.code == 404
    assert window.codes.tree_pane.currentIndex() == TREE_PAGE
    assert window.window_actions.class_actions["4xx"].isChecked()
    assert shown == [404]
    assert window.navigator.history.entries == [404]


def test_a_first_window_opens_on_an_overview(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 23, item 14: a first launch opened on 100 Continue with no overview."""
    shown = _pages_shown(monkeypatch)
    window = make_window()
    assert window.current_status() is None
    assert shown == []
    assert window.navigator.history.entries == []
    text = window.codes.detail.toPlainText()
    assert text.startswith("HTTP status codes at a glance")
    assert "Client error" in text
    # It names each other view with the key its action really has.
    actions = window.window_actions
    for action in (actions.which_view, actions.guide_view, actions.check_view):
        name, key = action.text().replace("&", ""), action.shortcut().toString()
        assert f"{name} ({key})" in text, (name, key)
    assert not window.codes.snippets.isVisible()
    click_link(qtbot, window.codes.detail, "status:404")
    status = window.current_status()
    assert status is not None
    assert status.code == 404
    assert window.codes.snippets.isVisible()


def test_the_snippet_shows_whole_and_the_detail_page_takes_the_rest(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(code=422)
    editor = window.codes.snippets.editor
    assert 1 < editor.blockCount() <= COMFORTABLE_LINES  # a snippet that fits, as most do
    assert editor.viewport().height() >= COMFORTABLE_LINES * editor.fontMetrics().lineSpacing()
    snippet_height, detail_height = window.codes.snippets.height(), window.codes.detail.height()
    window.resize(window.width(), window.height() + 150)
    qtbot.waitUntil(lambda: window.codes.detail.height() == detail_height + 150)
    assert window.codes.snippets.height() == snippet_height


def test_the_code_count_keeps_its_size_and_shows_every_count_whole(
    qtbot: QtBot, window: MainWindow
) -> None:
    label = window.codes.count_label
    total = len(window.registry.statuses)
    assert label.text() == f"64 of {total} codes"
    size = label.size()
    seen = set()
    for text in ("4", "40", "404", "teapot", "zzzzqx", ""):
        window.search_edit.setText(text)
        seen.add(label.text())
        assert label.size() == size, text
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert {f"0 of {total} codes", f"1 of {total} codes"} <= seen
    widest = f"{total} of {total} codes"
    assert label.fontMetrics().horizontalAdvance(widest) <= label.contentsRect().width()
    larger = window.font()
    larger.setPointSizeF(larger.pointSizeF() * 2)
    window.setFont(larger)  # the user's font size changed: the label grows with it
    assert label.width() > size.width()
    assert label.fontMetrics().horizontalAdvance(widest) <= label.contentsRect().width()


def test_the_detail_pane_heads_a_code_with_the_badges_the_cli_shows(
    make_window: WindowFactory,
) -> None:
    window = make_window(code=301)
    status = window.current_status()
    assert status is not None
    heading = window.codes.detail.toPlainText().splitlines()[1]
    # Each badge is padded with a space on either side, and one more space parts two badges.
    assert heading.strip().split("   ") == [badge.text for badge in status_badges(status)]


def test_a_search_without_result_leaves_no_code_in_the_detail_pane(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """Issue 23, item 5: "cloudflare" with unofficial codes hidden matched 411 on the way."""
    window = make_window(code=200)
    window.search_edit.setFocus()
    qtbot.keyClicks(window.search_edit, "cloudflare")
    assert window.codes.tree_pane.currentIndex() == 1  # the empty page
    detail = window.codes.detail
    # The detail pane follows a typing pause: wait for it rather than for a fixed time.
    qtbot.waitUntil(lambda: "No code matches" in detail.toPlainText())
    qtbot.wait(2 * 120)  # a second typing pause: no late timer brings a code back
    assert window.current_status() is None
    detail = window.codes.detail.toPlainText()
    assert "“cloudflare”" in detail
    assert "411" not in detail
    assert window.codes.snippets.editor.toPlainText() == ""
    assert not window.window_actions.copy_code.isEnabled()


def test_the_class_filter_and_count_show_only_on_the_codes_tab(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Issue 23, item 9: on the other tabs they did nothing, and two counters showed."""
    actions = window.window_actions
    assert window.search_bar.category_filter.isVisible()
    assert window.codes.count_label.isVisible()
    for view_action in (actions.which_view, actions.guide_view):
        view_action.trigger()
        # The tool bar hides the widget of a hidden action when it lays itself out.
        qtbot.waitUntil(lambda: not window.search_bar.category_filter.isVisible())
        assert not window.codes.count_label.isVisible()
        assert not actions.unofficial.isEnabled()
        assert not any(a.isEnabled() for a in actions.class_actions.values())
    actions.codes_view.trigger()
    qtbot.waitUntil(window.search_bar.category_filter.isVisible)
    assert window.codes.count_label.isVisible()
    assert actions.unofficial.isEnabled()
    assert all(a.isEnabled() for a in actions.class_actions.values())


def test_italics_have_a_legend_while_unofficial_codes_show(window: MainWindow) -> None:
    """Issue 23, item 10: italics meant "unofficial" with no legend."""
    legend = window.codes.tree_pane.legend
    assert not legend.isVisible()
    window.window_actions.unofficial.trigger()
    assert legend.isVisible()
    assert "unofficial" in legend.text()
    window.window_actions.unofficial.trigger()
    assert not legend.isVisible()


def test_a_class_page_has_no_empty_snippet_box(qtbot: QtBot, window: MainWindow) -> None:
    """Issue 23, item 11: a class page kept an empty snippet panel."""
    tree = window.codes.tree
    heading = window.codes.proxy.index(3, 0)  # 4xx
    window.codes.select(heading)
    assert window.codes.detail.toPlainText().startswith("4xx")
    assert not window.codes.snippets.isVisible()
    window.navigate_to(404)
    assert window.codes.snippets.isVisible()
    assert tree.currentIndex().isValid()


def test_the_snippet_caption_never_contradicts_the_snippet(window: MainWindow) -> None:
    """Issue 23, item 11: 101 in curl greps the status line, the caption spoke of %{http_code}."""
    snippets = window.codes.snippets
    assert snippets.set_language("curl")
    window.navigate_to(200)
    assert "%{http_code}" in snippets.text()
    assert "%{http_code}" in snippets.source_label.text()
    window.navigate_to(101)
    assert "%{http_code}" not in snippets.text()
    assert "%{http_code}" not in snippets.source_label.text()
    assert "written for 101" in snippets.source_label.text()
