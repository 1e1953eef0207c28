"""Run inside Xvfb by tests/ui/test_xcb_keyboard.py: the keyboard path with real key presses.

Prints one JSON object: where the focus went after each key, what the guide's number keys
chose, and whether a focused view looks different from an unfocused one.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from http_status_browser.registry import builtin_registry
from http_status_browser.ui.window import MainWindow
from tests.ui.xcb_keys_session import focus, press, pump_until


def focused(app: QApplication) -> str:
    widget = app.focusWidget()
    if widget is None:
        return ""
    text = getattr(widget, "text", None)
    return widget.objectName() or (text() if callable(text) else type(widget).__name__)


def keys_and_focus(app: QApplication, keys: list[str]) -> list[str]:
    seen = []
    for key in keys:
        press(app, key)
        seen.append(focused(app))
    return seen


def frame_pixel(app: QApplication, view: QWidget) -> str:
    """The colour of the view's top edge, halfway across (where a focus frame shows)."""
    app.processEvents()
    image = view.grab().toImage()
    return image.pixelColor(image.width() // 2, 0).name()


def main() -> int:
    app = QApplication(sys.argv[:1])
    folder = tempfile.mkdtemp()
    settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(builtin_registry(), settings, initial_code=429)
    window.resize(1100, 720)
    window.show()
    window.activateWindow()
    found: dict[str, object] = {"active": pump_until(app, window.isActiveWindow)}
    window.finish_start_up()
    actions = window.window_actions

    focus(app, window.search_edit)
    found["tab_path"] = keys_and_focus(app, ["Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab"])
    focus(app, window.search_edit)
    found["filter_arrows"] = keys_and_focus(app, ["Tab", "Right", "Right", "End", "Home"])
    press(app, "Right")
    press(app, "Right")  # 2xx
    press(app, "space")
    found["space_hides_2xx"] = "2xx" not in window.search_bar.shown_classes()
    press(app, "space")
    found["tab_after_moving_in_group"] = keys_and_focus(app, ["Tab", "shift+Tab"])
    focus(app, window.codes.detail)
    found["escape_from_detail"] = keys_and_focus(app, ["Escape"])[0]

    tree = window.codes.tree
    focus(app, window.search_edit)
    found["tree_unfocused"] = frame_pixel(app, tree)
    focus(app, tree)
    found["tree_focused"] = frame_pixel(app, tree)

    actions.guide_view.trigger()
    guide = window.tabs.decision_guide
    pump_until(app, lambda: bool(guide.answer_buttons()))
    first_question = guide.current_question_id()
    press(app, "2")
    found["guide_first_question"] = first_question
    found["guide_steps"] = guide.steps

    window.codes.show_comparison(401, 403)
    actions.codes_view.trigger()
    compare = window.codes.compare_view
    assert compare is not None
    focus(app, compare.table)
    press(app, "Escape")
    found["escape_closes_comparison"] = not compare.isVisible()

    print(json.dumps(found))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
