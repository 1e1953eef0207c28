"""A launch's focus token reaches the running window: Wayland's xdg-activation token is in the
environment exactly while the window asks to be activated, and never after."""

from __future__ import annotations

import logging
import os
import threading
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from http_status_browser.desktop.instance import (
    MAX_TOKEN_CHARS,
    bind_socket,
    checked_tokens,
    hand_over,
    launch_tokens,
    token_problem,
)
from http_status_browser.registry.model import Registry
from http_status_browser.ui.instance_server import (
    InstanceServer,
    forward_with_token,
    request_handler,
)
from http_status_browser.ui.launch import bring_forward
from http_status_browser.ui.window import MainWindow

TOKEN = "kwin-0c7f3a9e-5b1d-4e7a-9d2f-1a2b3c4d5e6f"
STARTUP_ID = "gnome-shell/http-status-browser/4242-0-host_TIME123456"


@pytest.fixture
def no_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("XDG_ACTIVATION_TOKEN", "DESKTOP_STARTUP_ID"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (TOKEN, None),
        (STARTUP_ID, None),
        ("x" * MAX_TOKEN_CHARS, None),
        ("x" * (MAX_TOKEN_CHARS + 1), "more than"),
        ("", "empty"),
        ("token\nLD_PRELOAD=/tmp/x", "not printable"),
        ("tök", "not printable"),
        (42, "not a string"),
        (None, "not a string"),
    ],
)
def test_token_problem(value: object, problem: str | None) -> None:
    found = token_problem(value)
    assert found == problem if problem is None else problem in (found or "")


@given(st.text(max_size=MAX_TOKEN_CHARS + 20))
def test_any_accepted_token_is_bounded_printable_ascii(text: str) -> None:
    if token_problem(text) is None:
        assert 0 < len(text) <= MAX_TOKEN_CHARS
        assert all(" " <= char <= "~" for char in text)


def test_launch_tokens_come_from_the_environment() -> None:
    environ = {"XDG_ACTIVATION_TOKEN": TOKEN, "DESKTOP_STARTUP_ID": "bad\x00id", "HOME": "/h"}
    assert launch_tokens(environ) == {"XDG_ACTIVATION_TOKEN": TOKEN}
    assert launch_tokens({}) == {}


def test_checked_tokens_keeps_the_good_and_says_why_not() -> None:
    tokens, problems = checked_tokens(
        {"XDG_ACTIVATION_TOKEN": TOKEN, "DESKTOP_STARTUP_ID": 7, "LD_PRELOAD": "x"}
    )
    assert tokens == {"XDG_ACTIVATION_TOKEN": TOKEN}
    assert len(problems) == 2
    assert checked_tokens(None) == ({}, [])
    assert checked_tokens("token")[1] == ["activation is not an object: str"]


def test_the_launch_sends_its_tokens(
    qtbot: QtBot,
    registry: Registry,
    runtime_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two sides over a real socket: what the window's handler receives from hand_over."""
    monkeypatch.setenv("XDG_ACTIVATION_TOKEN", TOKEN)
    monkeypatch.setenv("DESKTOP_STARTUP_ID", STARTUP_ID)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # a display, for hand_over
    bound = bind_socket()
    assert bound is not None
    received: list[dict[str, Any]] = []
    handle = request_handler(registry, lambda code: None, lambda: None)

    def record(request: dict[str, Any]) -> dict[str, Any]:
        received.append(request)
        return handle(request)

    server = InstanceServer(bound, record)
    answers: list[int | None] = []
    client = threading.Thread(target=lambda: answers.append(hand_over("404")))
    client.start()
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    client.join(timeout=10)
    server.close()
    assert answers == [0]
    assert received == [
        {
            "open": "404",
            "activation": {"XDG_ACTIVATION_TOKEN": TOKEN, "DESKTOP_STARTUP_ID": STARTUP_ID},
        }
    ]


def watch_activation(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """XDG_ACTIVATION_TOKEN as Qt would read it when the window asks to be activated."""
    seen: list[str | None] = []
    activate = window.activateWindow

    def activate_and_record() -> None:
        seen.append(os.environ.get("XDG_ACTIVATION_TOKEN"))
        activate()

    monkeypatch.setattr(window, "activateWindow", activate_and_record)
    return seen


@pytest.mark.usefixtures("no_tokens")
def test_the_window_applies_the_token_while_it_activates(
    qtbot: QtBot, registry: Registry, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = watch_activation(window, monkeypatch)
    handle = request_handler(registry, partial(bring_forward, window), lambda: None)
    answer = handle({"open": "429", "activation": {"XDG_ACTIVATION_TOKEN": TOKEN}})
    assert answer == {"ok": True, "code": 429}
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert seen == [TOKEN]
    assert window.current_status() is not None
    assert window.current_status().code == 429  # type: ignore[union-attr]
    assert "XDG_ACTIVATION_TOKEN" not in os.environ  # nothing stale for the next activation

    handle({"open": "404"})  # a launch without a token: none is invented or reused
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5_000)
    assert seen == [TOKEN, None]


@pytest.mark.usefixtures("no_tokens")
def test_a_malformed_token_is_ignored_with_a_message(
    qtbot: QtBot,
    registry: Registry,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen = watch_activation(window, monkeypatch)
    handle = request_handler(registry, partial(bring_forward, window), lambda: None)
    with caplog.at_level(logging.WARNING, logger="http_status_browser.ui.instance_server"):
        answer = handle({"open": "404", "activation": {"XDG_ACTIVATION_TOKEN": "a\nb"}})
    assert answer["ok"] is True  # the code still opens; only the token is dropped
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert seen == [None]
    assert "activation token ignored" in caplog.text
    assert "not printable ASCII" in caplog.text


@pytest.mark.usefixtures("no_tokens")
def test_the_token_is_removed_when_bringing_forward_fails() -> None:
    def broken(code: int | None) -> None:
        assert os.environ.get("XDG_ACTIVATION_TOKEN") == TOKEN
        raise RuntimeError("window gone")

    with pytest.raises(RuntimeError):
        forward_with_token(broken, 404, {"XDG_ACTIVATION_TOKEN": TOKEN})
    assert "XDG_ACTIVATION_TOKEN" not in os.environ
