"""The content's known errors (issue 10), each checked against the document that defines it."""

from __future__ import annotations

from app.registry import Registry, StatusCode


def _status(registry: Registry, code: int) -> StatusCode:
    status = registry.lookup(code)
    assert status is not None, code
    return status


def _text(status: StatusCode) -> str:
    return " ".join((status.summary, *status.description))


def test_451_is_cacheable_by_default(registry: Registry) -> None:
    # RFC 7725 Section 3: cacheable unless the method or explicit cache controls say otherwise.
    assert _status(registry, 451).cacheable


def test_451_blocked_by_names_who_implements_the_block(registry: Registry) -> None:
    # RFC 7725 Section 4: the blocking entity SHOULD identify itself; not whoever demanded it.
    status = _status(registry, 451)
    link = next(h for h in status.headers if h.name == "Link")
    assert "blocked-by" in link.note
    assert "implements" in link.note
    assert "not the one that demanded" in link.note
    assert not link.note.lower().startswith("optional")
    assert "who made it with a Link header" not in _text(status)


def test_494_is_for_header_fields_not_the_request_line(registry: Registry) -> None:
    # nginx's large_client_header_buffers: an overlong request line gets 414, a header field 400.
    status = _status(registry, 494)
    text = _text(status)
    assert "request line or header" not in text
    assert "414" in text
    assert 414 in {link.code for link in status.related}


def test_440_cites_the_exchange_outlook_web_access_documentation(registry: Registry) -> None:
    status = _status(registry, 440)
    assert "Outlook Web Access" in status.reference
    assert "Exchange" in status.reference
    assert "iis/health-diagnostic-performance/http-status-code" not in status.url


def test_449_cites_microsofts_webdav_extensions(registry: Registry) -> None:
    status = _status(registry, 449)
    assert status.reference.startswith("[MS-WDV]")
    assert "/openspecs/windows_protocols/ms-wdv/" in status.url
    assert "Ms-Echo-Request" in {h.name for h in status.headers}
