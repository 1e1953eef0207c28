"""Syntax highlighting for snippets: light and language-neutral, installed after start-up.

The rules are Python regular expressions: QRegularExpression would compile each with PCRE2's
JIT, about 0.5 MiB of resident memory a pattern, for a few short lines of text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)


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
        palette = (
            {"keyword": "#c678dd", "string": "#98c379", "number": "#d19a66", "comment": "#7f848e"}
            if dark
            else {
                "keyword": "#a626a4",
                "string": "#50a14f",
                "number": "#986801",
                "comment": "#8a8a8a",
            }
        )
        self._rules = [
            (re.compile(rf"\b({self.KEYWORDS})\b"), _format(palette["keyword"], bold=True)),
            (re.compile(r"\b\d{3}\b"), _format(palette["number"], bold=True)),
            (re.compile(r"\"[^\"]*\"|'[^']*'"), _format(palette["string"])),
        ]
        self._comment_format = _format(palette["comment"], italic=True)
        self._comment: re.Pattern[str] | None = None

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


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128
