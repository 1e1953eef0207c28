"""A private X server for the tests that need real key events on the xcb platform.

Some key conflicts (QLineEdit's Unix Ctrl+U, a window shortcut taking Copy from a text view)
show only on xcb, never offscreen. These tests start Xvfb on a free display (`-displayfd`),
run the window in a child process there, and press keys with xdotool (XTEST: the X server
delivers them as it would a keyboard's).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

MISSING = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
needs_xvfb = pytest.mark.skipif(
    bool(MISSING),
    reason=f"needs {' and '.join(MISSING)} (make system-deps installs them)",
)
REPOSITORY = Path(__file__).resolve().parents[2]


@contextmanager
def xvfb_display() -> Iterator[str]:
    """Start Xvfb on a display it chooses itself and yield its name (":N")."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as announced:
            number = announced.readline().strip()  # written once the server accepts clients
        if not number.isdecimal():
            pytest.fail("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_session(
    display: str, module: str, tmp_path: Path, prefix: Sequence[str] = ()
) -> dict[str, object]:
    """Run `python -m module` on `display` with the xcb platform (after `prefix`, such as
    dbus-run-session); it prints a JSON object."""
    env = dict(os.environ)
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_RUNTIME_DIR=str(tmp_path),
        PYTHONPATH=str(REPOSITORY),
    )
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [*prefix, sys.executable, "-m", module],
        env=env,
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return found
