"""The `http-status-browser` entry point: `http-status-browser [CODE] [--new-window]`.

The same as `httpstatus open`: an entry point above the launcher, so that nothing below it
calls back up into the command line.
"""

from __future__ import annotations

import sys


def main() -> int:
    from app.cli import main as cli_main  # noqa: PLC0415

    return cli_main(["open", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
