"""One window per user: where a running window listens, and handing it a request without Qt.

A launch that finds a running window sends it one JSON line, such as {"open": "404"}, and reads
one JSON line back, {"ok": true, "code": 404} or {"ok": false, "error": "...", "exit": 1}. The
request also carries the tokens the desktop gave this launch for taking the focus
({"activation": {"XDG_ACTIVATION_TOKEN": "..."}}), so that the running window may use them. The
window listens on a Unix socket in the user's runtime folder (ui/instance_server.py). Python's
socket module has no AF_UNIX on Windows: there the window listens with Qt's QLocalServer on a
named pipe (ui/instance_local_server.py), and a launch opens the pipe as a file.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
import sys
import time
from collections.abc import Callable
from typing import Any, Protocol

from http_status_browser.desktop.display import display_configured


class Stream(Protocol):
    """What the pipe client needs of an open pipe (a FileIO; a stand-in in tests)."""

    def write(self, data: bytes, /) -> int | None: ...
    def read(self, size: int, /) -> bytes | None: ...
    def close(self) -> None: ...


SOCKET_NAME = "http-status-browser"
# HTTPSTATUS_INSTANCE_SERVER=qt makes the window listen with QLocalServer, as on Windows, on the
# same Unix socket: so that the Qt side of the Windows transport runs in tests on Linux.
INSTANCE_SERVER_ENV = "HTTPSTATUS_INSTANCE_SERVER"
PIPE_PREFIX = "\\\\.\\pipe\\"
# CreateFile's answer when every instance of the pipe is serving another launch (winerror.h).
ERROR_PIPE_BUSY = 231
PIPE_RETRY_S = 0.02
MAX_MESSAGE_BYTES = 4096
# A running window answers within an event-loop turn, or once it has painted its first frame
# when it is still starting; one that does not is hung, and the launch opens a window of its
# own after saying so.
ANSWER_TIMEOUT_S = 5.0
# What a launcher sets for the process it starts, so that its window may take the focus:
# Wayland's xdg-activation token, and the X11 startup-notification id.
ACTIVATION_VARIABLES = ("XDG_ACTIVATION_TOKEN", "DESKTOP_STARTUP_ID")
# Real tokens are a few dozen characters (a UUID, or "app/host/pid-seq_TIME1234"): room to spare,
# and both fit in one request with the code.
MAX_TOKEN_CHARS = 512


def token_problem(value: object) -> str | None:
    """Why `value` is no activation token, or None when it is one. Tokens come from another
    process and go into this one's environment: non-empty printable ASCII, bounded."""
    if not isinstance(value, str):
        return f"not a string: {type(value).__name__}"
    if not value:
        return "empty"
    if len(value) > MAX_TOKEN_CHARS:
        return f"{len(value)} characters, more than {MAX_TOKEN_CHARS}"
    if not (value.isascii() and value.isprintable()):
        return f"not printable ASCII: {value[:40]!r}"
    return None


def launch_tokens(environ: dict[str, str] | os._Environ[str] | None = None) -> dict[str, str]:
    """The activation tokens the desktop gave this launch, well-formed ones only."""
    environ = os.environ if environ is None else environ
    tokens = {name: environ.get(name, "") for name in ACTIVATION_VARIABLES}
    return {name: value for name, value in tokens.items() if token_problem(value) is None}


def checked_tokens(activation: object) -> tuple[dict[str, str], list[str]]:
    """The usable tokens of a request's "activation" entry, and why any others were dropped."""
    if activation is None:
        return {}, []
    if not isinstance(activation, dict):
        return {}, [f"activation is not an object: {type(activation).__name__}"]
    tokens: dict[str, str] = {}
    problems = []
    for name, value in activation.items():
        problem = token_problem(value) if name in ACTIVATION_VARIABLES else "unknown name"
        if problem is None:
            tokens[name] = value
        else:
            problems.append(f"{str(name)[:40]!r}: {problem}")
    return tokens, problems


def socket_path(environ: dict[str, str] | os._Environ[str] | None = None) -> str | None:
    """The per-user socket: in XDG_RUNTIME_DIR (private to the user), else the temp folder
    with the user id in its name; None where Unix sockets are not available."""
    if not hasattr(socket, "AF_UNIX") or not hasattr(os, "getuid"):
        return None
    environ = os.environ if environ is None else environ
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isdir(runtime):
        return os.path.join(runtime, f"{SOCKET_NAME}.sock")
    temp = environ.get("TMPDIR", "") or "/tmp"
    return os.path.join(temp, f"{SOCKET_NAME}-{os.getuid()}.sock")


