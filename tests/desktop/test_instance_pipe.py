"""The launch's side on Windows: one JSON line over the window's named pipe, opened as a file.

Windows is not available here: `open` is replaced by stand-ins that behave as a pipe does
(byte mode, partial reads, ERROR_PIPE_BUSY while every instance is taken). The window's side
of the same transport (QLocalServer) runs for real in tests/ui/test_instance_local.py.
"""

from __future__ import annotations

import errno
import json
import threading
from collections.abc import Callable
from typing import Any

import pytest

from http_status_browser.desktop import instance
from http_status_browser.desktop.instance import exchange, open_pipe, pipe_name, send_request

NAME = "\\\\.\\pipe\\http-status-browser-ada"


class StandInPipe:
    """An open pipe: records what the launch writes, answers in `chunks`."""

    def __init__(self, chunks: list[bytes], block: threading.Event | None = None) -> None:
        self.written = b""
        self.chunks = list(chunks)
        self.block = block
        self.closed = False

    def write(self, data: bytes) -> int:
        self.written += data
        return len(data)

    def read(self, size: int) -> bytes:
        if self.block is not None:
            self.block.wait(30)  # a window that never answers (released at the test's end)
        return self.chunks.pop(0)[:size] if self.chunks else b""

    def close(self) -> None:
        self.closed = True


def opener(*outcomes: StandInPipe | OSError) -> tuple[Callable[..., StandInPipe], list[str]]:
    """A stand-in for open(): each call gives the next outcome."""
    calls: list[str] = []
    pending = list(outcomes)

    def fake_open(name: str, mode: str, buffering: int) -> StandInPipe:
        assert (mode, buffering) == ("r+b", 0)
        calls.append(name)
        outcome = pending.pop(0) if len(pending) > 1 else pending[0]
        if isinstance(outcome, OSError):
            raise outcome
        return outcome

    return fake_open, calls


def busy() -> OSError:
    """What open() raises for ERROR_PIPE_BUSY: the C runtime maps it to EINVAL."""
    return OSError(errno.EINVAL, "Invalid argument")


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("ada", "\\\\.\\pipe\\http-status-browser-ada"),
        ("Jo Smith", "\\\\.\\pipe\\http-status-browser-JoSmith"),
        ("..\\pipe\\x", "\\\\.\\pipe\\http-status-browser-..pipex"),
        ("", "\\\\.\\pipe\\http-status-browser-user"),
    ],
)
def test_pipe_name_is_per_user(username: str, expected: str) -> None:
    assert pipe_name({"USERNAME": username}) == expected


def test_exchange_writes_one_line_and_reads_the_answer_in_pieces() -> None:
    pipe = StandInPipe([b'{"ok": tr', b'ue, "code": 404}\n', b"ignored"])
    data = exchange(pipe, {"open": "404"})
    assert pipe.written == b'{"open": "404"}\n'
    assert json.loads(data) == {"ok": True, "code": 404}
    assert pipe.chunks == [b"ignored"]  # stops at the end of the line


def test_exchange_stops_at_the_end_or_the_size_limit() -> None:
    assert exchange(StandInPipe([b'{"ok": true}']), {}) == b'{"ok": true}'
    flood = StandInPipe([b"x" * 3000] * 10)
    assert len(exchange(flood, {})) == 6000  # bounded: MAX_MESSAGE_BYTES, then one read


def test_a_short_write_is_an_error() -> None:
    class Short(StandInPipe):
        def write(self, data: bytes) -> int:
            return 3

    with pytest.raises(OSError, match="wrote 3 of"):
        exchange(Short([]), {"open": "404"})


