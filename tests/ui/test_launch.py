"""Starting the window where it cannot run: one clear line, exit status 2, no Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app.ui import launch


def test_no_display_subprocess() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(
        [sys.executable, "-m", "app"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == launch.EXIT_CANNOT_START
    lines = result.stderr.strip().splitlines()
    assert "no display" in lines[0]
    assert "httpstatus show 404" in result.stderr
    assert "Traceback" not in result.stderr
    assert "qt.qpa" not in result.stderr


def test_open_code_without_display_checks_the_code_first() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(
        [sys.executable, "-m", "app", "open", "299"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "no status code 299" in result.stderr


def test_missing_libraries_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(launch, "missing_libraries", lambda platform: ["libxcb-cursor.so.0"])
    with pytest.raises(launch.CannotStartError, match="apt-get install libxcb-cursor0"):
        launch.check_environment({"DISPLAY": ":0"})


def test_headless_platforms_need_no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    launch.check_environment({"QT_QPA_PLATFORM": "offscreen"})


def test_wayland_session_is_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    launch.check_environment({"WAYLAND_DISPLAY": "wayland-0"})
