"""Every text colour the app draws on its background meets WCAG AA in both themes (issue 23,
item 16: the dark theme's class totals under the bar chart were at about 2.2:1)."""

from __future__ import annotations

import pytest

from http_status_browser.ui.colours import (
    BADGE_TEXT,
    CLASS_COLOURS,
    LEVEL_COLOURS,
    NEUTRAL_COLOUR,
    STANDING_COLOURS,
    THEMES,
    TRY_COLOUR,
    ThemePalette,
    contrast_ratio,
)

NORMAL_TEXT = 4.5  # WCAG 2 AA, 1.4.3
LARGE_TEXT = 3.0


def text_pairs(theme: ThemePalette) -> list[tuple[str, str, str]]:
    """(what, text colour, background) for every text the theme draws."""
    pairs = [
        ("window text", theme.window_text, theme.window),
        ("text", theme.text, theme.base),
        ("text on alternate rows", theme.text, theme.alternate_base),
        ("placeholder", theme.placeholder, theme.base),
        ("button text", theme.button_text, theme.button),
        ("selected text", theme.highlighted_text, theme.highlight),
        ("link", theme.link, theme.base),
        ("visited link", theme.link_visited, theme.base),
        ("tooltip", theme.tooltip_text, theme.tooltip_base),
        ("warning bar", theme.warning_text, theme.warning_background),
    ]
    for digit, colour in theme.class_text.items():
        pairs.append((f"{digit}xx text on the window", colour, theme.window))
        pairs.append((f"{digit}xx text on a view", colour, theme.base))
    for kind, colour in theme.snippet.items():
        pairs.append((f"snippet {kind}", colour, theme.base))
    return pairs


@pytest.mark.parametrize("theme", THEMES, ids=[theme.name for theme in THEMES])
def test_every_text_meets_aa_on_its_background(theme: ThemePalette) -> None:
    failing = [
        f"{what}: {fg} on {bg} is {contrast_ratio(fg, bg):.2f}:1"
        for what, fg, bg in text_pairs(theme)
        if contrast_ratio(fg, bg) < NORMAL_TEXT
    ]
    assert not failing


def test_badges_are_readable_in_both_themes() -> None:
    """Badges are white on a fill, the same in both themes: small text, so 4.5:1."""
    fills = {
        **{f"class {k}": v for k, v in CLASS_COLOURS.items()},
        **{f"standing {k}": v for k, v in STANDING_COLOURS.items()},
        **{f"level {k}": v for k, v in LEVEL_COLOURS.items()},
        "neutral": NEUTRAL_COLOUR,
        "try it": TRY_COLOUR,
    }
    failing = [
        f"{what}: {fill} is {contrast_ratio(BADGE_TEXT, fill):.2f}:1"
        for what, fill in fills.items()
        if contrast_ratio(BADGE_TEXT, fill) < NORMAL_TEXT
    ]
    assert not failing


def test_headings_in_the_text_colour_meet_the_large_text_ratio() -> None:
    for theme in THEMES:
        assert contrast_ratio(theme.text, theme.base) >= LARGE_TEXT


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("#ffffff", "#000000", 21.0), ("#777777", "#ffffff", 4.48), ("#1565c0", "#323232", 2.23)],
)
def test_the_contrast_ratio_is_wcags(first: str, second: str, expected: float) -> None:
    """Known values: black on white, the grey just below AA, the issue's dark chart total."""
    assert contrast_ratio(first, second) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(second, first) == pytest.approx(expected, abs=0.01)
