"""The Explain view's rough edges (issue 23, item 12): rows as high as their text, bars that
open their code, "Reading…" rather than "no timestamps" while reading, a y axis."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from http_status_browser.explain.report import TimeBucket
from http_status_browser.ui.explain_charts import TimelineChart
from http_status_browser.ui.window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.test_explain_view import DATA, wait_for_report


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    window = make_window(code=200)
    window.resize(1100, 720)
    window.finish_start_up()
    return window


def test_rows_are_as_high_as_their_text(qtbot: QtBot, window: MainWindow) -> None:
    window.explain.explain_files([str(DATA / "nginx-combined.log")])
    view = window.explain.explain_view()
    wait_for_report(qtbot, view)
    assert view.table.rowHeight(0) <= view.table.fontMetrics().height() + 8


def test_clicking_a_bar_opens_its_code(qtbot: QtBot, window: MainWindow) -> None:
    window.explain.explain_files([str(DATA / "nginx-combined.log")])
    view = window.explain.explain_view()
    wait_for_report(qtbot, view)
    chart = view.bar_chart
    qtbot.waitUntil(lambda: bool(chart.columns))  # painted
    left, right, code = next(column for column in chart.columns if column[2] == 502)
    point = QPoint(int((left + right) / 2), chart.height() // 2)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=point)
    status = window.current_status()
    assert status is not None
    assert status.code == code


def test_the_timeline_says_reading_while_reading(qtbot: QtBot) -> None:
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.resize(400, 200)
    chart.set_reading()
    assert chart.reading
    chart.set_timeline((TimeBucket(0.0, (0, 0, 2, 0, 1, 0)),), 60)
    assert not chart.reading
    image = chart.grab().toImage()  # paints with the y axis without failing
    assert not image.isNull()


def test_a_drag_over_the_window_says_what_a_drop_does(window: MainWindow) -> None:
    from PySide6.QtGui import QDragLeaveEvent
    from PySide6.QtWidgets import QApplication

    from tests.ui.drops import drag_enter, file_mime

    mime = file_mime(DATA / "nginx-combined.log")
    drag_enter(window, mime)
    assert window.statusBar().currentMessage() == "Drop to explain nginx-combined.log"
    QApplication.sendEvent(window, QDragLeaveEvent())
    assert window.statusBar().currentMessage() == ""


def test_a_first_click_on_count_puts_the_most_frequent_first(
    qtbot: QtBot, window: MainWindow
) -> None:
    from http_status_browser.ui.explain_model import COUNT

    window.explain.explain_files([str(DATA / "nginx-combined.log")])
    view = window.explain.explain_view()
    wait_for_report(qtbot, view)
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(COUNT) + header.sectionSize(COUNT) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    counts = [view.proxy.index(row, COUNT).data() for row in range(view.proxy.rowCount())]
    assert counts[0] == max(counts)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_the_explain_dock_has_one_close_control(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QDockWidget

    view = window.explain.explain_view()
    dock = window.explain.dock
    assert dock is not None
    assert not dock.features() & QDockWidget.DockWidgetFeature.DockWidgetClosable
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    assert not dock.isVisible()
