"""Starting the window where it cannot run: one clear line, exit status 2, no Qt abort."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from http_status_browser.desktop.display import x_display_answers
from http_status_browser.ui import launch
from tests.loaded_modules import run_fresh


def test_no_display_subprocess() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(
        [sys.executable, "-m", "http_status_browser"],
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
        [sys.executable, "-m", "http_status_browser", "open", "299"],
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
    monkeypatch.setattr(launch, "x_display_answers", lambda display: True)
    monkeypatch.setattr(launch, "missing_libraries", lambda platform: ["libxcb-cursor.so.0"])
    with pytest.raises(launch.CannotStartError, match="apt-get install libxcb-cursor0"):
        launch.check_environment({"DISPLAY": ":0"})


def test_headless_platforms_need_no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    launch.check_environment({"QT_QPA_PLATFORM": "offscreen"})


def test_wayland_session_is_a_display(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(launch, "missing_libraries", lambda platform: ["libxcb.so.1"])
    with listening(tmp_path / "wayland-0"):
        launch.check_environment({"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path)})


@contextmanager
def listening(path: Path) -> Iterator[None]:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen(1)
        yield


def silent_display() -> str:
    """A display number nothing answers on (one of this worktree's test displays)."""
    for number in range(194, 200):
        if not x_display_answers(f":{number}"):
            return f":{number}"
    pytest.skip("every test display is in use")


def run_app(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    """`python -m http_status_browser ARGV`, then whether Qt was imported, on the last line of
    stdout."""
    code = (
        "import sys\nfrom http_status_browser.cli.main import main\nstatus = main(sys.argv[1:])\n"
        "print('qt imported' if 'PySide6' in sys.modules else 'no qt')\nsys.exit(status)"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("platform", ["", "xcb", "wayland;xcb"])
def test_display_that_does_not_answer(platform: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
    env.update(DISPLAY=silent_display(), QT_QPA_PLATFORM=platform)
    result = run_app(env)
    assert result.returncode == launch.EXIT_CANNOT_START
    assert result.stdout == "no qt\n"
    [line] = result.stderr.splitlines()
    assert "cannot reach the display" in line
    assert f"DISPLAY={env['DISPLAY']}" in line
    assert "httpstatus show 404" in line


def test_wayland_display_that_leads_nowhere(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env.update(WAYLAND_DISPLAY="wayland-9", XDG_RUNTIME_DIR=str(tmp_path))
    result = run_app(env, "open", "404")
    assert result.returncode == launch.EXIT_CANNOT_START
    assert result.stdout == "no qt\n"
    [line] = result.stderr.splitlines()
    assert "cannot reach the display (WAYLAND_DISPLAY=wayland-9" in line


def test_x_display_answers_on_a_unix_socket(tmp_path: Path) -> None:
    assert not x_display_answers(":7", socket_dir=str(tmp_path))
    with listening(tmp_path / "X7"):
        assert x_display_answers(":7", socket_dir=str(tmp_path))
        assert x_display_answers("unix:7.0", socket_dir=str(tmp_path))
        assert not x_display_answers(":8", socket_dir=str(tmp_path))


def test_x_display_answers_over_tcp() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        for number in range(300, 400):
            try:
                server.bind(("127.0.0.1", 6000 + number))
            except OSError:
                continue
            break
        else:
            pytest.skip("no free port in 6300-6399")
        server.listen(1)
        assert x_display_answers(f"127.0.0.1:{number}.0")
        assert x_display_answers(f"tcp/127.0.0.1:{number}")
    assert not x_display_answers(f"127.0.0.1:{number}")


@pytest.mark.parametrize("display", ["", ":", "nonsense", ":x", "host:"])
def test_malformed_display_does_not_answer(display: str) -> None:
    assert not x_display_answers(display)


JSON_AT_FIRST_PAINT = """
import sys
import http_status_browser.ui.launch as launch
from http_status_browser.registry import builtin_registry

import http_status_browser.ui.firstpaint as firstpaint
original = firstpaint._FirstPaint.eventFilter

def spy(self, watched, event):
    from PySide6.QtCore import QEvent
    if event.type() == QEvent.Type.Paint and not hasattr(firstpaint, "seen"):
        firstpaint.seen = "json" in sys.modules
    return original(self, watched, event)

firstpaint._FirstPaint.eventFilter = spy
launch.run_gui(builtin_registry(), smoke_linger=0, single_instance=True)
sys.stderr.write(f"json at the first paint: {firstpaint.seen}\\n")
"""


def test_the_first_frame_of_a_single_instance_needs_no_json(tmp_path: Path) -> None:
    # The window binds its socket before Qt starts, and reads requests only after its first
    # frame: json (not imported by Qt) waits until then.
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    # A first run reads the JSON data and keeps its compiled copy (registry/cache.py).
    run_fresh(
        "from http_status_browser.registry import builtin_registry\nbuiltin_registry()", env=env
    )
    result = run_fresh(JSON_AT_FIRST_PAINT, without_site=False, env=env)
    assert result.stderr.splitlines()[-1] == "json at the first paint: False"


STEPS_AFTER_FIRST_FRAME = """
import sys
import http_status_browser.ui.launch as launch
from http_status_browser.registry import builtin_registry
from http_status_browser.ui.window import MainWindow

steps = []

def recorded(name, step):
    def run(*args, **kwargs):
        steps.append(name)
        return step(*args, **kwargs)
    return run

launch._serve_later_launches = recorded("instance server", launch._serve_later_launches)
MainWindow.finish_start_up = recorded("finish start-up", MainWindow.finish_start_up)
launch._connect_tray = recorded("tray", launch._connect_tray)
launch._smoke_report = recorded("smoke report", launch._smoke_report)
launch.run_gui(builtin_registry(), smoke_linger=0, single_instance=True)
sys.stderr.write(", ".join(steps) + "\\n")
"""


def test_the_steps_after_the_first_frame_run_in_the_documented_order(tmp_path: Path) -> None:
    # Four separate first-paint filters ran in the reverse order of their installation (Qt
    # activates the last installed filter first): the tray before the instance server.
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    result = run_fresh(STEPS_AFTER_FIRST_FRAME, without_site=False, env=env)
    assert '"shown": true' in result.stdout
    assert result.stderr.splitlines()[-1] == (
        "instance server, finish start-up, tray, smoke report"
    )
