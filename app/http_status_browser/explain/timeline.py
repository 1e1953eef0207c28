"""Codes over time: timestamps as parsers found them, turned into evenly sized buckets."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime

from http_status_browser.explain.report import TimeBucket

# A timestamp as a parser keeps it: the access log's "[10/Oct/2026:13:55 +0000]" cut to the
# minute, as bytes (parsed once per distinct minute, not once per line), or epoch seconds.
TimeKey = bytes | float

MAX_BUCKETS = 120
BUCKET_SIZES = (60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400)
ACCESS_TIME_FORMAT = "%d/%b/%Y:%H:%M %z"
LATEST = 4_102_444_800.0  # 2100-01-01


def access_log_minute(stamp: bytes) -> bytes:
    """b"10/Oct/2026:13:55:36 -0700" -> b"10/Oct/2026:13:55 -0700" (seconds dropped)."""
    return stamp[:17] + stamp[20:]


def parse_iso(text: str) -> float | None:
    """Seconds since the epoch from an ISO 8601 time ("2026-11-26T22:47:33.120Z"), else None."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except (ValueError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def epoch_of(value: object) -> float | None:
    """A JSON log's time value: ISO text, or epoch seconds or milliseconds as a number;
    None for anything else or outside 1970-2100."""
    seconds: float | None = None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and math.isfinite(value):
        seconds = float(value) / 1000 if value > 1e11 else float(value)
    elif isinstance(value, str):
        seconds = parse_iso(value)
    return seconds if seconds is not None and 0 < seconds < LATEST else None


def seconds_of(key: TimeKey) -> float | None:
    if isinstance(key, float):
        return key
    try:
        return datetime.strptime(key.decode("ascii"), ACCESS_TIME_FORMAT).timestamp()
    except (ValueError, UnicodeDecodeError):
        return None


def build_timeline(times: Mapping[tuple[TimeKey, int], int]) -> tuple[tuple[TimeBucket, ...], int]:
    """Buckets of counts by class, at most MAX_BUCKETS, empty ones included; and their size."""
    if not times:
        return (), 0
    seconds: dict[TimeKey, float | None] = {}
    points: list[tuple[float, int, int]] = []
    for (key, digit), count in times.items():
        if key not in seconds:
            seconds[key] = seconds_of(key)
        moment = seconds[key]
        if moment is not None:
            points.append((moment, digit, count))
    if not points:
        return (), 0
    first = min(p[0] for p in points)
    last = max(p[0] for p in points)
    span = last - first
    # Hostile or odd timestamps (year 1 and year 9999 in one file) get wide buckets rather
    # than millions of empty ones.
    size = next(
        (s for s in BUCKET_SIZES if span / s < MAX_BUCKETS), math.ceil(span / MAX_BUCKETS) + 1
    )
    start = math.floor(first / size) * size
    buckets = [[0] * 6 for _ in range(int((last - start) // size) + 1)]
    for moment, digit, count in points:
        buckets[int((moment - start) // size)][digit] += count
    timeline = tuple(
        TimeBucket(start + i * size, (b[0], b[1], b[2], b[3], b[4], b[5]))
        for i, b in enumerate(buckets)
    )
    return timeline, size
