"""The HTML helpers every rich-text view shares (ui/html.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from http_status_browser.ui.html import badge, escape, html_list


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Zs")) | st.just(" ")))
def test_escaped_text_reads_back_as_itself(text: str) -> None:
    document = QTextDocument()
    document.setHtml(f"<p>{escape(text)}</p>")
    # Rich text folds runs of white space and turns line ends into spaces; markup never leaks.
    assert not {"<", ">", '"'} & set(escape(text))
    assert document.toPlainText().split() == " ".join(text.split()).split()


def test_a_list_without_items_is_nothing_at_all() -> None:
    assert html_list("Headers", []) == ""
    assert html_list("Headers", ["<code>Location</code>"]) == (
        "<h3>Headers</h3><ul><li><code>Location</code></li></ul>"
    )


def test_a_small_badge_never_breaks_between_its_words() -> None:
    small = badge("MUST NOT", "#ad1457", small=True)
    assert "MUST&nbsp;NOT" in small
    assert "font-size:small" in small
    assert "MUST NOT" in badge("MUST NOT", "#ad1457")
    assert "&lt;b&gt;" in badge("<b>", "#000000")
