"""One window per user: later launches hand their request to the running window and exit 0."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from http_status_browser.desktop.instance import bind_socket, hand_over, send_request, socket_path
from http_status_browser.registry.model import Registry
from http_status_browser.ui.instance_server import InstanceServer, request_handler


class Opened:
    def __init__(self) -> None:
        self.codes: list[int | None] = []
        self.current: int | None = 200

    def bring_forward(self, code: int | None) -> None:
        self.codes.append(code)
        if code is not None:
            self.current = code


def test_socket_path_is_per_user(tmp_path: Path) -> None:
    assert socket_path({"XDG_RUNTIME_DIR": str(tmp_path)}) == str(
        tmp_path / "http-status-browser.sock"
    )
    fallback = socket_path({"XDG_RUNTIME_DIR": str(tmp_path / "missing"), "TMPDIR": "/var/tmp"})
    assert fallback == f"/var/tmp/http-status-browser-{os.getuid()}.sock"


@pytest.mark.parametrize(
    ("request_", "answer", "opened"),
    [
        ({"open": "404"}, {"ok": True, "code": 404}, [404]),
        ({"open": None}, {"ok": True, "code": None}, [None]),
        ({"ping": True}, {"ok": True, "code": 200}, []),
        ({"open": "299"}, {"ok": False, "exit": 1}, []),
        ({"open": "4o4"}, {"ok": False, "exit": 2}, []),
        ({"open": 404}, {"ok": False, "exit": 2}, []),
        ({"shutdown": True}, {"ok": False, "exit": 2}, []),
    ],
)
def test_request_handler(
    qtbot: QtBot,
    registry: Registry,
    request_: dict[str, Any],
    answer: dict[str, Any],
    opened: list[int],
) -> None:
    window = Opened()
    handle = request_handler(registry, window.bring_forward, lambda: window.current)
    got = handle(request_)
    assert {key: got[key] for key in answer} == answer
    # The window follows right after answering, in the next event-loop turn.
    qtbot.waitUntil(lambda: window.codes == opened, timeout=5_000)
    if not got["ok"]:
        assert got["error"]


def test_nobody_listening_means_open_a_window(runtime_dir: Path) -> None:
    assert hand_over("404") is None
    stale = runtime_dir / "http-status-browser.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(str(stale))  # bound, never listening: what a crashed window leaves
    assert stale.exists()
    assert hand_over("404") is None


def test_server_replaces_a_stale_socket_and_answers(
    qtbot: QtBot, registry: Registry, runtime_dir: Path
) -> None:
    path = str(runtime_dir / "http-status-browser.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(path)
    bound = bind_socket()
    assert bound is not None
    assert bind_socket() is None  # bound and listening: taken, though nothing answers yet
    # A launch while the window is still starting connects and waits for its answer.
    answers: list[int | None] = []
    client = threading.Thread(target=lambda: answers.append(hand_over("429")))
    client.start()
    window = Opened()
    server = InstanceServer(
        bound, request_handler(registry, window.bring_forward, lambda: window.current)
    )
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    client.join(timeout=10)
    assert answers == [0]
    qtbot.waitUntil(lambda: window.codes == [429], timeout=5_000)
    server.close()
    assert not os.path.exists(path)


def start_window(code: str, env: dict[str, str], *flags: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "http_status_browser", "open", code, *flags],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_window(path: str, process: subprocess.Popen[str]) -> dict[str, Any]:
    """Poll until the window started by `process` answers on `path` (bounded)."""
    for _ in range(600):
        answer = send_request({"state": True}, path, timeout=5)
        if answer is not None:
            return answer
        assert process.poll() is None, process.communicate()
        time.sleep(0.1)
    pytest.fail("the window never listened")


def current_code(path: str, expected: int) -> int | None:
    """The running window's code once it shows `expected` (it answers, then navigates)."""
    answer: dict[str, Any] | None = None
    for _ in range(100):
        answer = send_request({"state": True}, path)
        if answer is not None and answer.get("code") == expected:
            break
        time.sleep(0.05)
    return answer.get("code") if answer else None


