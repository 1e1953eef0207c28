"""What the httpstatus commands share: exit statuses, usage errors, terminal styling and
width, JSON output, and reading a status code argument. No Qt, no argparse.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from app.registry.model import Registry, StatusCode
from app.registry.snippets import render_snippet

# typing.TYPE_CHECKING without importing typing (4-6 ms): see app/registry/records.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad command-line input: reported in one line, exit status 2."""


DEFAULT_COLUMNS = 88
# Narrower than this, text is laid out for this width and the terminal folds the lines: an
# indented item needs room for its indent and a word.
MIN_COLUMNS = 24


def terminal_columns(stream: IO[str]) -> int:
    """The terminal's width, at least MIN_COLUMNS; 88 for a pipe, a file, a test, or a
    terminal that reports zero columns (`script`, some CI pseudo-terminals: width unknown)."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return DEFAULT_COLUMNS
    if columns <= 0:
        return DEFAULT_COLUMNS
    return max(columns, MIN_COLUMNS)


def close_matches(word: str, options: Sequence[str], count: int) -> list[str]:
    """Options the user probably meant: one that starts the word ("golang": go), else similar."""
    lowered = word.casefold()
    prefixes = [o for o in options if lowered.startswith(o.casefold()) or o.startswith(lowered)]
    if lowered and prefixes:
        return sorted(prefixes, key=len, reverse=True)[:count]
    import difflib  # noqa: PLC0415  (only on a mistake: keeps every other run fast)

    return difflib.get_close_matches(word, options, n=count)


class Style:
    """ANSI styling, on only for a terminal and never with NO_COLOR set."""

    def __init__(self, stream: IO[str]) -> None:
        self.enabled = (
            stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        )

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def category(self, status: StatusCode, text: str) -> str:
        colours = {1: "36", 2: "32", 3: "34", 4: "33", 5: "31"}
        return self._wrap("1;" + colours.get(status.code // 100, "0"), text)


def status_json(status: StatusCode, registry: Registry) -> dict[str, Any]:
    """The stable JSON shape of one code (documented in the README)."""
    return {
        "code": status.code,
        "phrase": status.phrase,
        "category": status.category,
        "official": status.official,
        "status": status.standing.value,
        "defined_by": status.defined_by,
        "summary": status.summary,
        "description": "\n\n".join(status.description),
        "reference": status.reference,
        "url": status.url,
        "requirements": [
            {"level": r.level, "text": r.text, "reference": r.reference, "url": r.url}
            for r in status.requirements
        ],
        "headers": [{"name": h.name, "note": h.note} for h in status.headers],
        "related": [{"code": r.code, "note": r.note} for r in status.related],
        "aliases": list(status.aliases),
        "cacheable": status.cacheable,
        "content": status.content,
        "redirect": status.redirect.value if status.redirect else None,
        "method": status.method.value if status.method else None,
        "notes": [{"text": n.text, "source": n.source} for n in status.notes],
        "snippets": {lang.id: render_snippet(status, lang) for lang in registry.languages},
    }


def print_json(value: object, out: IO[str]) -> None:
    import json  # noqa: PLC0415  (only --json output needs it)

    json.dump(value, out, indent=2, ensure_ascii=False)
    out.write("\n")


def wrap(text: str, width: int, first: str = "", rest: str = "") -> str:
    """`text` filled to `width`; any width works, even zero or less (one word a line)."""
    width = max(width, len(first) + 1, len(rest) + 1)
    import textwrap  # noqa: PLC0415  (only commands that wrap text)

    return textwrap.fill(text, width, initial_indent=first, subsequent_indent=rest)


def item(name: str, note: str, width: int) -> str:
    return wrap(f"{name}: {note}", width, "  ", "      ") + "\n"


def summary_line(status: StatusCode, style: Style) -> str:
    marker = (
        "" if status.official else style.dim(f"  [{status.standing.value}: {status.defined_by}]")
    )
    code = style.category(status, str(status.code))
    return f"{code}  {status.phrase}{marker}  {style.dim(status.summary)}\n"


_LOOKALIKE_DIGITS = str.maketrans("oOlIi", "00111")


def parse_code(text: str, registry: Registry) -> StatusCode:
    """A status code argument; unknown or malformed ones raise with a suggestion."""
    cleaned = text.strip()
    if not cleaned.isdecimal():
        # "4o4", "5OO", "4l8": letters that look like digits are the usual slip.
        as_digits = cleaned.translate(_LOOKALIKE_DIGITS)
        suggested = registry.lookup(int(as_digits)) if as_digits.isdecimal() else None
        matches = [suggested] if suggested else [m.status for m in registry.search(cleaned)]
        hint = f"; did you mean {matches[0].title}?" if matches else ""
        raise UsageError(f"{text!r} is not a status code number{hint}")
    found = registry.lookup(int(cleaned))
    if found is None:
        known = [str(s.code) for s in registry.statuses]
        close = close_matches(cleaned, known, 2)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise LookupError(f"no status code {cleaned} in the registry{hint}")
    return found
