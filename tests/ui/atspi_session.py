"""Run by tests/ui/test_atspi.py inside dbus-run-session: start the window with
accessibility on, read it with the system's pyatspi, print what was read, stop the window."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.ui.atspi_app import APP_NAME

SYSTEM_PYTHON = "/usr/bin/python3"


def main() -> int:
    env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_QPA_PLATFORM="xcb")
    window = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.atspi_app"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert window.stdout is not None
        if window.stdout.readline().strip() != "ready":
            print('{"found": false, "why": "the window did not start"}')
            return 0
        reader = subprocess.run(
            [SYSTEM_PYTHON, "tests/ui/atspi_reader.py", APP_NAME],
            env=dict(os.environ),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        sys.stdout.write(reader.stdout)
        sys.stderr.write(reader.stderr)
        return reader.returncode
    finally:
        window.terminate()
        window.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
