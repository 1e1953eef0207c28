"""`wrap` gives textwrap.fill's output exactly, at any width (a width too small for the indent
gets one word a line)."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from http_status_browser.cli.console import wrap

# Words of letters, hyphens, tabs, newlines and Unicode spaces; runs of spaces between them.
WORD = st.text(st.sampled_from("ab-é\t\n\xa0\u2003."), min_size=1, max_size=14)
SEPARATOR = st.sampled_from([" ", " ", " ", "  ", "\t", "\n"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, max_size=40))
    gaps = draw(st.lists(SEPARATOR, min_size=len(words), max_size=len(words)))
    edge = draw(st.sampled_from(["", " "]))
    return edge + "".join(w + g for w, g in zip(words, gaps, strict=True)).rstrip("\n") + edge


def fill(text: str, width: int, first: str, rest: str) -> str:
    width = max(width, len(first) + 1, len(rest) + 1)
    return textwrap.fill(text, width, initial_indent=first, subsequent_indent=rest)


@given(
    text=texts() | st.text(max_size=200),
    width=st.integers(-5, 90),
    first=st.text(" *", max_size=6),
    rest=st.text(" ", max_size=8),
)
def test_wrap_is_textwrap_fill(text: str, width: int, first: str, rest: str) -> None:
    assert wrap(text, width, first, rest) == fill(text, width, first, rest)


@pytest.mark.parametrize(
    "text",
    ["well-known", "a  b", " a", "a ", "a\tb", "a\nb", "a \xa0 b", "", "a-b c", "x" * 30],
)
def test_wrap_fills_odd_text_like_textwrap(text: str) -> None:
    assert wrap(text, 20) == fill(text, 20, "", "")
