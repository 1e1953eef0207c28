"""The snippet panel: a language picker, the highlighted snippet and a Copy button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from http_status_browser.registry.model import Registry
from http_status_browser.registry.snippets import render_snippet
from http_status_browser.registry.values import Language, StatusCode
from http_status_browser.ui.buttons import text_button

if TYPE_CHECKING:
    from http_status_browser.ui.highlighter import SnippetHighlighter


# Most snippets are six lines or fewer; the panel asks for room to show them whole.
COMFORTABLE_LINES = 6
# The source line under the snippet wraps to two lines in a narrow window.
SOURCE_LINES = 2
# In a short window the snippet gives up height down to this many lines (it scrolls).
MINIMUM_LINES = 3


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
        self.copy_button = text_button("&Copy snippet", self)
        self.copy_button.setObjectName("copySnippetButton")
        self.copy_button.setAccessibleName("Copy snippet")
        self.copy_button.setToolTip("Copy the snippet to the clipboard (Ctrl+Shift+C)")
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("snippetText")
        self.editor.setAccessibleName("Snippet")
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setMinimumHeight(
            MINIMUM_LINES * self.editor.fontMetrics().lineSpacing() + 2 * self.editor.frameWidth()
        )
        self.highlighter: SnippetHighlighter | None = None
        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        self.source_label.setObjectName("snippetSource")

        label = QLabel("S&nippet:", self)
        label.setBuddy(self.language_box)
        header = QHBoxLayout()
        header.addWidget(label)
        header.addWidget(self.language_box, 1)
        header.addWidget(self.copy_button)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.source_label)

        self.language_box.currentIndexChanged.connect(self._language_picked)
        self.copy_button.clicked.connect(self.copyRequested)
        self._language_picked()

    def comfortable_height(self) -> int:
        """The height that shows COMFORTABLE_LINES of snippet with the picker and the source,
        from the fonts (so it follows the scale factor and the user's font size)."""
        editor = self.editor
        margin = round(editor.document().documentMargin())
        # A long line brings a horizontal scroll bar, which would hide the last line. A scaled
        # font's line spacing has a fraction that the integer one drops: a pixel more a line.
        editor_height = (
            COMFORTABLE_LINES * (editor.fontMetrics().lineSpacing() + 1)
            + 2 * (editor.frameWidth() + margin)
            + editor.horizontalScrollBar().sizeHint().height()
        )
        header = max(self.language_box.sizeHint().height(), self.copy_button.sizeHint().height())
        source = SOURCE_LINES * self.source_label.fontMetrics().lineSpacing()
        return header + editor_height + source + 2 * max(0, self._layout.spacing())

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

    def install_highlighter(self) -> None:
        """Colour the snippet; done after the first frame (its Qt types cost start-up time)."""
        from http_status_browser.ui.highlighter import SnippetHighlighter  # noqa: PLC0415
        from http_status_browser.ui.theme import is_dark  # noqa: PLC0415

        if self.highlighter is None:
            self.highlighter = SnippetHighlighter(self.editor.document(), is_dark(self.palette()))
            self.highlighter.set_comment_prefix(self.language.comment)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A short panel (a small or scaled-up window) gives its lines to the snippet: the
        # source line goes, and stays readable as the snippet's tooltip.
        roomy = (
            event.size().height()
            >= self.comfortable_height() - self.editor.fontMetrics().lineSpacing() * 2
        )
        if roomy != self.source_label.isVisibleTo(self):
            self.source_label.setVisible(roomy)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self.highlighter is not None and event.type() == QEvent.Type.PaletteChange:
            from http_status_browser.ui.theme import is_dark  # noqa: PLC0415

            self.highlighter.set_dark(is_dark(self.palette()))

    @Slot()
    def _language_picked(self) -> None:
        if self.highlighter is not None:
            self.highlighter.set_comment_prefix(self.language.comment)
        self._render()
        self.languageChanged.emit(self.language.id)

    def _render(self) -> None:
        self._caption()
        if self._status is None:
            self.editor.setPlainText("")
            self.copy_button.setEnabled(False)
            return
        self.editor.setPlainText(render_snippet(self._status, self.language))
        self.copy_button.setEnabled(True)

    def _caption(self) -> None:
        """The language's source under the snippet; a snippet written for its code (101 in
        curl greps the status line instead of using %{http_code}) says so instead, so that
        the caption never contradicts the snippet."""
        language, status = self.language, self._status
        if status is not None and status.code in language.code_templates:
            text = f"{language.name}: a snippet written for {status.code}; its comment says how."
        else:
            text = language.source
        self.source_label.setText(text)
        self.editor.setToolTip(text)


def copy_text(text: str) -> bool:
    """Put text on the clipboard; False where there is no clipboard to use."""
    clipboard = QGuiApplication.clipboard()
    if clipboard is None:
        return False
    clipboard.setText(text)
    return clipboard.text() == text
