"""The check package is domain code that only its two users import, and it never imports Qt,
the command line or the window."""

from __future__ import annotations

from tests.test_imports import GRAPH, in_layer

CHECK = "http_status_browser.check"
# `httpstatus check`, the window's Check URLs tab (ui/check_*.py), and its drop target, which
# reads a dropped file's first lines (check/targets.py) to send a URL list to the tab.
USERS = (
    "http_status_browser.cli.check_command",
    "http_status_browser.ui.check_",
    "http_status_browser.ui.file_drops",
)


def test_only_the_command_and_the_tab_import_the_check_package() -> None:
    importers = {
        e.source for e in GRAPH if in_layer(e.target, CHECK) and not in_layer(e.source, CHECK)
    }
    assert "http_status_browser.cli.check_command" in importers
    assert [m for m in importers if not m.startswith(USERS)] == []


def test_the_check_package_imports_only_the_domain() -> None:
    wrong = [
        e
        for e in GRAPH
        if in_layer(e.source, CHECK)
        and in_layer(e.target, "http_status_browser.ui", "http_status_browser.cli")
    ]
    assert wrong == []
