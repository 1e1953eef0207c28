"""Standard keys with real key events on xcb under Xvfb, where the conflicts show (issue 23,
items 1 and 2): Copy takes the selection wherever there is one, Ctrl+U in the search box
shows unofficial codes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.xvfb import needs_xvfb, run_session, xvfb_display

pytestmark = needs_xvfb


@pytest.fixture(scope="module")
def pressed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """What each key did, in one window session (starting Qt once per module)."""
    folder: Path = tmp_path_factory.mktemp("xcb")
    with xvfb_display() as display:
        yield run_session(display, "tests.ui.xcb_keys_session", folder)


def test_the_window_takes_the_keyboard(pressed: dict[str, object]) -> None:
    assert pressed["active"] is True


def test_ctrl_u_in_the_search_box_shows_unofficial_codes(pressed: dict[str, object]) -> None:
    assert pressed["ctrl_u_unofficial"] is True
    assert pressed["ctrl_u_search"] == "gone", "the search box kept its text"


def test_copy_in_the_search_box_copies_its_selection(pressed: dict[str, object]) -> None:
    assert pressed["copy_search_selection"] == "go"


def test_copy_with_nothing_selected_copies_the_code(pressed: dict[str, object]) -> None:
    # The search "gone" made 410 current; then the session went to 429.
    assert pressed["copy_search_nothing_selected"] == "410 Gone"
    assert pressed["copy_tree"] == "429 Too Many Requests"


def test_copy_in_the_detail_pane_copies_the_selected_words(pressed: dict[str, object]) -> None:
    selected = pressed["detail_selected"]
    assert isinstance(selected, str)
    assert selected.strip()
    assert selected != "429 Too Many Requests"
    assert pressed["copy_detail"] == selected


def test_copy_in_the_snippet_copies_the_selected_line(pressed: dict[str, object]) -> None:
    selected = pressed["snippet_selected"]
    assert isinstance(selected, str)
    assert selected.strip()
    assert pressed["copy_snippet"] == selected
