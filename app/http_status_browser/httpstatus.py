"""The `httpstatus` entry point, and `python -m http_status_browser`: `httpstatus [COMMAND] ...`.

The command line (cli/main.py) reads every line with its one parser; a line that only opens
the window goes to a running window first, before the registry is loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from http_status_browser.cli import main as cli


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
