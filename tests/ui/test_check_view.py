"""The Check URLs tab on its own, driven like a user: paste URLs, check, watch the rows fill
from loopback servers, read the hops, cancel, export, open and drop a list."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from http_status_browser.check.checker import CheckOptions
from http_status_browser.check.records import (
    CheckResult,
    Hop,
    Problem,
    ProblemKind,
    Severity,
    Target,
)
from http_status_browser.registry import Registry
from http_status_browser.ui.check_model import CheckResultsModel, CheckRole
from http_status_browser.ui.check_view import CheckView
from http_status_browser.ui.window import MainWindow
from tests.check.site import Site
from tests.ui.drops import drop_event, file_mime

WAIT_MS = 30_000
OPTIONS = CheckOptions(timeout=5.0)

pytestmark = pytest.mark.usefixtures("no_proxy")


@pytest.fixture
def view(qtbot: QtBot, registry: Registry) -> Iterator[CheckView]:
    widget = CheckView(registry, options=OPTIONS)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    yield widget
    widget.stop()


def paste_and_check(qtbot: QtBot, view: CheckView, text: str) -> None:
    view.urls_edit.setPlainText(text)
    with qtbot.waitSignal(view.finished, timeout=WAIT_MS):
        qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)


def column(view: CheckView, number: int) -> list[str]:
    model = view.table.model()
    return [model.index(row, number).data() for row in range(model.rowCount())]


def result(url: str, *statuses: int) -> CheckResult:
    hops = tuple(Hop("HEAD", url, s, "", "", None, 1.0) for s in statuses)
    problems = (Problem(ProblemKind.CLIENT_ERROR, Severity.ERROR, "ends with 404"),)
    return CheckResult(Target(url), url, hops, problems if 404 in statuses else (), None)


def test_the_model(qtmodeltester: ModelTester) -> None:
    model = CheckResultsModel()
    model.append([result("http://a.test/", 301, 200), result("http://b.test/", 404)])
    qtmodeltester.check(model)
    assert model.index(1, 0).data() == "Problem"
    assert model.index(0, 1).data() == "301 > 200"
    assert model.index(1, 0).data(CheckRole.FINAL_STATUS) == 404
    model.append([result("http://c.test/<b>", 200)])
    assert model.index(2, 2).data(Qt.ItemDataRole.ToolTipRole) == "<p>http://c.test/&lt;b&gt;</p>"
    qtmodeltester.check(model)


def test_pasted_urls_fill_the_table_in_order(qtbot: QtBot, view: CheckView, endpoint: str) -> None:
    urls = [f"{endpoint}/301?to=/200", f"{endpoint}/404", "not a url", f"{endpoint}/204"]
    paste_and_check(qtbot, view, "\n".join(["# pasted", *urls]))
    assert column(view, 2) == urls
    assert column(view, 0) == ["OK", "Problem", "Problem", "OK"]
    assert column(view, 1) == ["301 > 200", "404", "-", "204"]
    assert view.summary.text() == "4 checked, 2 with problems"
    assert view.export_button.isEnabled()
    assert view.start_button.isEnabled()
    assert not view.cancel_button.isEnabled()


def test_the_selected_rows_hops_are_explained_and_linked(
    qtbot: QtBot, view: CheckView, endpoint: str
) -> None:
    paste_and_check(qtbot, view, f"{endpoint}/301?to=/200")
    view.table.selectRow(0)
    html = view.hops.toHtml()
    text = view.hops.toPlainText()
    assert 'href="status:301"' in html
    assert 'href="status:200"' in html
    assert "301 Moved Permanently" in text
    assert "Location: /200" in text
    with qtbot.waitSignal(view.codeRequested, timeout=WAIT_MS) as requested:
        view.hops.anchorClicked.emit(QUrl("status:301"))
    assert requested.args == [301]


def test_a_redirect_map_is_pasted_and_checked(qtbot: QtBot, view: CheckView, site: Site) -> None:
    site.routes["/old"] = (302, "/new")
    site.routes["/new"] = (200, None)
    paste_and_check(qtbot, view, f"from,to,status\n{site.url}/old,/new,301\n")
    assert column(view, 0) == ["Problem"]
    assert "starts with 302, expected 301" in column(view, 4)[0]
    assert "Expected: ends at" in view.hops.toPlainText()


def test_cancel_stops_a_running_check(qtbot: QtBot, view: CheckView, site: Site) -> None:
    view.urls_edit.setPlainText("\n".join([f"{site.url}/status/200"] + [f"{site.url}/slow"] * 30))
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    assert view.cancel_button.isEnabled()
    assert view.progress.isVisible()
    with qtbot.waitSignal(view.finished, timeout=WAIT_MS):
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    assert view.summary.text() == "Cancelled: 1 checked, all fine"
    assert view.model.rowCount() == 1
    assert not view.progress.isVisible()
    assert view.start_button.isEnabled()


def test_export_writes_the_rows_as_csv(
    qtbot: QtBot, view: CheckView, endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paste_and_check(qtbot, view, f"{endpoint}/200\n{endpoint}/500\n")
    target = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["url"], r["ok"], r["final_status"]) for r in rows] == [
        (f"{endpoint}/200", "yes", "200"),
        (f"{endpoint}/500", "no", "500"),
    ]
    assert view.summary.text() == f"Exported 2 rows to {target}"


def test_open_a_list(
    qtbot: QtBot, view: CheckView, endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text(f"{endpoint}/200\n{endpoint}/418\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(listed), ""))
    with qtbot.waitSignal(view.finished, timeout=WAIT_MS):
        qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert column(view, 1) == ["200", "418"]


def test_drop_a_redirect_map(qtbot: QtBot, view: CheckView, endpoint: str, tmp_path: Path) -> None:
    saved = tmp_path / "map.csv"
    saved.write_text(f"{endpoint}/308?to=/200,/200,308\n")
    mime = file_mime(saved)  # kept alive: the event does not own it
    drop = drop_event(mime)
    with qtbot.waitSignal(view.finished, timeout=WAIT_MS):
        view.dropEvent(drop)
    assert drop.isAccepted()
    assert column(view, 0) == ["OK"]
    assert column(view, 1) == ["308 > 200"]


def test_a_list_that_cannot_be_read_says_so(qtbot: QtBot, view: CheckView, tmp_path: Path) -> None:
    with qtbot.waitSignal(view.finished, timeout=WAIT_MS):
        view.check_file(str(tmp_path / "missing.txt"))
    assert view.summary.text() == "Could not read the list: No such file or directory"


def test_nothing_pasted(qtbot: QtBot, view: CheckView) -> None:
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    assert view.summary.text().startswith("Nothing to check")
    assert view.worker is None


def test_the_window_opens_the_tab_and_follows_a_hop_to_its_code(
    qtbot: QtBot, window: MainWindow, endpoint: str
) -> None:
    """View > Check URLs (Alt+4) builds the tab on first use; a status link in a row's hops
    opens that code in the Codes tab; closing the window stops a check."""
    tabs = window.tabs
    assert tabs._check_view is None  # not built, nor httpx imported, until asked for
    window.window_actions.check_view.trigger()
    assert tabs.currentWidget() is tabs.check_page
    view = tabs.check_view
    assert tabs.current_view() is view
    assert view.isVisible()
    paste_and_check(qtbot, view, f"{endpoint}/301?to=/200")
    view.table.selectRow(0)
    view.hops.anchorClicked.emit(QUrl("status:301"))
    assert tabs.currentWidget() is tabs.codes
    status = window.current_status()
    assert status is not None
    assert status.code == 301
    window.close()
    assert not view.is_busy()