def run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("server", ["socket", "qt"])
def test_two_real_processes(runtime_dir: Path, server: str) -> None:
    """Both window sides: the socket bound before Qt, and QLocalServer (Windows' transport,
    here on a Unix socket) selected by HTTPSTATUS_INSTANCE_SERVER=qt."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(runtime_dir)}
    env["HTTPSTATUS_INSTANCE_SERVER"] = server
    path = str(runtime_dir / "http-status-browser.sock")
    first = start_window("200", env)
    replacement: subprocess.Popen[str] | None = None
    try:
        assert wait_for_window(path, first)["code"] == 200

        second = run(["http_status_browser", "open", "404"], env)
        assert (second.returncode, second.stdout, second.stderr) == (0, "", "")
        assert current_code(path, 404) == 404

        desktop = run(["http_status_browser.gui", "418"], env)  # the http-status-browser launcher
        assert (desktop.returncode, desktop.stderr) == (0, "")
        assert current_code(path, 418) == 418

        unknown = run(["http_status_browser", "open", "299"], env)
        assert unknown.returncode == 1
        assert "no status code 299" in unknown.stderr

        # --new-window opens its own window (here a smoke test that quits once painted).
        own = run(["http_status_browser", "open", "404", "--new-window", "--smoke-test"], env)
        assert own.returncode == 0
        assert '"shown": true' in own.stdout

        first.terminate()  # like a crash: no clean-up, the socket stays behind
        first.communicate(timeout=30)
        assert os.path.exists(path)
        replacement = start_window("500", env)
        assert wait_for_window(path, replacement)["code"] == 500
    finally:
        for process in (first, replacement):
            if process is not None and process.poll() is None:
                process.kill()
                process.communicate(timeout=30)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], ["open"]),
        (["404"], ["open", "404"]),
        (["--new-window", "429"], ["open", "--new-window", "429"]),
        (["show", "404"], ["show", "404"]),
        (["--version"], ["--version"]),
    ],
)
def test_desktop_launcher_arguments(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], expected: list[str]
) -> None:
    from http_status_browser import gui
    from http_status_browser.cli import main as cli

    seen: list[list[str]] = []
    monkeypatch.setattr(cli, "main", lambda args: seen.append(list(args)) or 0)
    assert gui.main(argv) == 0
    assert seen == [expected]


def test_no_hand_over_without_a_display(monkeypatch: pytest.MonkeyPatch, runtime_dir: Path) -> None:
    """In an SSH session (no DISPLAY), a launch says there is no display, as before; it does
    not bring the window forward on the desktop's screen."""
    bound = bind_socket()
    assert bound is not None
    try:
        monkeypatch.setattr(sys, "platform", "linux")
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            monkeypatch.delenv(name, raising=False)
        assert hand_over("404") is None
        assert bound.accept() is None  # it did not even connect
    finally:
        bound.close()


@pytest.mark.parametrize(
    ("argv", "handed", "ran"),
    [
        ([], [None], []),
        (["open"], [None], []),
        (["open", "404"], ["404"], []),
        (["open", "404", "--new-window"], [], ["open"]),
        (["open", "--smoke-test"], [], ["open"]),
        (["--registry", "codes.json", "open"], [], ["open"]),
        (["show", "404"], [], ["show"]),
        (["404"], [], ["show"]),
    ],
)
def test_which_httpstatus_lines_go_to_a_running_window(
    monkeypatch: pytest.MonkeyPatch,
    registry: Registry,
    argv: list[str],
    handed: list[str | None],
    ran: list[str],
) -> None:
    from http_status_browser import httpstatus
    from http_status_browser.cli import main as cli
    from http_status_browser.desktop import instance

    asked: list[str | None] = []
    monkeypatch.setattr(instance, "hand_over", lambda code, prog: asked.append(code) or 0)
    commands: list[str] = []
    monkeypatch.setattr(cli, "load_registry", lambda path: registry)
    monkeypatch.setattr(cli, "_command_open", lambda *_: commands.append("open") or 7)
    monkeypatch.setattr(cli, "_command_show", lambda *_: commands.append("show") or 7)
    assert httpstatus.main(argv) == (0 if handed else 7)
    assert (asked, commands) == (handed, ran)


def test_a_launch_that_finds_no_window_opens_one(
    monkeypatch: pytest.MonkeyPatch, runtime_dir: Path
) -> None:
    """Nobody listens: the launch line opens a window of its own, listening for later ones."""
    from http_status_browser.cli import main as cli
    from http_status_browser.ui import launch

    opened: list[tuple[int | None, bool]] = []

    def run_gui(registry: Registry, code: int | None, **options: Any) -> int:
        opened.append((code, options["single_instance"]))
        return 0

    monkeypatch.setattr(launch, "run_gui", run_gui)
    assert cli.main(["open", "404"]) == 0
    assert cli.main(["open", "404", "--new-window"]) == 0
    assert opened == [(404, True), (404, False)]


@pytest.mark.parametrize(
    ("entry", "argv"),
    [("http_status_browser.httpstatus", ["open", "404"]), ("http_status_browser.gui", ["404"])],
)
def test_a_launch_without_a_window_asks_once(
    monkeypatch: pytest.MonkeyPatch, entry: str, argv: list[str]
) -> None:
    """No window runs: the entry point's attempt is the only one before the window opens."""
    from importlib import import_module

    from http_status_browser.desktop import instance
    from http_status_browser.ui import launch

    asked: list[str | None] = []
    monkeypatch.setattr(instance, "hand_over", lambda code, prog: asked.append(code))
    opened: list[int | None] = []
    monkeypatch.setattr(launch, "run_gui", lambda registry, code, **_: opened.append(code) or 0)
    assert import_module(entry).main(argv) == 0
    assert (asked, opened) == (["404"], [404])


def test_handing_over_loads_no_registry_and_no_qt() -> None:
    """`httpstatus open 404` reaches the running window before the registry is loaded and
    before Qt is imported: what makes it cheaper than `httpstatus show 404`."""
    code = (
        "import sys, http_status_browser.desktop.instance\n"
        "http_status_browser.desktop.instance.hand_over = lambda code, prog: 0\n"
        "import http_status_browser.cli.main as cli\n"
        "def refuse(path): raise AssertionError('the registry was loaded')\n"
        "cli.load_registry = refuse\n"
        "from http_status_browser.httpstatus import main\n"
        "assert main(['open', '404']) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'json'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "[]\n", "")
