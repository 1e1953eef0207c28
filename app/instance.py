"""One window per user: where a running window listens, and handing it a request without Qt.

A launch that finds a running window sends it one JSON line, such as {"open": "404"}, and reads
one JSON line back, {"ok": true, "code": 404} or {"ok": false, "error": "...", "exit": 1}. The
window listens on a Unix socket in the user's runtime folder (app/ui/instance.py). Python's
socket module has no AF_UNIX on Windows: there every launch opens its own window.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from typing import Any

SOCKET_NAME = "http-status-browser"
MAX_MESSAGE_BYTES = 4096
# A running window answers within an event-loop turn; one that does not is hung, and the
# launch opens a window of its own after saying so.
ANSWER_TIMEOUT_S = 2.0


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


def owned_by_user(path: str) -> bool:
    """True when `path` exists and belongs to this user: in a shared temp folder another user
    could have put a socket there."""
    try:
        return os.stat(path).st_uid == os.getuid()
    except OSError:
        return False


def send_request(
    request: dict[str, Any], path: str | None = None, timeout: float = ANSWER_TIMEOUT_S
) -> dict[str, Any] | None:
    """Send one request to the running window; its answer, or None when no window listens
    (no socket, or a stale one left by a window that crashed)."""
    path = path or socket_path()
    if path is None or not owned_by_user(path):
        return None
    data = b""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout)
            connection.connect(path)
            connection.sendall(json.dumps(request).encode("utf-8") + b"\n")
            while not data.endswith(b"\n") and len(data) < MAX_MESSAGE_BYTES:
                chunk = connection.recv(MAX_MESSAGE_BYTES)
                if not chunk:
                    break
                data += chunk
    except (FileNotFoundError, ConnectionRefusedError):
        return None  # nobody listens: the caller opens the window itself
    except OSError as error:
        sys.stderr.write(f"{SOCKET_NAME}: the running window did not answer ({error})\n")
        return None
    try:
        answer = json.loads(data)
    except ValueError:
        sys.stderr.write(f"{SOCKET_NAME}: the running window answered {data[:80]!r}\n")
        return None
    return answer if isinstance(answer, dict) else None


def hand_over(code: str | None, path: str | None = None, prog: str = SOCKET_NAME) -> int | None:
    """Ask a running window to come forward on `code`; the exit status when one did, None
    when the caller should open a window of its own."""
    answer = send_request({"open": code}, path)
    if answer is None:
        return None
    if answer.get("ok") is True:
        return 0
    sys.stderr.write(f"{prog}: {answer.get('error', 'the running window refused the request')}\n")
    exit_status = answer.get("exit")
    return exit_status if isinstance(exit_status, int) else 2
