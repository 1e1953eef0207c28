"""What `httpstatus explain` prints: the table of codes by class, the unread lines, the
timeline as a sparkline per class, `--by` breakdowns, and the JSON and CSV shapes.

Everything read from the input is untrusted: control characters and terminal escape
sequences are shown as visible escapes, never passed through.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any

from http_status_browser.cli.console import Style, printable, terminal_columns
from http_status_browser.registry.model import Registry

if TYPE_CHECKING:
    import argparse

    from http_status_browser.explain.report import Breakdown, Report, TimeBucket

CATEGORY_NAMES = {
    "1xx": "Informational",
    "2xx": "Success",
    "3xx": "Redirection",
    "4xx": "Client error",
    "5xx": "Server error",
    "other": "Outside 100-599",
}


def report_json(
    report: Report, registry: Registry, *, timeline: bool = False, ranged: bool = False
) -> dict[str, Any]:
    """The stable JSON shape (documented in the README): "timeline" with --timeline,
    "breakdown" with --by, "outside_range" with --since or --until."""
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
    result: dict[str, Any] = {
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
    if timeline:
        result["timeline"] = {
            "bucket_seconds": report.bucket_seconds,
            "buckets": [
                {"start": iso_time(b.start), **dict(zip(CLASS_KEYS, b.by_class, strict=True))}
                for b in report.timeline
            ],
        }
    if report.breakdown is not None:
        result["breakdown"] = breakdown_json(report.breakdown)
    if ranged:
        result["outside_range"] = report.outside
    return result


def _count(number: int) -> str:
    return f"{number:,}"


def _times(number: int) -> str:
    return "once" if number == 1 else f"{number:,} times"


def write_sources(report: Report, out: IO[str], style: Style) -> None:
    for summary in report.sources:
        unit = "entries" if summary.format.value == "har" else "lines"
        out.write(
            style.dim(
                f"{printable(summary.name)}: {summary.format.value}, {_count(summary.lines)} "
                f"{unit}, {_count(summary.codes)} status codes"
            )
            + "\n"
        )


def write_report(report: Report, registry: Registry, out: IO[str], style: Style) -> None:
    from http_status_browser.explain.verdicts import verdicts  # noqa: PLC0415

    width = min(terminal_columns(out), 120)
    # The meaning column takes the terminal's whole width; a pipe or a file gets it uncut.
    meaning_width = terminal_columns(out) if out.isatty() else None
    write_sources(report, out, style)
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
        lines = meaning_lines(meaning, len(head), meaning_width)
        coloured = style.category(status, str(code)) if status else str(code)
        out.write(head.replace(f"{code:>3}", coloured, 1) + style.dim(lines[0]) + "\n")
        out.writelines(" " * len(head) + style.dim(line) + "\n" for line in lines[1:])
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


# Narrower than this, the meaning column wraps at this width and the terminal folds it.
MIN_MEANING = 20


def meaning_lines(meaning: str, indent: int, width: int | None) -> list[str]:
    """The meaning column's lines: the whole text when the width is unknown (a pipe, a
    file), else wrapped at word boundaries to fit after `indent` columns. A word is never
    cut: one longer than the room stays whole, and the terminal folds it."""
    if width is None:
        return [meaning]
    import textwrap  # noqa: PLC0415  (only a terminal's table wraps)

    room = max(MIN_MEANING, width - indent - 1)
    return textwrap.wrap(meaning, room, break_long_words=False, break_on_hyphens=False) or [""]


def write_unread(report: Report, out: IO[str], style: Style, width: int) -> None:
    """How many lines could not be read, and the first few with their numbers."""
    out.write(style.bold(f"Could not read {_count(report.unread)}") + "\n")
    for line in report.unread_samples:
        where = f"  {printable(line.source)} {line.unit} {line.line}: {line.reason}"
        # A sample of the line, not the line: cut to what is left of the row (at least 20).
        text = f": {printable(line.text)}" if line.text else ""
        room = max(MIN_MEANING, width - len(where))
        text = text if len(text) <= room else text[: room - 1] + "…"
        out.write(where + style.dim(text) + "\n")


CLASS_KEYS = ("other", "1xx", "2xx", "3xx", "4xx", "5xx")  # TimeBucket.by_class's order
SPARKS = "▁▂▃▄▅▆▇█"
ASCII_SPARKS = ".:-=+*#@"
BAR = "█"


def iso_time(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def breakdown_json(breakdown: Breakdown) -> dict[str, Any]:
    return {
        "by": breakdown.by,
        "selection": breakdown.selection or None,
        "counted": breakdown.counted,
        "distinct": breakdown.distinct,
        "rows": [
            {
                "key": row.key,
                "count": row.hits,
                "start": iso_time(row.start) if row.start is not None else None,
                **dict(zip(CLASS_KEYS, row.by_class, strict=True)),
            }
            for row in breakdown.rows
        ],
    }


def can_draw(out: IO[str]) -> bool:
    """Whether the block characters of sparklines and bars can be written to `out`."""
    encoding = getattr(out, "encoding", None) or "ascii"
    try:
        (SPARKS + BAR).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def sparkline(values: list[int], levels: str) -> str:
    """One character per value, the range up to the largest cut evenly into the levels; a
    space for none at all, so that quiet spells show."""
    top = max(values, default=0)
    if top <= 0:
        return " " * len(values)
    return "".join(" " if v <= 0 else levels[(v * len(levels) - 1) // top] for v in values)


def merged(buckets: tuple[TimeBucket, ...], columns: int) -> tuple[list[list[int]], int]:
    """The buckets summed in groups so that at most `columns` are left, and the group size."""
    group = max(1, -(-len(buckets) // max(1, columns)))
    rows = [[0] * ((len(buckets) + group - 1) // group) for _ in CLASS_KEYS]
    for index, bucket in enumerate(buckets):
        for digit, count in enumerate(bucket.by_class):
            rows[digit][index // group] += count
    return rows, group


def span_text(seconds: int) -> str:
    for unit, name in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds % unit == 0:
            count = seconds // unit
            return f"{count} {name}s" if count != 1 else f"1 {name}"
    return f"{seconds} seconds"


def write_timeline(report: Report, out: IO[str], style: Style, width: int) -> None:
    """Codes over time: a sparkline per class that was seen, oldest on the left (UTC)."""
    if not report.timeline:
        out.write(style.dim("No timeline: the input has no times we read") + "\n")
        return
    rows, group = merged(report.timeline, max(10, width - 20))
    levels = SPARKS if can_draw(out) else ASCII_SPARKS
    first, last = report.timeline[0].start, report.timeline[-1].start + report.bucket_seconds
    out.write(
        style.bold("Timeline")
        + style.dim(
            f"  {iso_time(first)} to {iso_time(last)}, "
            f"{span_text(report.bucket_seconds * group)} a column"
        )
        + "\n"
    )
    count_width = max(len(_count(sum(row))) for row in rows)
    for digit in (1, 2, 3, 4, 5, 0):
        total = sum(rows[digit])
        if total:
            line = sparkline(rows[digit], levels)
            name = CLASS_KEYS[digit] if digit else "other"
            out.write(f"  {name:<5}  {line}  {_count(total):>{count_width}}\n")


def write_breakdown(report: Report, out: IO[str], style: Style, width: int) -> None:
    """`--by`: the top paths or hosts of the selected codes, or their count per hour or day."""
    breakdown = report.breakdown
    if breakdown is None:
        return
    what = breakdown.selection or "every code"
    timed = breakdown.by in ("hour", "day")
    if timed:
        head = f"{what} by {breakdown.by} (UTC): {_count(breakdown.counted)} codes"
    else:
        noun = "paths" if breakdown.by == "path" else "hosts"
        head = (
            f"{what} by {breakdown.by}: {_count(breakdown.counted)} codes, "
            f"the top {len(breakdown.rows):,} of {_count(breakdown.distinct)} {noun}"
        )
    out.write(style.bold(head) + "\n")
    if not breakdown.rows:
        out.write(style.dim("  none of the codes counted is selected") + "\n")
        return
    count_width = max(len(_count(row.hits)) for row in breakdown.rows)
    if not timed:
        for row in breakdown.rows:
            text = printable(row.key)
            room = max(20, width - count_width - 5)
            text = text if len(text) <= room else text[: room - 1] + "…"
            out.write(f"  {_count(row.hits):>{count_width}}  {text}\n")
        return
    key_width = max(len(row.key) for row in breakdown.rows)
    bar = BAR if can_draw(out) else "#"
    room = max(10, width - key_width - count_width - 8)
    top = max(row.hits for row in breakdown.rows) or 1
    for row in breakdown.rows:
        length = -(-row.hits * room // top) if row.hits else 0
        out.write(f"  {row.key:<{key_width}}  {_count(row.hits):>{count_width}}  {bar * length}\n")


CODE_COLUMNS = ("code", "count", "share", "category", "phrase", "official", "defined_by")
ROW_COLUMNS = ("key", "count", "start", "1xx", "2xx", "3xx", "4xx", "5xx", "other")


FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """Untrusted text for a CSV cell: control characters as escapes (as on the terminal), and
    a leading ' before what a spreadsheet would run as a formula (=, +, @, -1...)."""
    text = printable(text)
    if text.startswith(FORMULA_STARTS) or (text.startswith("-") and len(text) > 1):
        return "'" + text
    return text


