"""`httpstatus which "email already taken"`: the situations that match, with their codes."""

from __future__ import annotations

import argparse
import sys
from typing import IO, TYPE_CHECKING, Any

from http_status_browser import PROG
from http_status_browser.cli.console import Style, print_json, wrap
from http_status_browser.exits import EXIT_NOT_FOUND, EXIT_OK
from http_status_browser.registry.codeinput import UsageError
from http_status_browser.registry.model import Registry

if TYPE_CHECKING:  # the handler imports them: `show` never needs them
    from http_status_browser.registry.situations import Situation

DEFAULT_LIMIT = 3


def situation_json(situation: Situation, registry: Registry) -> dict[str, Any]:
    """The stable JSON shape of one situation (documented in the README)."""
    area = registry.situations.area(situation.area)

    def phrase(code: int) -> str:
        status = registry.lookup(code)
        return status.phrase if status else ""

    return {
        "id": situation.id,
        "area": situation.area,
        "area_name": area.name if area else situation.area,
        "title": situation.title,
        "phrasings": list(situation.phrasings),
        "code": situation.code,
        "phrase": phrase(situation.code),
        "why": situation.why,
        "alternatives": [
            {"code": a.code, "phrase": phrase(a.code), "when": a.when}
            for a in situation.alternatives
        ],
        "mistakes": list(situation.mistakes),
        "reference": situation.reference,
        "convention": situation.convention or None,
        "practice": [
            {
                "source": p.source,
                "source_name": p.source_name,
                "code": p.code,
                "note": p.note,
                "reference": p.reference,
            }
            for p in situation.practice
        ],
    }


def _print(
    situation: Situation, registry: Registry, out: IO[str], style: Style, width: int
) -> None:
    status = registry.lookup(situation.code)
    title = status.title if status else str(situation.code)
    head = style.category(status, title) if status else title
    out.write(f"{head}  {style.bold(situation.title)}\n")
    out.write(wrap(situation.why, width, "  ", "  ") + "\n")
    for alternative in situation.alternatives:
        other = registry.lookup(alternative.code)
        name = other.title if other else str(alternative.code)
        out.write(wrap(f"or {name}: {alternative.when}", width, "  ", "      ") + "\n")
    for mistake in situation.mistakes:
        out.write(wrap(f"Mistake: {mistake}", width, "  ", "      ") + "\n")
    if situation.convention:
        out.write(wrap(f"Convention: {situation.convention}", width, "  ", "      ") + "\n")
    for practice in situation.practice:
        verb = "recommends" if practice.guideline else "answers"
        line = (
            f"{practice.source_name} {verb} {practice.code}: {practice.note} [{practice.reference}]"
        )
        out.write(wrap(line, width, "  ", "      ") + "\n")
    out.write(f"  {style.dim('Reference: ' + situation.reference)}\n")


def run(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    from http_status_browser.cli.console import terminal_columns  # noqa: PLC0415

    text = " ".join(args.text)
    if args.limit < 1:
        raise UsageError(f"--limit must be 1 or more, got {args.limit}")
    matches = registry.search_index.search_situations(text)[: args.limit]
    # Nothing that matches well: the nearest situations are still shown, and the exit status
    # says that none matched (scripts rely on it).
    found = bool(matches) and not matches[0].weak
    if args.json:
        print_json([situation_json(m.situation, registry) for m in matches], out)
        return EXIT_OK if found else EXIT_NOT_FOUND
    if not found:
        nearest = "; the nearest:" if matches else f"; try '{PROG} search' or '{PROG} compare'"
        sys.stderr.write(f"{PROG}: no situation matches {text!r} well{nearest}\n")
    if not matches:
        return EXIT_NOT_FOUND
    style = Style(out)
    width = min(terminal_columns(out), 100) - 2
    for number, match in enumerate(matches):
        if number:
            out.write("\n")
        _print(match.situation, registry, out, style, width)
    return EXIT_OK if found else EXIT_NOT_FOUND


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="+", help='a situation, such as "email already taken"')
    parser.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        help=f"at most this many situations (default {DEFAULT_LIMIT})",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=run)
