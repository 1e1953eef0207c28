"""argparse for `httpstatus`: its formatter and parser class. Imported only when a command
line is parsed with argparse: `httpstatus show 404` is read without it (see cli/main.py).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from http_status_browser.cli.console import UsageError, close_matches, terminal_columns


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, given its width: left to itself it imports shutil (and with it
    bz2 and lzma) on every run, because add_argument() builds a formatter."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=min(terminal_columns(sys.stdout), 100) - 2)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(suggest_command(message))


def suggest_command(message: str) -> str:
    """argparse's "invalid choice" message, with a "did you mean" where one is close."""
    if "invalid choice:" in message:
        wrong = message.split("invalid choice:", 1)[1].split("'")[1]
        choices = message.split("choose from", 1)[-1].replace("'", "").replace(")", "")
        options = [c.strip() for c in choices.split(",")]
        close = close_matches(wrong, options, 1)
        if close:
            return f"unknown command or choice {wrong!r}; did you mean {close[0]!r}?"
    return message
