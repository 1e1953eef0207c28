"""The content's known errors (issue 10), each checked against the document that defines it."""

from __future__ import annotations

import re

import pytest

from http_status_browser.registry import Registry, StatusCode


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


_RFC_SECTION = re.compile(r"RFC (\d+) Section (\d+(?:\.\d+)*)")


def _cited(registry: Registry) -> list[tuple[str, str, str]]:
    """(where, reference, url) for every reference in the data: classes, codes, requirements."""
    cited = [(c.id, c.reference, c.url) for c in registry.categories]
    for status in registry.statuses:
        cited.append((str(status.code), status.reference, status.url))
        cited.extend((str(status.code), r.reference, r.url) for r in status.requirements)
    return cited


def test_every_rfc_reference_links_to_its_own_section(registry: Registry) -> None:
    for where, reference, url in _cited(registry):
        found = _RFC_SECTION.fullmatch(reference)
        if found is None:
            assert "rfc-editor.org" not in url, (where, reference, url)
            continue
        number, section = found.groups()
        assert url == f"https://www.rfc-editor.org/rfc/rfc{number}#section-{section}", where


def test_rfc_9110_sections_are_the_codes_own(registry: Registry) -> None:
    # Section 15.x.y of RFC 9110 defines one code each, in order: a wrong number shows here.
    defined = {
        "15.2": (100, 101),
        "15.3": (200, 201, 202, 203, 204, 205, 206),
        "15.4": (300, 301, 302, 303, 304, 305, 306, 307, 308),
        "15.5": (*range(400, 419), 421, 422, 426),
        "15.6": (500, 501, 502, 503, 504, 505),
    }
    for section, codes in defined.items():
        for number, code in enumerate(codes, start=1):
            assert _status(registry, code).reference == f"RFC 9110 Section {section}.{number}"


def test_no_must_never_where_the_rfcs_say_should_not(registry: Registry) -> None:
    # RFC 6585 Section 6: origin servers SHOULD NOT send 511; the text said "must never".
    for status in registry.statuses:
        if status.official:
            assert "must never" not in _text(status).lower(), status.code
    assert "Origin servers should not send it" in _text(_status(registry, 511))


# ---- The second review (issue 25)


def test_524_gives_cloudflare_s_current_timeout(registry: Registry) -> None:
    # Cloudflare, Error 524 and Connection limits: Proxy Read Timeout 120 s by default.
    text = _text(_status(registry, 524))
    assert "120 seconds" in text
    assert "100 seconds" not in text


def test_522_names_both_of_cloudflare_s_timeouts(registry: Registry) -> None:
    # Cloudflare, Error 522: no SYN+ACK within 19 s, or no ACK of the request within 90 s.
    text = _text(_status(registry, 522))
    assert "19 seconds" in text
    assert "90 seconds" in text


def test_527_does_not_cite_a_page_without_527(registry: Registry) -> None:
    status = _status(registry, 527)
    assert "cloudflare-5xx-errors" not in status.url
    assert "2024" in _text(status)


@pytest.mark.parametrize("code", [520, 530])
def test_cloudflare_phrases_say_whose_they_are(registry: Registry, code: int) -> None:
    status = _status(registry, code)
    text = _text(status)
    assert "Cloudflare" in text
    assert f"cloudflare-5xx-errors/error-{code}/" in status.url
    if code == 530:
        assert "our label" in text
    else:
        assert "Returned" in " ".join(status.aliases)


def test_449_says_which_phrase_ms_wdv_uses_where(registry: Registry) -> None:
    status = _status(registry, 449)
    text = _text(status)
    assert "Reply With" in text
    assert "4.7" in text
    assert "Reply With" in status.aliases


def test_104_gives_the_registration_s_expiry(registry: Registry) -> None:
    text = _text(_status(registry, 104))
    assert "2026-11-13" in text
    assert "2024-11-13" in text


def test_503_does_not_set_search_engines_against_500(registry: Registry) -> None:
    # Google Search Central, Reduce the Google crawl rate: 500, 503 and 429 alike.
    text = _text(_status(registry, 503))
    assert "unlike 404 or 500" not in text
    assert "500, 503 and 429" in text


def test_426_does_not_offer_an_upgrade_to_http2(registry: Registry) -> None:
    # RFC 9113 Section 3.1 deprecated the h2c upgrade token.
    text = _text(_status(registry, 426))
    assert "requires a newer HTTP version" not in text
    assert "RFC 9113 Section 3.1" in text
    situation = registry.situations.get("upgrade-required")
    assert situation is not None
    assert "HTTP/2)" not in situation.title
    assert any("h2c" in mistake for mistake in situation.mistakes)


def test_a_proxy_loop_is_not_answered_with_508(registry: Registry) -> None:
    # RFC 5842 Section 7.2 limits 508 to a WebDAV Depth: infinity operation.
    situation = registry.situations.get("proxy-loop")
    assert situation is not None
    assert situation.code != 508
    assert "Depth: infinity" in situation.why
