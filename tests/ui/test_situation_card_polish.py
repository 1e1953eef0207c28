"""The Which code? view's rows and card (issue 23, items 15 and 19): a tooltip that wraps and
names the row's whole title; the reference a link where a code cites the same section."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from http_status_browser.registry import Registry
from http_status_browser.ui.html import escape
from http_status_browser.ui.situation_view import SituationRole, reference_html
from http_status_browser.ui.window import MainWindow


def first_situation_row(window: MainWindow) -> QModelIndex:
    window.tabs.show_situation_view()
    tree = window.tabs.situation_view.tree
    model = tree.model()
    area = model.index(0, 0)
    return model.index(0, 0, area)


def test_a_rows_tooltip_wraps_and_names_its_title(window: MainWindow) -> None:
    index = first_situation_row(window)
    situation = index.data(SituationRole.SITUATION)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("<p>"), "rich text, which Qt wraps"
    assert f"<b>{escape(situation.title)}</b>" in tip
    assert index.data(Qt.ItemDataRole.AccessibleDescriptionRole) == situation.why


def test_a_situations_reference_is_a_link_like_a_codes(registry: Registry) -> None:
    situation = next(s for s in registry.situations.situations if s.code == 401)
    status = registry.lookup(401)
    assert status is not None
    assert situation.reference == status.reference
    assert f'<a href="{status.url}">' in reference_html(situation, registry)
    uncited = situation._replace(reference="nginx source: ngx_http_request.h")
    assert "<a " not in reference_html(uncited, registry)
