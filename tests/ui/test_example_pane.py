"""The detail pane's Example section."""

from __future__ import annotations

from http_status_browser.registry import Registry
from http_status_browser.registry.exchange import example_text
from http_status_browser.ui.window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.test_window import detail_text


def test_example_section_shows_the_exchange(make_window: WindowFactory, registry: Registry) -> None:
    window: MainWindow = make_window(429)
    assert "Example" not in detail_text(window)  # not before the first frame...
    window.finish_start_up()  # ...but right after it
    text = detail_text(window)
    assert "Example" in text
    assert "Try it" in text
    status = registry.lookup(429)
    assert status is not None
    for line in example_text(status, registry).splitlines():
        assert line in text
    assert "Retry-After: 120" in text


def test_example_follows_the_selected_code(make_window: WindowFactory) -> None:
    window = make_window(204)
    window.finish_start_up()
    assert "HTTP/1.1 204 No Content" in detail_text(window)
    window.navigate_to(301)
    assert "Location: /200" in detail_text(window)
