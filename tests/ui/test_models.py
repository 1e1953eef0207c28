"""The tree model and the filter proxy, checked by qtmodeltester and through their API."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from http_status_browser.registry import Registry
from http_status_browser.ui.colours import CLASS_COLOURS
from http_status_browser.ui.status_models import Role, StatusFilterProxy, StatusTreeModel
from tests.ui.conftest import visible_codes


def test_source_model(qtmodeltester: ModelTester, registry: Registry) -> None:
    model = StatusTreeModel(registry)
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    first_class = model.index(0, 0)
    assert first_class.data() == f"1xx Informational  ({len(registry.in_category('1xx'))})"
    assert model.index(0, 0, first_class).data() == "100 Continue"


def test_proxy_model_while_filtering(qtmodeltester: ModelTester, registry: Registry) -> None:
    proxy = StatusFilterProxy(StatusTreeModel(registry))
    qtmodeltester.check(proxy)
    for query in ("404", "4xx", "teapot", "zzzz", ""):
        proxy.set_query(query)
        qtmodeltester.check(proxy)
    proxy.set_show_unofficial(True)
    qtmodeltester.check(proxy)


def test_unofficial_hidden_by_default(registry: Registry) -> None:
    proxy = StatusFilterProxy(StatusTreeModel(registry))
    shown = visible_codes(proxy)
    assert shown == [s.code for s in registry.statuses if s.official]
    proxy.set_show_unofficial(True)
    assert visible_codes(proxy) == [s.code for s in registry.statuses]


def test_proxy_agrees_with_search_order(registry: Registry) -> None:
    proxy = StatusFilterProxy(StatusTreeModel(registry))
    proxy.set_show_unofficial(True)
    proxy.set_query("timeout")
    expected = [m.status.code for m in registry.search("timeout")]
    shown = visible_codes(proxy)
    # Classes are ordered by their best match; inside a class the search order holds.
    assert sorted(shown) == sorted(expected)
    assert shown[0] == expected[0]
    for digit in {c // 100 for c in shown}:
        assert [c for c in shown if c // 100 == digit] == [c for c in expected if c // 100 == digit]


def test_class_rows_show_their_visible_count(registry: Registry) -> None:
    proxy = StatusFilterProxy(StatusTreeModel(registry))
    proxy.set_query("4xx")
    assert proxy.rowCount() == 1
    title = proxy.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    count = len([s for s in registry.in_category("4xx") if s.official])
    assert title == f"4xx Client error  ({count})"
    assert proxy.index(0, 0).parent() == QModelIndex()


def test_class_toggles(registry: Registry) -> None:
    proxy = StatusFilterProxy(StatusTreeModel(registry))
    proxy.set_visible_classes({"2xx", "5xx"})
    assert {c // 100 for c in visible_codes(proxy)} == {2, 5}


def test_data_returning_none_keeps_refcounts(registry: Registry) -> None:
    """Qt asking a Python model for a role it has no value for must not leak None's refcount.

    PySide6 6.12.0 dropped a reference each time; on Python 3.11 (where None is not immortal)
    the app aborted after a few thousand calls. pyproject.toml excludes that release.
    """
    import sys

    proxy = StatusFilterProxy(StatusTreeModel(registry))
    code_row = proxy.index(0, 0, proxy.index(0, 0))
    before = sys.getrefcount(None)
    for _ in range(2000):
        proxy.data(code_row, Qt.ItemDataRole.WhatsThisRole)
    assert abs(sys.getrefcount(None) - before) < 100


def test_proxy_never_sorts_and_ranks_while_searching(registry: Registry) -> None:
    # The proxy never sorts (no lessThan from C++ for each pair of rows): without a query the
    # rows keep the code order, a search ranks them, and clearing it gives the order back.
    proxy = StatusFilterProxy(StatusTreeModel(registry))
    proxy.set_show_unofficial(True)
    in_order = [s.code for s in registry.statuses]
    assert proxy.sortColumn() == -1
    assert visible_codes(proxy) == in_order
    proxy.set_query("timeout")
    assert proxy.sortColumn() == -1
    assert visible_codes(proxy)[0] == registry.search("timeout")[0].status.code
    proxy.set_query("")
    assert visible_codes(proxy) == in_order
    proxy.set_query("gateway")
    assert visible_codes(proxy)[0] == registry.search("gateway")[0].status.code


def test_source_holds_only_the_shown_matches_while_searching(
    qtmodeltester: ModelTester, registry: Registry
) -> None:
    # C++ then walks the matches, not the whole registry, and asks Python nothing per row.
    source = StatusTreeModel(registry)
    proxy = StatusFilterProxy(source)
    qtmodeltester.check(source)
    assert StatusFilterProxy.filterAcceptsRow is QSortFilterProxyModel.filterAcceptsRow
    proxy.set_query("timeout")
    shown = [m.status.code for m in registry.search("timeout") if m.status.shown_by_default]
    assert visible_codes(source) == visible_codes(proxy)
    assert sorted(visible_codes(source)) == sorted(shown)
    proxy.set_show_unofficial(True)
    assert len(visible_codes(source)) == len(registry.search("timeout"))
    proxy.set_visible_classes({"5xx"})
    assert {c // 100 for c in visible_codes(source)} == {5}
    matches = [m.status.code for m in registry.search("timeout")]
    assert proxy.hidden_matches() == len([c for c in matches if c // 100 != 5])
    proxy.set_query("")
    assert visible_codes(source) == [s.code for s in registry.in_category("5xx")]
    qtmodeltester.check(source)


def test_a_code_keeps_its_persistent_index_while_the_rows_change(registry: Registry) -> None:
    source = StatusTreeModel(registry)
    proxy = StatusFilterProxy(source)
    teapot = registry.lookup(418)
    assert teapot is not None
    current = QPersistentModelIndex(proxy.mapFromSource(source.index_of(teapot)))
    for query in ("tea", "teapot", "418", ""):
        proxy.set_query(query)
        assert current.isValid()
        assert current.data(Role.CODE) == 418
    proxy.set_query("gateway")
    assert not current.isValid()


def test_items_are_enabled_and_selectable(registry: Registry) -> None:
    model = StatusTreeModel(registry)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    assert model.flags(model.index(0, 0)) == flags
    assert model.flags(model.index(0, 0, model.index(0, 0))) == flags
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_typing_on_to_the_same_matches_leaves_the_tree_alone(
    qtbot: QtBot, registry: Registry
) -> None:
    source = StatusTreeModel(registry)
    proxy = StatusFilterProxy(source)
    with qtbot.waitSignal(source.layoutChanged, timeout=1000):
        proxy.set_query("gate")
    same = [m.status for m in registry.search("gatew")]
    assert same == [m.status for m in registry.search("gate")]
    with qtbot.assertNotEmitted(source.layoutChanged):
        proxy.set_query("gatew")
    with qtbot.waitSignal(source.layoutChanged, timeout=1000):
        proxy.set_query("")
    assert visible_codes(proxy) == [s.code for s in registry.statuses if s.shown_by_default]


def test_a_class_row_has_its_class_colour(registry: Registry) -> None:
    """One visual language (issue 23): the tree's classes in the colours of their badges,
    chart bars and comparison headings."""
    model = StatusTreeModel(registry)
    for row, category in enumerate(registry.categories):
        swatch = model.index(row, 0).data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(swatch, QColor)
        assert swatch.name() == CLASS_COLOURS[category.id[0]]
    code_row = model.index(0, 0, model.index(0, 0))
    assert code_row.data(Qt.ItemDataRole.DecorationRole) is None
