"""The HTML the rich-text views share: escaping, titled lists and coloured badges."""

from __future__ import annotations

from collections.abc import Iterable

from http_status_browser.ui.colours import BADGE_TEXT, LEVEL_COLOURS, NEUTRAL_COLOUR


def escape(text: str) -> str:
    """HTML-escape text (the html module's own escape pulls in its entity table at start-up)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def html_list(title: str, items: Iterable[str]) -> str:
    """A titled bullet list of items that are HTML already; nothing at all without items."""
    rows = "".join(f"<li>{item}</li>" for item in items)
    return f"<h3>{title}</h3><ul>{rows}</ul>" if rows else ""


def badge(text: str, colour: str, small: bool = False) -> str:
    """`text` in white on `colour`; spaces inside a small badge never break it."""
    size = " font-size:small;" if small else ""
    shown = escape(text).replace(" ", "&nbsp;") if small else escape(text)
    style = f"background-color:{colour}; color:{BADGE_TEXT};{size}"
    return f'<span style="{style}">&nbsp;{shown}&nbsp;</span>'


def level_badge(level: str) -> str:
    """A requirement level (MUST, SHOULD NOT...) as a small badge."""
    return badge(level, LEVEL_COLOURS.get(level, NEUTRAL_COLOUR), small=True)
