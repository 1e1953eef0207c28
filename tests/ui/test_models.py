"""The tree model and the filter proxy, checked by qtmodeltester and through their API."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from app.registry import Registry
from app.ui.models import StatusFilterProxy, StatusTreeModel
from tests.ui.conftest import visible_codes


def test_source_model(qtmodeltester: ModelTester, registry: Registry) -> None:
    model = StatusTreeModel(registry)
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    first_class = model.index(0, 0)
    assert first_class.data() == "1xx Informational"
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


def test_proxy_sorts_only_while_searching(registry: Registry) -> None:
    # Without a query the rows keep the source order without lessThan being asked for each
    # pair (a start-up cost); a search ranks them, and clearing it gives the order back.
    proxy = StatusFilterProxy(StatusTreeModel(registry))
    proxy.set_show_unofficial(True)
    in_order = [s.code for s in registry.statuses]
    assert proxy.sortColumn() == -1
    assert visible_codes(proxy) == in_order
    proxy.set_query("timeout")
    assert proxy.sortColumn() == 0
    assert visible_codes(proxy)[0] == registry.search("timeout")[0].status.code
    proxy.set_query("")
    assert proxy.sortColumn() == -1
    assert visible_codes(proxy) == in_order
    proxy.set_query("gateway")
    assert visible_codes(proxy)[0] == registry.search("gateway")[0].status.code


def test_items_are_enabled_and_selectable(registry: Registry) -> None:
    model = StatusTreeModel(registry)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    assert model.flags(model.index(0, 0)) == flags
    assert model.flags(model.index(0, 0, model.index(0, 0))) == flags
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
