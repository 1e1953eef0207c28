"""The `httpstatus` entry point, and `python -m http_status_browser`: `httpstatus [COMMAND] ...`.

A line that only opens the window (`httpstatus`, `httpstatus open 404`) goes to a running
window first, before the command line, its registry or argparse are imported: the hand-over
then costs less than `httpstatus show 404`. Anything else, and a launch that finds no window,
runs the command line (cli/main.py), which hands over no more.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from http_status_browser import PROG


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # Only a window's launch line needs the single-instance client: `show 404` skips it.
    if not args or args[0] == "open":
        from http_status_browser.desktop.instance import hand_over, window_line  # noqa: PLC0415

        window = window_line(args)
        if window is not None:
            handed_over = hand_over(window[0], prog=PROG)
            if handed_over is not None:
                return handed_over
    from http_status_browser.cli.main import main as cli_main  # noqa: PLC0415

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
