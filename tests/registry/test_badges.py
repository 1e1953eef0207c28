"""A code's badges: one wording for `httpstatus show` and the window's detail pane."""

from __future__ import annotations

import pytest

from http_status_browser.registry import Registry
from http_status_browser.registry.badges import BadgeKind, status_badges


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (201, ["2xx", "standard"]),
        (200, ["2xx", "standard", "cacheable by default"]),
        (
            301,
            [
                "3xx",
                "standard",
                "cacheable by default",
                "permanent redirect",
                "method may change to GET",
            ],
        ),
        (303, ["3xx", "standard", "temporary redirect", "method changes to GET"]),
        (307, ["3xx", "standard", "temporary redirect", "method kept"]),
        (418, ["4xx", "unused"]),
        (522, ["5xx", "unofficial", "defined by Cloudflare"]),
    ],
)
def test_badges_say_class_standing_source_and_behaviour(
    registry: Registry, code: int, expected: list[str]
) -> None:
    status = registry.lookup(code)
    assert status is not None
    assert [badge.text for badge in status_badges(status)] == expected


def test_every_code_has_its_class_then_its_standing_first(registry: Registry) -> None:
    for status in registry.statuses:
        badges = status_badges(status)
        assert badges[0].kind is BadgeKind.CLASS, status.code
        assert badges[0].text == status.category
        assert badges[1].kind is BadgeKind.STANDING
        # Who defines a code is named only where the IANA registry does not.
        sources = [badge for badge in badges if badge.kind is BadgeKind.SOURCE]
        assert len(sources) == (0 if status.official else 1), status.code
        # No enum value leaks into the words ("may-change", "changes-to-get").
        assert not any(
            "-" in badge.text for badge in badges[2:] if badge.kind is not BadgeKind.SOURCE
        )
