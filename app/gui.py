"""The `http-status-browser` entry point: `http-status-browser [CODE] [--new-window]`.

The same as `httpstatus open`: an entry point above the launcher, so that nothing below it
calls back up into the command line. When a window is already running, the request goes to it
before argparse or the registry are even imported.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) <= 1 and not any(arg.startswith("-") for arg in args):
        from app.instance import hand_over  # noqa: PLC0415

        handed_over = hand_over(args[0] if args else None, prog="http-status-browser")
        if handed_over is not None:
            return handed_over
    from app.cli import main as cli_main  # noqa: PLC0415

    return cli_main(["open", *args])


if __name__ == "__main__":
    sys.exit(main())
