"""`httpstatus check`: the status and redirect chain of each URL, with the problems found,
as a table (with a progress bar on a terminal), JSON or CSV. Exit 0 when all is well.

The only command that loads httpx (through http_status_browser.check), inside its handler.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Protocol

from http_status_browser import PROG
from http_status_browser.cli.console import Style, printable, terminal_columns
from http_status_browser.exits import EXIT_OK
from http_status_browser.registry.codeinput import UsageError
from http_status_browser.registry.model import Registry

if TYPE_CHECKING:
    from http_status_browser.check.checker import CheckOptions
    from http_status_browser.check.records import CheckResult, Target

EXIT_PROBLEMS = 1
PROGRESS_EVERY = 0.1  # seconds between redraws of the progress bar
CHAIN_WIDTH = 15


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check what URLs answer: each hop of the redirect chain with its status, the final "
        "status and URL, and problems (loops, too many hops, https to http, other hosts, "
        "temporary redirects in a redirect map, 4xx/5xx, timeouts, DNS, TLS and connection "
        "errors). HEAD first, GET where HEAD is refused; bodies are never downloaded. Proxies "
        "come from the environment (http_proxy, https_proxy, no_proxy), as curl's do."
    )
    parser.epilog = (
        "A redirect map (--expect) has one row per moved page, from,to[,first status], a "
        "header row allowed: each chain must end at `to` with a 2xx, and start with the "
        "status if one is given. Exit status: 0 every URL answered and every expectation "
        "held, 1 otherwise, 2 usage error."
    )
    parser.add_argument("urls", nargs="*", metavar="URL", help="an http or https URL")
    parser.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE",
        help='read URLs from FILE, one a line (# comments, blank lines skipped; "-" for stdin)',
    )
    parser.add_argument(
        "--expect",
        metavar="CSV",
        help='check a redirect map: rows of from,to[,first status] ("-" for stdin)',
    )
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print a JSON list, in input order")
    shape.add_argument("--csv", action="store_true", help="print CSV, in input order")
    parser.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="seconds to wait to connect and for each answer (default 10)",
    )
    parser.add_argument(
        "--max-redirects",
        type=int,
        default=10,
        metavar="N",
        help="follow at most N redirects per URL (default 10)",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=16,
        metavar="N",
        help="check at most N URLs at once (default 16)",
    )
    parser.add_argument(
        "--per-host",
        type=int,
        default=4,
        metavar="N",
        help="at most N requests at once to one host (default 4)",
    )
    parser.set_defaults(handler=run_check)


def _check_options(args: argparse.Namespace) -> None:
    if not args.timeout > 0 or args.timeout > 3600:
        raise UsageError("--timeout takes seconds, more than 0 and at most 3600")
    if args.max_redirects < 0:
        raise UsageError("--max-redirects takes 0 or more")
    if not 1 <= args.concurrency <= 1024:
        raise UsageError("--concurrency takes 1 to 1024")
    if not 1 <= args.per_host <= 64:
        raise UsageError("--per-host takes 1 to 64")
    if not (args.urls or args.from_file or args.expect):
        raise UsageError("name URLs, a list of them (--from FILE) or a redirect map (--expect)")
    if args.from_file == "-" and args.expect == "-":
        raise UsageError("only one of --from and --expect can read standard input")


def _open(name: str) -> IO[str]:
    if name == "-":
        if sys.stdin is None:
            raise UsageError("there is no standard input to read")
        return sys.stdin
    try:
        return open(name, encoding="utf-8", errors="replace", newline="")
    except IsADirectoryError as error:
        raise UsageError(f"{printable(name)} is a directory") from error
    except OSError as error:
        raise UsageError(f"cannot read {printable(name)}: {error.strerror}") from error


def _count_lines(name: str | None) -> int | None:
    """Lines in a regular file (for the progress bar's total); None for stdin or a pipe."""
    if name is None or name == "-" or not os.path.isfile(name):
        return None
    count = 0
    with open(name, "rb") as stream:
        for line in stream:
            stripped = line.strip()
            count += bool(stripped) and not stripped.startswith(b"#")
    return count


def _targets(args: argparse.Namespace, files: list[IO[str]]) -> Iterator[Target]:
    from http_status_browser.check.targets import (  # noqa: PLC0415
        redirect_map,
        url_arguments,
        url_lines,
    )

    yield from url_arguments(args.urls)
    streams = iter(files)
    if args.from_file:
        yield from url_lines(next(streams), "stdin" if args.from_file == "-" else args.from_file)
    if args.expect:
        yield from redirect_map(next(streams), "stdin" if args.expect == "-" else args.expect)


class _Writer(Protocol):
    def write(self, result: CheckResult) -> None: ...


def run_check(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    _check_options(args)
    names = [n for n in (args.from_file, args.expect) if n]
    files = [_open(name) for name in names]
    total: int | None = len(args.urls)
    for name in names:
        lines = _count_lines(name)
        total = None if total is None or lines is None else total + lines
    import asyncio  # noqa: PLC0415

    from http_status_browser.check.checker import CheckOptions  # noqa: PLC0415
    from http_status_browser.check.report import CsvWriter, JsonListWriter  # noqa: PLC0415

    options = CheckOptions(
        timeout=args.timeout,
        max_redirects=args.max_redirects,
        concurrency=args.concurrency,
        per_host=args.per_host,
    )
    writer: _Writer
    if args.json:
        writer = JsonListWriter(out)
    elif args.csv:
        writer = CsvWriter(out)
    else:
        writer = TableWriter(out, registry)
    progress = Progress(sys.stderr, total)
    try:
        failed = asyncio.run(_check(_targets(args, files), registry, options, writer, progress))
    except KeyboardInterrupt:
        progress.clear()
        sys.stderr.write(f"{PROG}: stopped before every URL was checked\n")
        failed = -1
    finally:
        for stream in files:
            if stream is not sys.stdin:
                stream.close()
    progress.clear()
    if isinstance(writer, JsonListWriter):
        writer.close()  # after Ctrl+C too: what was printed stays a valid JSON list
    if isinstance(writer, TableWriter) and failed >= 0:
        writer.summary(failed, progress.done)
    return EXIT_PROBLEMS if failed else EXIT_OK


async def _check(
    targets: Iterable[Target],
    registry: Registry,
    options: CheckOptions,
    writer: _Writer,
    progress: Progress,
) -> int:
    from http_status_browser.check.checker import check_all  # noqa: PLC0415

    failed = 0
    async for result in check_all(targets, registry, options):
        progress.clear()
        writer.write(result)
        failed += not result.ok
        progress.step()
    return failed


class Progress:
    """A progress bar on standard error while it is a terminal (and NO_COLOR or not)."""

    def __init__(self, stream: IO[str], total: int | None) -> None:
        self._stream = stream
        self._total = total
        self.done = 0
        self._shown = False
        self._drawn_at = 0.0
        self._on = stream.isatty() and os.environ.get("TERM") != "dumb"

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self._on and now - self._drawn_at >= PROGRESS_EVERY:
            self._drawn_at = now
            self._draw()

    def _draw(self) -> None:
        width = min(terminal_columns(self._stream), 100)
        if self._total:
            share = min(1.0, self.done / self._total)
            bar_width = max(10, width - 30)
            filled = round(share * bar_width)
            text = f"[{'#' * filled}{'.' * (bar_width - filled)}] {self.done:,}/{self._total:,}"
        else:
            text = f"checked {self.done:,}"
        self._stream.write("\r" + text[: width - 1])
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self._stream.write("\r\033[K")
            self._stream.flush()
            self._shown = False


class TableWriter:
    """Per URL: the chain of statuses, the URL and where it ends; below it each hop (status,
    phrase, time, Location) and the problems."""

    def __init__(self, out: IO[str], registry: Registry) -> None:
        self._out = out
        self._style = Style(out)
        self._registry = registry

    def _status(self, code: int) -> str:
        status = self._registry.lookup(code)
        return self._style.category(status, str(code)) if status else str(code)

    def write(self, result: CheckResult) -> None:
        style = self._style
        chain = " ".join(str(hop.status) for hop in result.hops) or "---"
        coloured = " ".join(self._status(hop.status) for hop in result.hops) or "---"
        pad = " " * max(1, CHAIN_WIDTH - len(chain))
        line = f"{coloured}{pad}{printable(result.url)}"
        if result.final_url is not None and result.final_url != result.url:
            line += style.dim(f"  ->  {printable(result.final_url)}")
        self._out.write(line + "\n")
        indent = " " * (CHAIN_WIDTH + 2)
        for hop in result.hops:
            text = f"{hop.status} {printable(hop.reason)}".rstrip() + f"  {hop.ms:.0f} ms"
            if hop.server_reason and hop.server_reason.lower() != hop.reason.lower():
                text += f'  (sent as "{printable(hop.server_reason)}")'
            if hop.method != "HEAD":
                text += f"  ({hop.method}: HEAD refused)"
            if hop.location is not None:
                text += f"  Location: {printable(hop.location)}"
            self._out.write(indent + style.dim(text) + "\n")
        for problem in result.problems:
            mark = "error" if problem.severity.value == "error" else "warning"
            self._out.write(
                f"{'':{CHAIN_WIDTH}}{style.dim(mark + ':')} {printable(problem.message)}\n"
            )

    def summary(self, failed: int, done: int) -> None:
        if done:
            text = (
                f"{done:,} checked, all fine"
                if not failed
                else f"{done:,} checked, {failed:,} with problems"
            )
            sys.stderr.write(f"{PROG}: {text}\n")
