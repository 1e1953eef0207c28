"""The first frame's Qt values as ints (ui/qtvalues.py): the same as PySide's enums, and
a first frame that does without PySide's `Qt` namespace."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolButton

from http_status_browser.ui import qtvalues
from http_status_browser.ui.window import MainWindow
from tests.loaded_modules import run_fresh

ENUMS = {
    "DISPLAY_ROLE": Qt.ItemDataRole.DisplayRole,
    "DECORATION_ROLE": Qt.ItemDataRole.DecorationRole,
    "TOOLTIP_ROLE": Qt.ItemDataRole.ToolTipRole,
    "FONT_ROLE": Qt.ItemDataRole.FontRole,
    "ACCESSIBLE_DESCRIPTION_ROLE": Qt.ItemDataRole.AccessibleDescriptionRole,
    "USER_ROLE": Qt.ItemDataRole.UserRole,
    "HORIZONTAL": Qt.Orientation.Horizontal,
    "VERTICAL": Qt.Orientation.Vertical,
    "ALIGN_RIGHT": Qt.AlignmentFlag.AlignRight,
    "ALIGN_HCENTER": Qt.AlignmentFlag.AlignHCenter,
    "ALIGN_VCENTER": Qt.AlignmentFlag.AlignVCenter,
    "ALIGN_CENTER": Qt.AlignmentFlag.AlignCenter,
    "PLAIN_TEXT": Qt.TextFormat.PlainText,
    "TEXT_SELECTABLE_BY_MOUSE": Qt.TextInteractionFlag.TextSelectableByMouse,
    "TOOL_BUTTON_TEXT_ONLY": Qt.ToolButtonStyle.ToolButtonTextOnly,
    "CUSTOM_CONTEXT_MENU": Qt.ContextMenuPolicy.CustomContextMenu,
}


def test_every_value_is_qts() -> None:
    written = {name for name in vars(qtvalues) if name.isupper() and name != "TYPE_CHECKING"}
    assert written == set(ENUMS)
    for name, member in ENUMS.items():
        assert getattr(qtvalues, name) == member.value, name


def test_an_enum_property_is_set_as_its_setter_would(qtbot: object) -> None:
    label = QLabel()
    qtvalues.set_enum_property(label, "alignment", qtvalues.ALIGN_RIGHT | qtvalues.ALIGN_VCENTER)
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    button = QToolButton()
    qtvalues.set_enum_property(button, "toolButtonStyle", qtvalues.TOOL_BUTTON_TEXT_ONLY)
    assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextOnly
    with pytest.raises(AttributeError, match="QLabel has no writable property 'alignmnet'"):
        qtvalues.set_enum_property(label, "alignmnet", qtvalues.ALIGN_CENTER)


def test_the_window_has_the_values_it_set(window: MainWindow) -> None:
    assert window.codes.detail_splitter.orientation() == Qt.Orientation.Vertical
    assert window.codes.orientation() == Qt.Orientation.Horizontal
    assert window.codes.tree.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    assert window.codes.count_label.alignment() == (
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert window.codes.tree_pane.empty_label.alignment() == Qt.AlignmentFlag.AlignCenter
    assert window.codes.tree_pane.empty_label.textFormat() == Qt.TextFormat.PlainText
    assert window.warning_bar.label.textInteractionFlags() == (
        Qt.TextInteractionFlag.TextSelectableByMouse
    )
    buttons = window.search_bar.category_filter.findChildren(QToolButton)
    assert buttons
    assert {b.toolButtonStyle() for b in buttons} == {Qt.ToolButtonStyle.ToolButtonTextOnly}


# The launch path to the first painted frame (as `make bench` counts it), reporting there
# whether PySide had built its Qt namespace; then the same after the start-up's deferred work.
FIRST_FRAME = """
import os, sys
import PySide6.QtCore as QtCore
def report(status):
    sys.stdout.write("first frame: " + str("Qt" in vars(QtCore)) + "\\n")
    sys.stdout.flush()
    real_exit(status)
real_exit, os._exit = os._exit, report
os.environ["HTTPSTATUS_EXIT_AT_FIRST_PAINT"] = "1"
from http_status_browser.httpstatus import main
main(["open", "--new-window"])
"""

AFTER_START_UP = """
import sys
import PySide6.QtCore as QtCore
from PySide6.QtWidgets import QApplication
from http_status_browser.registry.loader import builtin_registry
from http_status_browser.ui.window import MainWindow
app = QApplication([])
window = MainWindow(builtin_registry(), QtCore.QSettings())
window.show()
app.processEvents()
before = "Qt" in vars(QtCore)
window.finish_start_up()
sys.stdout.write(f"{before} {'Qt' in vars(QtCore)}")
"""


def test_the_first_frame_does_without_pysides_qt_namespace(tmp_path: Path) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    first = run_fresh(FIRST_FRAME, without_site=False, env=env)
    assert first.stdout == "first frame: False\n"
    after = run_fresh(AFTER_START_UP, without_site=False, env=env)
    assert after.stdout == "False True"
