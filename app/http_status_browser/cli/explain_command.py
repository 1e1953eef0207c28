"""`httpstatus explain`: count and explain the status codes in logs, HAR files and transcripts.

Everything read from the input is untrusted: control characters and terminal escape
sequences are shown as visible escapes, never passed through.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
from types import FrameType
from typing import IO, TYPE_CHECKING, Any

from http_status_browser import PROG
from http_status_browser.cli.console import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    Style,
    UsageError,
    terminal_columns,
)
from http_status_browser.registry.model import Registry

if TYPE_CHECKING:
    from http_status_browser.explain.report import Report

EXIT_INTERRUPTED = 130  # the shell's status for a command ended by Ctrl+C
FORMATS = ("auto", "access-log", "transcript", "json-lines", "har")
CATEGORY_NAMES = {
    "1xx": "Informational",
    "2xx": "Success",
    "3xx": "Redirection",
    "4xx": "Client error",
    "5xx": "Server error",
    "other": "Outside 100-599",
}
# C0 and C1 controls (ESC starts every terminal escape sequence; 0x9b is a one-byte CSI),
# DEL, and the invisible and bidirectional marks that can make text read differently.
# Compiled on first use (re caches it): most httpstatus runs never print untrusted text.
_UNPRINTABLE = "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]"


def printable(text: str) -> str:
    """Untrusted text made safe for a terminal: control characters as visible escapes."""
    return re.sub(
        _UNPRINTABLE,
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 256 else f"\\u{ord(m[0]):04x}",
        text,
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Count the status codes in access logs (common, combined, custom with --field), JSON "
        "lines logs, HAR files, raw responses and curl -i/-v transcripts, gzip or not, and "
        "explain each one. With no FILE, reads standard input."
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
        type=int,
        metavar="N",
        help="a custom access log: the status is whitespace-separated field N (as awk's $N)",
    )
    parser.add_argument(
        "--key", metavar="KEY", help="JSON lines: the key that holds the status (a.b for nesting)"
    )
    parser.add_argument(
        "--top",
        type=int,
        default=0,
        metavar="N",
        help="list the N most frequent paths or URLs for each error code",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run_explain)


def _check_inputs(args: argparse.Namespace, stdin: IO[str] | None) -> list[str]:
    if args.field is not None and args.field < 1:
        raise UsageError("--field counts from 1, as awk does ($9 is --field 9)")
    if args.top < 0:
        raise UsageError("--top takes a number of paths, 0 or more")
    if args.field is not None and args.format not in ("auto", "access-log"):
        raise UsageError("--field is for access logs; it cannot go with --format " + args.format)
    names: list[str] = list(args.files)
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


def run_explain(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    from http_status_browser.explain import ExplainOptions, Format, explain_sources  # noqa: PLC0415

    names = _check_inputs(args, sys.stdin)
    options = ExplainOptions(Format(args.format), args.field, args.key, args.top)
    # A GUI launcher may have no standard input at all; a test's may have no bytes layer.
    stdin = getattr(sys.stdin, "buffer", None) if "-" in names else None
    with StopRequest() as stop:
        report = explain_sources(names, options, stdin=stdin, cancelled=stop)
    for summary in report.sources:
        if summary.error and not (stop() and summary.error == "cancelled"):
            sys.stderr.write(f"{PROG}: {printable(summary.name)}: {printable(summary.error)}\n")
    if args.json:
        # ASCII only: a C1 control or a bidi mark from the input stays a \u escape.
        json.dump(report_json(report, registry), out, indent=2, ensure_ascii=True)
        out.write("\n")
    elif report.total:
        write_report(report, registry, out, Style(out))
    elif report.unread:  # every line unread: say why, where errors go
        write_unread(report, sys.stderr, Style(sys.stderr), terminal_columns(sys.stderr))
    out.flush()
    if stop():
        sys.stderr.write(f"{PROG}: stopped: the counts are those of what was read until then\n")
        return EXIT_INTERRUPTED
    if not report.total:
        sys.stderr.write(f"{PROG}: no status codes found\n")
        return EXIT_NOT_FOUND
    return EXIT_OK


def report_json(report: Report, registry: Registry) -> dict[str, Any]:
    """The stable JSON shape (documented in the README)."""
    from http_status_browser.explain.verdicts import verdicts  # noqa: PLC0415

    codes = []
    for verdict in verdicts(report.codes, report.total, registry):
        status = verdict.status
        codes.append(
            {
                "code": verdict.found.code,
                "count": verdict.found.hits,
                "share": round(verdict.share, 6),
                "category": verdict.category,
                "known": status is not None,
                "phrase": status.phrase if status else None,
                "official": status.official if status else False,
                "defined_by": status.defined_by if status else None,
                "summary": status.summary if status else None,
                "phrases_seen": [
                    {
                        "phrase": p.phrase,
                        "count": p.hits,
                        "note": next(
                            (n.note for n in verdict.phrase_notes if n.phrase == p.phrase), None
                        ),
                    }
                    for p in verdict.found.phrases
                ],
                "top": [{"target": t.target, "count": t.hits} for t in verdict.found.top],
            }
        )
    return {
        "sources": [
            {
                "name": s.name,
                "format": s.format.value,
                "lines": s.lines,
                "codes": s.codes,
                "error": s.error or None,
            }
            for s in report.sources
        ],
        "total": report.total,
        "interrupted": report.cancelled,
        "codes": codes,
        "unread": report.unread,
        "unread_samples": [
            {"source": u.source, "unit": u.unit, "line": u.line, "reason": u.reason, "text": u.text}
            for u in report.unread_samples
        ],
    }


def _count(number: int) -> str:
    return f"{number:,}"


def _times(number: int) -> str:
    return "once" if number == 1 else f"{number:,} times"


def write_report(report: Report, registry: Registry, out: IO[str], style: Style) -> None:
    from http_status_browser.explain.verdicts import verdicts  # noqa: PLC0415

    width = min(terminal_columns(out), 120)
    for summary in report.sources:
        unit = "entries" if summary.format.value == "har" else "lines"
        out.write(
            style.dim(
                f"{printable(summary.name)}: {summary.format.value}, {_count(summary.lines)} "
                f"{unit}, {_count(summary.codes)} status codes"
            )
            + "\n"
        )
    found = verdicts(report.codes, report.total, registry)
    phrase_width = max((len(v.status.phrase) if v.status else 14 for v in found), default=14)
    count_width = max(len(_count(v.found.hits)) for v in found)
    category = None
    flagged: list[str] = []
    for verdict in found:
        if verdict.category != category:
            category = verdict.category
            out.write("\n" + style.bold(f"{category} {CATEGORY_NAMES[category]}") + "\n")
        code = verdict.found.code
        status = verdict.status
        phrase = status.phrase if status else "(unknown code)"
        head = (
            f"  {code:>3}  {phrase:<{phrase_width}}  {_count(verdict.found.hits):>{count_width}}"
            f"  {verdict.share * 100:5.1f}%  "
        )
        flag = f"[{verdict.flag}] " if verdict.flag else ""
        meaning = flag + (status.summary if status else "not in the IANA registry or ours")
        room = max(20, width - len(head) - 1)
        if len(meaning) > room:
            meaning = meaning[: room - 1] + "…"
        coloured = style.category(status, str(code)) if status else str(code)
        out.write(head.replace(f"{code:>3}", coloured, 1) + style.dim(meaning) + "\n")
        for target in verdict.found.top:
            out.write(
                f"{'':7}{_count(target.hits):>{count_width + 2}}  {printable(target.target)}\n"
            )
        if status is None:
            flagged.append(f"  {code}  in no registry: seen {_times(verdict.found.hits)}")
        for note in verdict.phrase_notes:
            flagged.append(
                f'  {code}  sent as "{printable(note.phrase)}" {_times(note.hits)}: {note.note}'
            )
    if flagged:
        out.write("\n" + style.bold("Flagged") + "\n" + "\n".join(flagged) + "\n")
    if report.unread:
        out.write("\n")
        write_unread(report, out, style, width)


def write_unread(report: Report, out: IO[str], style: Style, width: int) -> None:
    """How many lines could not be read, and the first few with their numbers."""
    out.write(style.bold(f"Could not read {_count(report.unread)}") + "\n")
    for line in report.unread_samples:
        text = f": {printable(line.text)}" if line.text else ""
        out.write(
            f"  {printable(line.source)} {line.unit} {line.line}: {line.reason}"
            + style.dim(text[:width])
            + "\n"
        )
