"""The `http-status-browser` entry point: `http-status-browser [CODE] [--new-window]`.

The same as `httpstatus open`, and the frozen bundle's executable: an entry point above the
launcher, so that nothing below it calls back up into the command line. When a window is
already running, the request goes to it (cli/main.py) before the registry is loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from http_status_browser.cli import main as cli

# What the launcher passes to `httpstatus` as it is rather than as the window's options.
COMMAND_LINE_OPTIONS = ("-h", "--help", "--version")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # `http-status-browser show 404` works as `httpstatus show 404` (the frozen bundle has
    # only this executable); anything else is the window's CODE and options.
    if args and (args[0] in cli.COMMANDS or args[0] in COMMAND_LINE_OPTIONS):
        return cli.main(args)
    return cli.main(["open", *args])


if __name__ == "__main__":
    sys.exit(main())
