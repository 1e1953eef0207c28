"""Any terminal width works: zero columns (`script`, some CI pseudo-terminals), one, or wide.

The command line runs as a subprocess on a real pseudo-terminal whose size is set with
TIOCSWINSZ, as a terminal emulator would.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from typing import IO, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from http_status_browser.cli.console import DEFAULT_COLUMNS, MIN_COLUMNS, terminal_columns, wrap

COMMANDS = [
    ["show", "429"],
    ["show", "103"],
    ["search", "gateway", "timeout"],
    ["list", "--category", "4xx"],
    ["snippet", "404", "--lang", "python"],
    ["--help"],
    ["show", "--help"],
    ["show", "299"],
]


def set_size(fd: int, rows: int, columns: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def run_on_pty(argv: list[str], rows: int, columns: int) -> tuple[int, str, str]:
    """Run `python -m http_status_browser ARGV` with a pseudo-terminal of this size as stdin
    and stdout."""
    master, slave = os.openpty()
    set_size(slave, rows, columns)
    env = {**os.environ, "TERM": "xterm"}
    env.pop("COLUMNS", None)
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "http_status_browser", *argv],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    output = bytearray()
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed its side of the terminal
                break
            if not chunk:
                break
            output += chunk
        returncode = process.wait(timeout=30)
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
    stderr = cast(IO[bytes], process.stderr).read().decode("utf-8", "replace")
    cast(IO[bytes], process.stderr).close()
    return returncode, output.decode("utf-8", "replace"), stderr


@pytest.mark.parametrize("columns", [0, 1, 2, 10, 30])
def test_show_on_a_narrow_terminal(columns: int) -> None:
    returncode, output, stderr = run_on_pty(["show", "429"], 24, columns)
    assert (returncode, stderr) == (0, "")
    assert "Too Many Requests" in output
    assert "Retry-After" in output


def test_help_on_a_zero_column_terminal() -> None:
    returncode, output, stderr = run_on_pty(["--help"], 0, 0)
    assert (returncode, stderr) == (0, "")
    assert "usage:" in output


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    argv=st.sampled_from(COMMANDS),
    rows=st.integers(0, 400),
    columns=st.one_of(st.integers(0, 3), st.integers(0, 500)),
)
def test_any_terminal_size(argv: list[str], rows: int, columns: int) -> None:
    returncode, output, stderr = run_on_pty(argv, rows, columns)
    assert returncode in (0, 1), stderr
    assert "Traceback" not in stderr + output


def test_terminal_columns_reads_the_terminal() -> None:
    master, slave = os.openpty()
    try:
        with os.fdopen(os.dup(slave), "w") as stream:
            for reported, expected in ((0, DEFAULT_COLUMNS), (1, MIN_COLUMNS), (132, 132)):
                set_size(slave, 24, reported)
                assert terminal_columns(stream) == expected
    finally:
        os.close(master)
        os.close(slave)


@given(
    text=st.text(max_size=300),
    width=st.integers(-10, 200),
    first=st.text(" ", max_size=8),
    rest=st.text(" ", max_size=8),
)
def test_wrap_takes_any_width(text: str, width: int, first: str, rest: str) -> None:
    wrapped = wrap(text, width, first, rest)
    # Words longer than the width are broken, but nothing is lost.
    assert "".join(wrapped.split()) == "".join(text.split())