def test_no_pipe_means_no_window(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_open, calls = opener(FileNotFoundError(errno.ENOENT, "No such file"))
    monkeypatch.setattr(instance, "open", fake_open, raising=False)
    assert open_pipe(NAME, timeout=5) is None
    assert calls == [NAME]


def test_a_busy_pipe_is_tried_again(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = StandInPipe([])
    fake_open, calls = opener(busy(), busy(), pipe)
    monkeypatch.setattr(instance, "open", fake_open, raising=False)
    assert open_pipe(NAME, timeout=5) is pipe
    assert len(calls) == 3


def test_a_pipe_busy_for_too_long_gives_up_with_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_open, calls = opener(busy())
    monkeypatch.setattr(instance, "open", fake_open, raising=False)
    assert open_pipe(NAME, timeout=0.1) is None
    assert len(calls) >= 2
    assert "cannot reach the running window" in capsys.readouterr().err


def test_a_pipe_of_another_user_is_refused_at_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_open, calls = opener(PermissionError(errno.EACCES, "Access is denied"))
    monkeypatch.setattr(instance, "open", fake_open, raising=False)
    assert open_pipe(NAME, timeout=5) is None
    assert calls == [NAME]
    assert "Access is denied" in capsys.readouterr().err


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """send_request as it runs on Windows."""
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("USERNAME", "ada")


@pytest.mark.usefixtures("windows")
def test_send_request_goes_over_the_pipe_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = StandInPipe([b'{"ok": true, "code": 429}\n'])
    fake_open, calls = opener(pipe)
    monkeypatch.setattr(instance, "open", fake_open, raising=False)
    request: dict[str, Any] = {"open": "429", "activation": {"XDG_ACTIVATION_TOKEN": "t"}}
    assert send_request(request) == {"ok": True, "code": 429}
    assert calls == [NAME]
    assert json.loads(pipe.written) == request
    assert pipe.closed


@pytest.mark.usefixtures("windows")
def test_a_window_that_does_not_answer_is_given_up(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    release = threading.Event()
    fake_open, _ = opener(StandInPipe([b'{"ok": true}\n'], block=release))
    monkeypatch.setattr(instance, "open", fake_open, raising=False)
    try:
        assert send_request({"open": "404"}, timeout=0.2) is None
    finally:
        release.set()
    assert "did not answer in 0.2 s" in capsys.readouterr().err


@pytest.mark.usefixtures("windows")
@pytest.mark.parametrize(
    ("chunks", "message"),
    [([b"<html>\n"], "answered b'<html>\\n'"), ([], "answered b''")],
)
def test_a_garbled_answer_is_reported(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    chunks: list[bytes],
    message: str,
) -> None:
    fake_open, _ = opener(StandInPipe(chunks))
    monkeypatch.setattr(instance, "open", fake_open, raising=False)
    assert send_request({"open": "404"}) is None
    assert message in capsys.readouterr().err


@pytest.mark.usefixtures("windows")
def test_a_broken_pipe_is_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Broken(StandInPipe):
        def write(self, data: bytes) -> int:
            raise BrokenPipeError(errno.EPIPE, "The pipe is being closed")

    fake_open, _ = opener(Broken([]))
    monkeypatch.setattr(instance, "open", fake_open, raising=False)
    assert send_request({"open": "404"}) is None
    assert "The pipe is being closed" in capsys.readouterr().err


@pytest.mark.usefixtures("windows")
def test_the_launch_lets_the_window_take_the_foreground(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before handing over, AllowSetForegroundWindow(ASFW_ANY): otherwise Windows refuses the
    window's SetForegroundWindow and only flashes its task bar button."""
    import ctypes
    from types import SimpleNamespace

    events: list[str] = []

    def allow(process: int) -> int:
        events.append(f"allow {process}")
        return 1

    user32 = SimpleNamespace(AllowSetForegroundWindow=allow)
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(user32=user32), raising=False)
    pipe = StandInPipe([b'{"ok": true, "code": 404}\n'])

    def fake_open(name: str, mode: str, buffering: int) -> StandInPipe:
        events.append("open pipe")
        return pipe

    monkeypatch.setattr(instance, "open", fake_open, raising=False)
    assert instance.hand_over("404") == 0
    assert events == ["allow -1", "open pipe"]
