"""The window stays a composition of parts: no module of the user interface grows past the
size a reader takes in at once (issue 27: 600 lines at most, 500 aimed at)."""

from __future__ import annotations

from pathlib import Path

import http_status_browser.ui

UI = Path(http_status_browser.ui.__file__).parent
AIM = 500


def test_no_ui_module_is_over_500_lines() -> None:
    sizes = {
        str(path.relative_to(UI)): len(path.read_text(encoding="utf-8").splitlines())
        for path in UI.rglob("*.py")
    }
    assert "window.py" in sizes
    assert {name: lines for name, lines in sizes.items() if lines > AIM} == {}
