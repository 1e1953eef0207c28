"""`httpstatus explain`: count and explain the status codes in logs, HAR files and transcripts;
`--follow` a growing log; `--by` path, host, hour or day; JSON and CSV for scripts.

What is printed lives in cli/explain_output.py; this module reads the command line, handles
Ctrl+C and SIGTERM, and runs the reading.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from types import FrameType
from typing import IO, TYPE_CHECKING, Any

from http_status_browser import PROG
from http_status_browser.cli import explain_output as output
from http_status_browser.cli.console import Style, printable, terminal_columns
from http_status_browser.exits import EXIT_NOT_FOUND, EXIT_OK
from http_status_browser.registry.codeinput import UsageError
from http_status_browser.registry.model import Registry

if TYPE_CHECKING:
    from http_status_browser.explain import ExplainOptions, Report

EXIT_INTERRUPTED = 130  # the shell's status for a command ended by Ctrl+C
FORMATS = ("auto", "access-log", "transcript", "json-lines", "har")
BREAKDOWNS = ("path", "host", "hour", "day")  # explain.breakdown.By, not imported for --help
CLEAR_SCREEN = "\033[H\033[2J"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Count the status codes in access logs (common, combined, custom with --field), Zeek "
        "and W3C (IIS) logs, JSON lines logs, HAR files, raw responses and curl -i/-v "
        "transcripts, gzip or not, and explain each one. With no FILE, reads standard input."
    )
    parser.epilog = (
        "Exit status: 0 explained, 1 no status code found, 2 usage error, 130 stopped by "
        "Ctrl+C or SIGTERM (after the report of what was read)."
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help='a log file; "-" for stdin')
    parser.add_argument(
        "--format", choices=FORMATS, default="auto", help="the input format (default: detected)"
    )
    parser.add_argument(
        "--field",
        metavar="N|NAME",
        help="a log of fields: the status is field N (as awk's $N; tab-separated lines are "
        "cut at tabs), or the field NAME in a Zeek #fields or W3C #Fields: header",
    )
    parser.add_argument(
        "--key", metavar="KEY", help="JSON lines: the key that holds the status (a.b for nesting)"
    )
    parser.add_argument(
        "--top",
        type=int,
        default=0,
        metavar="N",
        help="list the N most frequent paths or URLs for each error code (and N rows of --by)",
    )
    parser.add_argument(
        "--by",
        choices=BREAKDOWNS,
        help="break the codes down by path, client host, hour or day (UTC)",
    )
    parser.add_argument(
        "--code",
        metavar="CODES",
        help="with --by: only these codes and classes, such as 404 or 5xx or 404,410,5xx",
    )
    parser.add_argument(
        "--since",
        metavar="TIME",
        help="count only what happened from TIME on: 2026-11-26, 2026-11-26T10:00 (UTC unless "
        "an offset is given), or a span before now such as 90m, 2h, 7d",
    )
    parser.add_argument("--until", metavar="TIME", help="count only what happened before TIME")
    parser.add_argument(
        "--timeline", action="store_true", help="show the codes over time, a sparkline per class"
    )
    parser.add_argument(
        "--follow",
        "-f",
        action="store_true",
        help="read FILE and then the lines added to it, as tail -F does (rotation included), "
        "until Ctrl+C; on a terminal the summary is redrawn every few seconds",
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=2.0,
        metavar="SECONDS",
        help="with --follow: how often the summary is refreshed (default: 2)",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object")
    output.add_argument("--csv", action="store_true", help="print the table as CSV")
    parser.set_defaults(handler=run_explain)


def _field(text: str | None) -> int | str | None:
    if text is None:
        return None
    if text.isdecimal():
        if int(text) < 1:
            raise UsageError("--field counts from 1, as awk does ($9 is --field 9)")
        return int(text)
    if not text or any(c.isspace() for c in text):
        raise UsageError("--field takes a number, or a field name from a #fields header")
    return text


def _check_inputs(args: argparse.Namespace, stdin: IO[str] | None) -> list[str]:
    if args.top < 0:
        raise UsageError("--top takes a number of paths, 0 or more")
    if args.field is not None and args.format not in ("auto", "access-log"):
        raise UsageError("--field is for logs of fields; it cannot go with --format " + args.format)
    if args.code is not None and args.by is None:
        raise UsageError("--code says which codes --by breaks down: give --by too")
    if not 0.01 <= args.interval <= 3600:
        raise UsageError("--interval takes seconds, from 0.01 to 3600")
    names: list[str] = list(args.files)
    if args.follow and (len(names) != 1 or names[0] == "-"):
        raise UsageError(
            "--follow follows one log file: name it (standard input is read "
            "until it ends or Ctrl+C anyway)"
        )
    if args.follow and args.csv:
        raise UsageError("--follow prints text or JSON lines, not CSV")
    if not names:
        if stdin is None or stdin.isatty():
            raise UsageError("name a log file, or pipe one into standard input")
        names = ["-"]
    for name in names:
        if name == "-":
            continue
        if "\0" in name:
            raise UsageError(f"{printable(name)!r} is not a file name")
        if os.path.isdir(name):
            raise UsageError(f"{printable(name)} is a directory; name the log files inside it")
        if not os.path.exists(name):
            raise UsageError(f"{printable(name)}: no such file")
    return names


def _options(args: argparse.Namespace) -> ExplainOptions:
    from http_status_browser.explain import ExplainOptions, Format  # noqa: PLC0415
    from http_status_browser.explain.breakdown import (  # noqa: PLC0415
        By,
        CodeSelection,
        parse_moment,
        parse_selection,
    )

    try:
        select = parse_selection(args.code) if args.code is not None else CodeSelection()
        since = parse_moment(args.since) if args.since is not None else None
        until = parse_moment(args.until) if args.until is not None else None
    except ValueError as error:
        raise UsageError(str(error)) from None
    if since is not None and until is not None and since >= until:
        raise UsageError("--since must come before --until")
    return ExplainOptions(
        Format(args.format),
        _field(args.field),
        args.key,
        args.top,
        timeline=args.timeline,
        by=By(args.by) if args.by else None,
        select=select,
        since=since,
        until=until,
    )


class StopRequest:
    """Ctrl+C (SIGINT) and SIGTERM while explaining: the first asks the reading to stop after
    the block it is counting, so that the report of what was read is printed; a second one
    ends the process at once, as if nothing had caught the first."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.signal: int | None = None
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> StopRequest:
        try:
            for number in self.SIGNALS:
                self.previous[number] = signal.signal(number, self._handle)
        except ValueError:  # not the main thread: signals go to whoever runs it
            self.__exit__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, handler)
        self.previous.clear()

    def _handle(self, number: int, frame: FrameType | None) -> None:
        if self.signal is not None:
            self.__exit__()
            signal.signal(number, signal.SIG_DFL)
            signal.raise_signal(number)
            return
        self.signal = number

    def __call__(self) -> bool:
        return self.signal is not None


