"""The frozen app's entry point: http-status-browser [CODE | COMMAND ...] (gui.py)."""

import os
import sys

# A windowed build on Windows has no console: give print() somewhere harmless to go.
if sys.stdout is None:
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115

from http_status_browser.gui import main

sys.exit(main())
