"""The `http-status-browser` entry point: `http-status-browser [CODE] [--new-window]`.

The same as `httpstatus open`, and the frozen bundle's executable: an entry point above the
launcher, so that nothing below it calls back up into the command line. When a window is
already running, the request goes to it before argparse or the registry are even imported.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (len(args) == 1 and args[0].isdecimal()):
        from http_status_browser.desktop.instance import hand_over  # noqa: PLC0415

        handed_over = hand_over(args[0] if args else None, prog="http-status-browser")
        if handed_over is not None:
            return handed_over
    from http_status_browser.cli.main import COMMANDS  # noqa: PLC0415
    from http_status_browser.cli.main import main as cli_main  # noqa: PLC0415

    # `http-status-browser show 404` works as `httpstatus show 404` (the frozen bundle has
    # only this executable); anything else is the window's CODE and options.
    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help", "--version")):
        return cli_main(args)
    return cli_main(["open", *args])


if __name__ == "__main__":
    sys.exit(main())
