"""History: the one owner of Back and Forward, tested alone and through the window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from http_status_browser.ui.history import History


def test_back_and_forward_walk_the_entries(qtbot: QtBot) -> None:
    history = History()
    assert history.back() is None
    for entry in (404, (401, 403), 410):
        history.record(entry)
    with qtbot.waitSignal(history.changed) as blocker:
        assert history.back() == (401, 403)
    assert blocker.args == [True, True]
    assert history.back() == 404
    assert not history.can_go_back
    assert history.forward() == (401, 403)


def test_recording_after_going_back_drops_what_was_ahead(qtbot: QtBot) -> None:
    history = History()
    for entry in (404, 410, 500):
        history.record(entry)
    history.back()
    history.back()
    history.record(429)
    assert history.entries == [404, 429]
    assert not history.can_go_forward


def test_the_same_place_twice_is_one_entry(qtbot: QtBot) -> None:
    history = History()
    history.record(404)
    with qtbot.assertNotEmitted(history.changed):
        history.record(404)
    assert history.entries == [404]
