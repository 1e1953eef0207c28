"""The explain view in the window: File > Explain log, a dropped file, pasted text, the table
model, the charts, Cancel, and hostile input shown as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from http_status_browser.explain import ExplainOptions, explain_text
from http_status_browser.explain.verdicts import verdicts
from http_status_browser.registry import Registry
from http_status_browser.ui.explain_model import ExplainRole, ExplainTableModel
from http_status_browser.ui.explain_view import ExplainView, ExplainWorker
from http_status_browser.ui.window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.drops import drag_enter, drop_on, file_mime

DATA = Path(__file__).parent.parent / "data" / "explain"
HOSTILE = (
    '198.51.100.1 - - [26/Nov/2026:10:00:00 +0000] "GET /<img src=http://203.0.113.5/x.png>'
    '<a href=javascript:alert(1)>x</a> HTTP/1.1" 404 0 "-" "-"\n'
    '<img src="file:///etc/passwd"> <a href="file:///etc/passwd">click</a>\n'
    "HTTP/1.1 200 <b>Bold</b> &amp; <script>alert(2)</script>\n"
)


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    """The window as the user meets it after the first frame, when explaining is made."""
    window = make_window()
    window.finish_start_up()
    return window


def codes_shown(view: ExplainView) -> list[int]:
    return [view.proxy.index(row, 0).data(ExplainRole.CODE) for row in range(view.proxy.rowCount())]


def wait_for_report(qtbot: QtBot, view: ExplainView) -> None:
    qtbot.waitUntil(lambda: view.report is not None and not view.is_busy(), timeout=20000)


def drop_files(window: MainWindow, *paths: Path) -> None:
    """A drag entering the window, then the drop: Qt delivers a drop to the widget that
    accepted the drag."""
    mime = file_mime(*paths)
    assert drag_enter(window, mime).isAccepted()
    drop_on(window, mime)


def test_model(qtmodeltester: ModelTester, registry: Registry) -> None:
    report = explain_text(
        (DATA / "nginx-combined.log").read_text(encoding="utf-8"), ExplainOptions(top=2)
    )
    model = ExplainTableModel()
    qtmodeltester.check(model)
    model.set_verdicts(verdicts(report.codes, report.total, registry))
    qtmodeltester.check(model)
    assert model.rowCount() == 7
    assert model.index(5, 1).data() == "Client Closed Request"
    assert model.index(5, 4).data().startswith("unofficial: nginx")
    assert model.index(0, 3).data() == "20.0%"


def test_sorting_proxy(qtbot: QtBot, qtmodeltester: ModelTester, registry: Registry) -> None:
    view = ExplainView(registry)
    qtbot.addWidget(view)
    report = explain_text(
        (DATA / "nginx-combined.log").read_text(encoding="utf-8"), ExplainOptions()
    )
    view.show_report(report)
    qtmodeltester.check(view.proxy)
    view.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # by count
    qtmodeltester.check(view.proxy)
    assert codes_shown(view)[:3] == [200, 404, 502]


def test_ctrl_o_asks_for_files_and_explains_them(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    chosen = [str(DATA / "apache-common.log"), str(DATA / "service.jsonl")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: (chosen, ""))
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    view = window.explain.explain_view()
    wait_for_report(qtbot, view)
    assert view.report is not None
    assert view.report.total == 10
    assert view.summary.text().startswith(f"{chosen[0]}, {chosen[1]}: 10 status codes")


def test_menus_carry_the_actions_with_their_shortcuts(window: MainWindow) -> None:
    menus = {m.title().replace("&", ""): m for m in window.menuBar().findChildren(QMenu)}
    assert window.explain.open_action in menus["File"].actions()
    assert window.explain.paste_action in menus["Edit"].actions()
    assert window.explain.open_action.shortcut().toString() == "Ctrl+O"
    assert window.explain.paste_action.shortcut().toString() == "Ctrl+Shift+V"
    rows = dict(window.help.shortcut_rows())
    assert rows["Explain log…"] == "Ctrl+O"
    assert rows["Paste to explain"] == "Ctrl+Shift+V"


def test_dropping_a_file_explains_it(qtbot: QtBot, window: MainWindow) -> None:
    drop_files(window, DATA / "nginx-combined.log")
    view = window.findChild(ExplainView, "explainView")
    assert view is not None
    assert view.isVisible()
    wait_for_report(qtbot, view)
    assert codes_shown(view) == [200, 201, 302, 400, 404, 499, 502]
    assert "10 status codes" in view.summary.text()
    assert "1 unread" in view.summary.text()
    assert view.bar_chart.bars[0] == (200, 2)
    assert sum(sum(b.by_class) for b in view.timeline.buckets) == 10
    assert not view.progress.isVisible()


def test_clicking_a_row_shows_that_code_in_the_detail_pane(
    qtbot: QtBot, window: MainWindow
) -> None:
    drop_files(window, DATA / "nginx-combined.log")
    view = window.explain.explain_view()
    wait_for_report(qtbot, view)
    row = codes_shown(view).index(499)
    rect = view.table.visualRect(view.proxy.index(row, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.codes.detail.current is not None
    assert window.codes.detail.current.code == 499
    assert window.current_status() is not None
    assert window.current_status().code == 499


def test_pasting_text_explains_it(qtbot: QtBot, window: MainWindow) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText((DATA / "curl-verbose-redirects.txt").read_text(encoding="utf-8"))
    qtbot.keyClick(
        window,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    view = window.explain.explain_view()
    wait_for_report(qtbot, view)
    assert codes_shown(view) == [301, 302, 404]
    assert "pasted text" in view.summary.text()


def test_an_empty_clipboard_says_so(window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("  ")
    window.explain.paste_action.trigger()
    assert "no text" in window.statusBar().currentMessage()
    assert window.explain.view is None


def test_a_file_without_codes_says_why(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    window.explain.explain_files([str(binary)])
    view = window.explain.explain_view()
    wait_for_report(qtbot, view)
    assert "binary file" in view.summary.text()
    assert view.proxy.rowCount() == 0


def test_hostile_input_is_shown_as_text(qtbot: QtBot, window: MainWindow) -> None:
    window.explain.explain_text(HOSTILE)
    view = window.explain.explain_view()
    wait_for_report(qtbot, view)
    html = view.notes.toHtml()
    assert "<img" not in html
    assert "<a " not in html
    assert 'href="' not in html
    assert "<script" not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    plain = view.notes.toPlainText()
    assert '<a href="file:///etc/passwd">click</a>' in plain
    tip = view.proxy.index(codes_shown(view).index(200), 4).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp;amp;" in tip
    assert view.notes.loadResource(2, QUrl("http://203.0.113.5/x.png")) is None


def test_cancel_stops_the_worker(qtbot: QtBot, registry: Registry, tmp_path: Path) -> None:
    big = tmp_path / "big.log"
    big.write_bytes((DATA / "apache-common.log").read_bytes() * 30000)  # several chunks
    view = ExplainView(registry)
    qtbot.addWidget(view)
    view.show()
    view.explain_files([str(big)])
    assert view.cancel_button.isVisible()
    worker = view.worker
    assert worker is not None
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    assert worker.is_cancelled()
    wait_for_report(qtbot, view)
    assert not view.cancel_button.isVisible()
    assert "cancelled: counts so far" in view.summary.text()


def test_a_cancelled_read_shows_its_counts_so_far(qtbot: QtBot, tmp_path: Path) -> None:
    big = tmp_path / "big.log"
    big.write_bytes((DATA / "apache-common.log").read_bytes() * 30000)
    worker = ExplainWorker([str(big)], None)
    worker.cancel()  # before it starts: it stops after its first block, whatever the timing
    with qtbot.waitSignal(worker.explained, timeout=20000) as done:
        worker.start()
    worker.wait()
    report = done.args[0]
    assert report.cancelled
    assert 0 < report.total < 150000


def test_progress_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    big = tmp_path / "big.log"
    big.write_bytes((DATA / "apache-common.log").read_bytes() * 30000)
    worker = ExplainWorker([str(big)], None)
    steps: list[int] = []
    worker.progressed.connect(steps.append)
    with qtbot.waitSignal(worker.finished, timeout=20000):
        worker.start()
    worker.wait()
    qtbot.waitUntil(lambda: bool(steps) and steps[-1] == 1000)
    assert steps == sorted(steps)


@pytest.mark.parametrize("palette_dark", [False, True])
def test_charts_paint_with_and_without_data(
    qtbot: QtBot, registry: Registry, palette_dark: bool
) -> None:
    view = ExplainView(registry)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    for chart in (view.bar_chart, view.timeline):
        chart.grab()  # the empty state
    report = explain_text(
        (DATA / "nginx-combined.log").read_text(encoding="utf-8"), ExplainOptions(timeline=True)
    )
    view.show_report(report)
    for chart in (view.bar_chart, view.timeline):
        assert not chart.grab().isNull()
    assert view.select_code(502)
    assert view.table.currentIndex().data(ExplainRole.CODE) == 502


def test_explaining_is_made_after_the_first_frame_in_its_menu_places(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """The first frame does not build the explain controller; finish_start_up puts Explain
    log... and Recent logs first in File and Paste to explain between Edit's separators, and
    Ctrl+Shift+V then works."""
    window = make_window()
    assert window._explain is None
    window.finish_start_up()
    menus = {m.title().replace("&", ""): m for m in window.menuBar().findChildren(QMenu)}
    recent = window.explain.recent.menu.menuAction()
    file = menus["File"].actions()
    assert file[:2] == [window.explain.open_action, recent]
    assert file[2].isSeparator()
    assert file[3] is window.window_actions.quit
    edit = menus["Edit"].actions()
    at = edit.index(window.explain.paste_action)
    assert edit[at - 1].isSeparator()
    assert edit[at + 1].isSeparator()
    assert edit[at + 2] is window.window_actions.find
    QGuiApplication.clipboard().setText("  ")
    qtbot.keyClick(
        window,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert "no text" in window.statusBar().currentMessage()
