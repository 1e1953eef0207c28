"""The user's codes in the window: custom codes shown, notes explained, problems in a bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from http_status_browser.registry import Registry
from http_status_browser.registry.usercodes import merge_user_codes, read_user_codes
from tests.ui.conftest import WindowFactory, visible_codes

CODES = """
[[code]]
code = 299
phrase = "Cache Warmed"
summary = "The edge cache was warmed before answering."
source = "Platform team"

[[note]]
code = 404
text = "Also used for soft-deleted records."
"""


def test_custom_code_is_shown_and_explained(
    make_window: WindowFactory, registry: Registry, codes_file: Path
) -> None:
    codes_file.parent.mkdir(parents=True)
    codes_file.write_text(CODES, encoding="utf-8")
    merged, problems = merge_user_codes(registry, read_user_codes())
    assert problems == ()
    window = make_window(code=299, the_registry=merged)
    assert not window.window_actions.unofficial.isChecked()
    assert 299 in visible_codes(window.codes.proxy)
    text = window.codes.detail.toPlainText()
    assert text.startswith("299 Cache Warmed")
    assert "custom" in text
    assert "Your own code, from Platform team" in text
    window.navigate_to(404)
    assert "Also used for soft-deleted records." in window.codes.detail.toPlainText()


def test_problems_show_in_a_bar_that_can_be_dismissed(
    qtbot: QtBot, make_window: WindowFactory, registry: Registry
) -> None:
    window = make_window()
    assert not window.warning_bar.isVisible()
    window.warning_bar.show_warnings(["codes.toml: not valid TOML", "codes.toml: code[1]: bad"])
    assert window.warning_bar.isVisible()
    assert "not valid TOML" in window.warning_bar.label.text()
    assert "1 more" in window.warning_bar.label.text()
    qtbot.mouseClick(window.warning_bar.dismiss_button, Qt.MouseButton.LeftButton)
    assert not window.warning_bar.isVisible()
