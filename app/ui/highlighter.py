"""Syntax highlighting for snippets: light and language-neutral, installed after start-up."""

from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression
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
            (QRegularExpression(rf"\b({self.KEYWORDS})\b"), _format(palette["keyword"], bold=True)),
            (QRegularExpression(r"\b\d{3}\b"), _format(palette["number"], bold=True)),
            (QRegularExpression(r"\"[^\"]*\"|'[^']*'"), _format(palette["string"])),
        ]
        self._comment_format = _format(palette["comment"], italic=True)
        self._comment: QRegularExpression | None = None

    def set_comment_prefix(self, prefix: str) -> None:
        self._comment = QRegularExpression(re.escape(prefix) + ".*$")
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        for expression, text_format in self._rules:
            matches = expression.globalMatch(text)
            while matches.hasNext():
                match = matches.next()
                self.setFormat(match.capturedStart(), match.capturedLength(), text_format)
        if self._comment is not None:
            found = self._comment.match(text)
            if found.hasMatch() and not _inside_string(text, found.capturedStart()):
                self.setFormat(found.capturedStart(), found.capturedLength(), self._comment_format)


def _inside_string(text: str, position: int) -> bool:
    """Whether `position` is inside quotes, so that "https://..." is not taken for a comment."""
    before = text[:position]
    return before.count('"') % 2 == 1 or before.count("'") % 2 == 1


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128
