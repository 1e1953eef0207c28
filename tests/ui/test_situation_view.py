"""The "Which code?" view: its models, filtering by the search box, the card and its links."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from http_status_browser.registry import Registry
from http_status_browser.ui.codes.view import COMPARE_PAGE
from http_status_browser.ui.situation_view import (
    SituationFilterProxy,
    SituationRole,
    SituationTreeModel,
    SituationView,
)
from http_status_browser.ui.window import MainWindow
from tests.ui.links import click_link, link_hrefs
from tests.ui.test_window import search


def visible_situations(proxy: SituationFilterProxy) -> list[str]:
    ids = []
    for area_row in range(proxy.rowCount()):
        parent = proxy.index(area_row, 0)
        for row in range(proxy.rowCount(parent)):
            ids.append(proxy.index(row, 0, parent).data(SituationRole.SITUATION).id)
    return ids


def test_source_model(qtmodeltester: ModelTester, registry: Registry) -> None:
    model = SituationTreeModel(registry.situations)
    qtmodeltester.check(model)
    assert model.rowCount() == len(registry.situations.areas)
    first_area = model.index(0, 0)
    assert first_area.data() == "Authentication and permissions"
    assert str(model.index(0, 0, first_area).data()).startswith("401  ")


def test_proxy_while_filtering(qtmodeltester: ModelTester, registry: Registry) -> None:
    proxy = SituationFilterProxy(SituationTreeModel(registry.situations), registry)
    qtmodeltester.check(proxy)
    for query in ("token", "email already taken", "zzzz", "", "upload over the limit"):
        proxy.set_query(query)
        qtmodeltester.check(proxy)
    assert visible_situations(proxy)[0] == "upload-too-large"


def test_proxy_agrees_with_the_search_order(registry: Registry) -> None:
    proxy = SituationFilterProxy(SituationTreeModel(registry.situations), registry)
    proxy.set_query("too large")
    ranked = [m.situation for m in registry.search_index.search_situations("too large")]
    shown = visible_situations(proxy)
    assert set(shown) == {s.id for s in ranked}
    assert shown[0] == ranked[0].id


def test_typing_filters_the_situations(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    view = window.findChild(SituationView, "situationView")
    assert view is not None
    assert window.tabs.current_view() is view
    search(qtbot, window, "what should I return when the email is taken")
    assert view.proxy is not None
    assert visible_situations(view.proxy)[0] == "duplicate-record"
    assert view.count_label.text().startswith("1 of ")
    assert "409 Conflict" in view.card.toPlainText()
    assert "Common mistakes" in view.card.toPlainText()


def test_query_typed_in_another_view_applies_when_shown(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "user without the right role")
    assert window.tabs._situation_view is None  # not even built while hidden: typing stays cheap
    window.window_actions.which_view.trigger()
    proxy = window.tabs.situation_view.proxy
    assert proxy is not None
    assert visible_situations(proxy)[0] == "forbidden-role"


def test_clicking_a_situation_shows_its_card(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.show_situation_view()
    view = window.tabs.situation_view
    proxy = view.ensure_loaded()
    area = proxy.index(2, 0)  # Resources and their lifecycle
    index = proxy.index(1, 0, area)
    view.tree.scrollTo(index)
    rect = view.tree.visualRect(index)
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    situation = view.current_situation()
    assert situation is not None
    assert situation.id == index.data(SituationRole.SITUATION).id
    assert view.card.toPlainText().startswith(situation.title)


def test_code_link_opens_the_code(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.show_situation_view()
    search(qtbot, window, "upload over the limit")
    view = window.tabs.situation_view
    click_link(qtbot, view.card, "status:413")
    assert window.tabs.currentIndex() == 0
    status = window.current_status()
    assert status is not None
    assert status.code == 413
    assert "Use it when" in window.codes.detail.toPlainText()


def test_compare_link_opens_the_comparison(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.show_situation_view()
    search(qtbot, window, "payload is well-formed but breaks the rules")
    view = window.tabs.situation_view
    assert "compare:422,400" in link_hrefs(view.card)
    click_link(qtbot, view.card, "compare:422,400")
    assert window.tabs.currentIndex() == 0
    assert window.codes.detail_stack.currentIndex() == COMPARE_PAGE
    assert window.codes.compare_view is not None
    assert window.codes.compare_view.pair == (422, 400)


def test_use_it_when_links_to_the_situation(qtbot: QtBot, window: MainWindow) -> None:
    window.finish_start_up()
    window.navigate_to(409)
    assert "Use it when" in window.codes.detail.toPlainText()
    click_link(qtbot, window.codes.detail, "situation:duplicate-record")
    assert window.tabs.current_view() is window.tabs.situation_view
    situation = window.tabs.situation_view.current_situation()
    assert situation is not None
    assert situation.id == "duplicate-record"


def test_enter_in_the_search_box_moves_into_the_situations(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.tabs.show_situation_view()
    search(qtbot, window, "token")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.tabs.situation_view.tree.hasFocus()


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=120))
def test_any_text_filters_to_the_search_result(qapp: QApplication, text: str) -> None:
    from http_status_browser.registry import builtin_registry

    registry = builtin_registry()
    proxy = SituationFilterProxy(SituationTreeModel(registry.situations), registry)
    proxy.set_query(text)
    shown = visible_situations(proxy)
    if text.strip():
        assert len(shown) == len(registry.search_index.search_situations(text))
    else:
        assert len(shown) == len(registry.situations)


def test_the_card_shows_what_the_guidelines_do(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.show_situation_view()
    view = window.tabs.situation_view
    assert view.show_situation("well-formed-invalid")
    text = view.card.toPlainText()
    assert "What API guidelines and large APIs do" in text
    assert "A convention, not an RFC rule" in text
    for name in ("Google AIP", "Microsoft Azure", "Zalando", "GitHub API", "Stripe API"):
        assert name in text
    assert "status:400" in link_hrefs(view.card)


def test_a_code_number_lists_the_situations_that_recommend_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.tabs.show_situation_view()
    search(qtbot, window, "204")
    view = window.tabs.situation_view
    assert view.proxy is not None
    shown = visible_situations(view.proxy)
    recommending = [s.id for s in window.registry.situations if s.code == 204]
    assert sorted(shown[: len(recommending)]) == sorted(recommending)
    assert "204 No Content" in view.card.toPlainText()


def test_a_question_matching_nothing_well_shows_the_nearest(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.tabs.show_situation_view()
    search(qtbot, window, "zebra crossing")
    view = window.tabs.situation_view
    assert view.proxy is not None
    assert visible_situations(view.proxy)
    assert view.count_label.text().startswith("No close match: the ")
