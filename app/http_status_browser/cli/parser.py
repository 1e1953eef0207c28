"""The `httpstatus` command line's one argparse parser: its formatter, its parser class, and
how a command's arguments are added only when that command is asked for."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn

from http_status_browser.cli.console import terminal_columns
from http_status_browser.registry.codeinput import UsageError, close_matches

# What a command adds to its sub-parser: a function, or the name of the module (imported
# only when the command is asked for) whose add_arguments does.
AddArguments = Callable[[argparse.ArgumentParser], None] | str
# Each command: its help line, and what it adds to its sub-parser.
Commands = Mapping[str, tuple[str, AddArguments]]


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


def parse_command_line(
    parser: Parser,
    commands: Commands,
    argv: Sequence[str],
    shared: Callable[[argparse.ArgumentParser], None] | None = None,
) -> argparse.Namespace:
    """Read `argv` with `parser` (its top-level options), to which this adds one sub-parser
    per command.

    Every sub-parser is made, empty, so that argparse itself picks the command and lists
    them all in the help; only the picked one gets its arguments, which may import the
    command's module. argparse reads the line twice: parse_known_args, which keeps what the
    empty sub-parser does not know, names the command, then parse_args reads it whole.
    `shared` adds the options that may follow the command as well as precede it.
    """
    sub_parsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    empty = {
        name: sub_parsers.add_parser(name, help=help_text, add_help=False)
        for name, (help_text, _) in commands.items()
    }
    named = parser.parse_known_args(argv)[0].command
    if named is not None:
        add_arguments(empty[named], commands[named][1], shared)
    return parser.parse_args(argv)


def add_every_command(
    parser: Parser,
    commands: Commands,
    shared: Callable[[argparse.ArgumentParser], None] | None = None,
) -> Parser:
    """`parser` with every command's sub-parser and arguments: the whole grammar, for what
    describes the command line (shell completions, the man page) rather than reads it."""
    sub_parsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, (help_text, adds) in commands.items():
        add_arguments(sub_parsers.add_parser(name, help=help_text, add_help=False), adds, shared)
    return parser


def add_arguments(
    parser: argparse.ArgumentParser,
    adds: AddArguments,
    shared: Callable[[argparse.ArgumentParser], None] | None = None,
) -> None:
    """Give a command's sub-parser its -h, its arguments and the shared options."""
    parser.add_argument("-h", "--help", action="help", help="show this help message and exit")
    if isinstance(adds, str):
        from importlib import import_module  # noqa: PLC0415  (a command of its own module)

        import_module(adds).add_arguments(parser)
    else:
        adds(parser)
    if shared is not None:
        shared(parser)


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
