"""`httpstatus compare 301 308`: two codes side by side, and when to use which."""

from __future__ import annotations

import argparse
from typing import IO, TYPE_CHECKING, Any

from http_status_browser.cli.console import Style, print_json, wrap
from http_status_browser.exits import EXIT_OK
from http_status_browser.registry.codeinput import UsageError, parse_code
from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import StatusCode

if TYPE_CHECKING:  # the handler imports them: `show` never needs them
    from http_status_browser.registry.comparison import Comparison

LABEL_WIDTH = 22


def _pair(words: list[str], registry: Registry) -> tuple[StatusCode, StatusCode]:
    """Two code arguments, or one text such as "moved or found"."""
    if len(words) == 2 and all(word.strip().isdecimal() for word in words):
        left, right = (parse_code(word, registry) for word in words)
        if left.code == right.code:
            raise UsageError(f"give two different codes, not {left.code} twice")
        return left, right
    text = " ".join(words)
    pair = registry.search_index.comparison(text)
    if pair is None and len(words) == 2:
        pair = registry.search_index.comparison(f"{words[0]} vs {words[1]}")
    if pair is None:
        raise UsageError(
            f"cannot tell which two codes {text!r} names; for example: compare 301 308, "
            'compare "moved or found"'
        )
    return pair


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """The stable JSON shape of a comparison (documented in the README)."""
    return {
        "codes": [s.code for s in comparison.statuses],
        "rows": [
            {"key": row.key, "label": row.label, "values": list(row.values)}
            for row in comparison.rows
        ],
        "notes": [
            {"code": note.code, "about": note.about, "note": note.note} for note in comparison.notes
        ],
        "use_it_when": [
            [{"id": s.id, "title": s.title} for s in situations]
            for situations in comparison.situations
        ],
    }


def _columns(label: str, values: tuple[str, str], width: int, style: Style) -> str:
    column = max(16, (width - LABEL_WIDTH - 4) // 2)
    left = wrap(values[0], column).splitlines() or [""]
    right = wrap(values[1], column).splitlines() or [""]
    lines = []
    for number in range(max(len(left), len(right))):
        name = label if number == 0 else ""
        first = left[number] if number < len(left) else ""
        second = right[number] if number < len(right) else ""
        lines.append(
            f"{style.bold(name.ljust(LABEL_WIDTH))}{first.ljust(column)}    {second}".rstrip()
        )
    return "\n".join(lines) + "\n"


def _print(comparison: Comparison, out: IO[str], width: int) -> None:
    style = Style(out)
    left, right = comparison.statuses
    heading = (style.category(left, str(left.code)), style.category(right, str(right.code)))
    column = max(16, (width - LABEL_WIDTH - 4) // 2)
    padding = " " * (column - len(str(left.code)))
    out.write(" " * LABEL_WIDTH + heading[0] + padding + "    " + heading[1] + "\n")
    for row in comparison.rows:
        out.write(_columns(row.label, row.values, width, style))
    titles = tuple("; ".join(s.title for s in group) or "-" for group in comparison.situations)
    out.write(_columns("Use it when", (titles[0], titles[1]), width, style))
    if comparison.notes:
        out.write("\n" + style.bold("When to use which") + "\n")
        for note in comparison.notes:
            out.write(wrap(f"{note.code}: {note.note}", width, "  ", "       ") + "\n")


def run(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    from http_status_browser.cli.console import terminal_columns  # noqa: PLC0415
    from http_status_browser.registry.comparison import compare_codes  # noqa: PLC0415

    left, right = _pair(args.codes, registry)
    comparison = compare_codes(registry, left, right)
    if args.json:
        print_json(comparison_json(comparison), out)
    else:
        _print(comparison, out, min(terminal_columns(out), 120) - 2)
    return EXIT_OK


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "codes", nargs="+", metavar="CODE", help='two codes such as 301 308, or "moved or found"'
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=run)