class LiveOutput:
    """--follow's refreshes: on a terminal the summary redrawn in place; elsewhere one line
    appended when the counts changed (one JSON object a line with --json)."""

    def __init__(self, args: argparse.Namespace, registry: Registry, out: IO[str]) -> None:
        self.args = args
        self.registry = registry
        self.out = out
        self.terminal = out.isatty() and os.environ.get("TERM") != "dumb"
        self.last: tuple[int, int] | None = None

    def __call__(self, report: Report) -> None:
        if self.args.json:
            output.write_json(report, self.registry, self.out, self.args, compact=True)
        elif self.terminal:
            style = Style(self.out)
            name = printable(report.sources[0].name) if report.sources else ""
            self.out.write(CLEAR_SCREEN)
            if report.total:
                output.write_text(report, self.registry, self.out, style, args=self.args)
            else:
                self.out.write(f"No status codes in {name} yet\n")
            self.out.write(
                style.dim(f"\nFollowing {name}, {time.strftime('%H:%M:%S')}; Ctrl+C stops") + "\n"
            )
        else:
            counts = (report.total, report.unread)
            if counts != self.last:
                self.last = counts
                self.out.write(output.summary_line(report) + "\n")
        self.out.flush()


def run_explain(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    from http_status_browser.explain import explain_sources  # noqa: PLC0415
    from http_status_browser.explain.follow import follow_source  # noqa: PLC0415

    options = _options(args)
    names = _check_inputs(args, sys.stdin)
    # A GUI launcher may have no standard input at all; a test's may have no bytes layer.
    stdin = getattr(sys.stdin, "buffer", None) if "-" in names else None
    with StopRequest() as stop:
        if args.follow:
            live = LiveOutput(args, registry, out)
            report = follow_source(names[0], options, stop, live, interval=args.interval)
        else:
            report = explain_sources(names, options, stdin=stdin, cancelled=stop)
    for summary in report.sources:
        if summary.error and not (stop() and summary.error == "cancelled"):
            sys.stderr.write(f"{PROG}: {printable(summary.name)}: {printable(summary.error)}\n")
    if args.json:
        output.write_json(report, registry, out, args, compact=args.follow)
    elif args.csv:
        output.write_csv(report, registry, out)
    elif report.total:
        if args.follow and out.isatty():
            out.write(CLEAR_SCREEN)
        output.write_text(report, registry, out, Style(out), args=args)
    elif report.unread:  # every line unread: say why, where errors go
        output.write_unread(report, sys.stderr, Style(sys.stderr), terminal_columns(sys.stderr))
    out.flush()
    if stop():
        sys.stderr.write(f"{PROG}: stopped: the counts are those of what was read until then\n")
        return EXIT_INTERRUPTED
    if not report.total:
        sys.stderr.write(f"{PROG}: no status codes found\n")
        return EXIT_NOT_FOUND
    return EXIT_OK
