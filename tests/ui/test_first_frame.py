"""What waits until just after the first painted frame, and works once it is there."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QMainWindow, QToolButton, QTreeView, QWidget
from pytestqt.qtbot import QtBot

from http_status_browser.ui.appicon import ICON_SIZES, icon_file
from http_status_browser.ui.firstpaint import after_first_paint
from http_status_browser.ui.window import MainWindow
from tests.loaded_modules import run_fresh


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


def test_after_first_paint_runs_each_callback_once_after_the_window_paints(
    qtbot: QtBot,
) -> None:
    window = QMainWindow()
    window.setCentralWidget(QTreeView())
    qtbot.addWidget(window)
    calls: list[tuple[str, float, bool]] = []
    for name, delay in (("first", 0), ("later", 30)):
        after_first_paint(
            window,
            lambda painted_at, name=name: calls.append((name, painted_at, window.isVisible())),
            delay_ms=delay,
        )
    before = time.time()
    assert calls == []
    window.show()
    qtbot.waitUntil(lambda: len(calls) == 2)
    assert [name for name, _, _ in calls] == ["first", "later"]
    assert all(before <= painted_at <= time.time() and shown for _, painted_at, shown in calls)
    # Later frames call nothing again.
    window.repaint()
    window.resize(window.width() + 40, window.height())
    qtbot.wait(50)
    assert len(calls) == 2


def test_after_first_paint_waits_for_a_window_shown_later(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    painted: list[float] = []
    after_first_paint(window, painted.append)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()  # another window painting is not this one's first frame
    qtbot.waitExposed(other)
    qtbot.wait(20)
    assert painted == []
    window.show()
    qtbot.waitUntil(lambda: len(painted) == 1)


FIRST_FRAME_TYPES = """
import gc, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from http_status_browser.registry import builtin_registry
from http_status_browser.ui.window import MainWindow
from tests.loaded_modules import run_fresh
app = QApplication([])
window = MainWindow(builtin_registry(), QSettings())
window.show()
names = sorted(
    t.__qualname__
    for t in gc.get_objects()
    if isinstance(t, type) and (getattr(t, "__module__", "") or "").startswith("PySide6")
)
sys.stdout.write(" ".join(names))
"""


def test_the_window_is_built_without_naming_qicon(tmp_path: Path) -> None:
    # QIcon's Python type and its enums cost about 10 M instructions; the first frame shows
    # no icon, so buttons and actions are made without the overloads that take one.
    # With site: PySide6 is found in the virtualenv's site-packages.
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    result = run_fresh(FIRST_FRAME_TYPES, without_site=False, env=env)
    names = result.stdout.split()
    assert "QMainWindow" in names
    assert "QIcon" not in names


def test_the_window_icon_comes_in_every_size_from_png_files(window: MainWindow) -> None:
    window.finish_start_up()
    icon = QGuiApplication.windowIcon()
    sizes = {(size.width(), size.height()) for size in icon.availableSizes()}
    assert sizes == {(size, size) for size in ICON_SIZES}
    # Each file is a PNG of its size: a missing or broken one would leave a hole above.
    for size in ICON_SIZES:
        image = QImage(icon_file(size))
        assert (image.width(), image.height(), image.format() != QImage.Format.Format_Invalid) == (
            size,
            size,
            True,
        ), size


WINDOW_ICON_LIBRARIES = """
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from http_status_browser.registry.loader import builtin_registry
from http_status_browser.ui.window import MainWindow
app = QApplication([])
window = MainWindow(builtin_registry(), QSettings())
window.show()
app.processEvents()
window.finish_start_up()
app.processEvents()
with open("/proc/self/maps", encoding="utf-8") as maps:
    print("\\n".join(sorted({line.split()[-1] for line in maps if ".so" in line})))
"""


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads Linux's /proc")
def test_the_window_icon_loads_no_svg_library(tmp_path: Path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    libraries = run_fresh(WINDOW_ICON_LIBRARIES, without_site=False, env=env).stdout.split()
    assert any("libQt6Widgets" in name for name in libraries)
    assert not [name for name in libraries if "Svg" in name or "svg" in name]
