"""Files dropped on the window (issue 24): a URL list or a redirect map, whatever its name,
opens the Check URLs tab and is checked; a log, even a .txt or a .csv, is explained."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from http_status_browser.ui.check_view import CheckView
from http_status_browser.ui.explain_view import ExplainView
from http_status_browser.ui.window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.drops import drag_enter, drop_on, enter_event, file_mime

DATA = Path(__file__).parent.parent / "data" / "explain"
WAIT_MS = 30_000

pytestmark = pytest.mark.usefixtures("no_proxy")


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    window = make_window()
    window.finish_start_up()
    return window


def drag_over(window: MainWindow, path: Path) -> str:
    """A drag entering the window; what the status bar then says a drop will do."""
    mime = file_mime(path)  # the event does not own it: kept alive here
    assert drag_enter(window, mime).isAccepted()
    return window.statusBar().currentMessage()


def drop(window: MainWindow, path: Path) -> None:
    mime = file_mime(path)
    assert drop_on(window, mime).isAccepted()


def checked_rows(view: CheckView) -> list[tuple[str, str]]:
    model = view.table.model()
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


@pytest.mark.parametrize("name", ["urls.txt", "urls.log", "urls"])
def test_a_dropped_url_list_is_checked_in_the_check_tab(
    qtbot: QtBot, window: MainWindow, endpoint: str, tmp_path: Path, name: str
) -> None:
    saved = tmp_path / name
    saved.write_text(f"# staging\n{endpoint}/200\n\n{endpoint}/301?to=/200\n", encoding="utf-8")
    assert drag_over(window, saved) == f"Drop to check the URLs in {name}"
    drop(window, saved)
    tabs = window.tabs
    assert tabs.currentWidget() is tabs.check_page
    view = tabs.check_view
    assert view.isVisible()
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=WAIT_MS)
    assert checked_rows(view) == [("OK", "200"), ("OK", "301 > 200")]
    assert window.explain.view is None  # nothing went to Explain


def test_a_dropped_redirect_map_in_a_txt_file_is_checked_as_a_map(
    qtbot: QtBot, window: MainWindow, endpoint: str, tmp_path: Path
) -> None:
    saved = tmp_path / "moved.txt"
    saved.write_text(f"from,to,status\n{endpoint}/308?to=/200,/200,308\n", encoding="utf-8")
    assert drag_over(window, saved) == "Drop to check the URLs in moved.txt"
    drop(window, saved)
    view = window.tabs.check_view
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=WAIT_MS)
    assert checked_rows(view) == [("OK", "308 > 200")]


@pytest.mark.parametrize("name", ["access.txt", "access.csv", "access.log"])
def test_a_dropped_log_is_explained_whatever_its_name(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, name: str
) -> None:
    saved = tmp_path / name
    shutil.copy(DATA / "nginx-combined.log", saved)
    assert drag_over(window, saved) == f"Drop to explain {name}"
    drop(window, saved)
    view = window.findChild(ExplainView, "explainView")
    assert view is not None
    qtbot.waitUntil(lambda: view.report is not None and not view.is_busy(), timeout=WAIT_MS)
    assert view.report is not None
    assert view.report.total == 10
    assert window.tabs.currentWidget() is window.tabs.codes
    assert window.tabs._check_view is None  # the Check URLs tab was not even built


def test_the_check_tab_leaves_a_dropped_log_to_the_window(
    window: MainWindow, tmp_path: Path
) -> None:
    """Over the Check URLs tab, a log is refused there, so the drop reaches the window's
    target (Explain); a list is taken."""
    window.window_actions.check_view.trigger()
    view = window.tabs.check_view
    log = shutil.copy(DATA / "nginx-combined.log", tmp_path / "access.txt")
    listed = tmp_path / "urls.txt"
    listed.write_text("https://a.test/\n", encoding="utf-8")
    for path, taken in ((Path(log), False), (listed, True)):
        mime = file_mime(path)  # kept alive: the event does not own it
        enter = enter_event(mime)
        view.dragEnterEvent(enter)  # the tab's own answer, before Qt passes it on
        assert enter.isAccepted() is taken, path
