"""The snippet panel: a language picker, the highlighted snippet and a Copy button."""

from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.registry.model import Language, Registry, StatusCode
from app.registry.snippets import render_snippet


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


class SnippetPanel(QWidget):
    """Shows the snippet for the current code in the chosen language."""

    languageChanged = Signal(str)
    copyRequested = Signal()

    def __init__(self, registry: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._registry = registry
        self._status: StatusCode | None = None

        self.language_box = QComboBox(self)
        self.language_box.setObjectName("snippetLanguage")
        self.language_box.setAccessibleName("Snippet language")
        for language in registry.languages:
            self.language_box.addItem(language.name, language.id)
        self.copy_button = QPushButton("&Copy snippet", self)
        self.copy_button.setObjectName("copySnippetButton")
        self.copy_button.setAccessibleName("Copy snippet")
        self.copy_button.setToolTip("Copy the snippet to the clipboard (Ctrl+Shift+C)")
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("snippetText")
        self.editor.setAccessibleName("Snippet")
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.highlighter = SnippetHighlighter(self.editor.document(), is_dark(self.palette()))
        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        self.source_label.setObjectName("snippetSource")

        label = QLabel("S&nippet:", self)
        label.setBuddy(self.language_box)
        header = QHBoxLayout()
        header.addWidget(label)
        header.addWidget(self.language_box, 1)
        header.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.source_label)

        self.language_box.currentIndexChanged.connect(self._language_picked)
        self.copy_button.clicked.connect(self.copyRequested)
        self._language_picked()

    @property
    def language(self) -> Language:
        language = self._registry.language(str(self.language_box.currentData()))
        return language if language is not None else self._registry.languages[0]

    def set_language(self, language_id: str) -> bool:
        index = self.language_box.findData(language_id)
        if index < 0:
            return False
        self.language_box.setCurrentIndex(index)
        return True

    def set_status(self, status: StatusCode | None) -> None:
        self._status = status
        self._render()

    def text(self) -> str:
        return self.editor.toPlainText()

    @Slot()
    def _language_picked(self) -> None:
        self.highlighter.set_comment_prefix(self.language.comment)
        self.source_label.setText(self.language.source)
        self._render()
        self.languageChanged.emit(self.language.id)

    def _render(self) -> None:
        if self._status is None:
            self.editor.setPlainText("")
            self.copy_button.setEnabled(False)
            return
        self.editor.setPlainText(render_snippet(self._status, self.language))
        self.copy_button.setEnabled(True)


def copy_text(text: str) -> bool:
    """Put text on the clipboard; False where there is no clipboard to use."""
    clipboard = QGuiApplication.clipboard()
    if clipboard is None:
        return False
    clipboard.setText(text)
    return clipboard.text() == text
