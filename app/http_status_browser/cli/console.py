"""What the httpstatus commands share: terminal styling and width, colour, JSON output and
safe printing of untrusted text. No Qt, no argparse. (Exit statuses are in exits.py, reading
a typed code in registry/codeinput.py.)
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import IO, Any

from http_status_browser.registry.model import Registry
from http_status_browser.registry.snippets import render_snippet
from http_status_browser.registry.values import Requirement, StatusCode

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


COLOR_CHOICES = ("auto", "always", "never")


def wants_color(stream: IO[str], choice: str, environ: Mapping[str, str]) -> bool:
    """Whether to style output: --color=always or never decides; with auto, NO_COLOR turns
    colour off and FORCE_COLOR on (no-color.org, force-color.org; NO_COLOR wins, as in
    CPython's own colouring), and otherwise a terminal that is not TERM=dumb gets it."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and environ.get("TERM") != "dumb"


class Style:
    """ANSI styling, as wants_color() decides for the stream."""

    # The run's --color, set by the command line (cli/main.py) before any command writes.
    choice = "auto"

    def __init__(self, stream: IO[str]) -> None:
        self.enabled = wants_color(stream, Style.choice, os.environ)

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def category(self, status: StatusCode, text: str) -> str:
        colours = {1: "36", 2: "32", 3: "34", 4: "33", 5: "31"}
        return self._wrap("1;" + colours.get(status.code // 100, "0"), text)


def requirement_json(rule: Requirement) -> dict[str, str]:
    """A rule; with the header it asks the sender for, and the value snippets send, if any."""
    found = {"level": rule.level, "text": rule.text, "reference": rule.reference, "url": rule.url}
    if rule.header:
        found.update(header=rule.header, value=rule.value)
    return found


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
        "requirements": [requirement_json(r) for r in status.requirements],
        "headers": [{"name": h.name, "note": h.note} for h in status.headers],
        "related": [{"code": r.code, "note": r.note} for r in status.related],
        "aliases": list(status.aliases),
        "cacheable": status.cacheable,
        "content": status.content,
        "redirect": status.redirect.value if status.redirect else None,
        "method": status.method.value if status.method else None,
        "notes": [{"text": n.text, "source": n.source} for n in status.notes],
        "not_sent": status.not_sent or None,
        "instead": status.instead,
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


__all__ = [
    "COLOR_CHOICES",
    "Style",
    "item",
    "print_json",
    "printable",
    "status_json",
    "summary_line",
    "terminal_columns",
    "wants_color",
    "wrap",
]