def uses_qt_server(environ: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """Whether the window listens with Qt's QLocalServer rather than a socket bound before Qt:
    on Windows, or where HTTPSTATUS_INSTANCE_SERVER=qt asks for it."""
    environ = os.environ if environ is None else environ
    return sys.platform == "win32" or environ.get(INSTANCE_SERVER_ENV) == "qt"


def pipe_name(environ: dict[str, str] | os._Environ[str] | None = None) -> str:
    """The per-user named pipe on Windows. Pipe names are machine-wide, so the user's name is
    in it; the window also limits the pipe's access list to its user (UserAccessOption)."""
    environ = os.environ if environ is None else environ
    user = "".join(c for c in environ.get("USERNAME", "") if c.isalnum() or c in "-_.")
    return f"{PIPE_PREFIX}{SOCKET_NAME}-{user or 'user'}"


def server_name(environ: dict[str, str] | os._Environ[str] | None = None) -> str | None:
    """Where the window's QLocalServer listens: the pipe on Windows, else the socket's path
    (QLocalServer takes a full path as it is)."""
    return pipe_name(environ) if sys.platform == "win32" else socket_path(environ)


def owned_by_user(path: str) -> bool:
    """True when `path` exists and belongs to this user: in a shared temp folder another user
    could have put a socket there."""
    try:
        return os.stat(path).st_uid == os.getuid()
    except OSError:
        return False


def message_line(message: dict[str, Any]) -> bytes:
    """One message of the protocol, a request or an answer: a JSON object on one line."""
    # json is imported when a message is made or read: the window binds its socket before
    # Qt starts and answers only after its first frame, which does not need json.
    import json  # noqa: PLC0415

    return json.dumps(message).encode("utf-8") + b"\n"


def line_complete(data: bytes) -> bool:
    """Whether `data` holds a whole message: a line, or as much as any side reads."""
    return data.endswith(b"\n") or len(data) >= MAX_MESSAGE_BYTES


def read_line(read: Callable[[int], bytes | None]) -> bytes:
    """Read one answer line (bounded) with `read`, until a newline or the end."""
    data = b""
    while not line_complete(data):
        chunk = read(MAX_MESSAGE_BYTES)
        if not chunk:
            break
        data += chunk
    return data


def _answer(data: bytes) -> dict[str, Any] | None:
    import json  # noqa: PLC0415  (see message_line)

    try:
        answer = json.loads(data)
    except ValueError:
        sys.stderr.write(f"{SOCKET_NAME}: the running window answered {data[:80]!r}\n")
        return None
    return answer if isinstance(answer, dict) else None


def send_request(
    request: dict[str, Any], path: str | None = None, timeout: float = ANSWER_TIMEOUT_S
) -> dict[str, Any] | None:
    """Send one request to the running window; its answer, or None when no window listens
    (no socket, or a stale one left by a window that crashed)."""
    if sys.platform == "win32":
        return send_over_pipe(request, path or pipe_name(), timeout)
    path = path or socket_path()
    if path is None or not owned_by_user(path):
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.settimeout(timeout)
        connection.connect(path)
        connection.sendall(message_line(request))
        data = read_line(connection.recv)
    except (FileNotFoundError, ConnectionRefusedError):
        return None  # nobody listens: the caller opens the window itself
    except OSError as error:
        sys.stderr.write(f"{SOCKET_NAME}: the running window did not answer ({error})\n")
        return None
    finally:
        connection.close()
    return _answer(data)


def open_pipe(name: str, timeout: float) -> Stream | None:
    """Open the window's pipe for reading and writing (CreateFile on a byte-mode pipe), or None
    when no window listens. There is no stale pipe to detect: a pipe vanishes with the last
    handle of the process that made it. While every instance serves another launch, CreateFile
    fails with ERROR_PIPE_BUSY (which open() reports as EINVAL): try again until `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return open(name, "r+b", buffering=0)  # closed by the caller
        except FileNotFoundError:
            return None  # nobody listens: the caller opens the window itself
        except OSError as error:
            busy = getattr(error, "winerror", None) == ERROR_PIPE_BUSY or error.errno in (
                errno.EINVAL,
                errno.EBUSY,
            )
            if not busy or time.monotonic() >= deadline:
                sys.stderr.write(f"{SOCKET_NAME}: cannot reach the running window ({error})\n")
                return None
        time.sleep(PIPE_RETRY_S)


def exchange(stream: Stream, request: dict[str, Any]) -> bytes:
    """Write the request line to an open pipe and read the answer line back."""
    line = message_line(request)
    written = stream.write(line)
    if written is not None and written != len(line):
        raise OSError(f"wrote {written} of {len(line)} bytes")
    return read_line(stream.read)


def send_over_pipe(
    request: dict[str, Any], name: str, timeout: float = ANSWER_TIMEOUT_S
) -> dict[str, Any] | None:
    """send_request on Windows: the same JSON lines over the window's named pipe."""
    stream = open_pipe(name, timeout)
    if stream is None:
        return None
    outcome: list[bytes | OSError] = []

    def talk() -> None:
        try:
            outcome.append(exchange(stream, request))
        except OSError as error:
            outcome.append(error)

    # A read on a pipe opened without overlapped I/O has no timeout of its own: it runs on a
    # thread, and a window that does not answer in time is left to it (the thread ends with
    # this short-lived process; closing the handle under a blocked read could block too).
    import threading  # noqa: PLC0415  (only on this path: 1-2 ms)

    thread = threading.Thread(target=talk, name="pipe-request", daemon=True)
    thread.start()
    thread.join(timeout)
    if not outcome:
        sys.stderr.write(f"{SOCKET_NAME}: the running window did not answer in {timeout:g} s\n")
        return None
    stream.close()
    if isinstance(outcome[0], OSError):
        sys.stderr.write(f"{SOCKET_NAME}: the running window did not answer ({outcome[0]})\n")
        return None
    return _answer(outcome[0])


# AllowSetForegroundWindow's "any process" (winuser.h: (DWORD)-1).
ASFW_ANY = -1


def allow_foreground() -> bool:
    """Windows' counterpart of the activation token: only the process in the foreground (this
    launch, just started by the user) may let another take the foreground, which the window
    then does with SetForegroundWindow (Qt's activateWindow). Without it Windows only flashes
    the window's task bar button. False when Windows refuses (this launch was not in the
    foreground either): the hand-over goes ahead all the same."""
    import ctypes  # noqa: PLC0415  (Windows only)

    user32 = ctypes.windll.user32  # type: ignore[attr-defined,unused-ignore]
    return bool(user32.AllowSetForegroundWindow(ASFW_ANY))


def hand_over(code: str | None, path: str | None = None, prog: str = SOCKET_NAME) -> int | None:
    """Ask a running window to come forward on `code`; the exit status when one did, None
    when the caller should open a window of its own (or say why it cannot). A launch without a
    display, as in an SSH session, never brings a window forward on someone's screen."""
    if not display_configured(os.environ):
        return None
    request: dict[str, Any] = {"open": code}
    tokens = launch_tokens()
    if tokens:
        request["activation"] = tokens
    if sys.platform == "win32":
        allow_foreground()
    answer = send_request(request, path)
    if answer is None:
        return None
    if answer.get("ok") is True:
        return 0
    sys.stderr.write(f"{prog}: {answer.get('error', 'the running window refused the request')}\n")
    exit_status = answer.get("exit")
    return exit_status if isinstance(exit_status, int) else 2


class BoundSocket:
    """The running window's listening socket, bound before Qt starts: a launch during the
    window's start-up connects and waits for its answer instead of opening a second window."""

    def __init__(self, server: socket.socket, path: str) -> None:
        self.socket = server
        self.path = path
        self._inode = os.stat(path).st_ino
        self._closed = False

    def accept(self) -> socket.socket | None:
        """The next waiting connection, or None when there is none."""
        try:
            connection, _ = self.socket.accept()
        except BlockingIOError:
            return None
        return connection

    def close(self) -> None:
        """Stop listening and remove the socket, unless another window has replaced it."""
        if self._closed:
            return
        self._closed = True
        self.socket.close()
        try:
            if os.stat(self.path).st_ino == self._inode:
                os.unlink(self.path)
        except OSError as error:
            sys.stderr.write(f"{SOCKET_NAME}: socket {self.path} already gone ({error})\n")


def _accepts_connections(path: str) -> bool:
    """True when something listens at `path`; a socket left by a crash refuses connections."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.settimeout(ANSWER_TIMEOUT_S)
        probe.connect(path)
    except OSError:
        return False
    finally:
        probe.close()
    return True


def free_for_listening(path: str) -> bool:
    """Whether a window may listen at `path`: nothing there, or a stale socket, which is
    removed. Not when a live window (perhaps still starting) answers there, or when the path
    is not this user's socket."""
    if not os.path.lexists(path):
        return True
    if not owned_by_user(path) or not stat.S_ISSOCK(os.lstat(path).st_mode):
        sys.stderr.write(f"{SOCKET_NAME}: not listening: {path} is not your socket\n")
        return False
    if _accepts_connections(path):
        return False
    os.unlink(path)  # stale: its window crashed
    return True


def bind_socket(path: str | None = None) -> BoundSocket | None:
    """Listen on the per-user socket; None when another window already answers there or the
    socket cannot be made. A stale socket (its window crashed) is replaced."""
    path = path or socket_path()
    if path is None:
        return None
    if not free_for_listening(path):
        return None
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        # Only this user may connect, also where the socket is in a shared temp folder.
        old_mask = os.umask(0o077)
        try:
            server.bind(path)
        finally:
            os.umask(old_mask)
        server.listen(8)
    except OSError as error:
        server.close()
        sys.stderr.write(f"{SOCKET_NAME}: not listening on {path}: {error}\n")
        return None
    server.setblocking(False)
    return BoundSocket(server, path)
