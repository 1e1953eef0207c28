"""explain.har: HAR files streamed entry by entry, whatever their size and wherever
chunks end; nasty entries, huge entries and cuts."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from http_status_browser.explain import ExplainOptions, Format, Report, explain_sources
from http_status_browser.explain.formats import read_stream
from http_status_browser.explain.har import MAX_ENTRY
from http_status_browser.explain.jsonlines import status_value
from http_status_browser.explain.reading import CHUNK
from http_status_browser.explain.report import SourceSummary
from http_status_browser.explain.tally import Tally
from tests.explain.test_explain import Trickle, counts

DATA = Path(__file__).parents[1] / "data" / "explain"
HAR = ExplainOptions(Format.HAR)


def entry(status: object, url: str = "https://shop.example/", **extra: object) -> dict[str, object]:
    return {
        "startedDateTime": "2026-11-26T12:30:00.000Z",
        "request": {"method": "GET", "url": url},
        "response": {"status": status, "statusText": "", **extra},
    }


def har(entries: list[dict[str, object]], **log: object) -> bytes:
    document = {"log": {"version": "1.2", **log, "entries": entries}}
    return json.dumps(document, indent=1, ensure_ascii=False).encode("utf-8")


def explain_bytes(data: bytes, options: ExplainOptions = HAR) -> Report:
    return explain_sources(["-"], options, stdin=io.BytesIO(data))


class Pieces(io.RawIOBase):
    """A stream made of byte strings produced as read: the test holds one piece at a time."""

    def __init__(self, pieces: Iterator[bytes]) -> None:
        self.pieces = pieces
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self.pending:
            self.pending = next(self.pieces, b"")
            if not self.pending:
                return 0
        count = min(len(buffer), len(self.pending))
        buffer[:count] = self.pending[:count]
        self.pending = self.pending[count:]
        return count


def generated_har(size: int) -> tuple[Iterator[bytes], int]:
    """About `size` bytes of a DevTools-like HAR, and how many entries it has."""
    header = b'{"log": {"version": "1.2", "creator": {"name": "gen"}, "pages": [], "entries": [\n'
    unit = json.dumps(
        entry(404, "https://shop.example/a?q=]{x", content={"text": 'entries ] } { \\" é' * 40}),
        indent=2,
        ensure_ascii=False,
    ).encode("utf-8")
    count = size // (len(unit) + 2)

    def pieces() -> Iterator[bytes]:
        yield header
        for index in range(count):
            yield (b",\n" if index else b"") + unit
        yield b"\n]}}\n"

    return pieces(), count


@pytest.mark.parametrize("options", [HAR, ExplainOptions(top=5, timeline=True)])
def test_memory_stays_flat_however_large_the_har(options: ExplainOptions) -> None:
    import tracemalloc

    pieces, count = generated_har(48 << 20)
    tracemalloc.start()
    try:
        report = explain_sources(["-"], options, stdin=io.BufferedReader(Pieces(pieces)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.sources[0].error == ""
    assert report.sources[0].format is Format.HAR
    assert counts(report) == {404: count}
    assert peak < 20 << 20  # a few chunks in flight, never the file (48 MiB)


# Text that trips up a reader that looks for brackets or keys instead of parsing.
NASTY = st.sampled_from(['"entries": [', "]", "}", "{", "[", '"', "\\", "é", "𝄞", ",", "\n"])
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=6)), max_size=6).map("".join)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
STATUSES = st.one_of(
    st.sampled_from([200, 204, 301, 404, 500, 0, "404", None, True, 1000]), JSON_VALUES
)
OBJECTS = st.builds(
    lambda status, url, extra: {**entry(status, url), "_extra": extra},
    STATUSES,
    TEXT,
    JSON_VALUES,
)
ENTRIES = st.lists(OBJECTS | JSON_VALUES, max_size=8)


def expected_counts(entries: list[object]) -> tuple[dict[int, int], int]:
    found: dict[int, int] = {}
    unread = 0
    for item in entries:
        response = item.get("response") if isinstance(item, dict) else None
        code = status_value(response.get("status")) if isinstance(response, dict) else None
        if code is None:
            unread += 1
        else:
            found[code] = found.get(code, 0) + 1
    return found, unread


def read_trickled(
    data: bytes, first: int, step: int, options: ExplainOptions = HAR
) -> tuple[SourceSummary, Tally]:
    tally = Tally(options)
    stream = Trickle(data[first:], step)
    summary = read_stream("x.har", data[:first], stream, tally)  # type: ignore[arg-type]
    return summary, tally


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ENTRIES,
    st.dictionaries(TEXT, JSON_VALUES, max_size=3),
    st.tuples(st.sampled_from([None, 0, 1, 2]), st.booleans()),
    st.tuples(st.integers(1, 60), st.integers(1, 13)),
)
def test_streaming_counts_match_json_loads_wherever_chunks_end(
    entries: list[object],
    other_keys: dict[str, object],
    style: tuple[int | None, bool],
    edges: tuple[int, int],
) -> None:
    """`style` is how json.dumps writes (indent, ASCII only); `edges` where chunks end (the
    first chunk's size, then every read's)."""
    indent, ascii_only = style
    first, step = edges
    log: dict[str, object] = {k: v for k, v in other_keys.items() if k != "entries"}
    log["entries"] = entries
    log["after"] = {"entries": [entry(500)]}  # after log.entries: never read
    document = {"comment": {"log": {"entries": [entry(418)]}}, "log": log}
    data = json.dumps(document, indent=indent, ensure_ascii=ascii_only).encode("utf-8")
    assert json.loads(data)["log"]["entries"] == entries
    found, unread = expected_counts(entries)

    summary, tally = read_trickled(data, first, step)
    assert summary.error == ""
    assert summary.lines == len(entries)
    assert tally.codes == found
    assert tally.unread == unread


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(OBJECTS, min_size=1, max_size=6),
    st.floats(0, 1, exclude_max=True),
    st.tuples(st.integers(1, 60), st.integers(1, 13)),
)
def test_a_cut_anywhere_in_the_entries_keeps_every_whole_entry_before_it(
    entries: list[dict[str, object]], where: float, edges: tuple[int, int]
) -> None:
    head = b'{"log": {"version": "1.2", "entries": [\n'
    parts = [json.dumps(e, indent=1, ensure_ascii=False).encode("utf-8") for e in entries]
    ends = []  # where each entry's closing brace ends
    for index, part in enumerate(parts):
        ends.append(len(head) + sum(len(p) + 2 for p in parts[:index]) + len(part))
    data = head + b",\n".join(parts) + b"\n]}}"
    cut = len(head) + int(where * (len(data) - 3 - len(head)))  # inside the array
    whole = sum(1 for end in ends if end <= cut)
    found, unread = expected_counts(entries[:whole])

    summary, tally = read_trickled(data[:cut], *edges)
    assert (tally.codes, tally.unread) == (found, unread)
    if whole < len(entries) and cut > ends[whole] - len(parts[whole]):
        assert summary.error.startswith(f"entry {whole + 1} is cut short")
    else:
        assert summary.error.startswith(f"the file ends early, after {whole} entries")


def test_log_entries_after_nested_entries_and_brackets_in_strings() -> None:
    data = har(
        [entry(200, 'https://x.example/"]}{['), entry(404, "https://x.example/entries]")],
        creator={"name": '"entries": [{"response": {"status": 500}}]', "version": "]}"},
        pages=[{"id": "p", "entries": [entry(503)], "title": "]]]}}}"}],
        comment="\\",
    )
    report = explain_bytes(data, ExplainOptions(top=3))
    assert report.sources[0].error == ""
    assert counts(report) == {200: 1, 404: 1}
    assert report.codes[1].top[0].target == "https://x.example/entries]"


def test_a_huge_entry_is_skipped_and_counted_as_unread() -> None:
    body = '{"a": [1, "]}\\"\\\\"], "b": "' + "é]" * (MAX_ENTRY // 2 + CHUNK) + '"}'
    data = har([entry(200), entry(500, content={"text": body}), entry(404)])
    assert len(data) > MAX_ENTRY
    report = explain_bytes(data)
    assert report.sources[0].error == ""
    assert report.sources[0].lines == 3
    assert counts(report) == {200: 1, 404: 1}
    (skipped,) = report.unread_samples
    assert (skipped.line, skipped.unit) == (2, "entry")
    assert "longer than 8 MiB" in skipped.reason


def test_a_huge_entry_cut_short() -> None:
    data = har([entry(200), entry(500, content={"text": "x" * (MAX_ENTRY + CHUNK)})])
    report = explain_bytes(data[: len(data) - CHUNK])
    assert counts(report) == {200: 1}
    assert "entry 2 is cut short" in report.sources[0].error


@pytest.mark.parametrize("marker", ["shop.example/two", 'eTime": "2026', '"status": 404'])
def test_truncation_inside_an_entry_keeps_the_ones_before(marker: str) -> None:
    data = har([entry(200), entry(404, "https://shop.example/two"), entry(301)])
    cut = data[: data.index(marker.encode(), data.index(b'"status": 200')) + 5]
    report = explain_bytes(cut)
    assert counts(report) == {200: 1}
    assert "entry 2 is cut short" in report.sources[0].error


def test_truncation_between_entries_and_before_them() -> None:
    data = har([entry(200), entry(404)])
    between = explain_bytes(data[: data.rindex(b"]")])
    assert "ends early, after 2 entries" in between.sources[0].error
    before = explain_bytes(data[: data.index(b"entries") + 4])
    assert "not valid JSON" in before.sources[0].error
    assert before.total == 0


def test_a_broken_entry_in_the_middle_stops_the_reading() -> None:
    data = har([entry(200), entry(404)] + [entry(200)] * 60000)
    assert len(data) > MAX_ENTRY
    report = explain_bytes(data.replace(b'"status": 404', b'"status": 4o4', 1))
    assert counts(report) == {200: 1}
    assert "entry 2 is cut short or not valid JSON" in report.sources[0].error


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (b'{"log": {"version": "1.2", "pages": []}}', "no log.entries"),
        (b'{"log": {"entries": {"status": 200}}}', "no log.entries"),
        (b'{"log": {"entries" 3}}', "not valid JSON (expected ':'"),
        (b'{"log": {"pages": [}}', "not valid JSON (unexpected '}'"),
        (b"[1, 2]", "not valid JSON (expected a JSON object"),
    ],
)
def test_documents_without_entries_say_why(document: bytes, problem: str) -> None:
    report = explain_bytes(document)
    assert report.total == 0
    assert problem in report.sources[0].error


def test_gzip_utf16_a_bom_and_a_truncated_gzip() -> None:
    data = har([entry(200, "https://x.example/ünïcode"), entry(404)] * 3000)
    assert counts(explain_bytes(gzip.compress(data), ExplainOptions())) == {200: 3000, 404: 3000}
    utf16 = data.decode("utf-8").encode("utf-16")
    assert counts(explain_bytes(utf16, ExplainOptions())) == {200: 3000, 404: 3000}
    with_bom = b"\xef\xbb\xbf" + data
    assert counts(explain_bytes(with_bom, ExplainOptions())) == {200: 3000, 404: 3000}
    cut = explain_bytes(gzip.compress(data)[:-100], ExplainOptions())
    assert "truncated .gz" in cut.sources[0].error
    assert 0 < cut.total < 6000


def test_cancelling_a_har_keeps_what_was_counted(tmp_path: Path) -> None:
    path = tmp_path / "big.har"
    path.write_bytes(har([entry(200)] * 40000))
    seen: list[tuple[int, int]] = []
    report = explain_sources(
        [str(path)], ExplainOptions(), progress=lambda *p: seen.append(p), cancelled=lambda: True
    )
    assert report.cancelled
    assert report.sources[0].error == "cancelled"
    assert 0 < report.total < 40000
    assert seen
    assert seen[0][1] == path.stat().st_size


def test_progress_reaches_the_har_size(tmp_path: Path) -> None:
    path = tmp_path / "big.har"
    path.write_bytes(har([entry(200)] * 40000))
    seen: list[tuple[int, int]] = []
    report = explain_sources([str(path)], ExplainOptions(), progress=lambda *p: seen.append(p))
    assert report.total == 40000
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)


def test_timeline_and_top_from_a_streamed_har() -> None:
    data = (DATA / "devtools-export.har").read_bytes()
    summary, tally = read_trickled(data, 5, 7, ExplainOptions(Format.HAR, top=2, timeline=True))
    report = tally.report([summary])
    assert counts(report) == {200: 1, 301: 1, 401: 1, 404: 1}
    assert [c.top[0].target for c in report.codes if c.code == 404] == ["https://shop.example/new"]
    assert sum(sum(b.by_class) for b in report.timeline) == 4
