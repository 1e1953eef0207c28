"""Every module stays a size a reader takes in at once (issue 27: 600 lines at most, 500 aimed
at): the window a composition of parts, the registry and the server split by concern."""

from __future__ import annotations

from pathlib import Path

import http_status_browser

PACKAGE = Path(http_status_browser.__file__).parent
AIM = 500


def test_no_module_is_over_500_lines() -> None:
    sizes = {
        str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert {"ui/window.py", "registry/search.py", "cli/main.py"} <= set(sizes)
    assert {name: lines for name, lines in sizes.items() if lines > AIM} == {}
