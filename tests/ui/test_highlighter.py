"""The snippet highlighter colours keywords, codes, strings and comments where they are."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextDocument
from pytestqt.qtbot import QtBot

from http_status_browser.ui.highlighter import SnippetHighlighter


def spans(document: QTextDocument, line: int) -> dict[str, tuple[bool, bool]]:
    """The highlighted pieces of a line: their text, and whether bold and italic."""
    block = document.findBlockByNumber(line)
    # Qt's positions count UTF-16 units.
    units = block.text().encode("utf-16-le")
    return {
        units[2 * r.start : 2 * (r.start + r.length)].decode("utf-16-le"): (
            r.format.fontWeight() == QFont.Weight.Bold,
            r.format.fontItalic(),
        )
        for r in block.layout().formats()
    }


def highlighted(text: str, comment: str) -> QTextDocument:
    document = QTextDocument()
    document.setPlainText(text)
    highlighter = SnippetHighlighter(document, dark=False)
    highlighter.set_comment_prefix(comment)
    document.setProperty("highlighter", highlighter)  # kept alive with the document
    return document


def test_keywords_codes_strings_and_comments(qtbot: QtBot) -> None:
    document = highlighted('raise HTTPException(404, detail="Not Found")  # see 410', "#")
    assert spans(document, 0) == {
        "raise": (True, False),
        "404": (True, False),
        '"Not Found"': (False, False),
        "# see 410": (False, True),
    }


def test_a_comment_prefix_inside_a_string_is_not_a_comment(qtbot: QtBot) -> None:
    document = highlighted('curl -i "http://localhost:8000/items/1"', "//")
    assert spans(document, 0) == {'"http://localhost:8000/items/1"': (False, False)}


def test_positions_count_characters_beyond_the_basic_plane_as_qt_does(qtbot: QtBot) -> None:
    # Qt's positions are UTF-16 units: after an emoji they are one more than Python's.
    document = highlighted('msg = "\U0001f375 teapot"  // return 418', "//")
    assert spans(document, 0) == {
        '"\U0001f375 teapot"': (False, False),
        "// return 418": (False, True),
    }
