"""The explain view follows a file live: the Follow button, rotation, the chosen row kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from http_status_browser.registry import Registry
from http_status_browser.ui.explain_model import ExplainRole
from http_status_browser.ui.explain_view import ExplainView
from tests.ui.conftest import WindowFactory

DATA = Path(__file__).parent.parent / "data" / "explain"
LINE = '192.0.2.{n} - - [26/Nov/2026:10:00:0{n} +0000] "GET /{n} HTTP/1.1" {code} 0 "-" "-"\n'


def total(view: ExplainView) -> int:
    return view.report.total if view.report is not None else -1


def test_follow_button_keeps_reading_the_file(
    qtbot: QtBot, registry: Registry, tmp_path: Path
) -> None:
    log = tmp_path / "access.log"
    log.write_text(LINE.format(n=1, code=200) + LINE.format(n=2, code=404), encoding="utf-8")
    view = ExplainView(registry)
    qtbot.addWidget(view)
    assert not view.follow_button.isEnabled()  # nothing to follow yet
    view.explain_files([str(log)])
    qtbot.waitUntil(lambda: total(view) == 2 and not view.is_busy(), timeout=20000)
    assert view.follow_button.isEnabled()

    # The user picks the 404 row, then follows the file.
    assert view.select_code(404)
    requested: list[int] = []
    view.codeRequested.connect(requested.append)
    qtbot.mouseClick(view.follow_button, Qt.MouseButton.LeftButton)
    assert view.follow_button.isChecked()
    qtbot.waitUntil(lambda: "following live" in view.summary.text(), timeout=20000)

    with log.open("a", encoding="utf-8") as out:
        out.write(LINE.format(n=3, code=502))
    qtbot.waitUntil(lambda: total(view) == 3, timeout=20000)
    log.rename(tmp_path / "access.log.1")  # logrotate moves it; the server starts a new one
    log.write_text(LINE.format(n=4, code=404), encoding="utf-8")
    qtbot.waitUntil(lambda: total(view) == 4, timeout=20000)
    current = view.table.selectionModel().currentIndex()
    assert current.data(ExplainRole.CODE) == 404  # the refreshes kept the user's row
    assert requested == []  # ...without sending the detail pane to it again and again

    qtbot.mouseClick(view.follow_button, Qt.MouseButton.LeftButton)  # stop
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=20000)
    assert not view.follow_button.isChecked()
    assert view.follow_button.isEnabled()  # it can be followed again
    assert total(view) == 4
    assert "followed until stopped" in view.summary.text()


def test_pasted_text_cannot_be_followed(qtbot: QtBot, registry: Registry) -> None:
    view = ExplainView(registry)
    qtbot.addWidget(view)
    view.explain_text("HTTP/1.1 200 OK\n")
    qtbot.waitUntil(lambda: total(view) == 1 and not view.is_busy(), timeout=20000)
    assert not view.follow_button.isEnabled()


def test_explaining_another_file_stops_following(
    qtbot: QtBot, registry: Registry, tmp_path: Path
) -> None:
    log = tmp_path / "access.log"
    log.write_text(LINE.format(n=1, code=200), encoding="utf-8")
    view = ExplainView(registry)
    qtbot.addWidget(view)
    view.follow_file(str(log))
    qtbot.waitUntil(lambda: total(view) == 1, timeout=20000)
    assert view.is_busy()
    view.explain_files([str(DATA / "apache-common.log")])
    qtbot.waitUntil(lambda: total(view) == 5 and not view.is_busy(), timeout=20000)
    assert not view.follow_button.isChecked()


def test_the_window_follows_a_file_and_stops_when_closed(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    log = tmp_path / "access.log"
    log.write_text(LINE.format(n=1, code=503), encoding="utf-8")
    window = make_window()
    window.finish_start_up()
    window.explain.follow_file(str(log))
    view = window.findChild(ExplainView, "explainView")
    assert view is not None
    assert view.isVisible()
    qtbot.waitUntil(lambda: total(view) == 1, timeout=20000)
    with log.open("a", encoding="utf-8") as out:
        out.write(LINE.format(n=2, code=503))
    qtbot.waitUntil(lambda: total(view) == 2, timeout=20000)
    assert view.follow_button.isChecked()
    window.close()  # the reading thread is stopped and waited for, never destroyed running
    assert not view.is_busy()


def test_follow_takes_no_mnemonic_of_the_menus(qtbot: QtBot, registry: Registry) -> None:
    """Alt+F opens the File menu: the button must not take it (nor Clear search's Alt+L)."""
    view = ExplainView(registry)
    qtbot.addWidget(view)
    assert "&" not in view.follow_button.text()
