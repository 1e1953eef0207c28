"""Narrowing and breaking down what is counted: `--code 404,5xx`, `--since`/`--until`, and
`--by path|host|hour|day` rows (the top 404 paths, 5xx per hour)."""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from http_status_browser.explain.report import BreakdownRow

MAX_KEYS = 200_000  # distinct paths or hosts kept; beyond them new ones are lumped together
OTHER_KEY = "(other)"
NO_TIME = "(no time)"
DEFAULT_ROWS = 10  # paths or hosts listed when --top does not say
RELATIVE = re.compile(r"(\d+)\s*([smhdw])")
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
SELECTOR = re.compile(r"([1-9])(?:xx|XX)|([1-9]\d\d)")


class By(StrEnum):
    """What `--by` breaks the selected codes down by."""

    PATH = "path"
    HOST = "host"  # the client's address in access logs (GoAccess's Hosts), a URL's host in HAR
    HOUR = "hour"  # UTC
    DAY = "day"  # UTC

    @property
    def seconds(self) -> int:
        return 3600 if self is By.HOUR else 86400


@dataclass(frozen=True)
class CodeSelection:
    """Codes and classes, as `--code 404,410,5xx` names them; empty selects every code."""

    codes: frozenset[int] = frozenset()
    classes: frozenset[int] = frozenset()

    def selects(self, code: int) -> bool:
        if not (self.codes or self.classes):
            return True
        return code in self.codes or code // 100 in self.classes

    def __str__(self) -> str:
        names = [f"{c}xx" for c in sorted(self.classes)] + [str(c) for c in sorted(self.codes)]
        return ",".join(names)


def parse_selection(text: str) -> CodeSelection:
    """ "404", "5xx", "404,410,5xx" -> a CodeSelection; ValueError says what is wrong."""
    codes: set[int] = set()
    classes: set[int] = set()
    for word in text.replace(" ", "").split(","):
        found = SELECTOR.fullmatch(word)
        if found is None:
            raise ValueError(f"{word!r} is not a status code or class (such as 404 or 5xx)")
        if found.group(1):
            classes.add(int(found.group(1)))
        else:
            codes.add(int(found.group(2)))
    return CodeSelection(frozenset(codes), frozenset(classes))


def parse_moment(text: str, now: float | None = None) -> float:
    """Seconds since the epoch from an ISO 8601 date or time (UTC unless it names its offset:
    "2026-11-26", "2026-11-26T10:00", "2026-11-26 10:00+01:00") or a span before now ("90m",
    "2h", "7d"). ValueError says what is wrong."""
    text = text.strip()
    relative = RELATIVE.fullmatch(text)
    if relative is not None:
        moment = time.time() if now is None else now
        return moment - int(relative.group(1)) * UNIT_SECONDS[relative.group(2)]
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a time: give an ISO 8601 date or time (2026-11-26, "
            "2026-11-26T10:00, 2026-11-26T10:00+01:00) or a span before now (90m, 2h, 7d)"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def time_key(start: float, by: By) -> str:
    moment = datetime.fromtimestamp(start, UTC)
    return moment.strftime("%Y-%m-%d %H:00" if by is By.HOUR else "%Y-%m-%d")


def _row(key: str, by_class: list[int], start: float | None = None) -> BreakdownRow:
    counts = (by_class[0], by_class[1], by_class[2], by_class[3], by_class[4], by_class[5])
    return BreakdownRow(key, sum(counts), counts, start)


def breakdown_rows(
    rows: Mapping[bytes | str | int | None, list[int]], by: By, limit: int
) -> tuple[BreakdownRow, ...]:
    """Paths and hosts most frequent first, at most `limit`; hours and days in time order,
    the empty ones between included, and the lines without a time last."""
    if by in (By.PATH, By.HOST):
        named = [
            _row(key.decode("utf-8", errors="replace") if isinstance(key, bytes) else str(key), c)
            for key, c in rows.items()
        ]
        named.sort(key=lambda row: (-row.hits, row.key))
        return tuple(named[: limit or DEFAULT_ROWS])
    starts = sorted(key for key in rows if isinstance(key, int))
    result = []
    if starts:
        step = by.seconds
        for start in range(starts[0], starts[-1] + step, step):
            result.append(_row(time_key(start, by), rows.get(start, [0] * 6), float(start)))
    if None in rows:
        result.append(_row(NO_TIME, rows[None]))
    return tuple(result)
