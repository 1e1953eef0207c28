"""The detail pane shows a code's requirements, each with its level as a badge and a link."""

from __future__ import annotations

from http_status_browser.registry import Registry
from http_status_browser.ui.colours import LEVEL_COLOURS
from tests.ui.conftest import WindowFactory


def _words(text: str) -> str:
    """Text with every run of white space (badges pad with no-break spaces) as one space."""
    return " ".join(text.split())


def test_detail_pane_lists_the_requirements(make_window: WindowFactory, registry: Registry) -> None:
    window = make_window(code=511)
    status = registry.lookup(511)
    assert status is not None
    text = _words(window.codes.detail.toPlainText())
    assert "Requirements" in text
    for rule in status.requirements:
        assert f"{rule.level} {rule.text} {rule.reference}" in text
    html = window.codes.detail.toHtml()
    assert LEVEL_COLOURS["MUST NOT"] in html
    assert LEVEL_COLOURS["SHOULD"] in html
    assert 'href="https://www.rfc-editor.org/rfc/rfc6585#section-6"' in html


def test_requirements_come_before_the_headers(make_window: WindowFactory) -> None:
    window = make_window(code=405)
    text = _words(window.codes.detail.toPlainText())
    assert text.index("Requirements") < text.index("Headers")
    assert "MUST The origin server must send an Allow header" in text


def test_following_a_link_to_a_requirement_keeps_the_code(make_window: WindowFactory) -> None:
    window = make_window(code=401)
    window.codes.detail.codeRequested.emit(451)
    text = _words(window.codes.detail.toPlainText())
    assert text.startswith("451 Unavailable For Legal Reasons")
    assert 'MUST A Link header used for that purpose must have rel="blocked-by".' in text
