"""Syntax highlighting for snippets: light and language-neutral, installed after start-up.

The rules are Python regular expressions: QRegularExpression would compile each with PCRE2's
JIT, about 0.5 MiB of resident memory a pattern, for a few short lines of text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from http_status_browser.ui.colours import theme_palette


def _format(colour: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setForeground(QColor(colour))
    if bold:
        text_format.setFontWeight(QFont.Weight.Bold)
    text_format.setFontItalic(italic)
    return text_format


class SnippetHighlighter(QSyntaxHighlighter):
    """A light, language-neutral highlighter: comments, strings, numbers, keywords.

    The snippets are a few lines in sixteen languages; a generic rule set reads well in all of
    them, and costs nothing at start-up.
    """

    KEYWORDS = (
        "await|async|def|return|raise|throw|new|if|import|from|use|func|fn|let|const|class|"
        "public|private|fun|val|var|end|try|else|package|using"
    )

    def __init__(self, document: QTextDocument, dark: bool) -> None:
        super().__init__(document)
        self._comment: re.Pattern[str] | None = None
        self.dark = dark
        self._colour(dark)

    def _colour(self, dark: bool) -> None:
        colours = theme_palette(dark).snippet
        self._rules = [
            (re.compile(rf"\b({self.KEYWORDS})\b"), _format(colours["keyword"], bold=True)),
            (re.compile(r"\b\d{3}\b"), _format(colours["number"], bold=True)),
            (re.compile(r"\"[^\"]*\"|'[^']*'"), _format(colours["string"])),
        ]
        self._comment_format = _format(colours["comment"], italic=True)

    def set_dark(self, dark: bool) -> None:
        """Colour for a dark or light background (the theme changed)."""
        if dark != self.dark:
            self.dark = dark
            self._colour(dark)
            self.rehighlight()

    def set_comment_prefix(self, prefix: str) -> None:
        self._comment = re.compile(re.escape(prefix) + ".*$")
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        # Qt counts positions in UTF-16 units, Python in characters: they differ only after
        # a character outside the Basic Multilingual Plane (an emoji in a message).
        units = _utf16_offsets(text)
        spans = [
            (match.span(), text_format)
            for expression, text_format in self._rules
            for match in expression.finditer(text)
        ]
        if self._comment is not None:
            found = self._comment.search(text)
            if found is not None and not _inside_string(text, found.start()):
                spans.append((found.span(), self._comment_format))
        for (start, end), text_format in spans:
            self.setFormat(units[start], units[end] - units[start], text_format)


def _utf16_offsets(text: str) -> Sequence[int]:
    """For each character position (and the end), its position in UTF-16 units."""
    if text.isascii() or max(text) <= "\uffff":
        return range(len(text) + 1)
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if ord(char) > 0xFFFF else 1))
    return offsets


def _inside_string(text: str, position: int) -> bool:
    """Whether `position` is inside quotes, so that "https://..." is not taken for a comment."""
    before = text[:position]
    return before.count('"') % 2 == 1 or before.count("'") % 2 == 1