def write_csv(report: Report, registry: Registry, out: IO[str]) -> None:
    """`--csv`: one row per code (a header row first), or with --by one row per path, host,
    hour or day. Text from the input goes through csv_text."""
    import csv  # noqa: PLC0415  (only --csv needs it)

    from http_status_browser.explain.verdicts import verdicts  # noqa: PLC0415

    writer = csv.writer(out, lineterminator="\n")
    if report.breakdown is not None:
        writer.writerow(ROW_COLUMNS)
        for row in report.breakdown.rows:
            start = iso_time(row.start) if row.start is not None else ""
            by_class = dict(zip(CLASS_KEYS, row.by_class, strict=True))
            counts = (by_class[k] for k in ROW_COLUMNS[3:])
            writer.writerow([csv_text(row.key), row.hits, start, *counts])
        return
    writer.writerow(CODE_COLUMNS)
    for verdict in verdicts(report.codes, report.total, registry):
        status = verdict.status
        writer.writerow(
            [
                verdict.found.code,
                verdict.found.hits,
                f"{verdict.share:.6f}",
                verdict.category,
                status.phrase if status else "",
                "yes" if status is not None and status.official else "no",
                (status.defined_by or "") if status else "",
            ]
        )


def write_text(
    report: Report, registry: Registry, out: IO[str], style: Style, *, args: argparse.Namespace
) -> None:
    """The report as a person reads it: the breakdown with --by, else the codes table; the
    timeline with --timeline."""
    width = min(terminal_columns(out), 120)
    if report.breakdown is not None:
        write_sources(report, out, style)
        out.write("\n")
        write_breakdown(report, out, style, width)
    else:
        write_report(report, registry, out, style)
    if args.timeline:
        out.write("\n")
        write_timeline(report, out, style, width)
    if report.outside:
        out.write(
            "\n"
            + style.dim(f"{_count(report.outside)} codes outside --since/--until left out")
            + "\n"
        )


def write_json(
    report: Report,
    registry: Registry,
    out: IO[str],
    args: argparse.Namespace,
    *,
    compact: bool = False,
) -> None:
    """--json: indented, or one line (--follow writes one object a line)."""
    import json  # noqa: PLC0415  (only --json needs it)

    ranged = args.since is not None or args.until is not None
    data = report_json(report, registry, timeline=args.timeline, ranged=ranged)
    # ASCII only: a C1 control or a bidi mark from the input stays a \u escape.
    json.dump(data, out, indent=None if compact else 2, ensure_ascii=True)
    out.write("\n")


def summary_line(report: Report) -> str:
    """One line for --follow's plain output: the time, the count and the count per class."""
    by_class = [0] * 6
    for found in report.codes:
        digit = found.code // 100
        by_class[digit if 1 <= digit <= 5 else 0] += found.hits
    classes = "  ".join(
        f"{CLASS_KEYS[d]} {_count(by_class[d])}" for d in (1, 2, 3, 4, 5, 0) if by_class[d]
    )
    unread = f"  unread {_count(report.unread)}" if report.unread else ""
    return f"{iso_time(time.time())}  {_count(report.total)} codes  {classes}{unread}".rstrip()
