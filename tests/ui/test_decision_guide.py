"""The decision guide, walked forward by its buttons and back by Back and earlier answers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from http_status_browser.ui.guide import DecisionGuide
from http_status_browser.ui.window import MainWindow

TO_409 = (
    "No, something went wrong",
    "The request's",
    "No",  # not rate limited
    "No",  # not too large
    "Yes",  # authenticated
    "Yes",  # allowed
    "Yes",  # exists
    "Yes",  # method supported
    "Yes, or I will send my default format anyway",
    "No, and none is needed",  # preconditions come before the body (RFC 9110 13.2.1)
    "Yes",  # parsable
    "Yes",  # valid
    "Yes",  # conflicts
)


def click_answer(qtbot: QtBot, guide: DecisionGuide, label: str) -> None:
    buttons = guide.answer_buttons()
    button = next(b for b in buttons if b.text().split("  ", 1)[1] == label)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def question(guide: DecisionGuide) -> str:
    return guide.question_label.text()


def test_walk_to_409_and_open_it(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    guide = window.findChild(DecisionGuide, "decisionGuide")
    assert guide is not None
    assert window.tabs.current_view() is guide
    assert "Did the request succeed?" in question(guide)
    for label in TO_409:
        click_answer(qtbot, guide, label)
    assert "409 Conflict" in question(guide)
    assert guide.history.count() == 13
    assert guide.open_button.isVisible()
    qtbot.mouseClick(guide.open_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 0
    status = window.current_status()
    assert status is not None
    assert status.code == 409


def test_back_and_earlier_answers(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.show_decision_guide()
    guide = window.tabs.decision_guide
    assert not guide.back_button.isEnabled()
    click_answer(qtbot, guide, "No, something went wrong")
    click_answer(qtbot, guide, "The request's")
    click_answer(qtbot, guide, "No")  # not rate limited
    click_answer(qtbot, guide, "No")  # not too large
    click_answer(qtbot, guide, "No, or the credentials are invalid or expired")
    assert "401 Unauthorized" in question(guide)
    qtbot.mouseClick(guide.back_button, Qt.MouseButton.LeftButton)
    assert "authenticated" in question(guide)
    # Any earlier question can be answered again from the list.
    first = guide.history.item(0)
    rect = guide.history.visualItemRect(first)
    qtbot.mouseClick(guide.history.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "Did the request succeed?" in question(guide)
    assert guide.steps == []
    click_answer(qtbot, guide, "Yes")
    click_answer(qtbot, guide, "The client should go to another URL")
    click_answer(qtbot, guide, "Yes")
    click_answer(qtbot, guide, "Yes")
    assert "308 Permanent Redirect" in question(guide)
    qtbot.mouseClick(guide.restart_button, Qt.MouseButton.LeftButton)
    assert "Did the request succeed?" in question(guide)


def test_keyboard_only(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.show_decision_guide()
    guide = window.tabs.decision_guide
    first = guide.answer_buttons()[0]
    assert first.hasFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert "What is the result?" in question(guide)


def test_the_ending_offers_alternatives_and_links(qtbot: QtBot, window: MainWindow) -> None:
    """Issue 23, item 17: the ending repeated the phrase, offered no alternatives and left
    the page mostly empty."""
    window.tabs.show_decision_guide()
    guide = window.tabs.decision_guide
    for label in ("No, something went wrong", "The request's", "Yes"):  # rate limited
        click_answer(qtbot, guide, label)
    assert guide.result is not None
    code = guide.result.code
    assert code == 429
    heading = question(guide)
    assert "429 Too Many Requests" in heading
    assert "Too Many Requests" not in guide.open_button.text()
    result = guide.result_label
    assert result.isVisible()
    assert "Also consider" in result.text()
    assert "503 Service Unavailable" in result.text()
    with qtbot.waitSignal(guide.codeRequested) as opened:
        result.linkActivated.emit("status:503")
    assert opened.args == [503]
    guide.back()
    assert not result.isVisible()


def test_the_ending_says_where_the_other_answers_lead(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.show_decision_guide()
    guide = window.tabs.decision_guide
    for label in TO_409:
        click_answer(qtbot, guide, label)
    assert guide.result is not None
    assert guide.result.code == 409
    text = guide.result_label.text()
    assert "Had you answered otherwise" in text
    assert "409 Conflict</a>" not in text.split("Had you answered otherwise", 1)[1]
