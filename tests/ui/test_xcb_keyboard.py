"""The keyboard path with real key events on xcb under Xvfb (issue 23, item 13 and
"Keyboard path"): Tab order, the class filter as one group moved with the arrow keys,
Escape, a visible focus, the guide's number keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.xvfb import needs_xvfb, run_session, xvfb_display

pytestmark = needs_xvfb


@pytest.fixture(scope="module")
def pressed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    folder: Path = tmp_path_factory.mktemp("xcb-keyboard")
    with xvfb_display() as display:
        yield run_session(display, "tests.ui.xcb_keyboard_session", folder)


def test_tab_goes_search_filter_tree_detail_snippet(pressed: dict[str, object]) -> None:
    assert pressed["active"] is True
    assert pressed["tab_path"] == [
        "All",  # the class filter: one stop
        "statusTree",
        "detailView",  # one stop too, not every link in it
        "snippetLanguage",
        "copySnippetButton",
        "snippetText",
        "qt_tabwidget_tabbar",
    ]


def test_the_arrow_keys_move_inside_the_class_filter(pressed: dict[str, object]) -> None:
    assert pressed["filter_arrows"] == ["All", "1xx", "2xx", "Unofficial", "All"]
    assert pressed["space_hides_2xx"] is True
    # The group's stop is the button last moved to; Shift+Tab comes back to it.
    assert pressed["tab_after_moving_in_group"] == ["statusTree", "2xx"]


def test_escape_goes_back_to_the_search_box(pressed: dict[str, object]) -> None:
    assert pressed["escape_from_detail"] == "searchEdit"
    assert pressed["escape_closes_comparison"] is True


def test_a_focused_tree_looks_focused(pressed: dict[str, object]) -> None:
    assert pressed["tree_focused"] != pressed["tree_unfocused"]


def test_a_number_key_answers_the_guide(pressed: dict[str, object]) -> None:
    first = pressed["guide_first_question"]
    assert pressed["guide_steps"] == [[first, 1]]
