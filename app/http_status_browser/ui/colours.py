"""Every colour the app draws, from one palette per theme (light and dark).

Badges (a code's class, standing, requirement levels, "Try it") are white text on a
saturated fill, the same in both themes, so that a class looks the same everywhere: the tree,
the badges, the charts and the comparison's headings. Text drawn straight on the window's
background (the charts' class totals, snippet colours, the warning bar) comes from the
theme's palette. tests/ui/test_colours.py checks every pair against WCAG AA.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

BADGE_TEXT = "#ffffff"
# Badge fills per class; white text on each meets WCAG AA (4.5:1) for small text.
CLASS_COLOURS = {"1": "#5b6b7f", "2": "#276b2b", "3": "#1565c0", "4": "#9a5b00", "5": "#c62828"}
STANDING_COLOURS = {"standard": "#455a64", "unofficial": "#6a1b9a", "custom": "#00695c"}
NEUTRAL_COLOUR = "#546e7a"
TRY_COLOUR = CLASS_COLOURS["3"]
# Requirement levels (RFC 2119): the stronger the level, the warmer the badge.
LEVEL_COLOURS = {"MUST": "#ad1457", "MUST NOT": "#ad1457", "SHOULD": "#6d4c41"}
LEVEL_COLOURS["SHOULD NOT"] = LEVEL_COLOURS["SHOULD"]


class ThemePalette(NamedTuple):
    """The colours of one theme: Qt's roles for the widgets, and the app's own."""

    name: str
    dark: bool
    window: str
    window_text: str
    base: str
    alternate_base: str
    text: str
    placeholder: str
    button: str
    button_text: str
    highlight: str
    highlighted_text: str
    link: str
    link_visited: str
    tooltip_base: str
    tooltip_text: str
    # A class's colour for text on `window` or `base` (the charts' totals and labels).
    class_text: Mapping[str, str]
    # The snippet's syntax colours, on `base`.
    snippet: Mapping[str, str]
    warning_background: str
    warning_text: str


LIGHT = ThemePalette(
    name="light",
    dark=False,
    window="#efefef",
    window_text="#1f1f1f",
    base="#ffffff",
    alternate_base="#f5f5f5",
    text="#1f1f1f",
    placeholder="#6b6b6b",
    button="#efefef",
    button_text="#1f1f1f",
    highlight="#1e5fa8",
    highlighted_text="#ffffff",
    link="#1257a6",
    link_visited="#6a1b9a",
    tooltip_base="#ffffdc",
    tooltip_text="#1f1f1f",
    class_text=CLASS_COLOURS,
    snippet={"keyword": "#a626a4", "string": "#2e7a2e", "number": "#8a5e00", "comment": "#696969"},
    warning_background="#fff4ce",
    warning_text="#3b2f00",
)

DARK = ThemePalette(
    name="dark",
    dark=True,
    window="#2b2b2b",
    window_text="#e8e8e8",
    base="#1f1f1f",
    alternate_base="#262626",
    text="#e8e8e8",
    placeholder="#a3a3a3",
    button="#353535",
    button_text="#e8e8e8",
    highlight="#2f6db5",
    highlighted_text="#ffffff",
    link="#8ab4f8",
    link_visited="#c58af9",
    tooltip_base="#3a3a3a",
    tooltip_text="#f0f0f0",
    class_text={"1": "#aab8ca", "2": "#81c784", "3": "#7ab7f5", "4": "#ffb74d", "5": "#f28b82"},
    snippet={"keyword": "#c678dd", "string": "#98c379", "number": "#d19a66", "comment": "#9aa0aa"},
    warning_background="#4a3f12",
    warning_text="#fff4ce",
)

THEMES = (LIGHT, DARK)


def theme_palette(dark: bool) -> ThemePalette:
    return DARK if dark else LIGHT


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of "#rrggbb"."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two "#rrggbb" colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
