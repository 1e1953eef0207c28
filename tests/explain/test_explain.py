"""explain: each format read from realistic samples, bad input, bounded reading, fuzzing."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from http_status_browser.explain import (
    ExplainOptions,
    Format,
    Report,
    explain_sources,
    explain_text,
)
from http_status_browser.explain.detect import DetectError, detect
from http_status_browser.explain.reading import MAX_LINE, SourceError, open_source
from http_status_browser.explain.verdicts import verdicts
from http_status_browser.registry import Registry

DATA = Path(__file__).parents[1] / "data" / "explain"


def counts(report: Report) -> dict[int, int]:
    return {c.code: c.hits for c in report.codes}


def explain_file(name: str | Path, **options: object) -> Report:
    return explain_sources([str(DATA / name)], ExplainOptions(**options))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "expected_format", "expected"),
    [
        (
            "nginx-combined.log",
            Format.ACCESS_LOG,
            {200: 2, 201: 1, 302: 1, 400: 1, 404: 2, 499: 1, 502: 2},
        ),
        ("apache-common.log", Format.ACCESS_LOG, {200: 1, 301: 1, 304: 1, 413: 1, 500: 1}),
        ("service.jsonl", Format.JSON_LINES, {200: 1, 304: 1, 429: 1, 500: 1, 503: 1}),
        ("devtools-export.har", Format.HAR, {200: 1, 301: 1, 401: 1, 404: 1}),
        ("curl-verbose-redirects.txt", Format.TRANSCRIPT, {301: 1, 302: 1, 404: 1}),
        ("curl-include.txt", Format.TRANSCRIPT, {100: 1, 200: 1}),
    ],
)
def test_each_format_is_detected_and_counted(
    name: str, expected_format: Format, expected: dict[int, int]
) -> None:
    report = explain_file(name)
    assert report.sources[0].format is expected_format
    assert report.sources[0].error == ""
    assert counts(report) == expected
    assert report.total == sum(expected.values())


def test_unread_lines_are_counted_with_their_numbers() -> None:
    report = explain_file("nginx-combined.log")
    assert report.unread == 1  # the error log line; the blank line is not a problem
    (sample,) = report.unread_samples
    assert sample.line == 11
    assert "upstream timed out" in sample.text


def test_json_lines_read_nested_and_flat_keys_and_report_the_rest() -> None:
    report = explain_file("service.jsonl", top=3)
    assert report.unread == 2
    reasons = [u.reason for u in report.unread_samples]
    assert reasons == ["no status code under a known key", "not valid JSON"]
    top = {c.code: [t.target for t in c.top] for c in report.codes}
    assert top[429] == ["/api/search"]
    assert top[503] == ["https://api.example/v1/pay"]


def test_json_key_named_by_the_user() -> None:
    text = '{"upstream": {"code": 502}}\n{"upstream": {"code": "504"}}\n'
    report = explain_text(text, ExplainOptions(Format.JSON_LINES, key="upstream.code"))
    assert counts(report) == {502: 1, 504: 1}


def test_a_key_means_json_lines_even_when_no_known_key_is_there(tmp_path: Path) -> None:
    path = tmp_path / "gateway.jsonl"
    path.write_text('{"upstream": {"code": 502}}\n{"msg": "started"}\n', encoding="utf-8")
    report = explain_sources([str(path)], ExplainOptions(key="upstream.code"))
    assert report.sources[0].format is Format.JSON_LINES
    assert counts(report) == {502: 1}
    assert report.unread_samples[0].reason == "no status code under 'upstream.code'"


def test_custom_format_with_a_field_number() -> None:
    report = explain_file("custom-fields.log", field=5, top=1)
    assert report.sources[0].format is Format.FIELDS
    assert counts(report) == {200: 2, 404: 1, 503: 2}
    assert next(c.top for c in report.codes if c.code == 503)[0].target == "/v2/orders"


def test_custom_format_without_the_field_is_not_guessed() -> None:
    report = explain_file("custom-fields.log")
    assert report.total == 0
    assert "--field" in report.sources[0].error


def test_har_status_zero_and_phrases() -> None:
    report = explain_file("devtools-export.har", top=5)
    (blocked,) = report.unread_samples
    assert (blocked.unit, blocked.line) == ("entry", 3)
    assert "status 0" in blocked.reason
    assert blocked.text == "https://ads.example/pixel.gif"
    assert [c.top[0].target for c in report.codes if c.code == 404] == ["https://shop.example/new"]


def test_transcript_pairs_requests_with_statuses() -> None:
    report = explain_file("curl-verbose-redirects.txt", top=1)
    assert [c.top[0].target for c in report.codes if c.code == 404] == ["shop.example/sale/"]


def test_phrases_that_differ_from_the_registry_are_flagged(registry: Registry) -> None:
    text = (
        "HTTP/1.1 200 Success\nHTTP/1.1 413 Request Entity Too Large\nHTTP/1.1 404 not found\n"
        "HTTP/2 204\nHTTP/1.1 299 Cache Warmed\nHTTP/1.1 499 Client Closed Request\n"
    )
    found = {
        v.found.code: v for v in verdicts(explain_text(text, ExplainOptions()).codes, 6, registry)
    }
    assert "differs from the registry's OK" in found[200].phrase_notes[0].note
    assert "former or other name" in found[413].phrase_notes[0].note
    assert found[404].phrase_notes == ()  # case does not matter
    assert found[204].phrase_notes == ()  # HTTP/2 sends no phrase
    assert found[299].status is None
    assert found[299].flag == "in no registry"
    assert found[499].flag == "unofficial: nginx"


def test_gzip_files_and_several_inputs_add_up(tmp_path: Path) -> None:
    plain = (DATA / "apache-common.log").read_bytes()
    rotated = tmp_path / "access.log.2.gz"
    rotated.write_bytes(gzip.compress(plain))
    report = explain_sources(
        [str(rotated), str(DATA / "apache-common.log")], ExplainOptions(Format.AUTO)
    )
    assert report.total == 10
    assert [s.name for s in report.sources] == [str(rotated), str(DATA / "apache-common.log")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_byte_order_marks_and_utf16(tmp_path: Path, encoding: str) -> None:
    text = (DATA / "curl-verbose-redirects.txt").read_text(encoding="utf-8")
    path = tmp_path / "transcript.txt"
    data = text.encode(encoding)
    path.write_bytes(b"\xfe\xff" + data if encoding == "utf-16-be" else data)
    report = explain_sources([str(path)], ExplainOptions())
    assert counts(report) == {301: 1, 302: 1, 404: 1}


def test_standard_input() -> None:
    data = (DATA / "curl-include.txt").read_bytes()
    report = explain_sources(["-"], ExplainOptions(), stdin=io.BytesIO(data))
    assert report.sources[0].name == "standard input"
    assert counts(report) == {100: 1, 200: 1}


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path) -> None:
    lines = (DATA / "apache-common.log").read_bytes() * 2000
    cut = tmp_path / "cut.log.gz"
    cut.write_bytes(gzip.compress(lines)[:-200])
    report = explain_sources([str(cut)], ExplainOptions())
    assert "truncated" in report.sources[0].error
    assert report.total > 0


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"\n\n  \n", "empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4, "binary"),
        (b"hello\nnothing to see here\n", "no status codes"),
        (b'{"name": "not a log"}\n', "--key"),
    ],
)
def test_inputs_without_codes_say_why(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "input"
    path.write_bytes(content)
    report = explain_sources([str(path)], ExplainOptions())
    assert report.total == 0
    assert problem in report.sources[0].error


def test_a_directory_and_a_missing_file_are_messages(tmp_path: Path) -> None:
    report = explain_sources([str(tmp_path), str(tmp_path / "nope.log")], ExplainOptions())
    assert [s.error for s in report.sources] == [
        "is a directory; name the log files inside it",
        "no such file",
    ]


def test_an_unreadable_file_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads any file whatever its mode, so the refusal is simulated where it happens.
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(SourceError, match="permission denied"):
        open_source(str(tmp_path / "secret.log"))


def test_a_ten_megabyte_line_is_skipped_not_held(tmp_path: Path) -> None:
    good = b'192.0.2.1 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 12 "-" "-"\n'
    path = tmp_path / "long.log"
    path.write_bytes(good + b"A" * (10 * MAX_LINE) + b"\n" + good + b"B" * (10 * MAX_LINE))
    report = explain_sources([str(path)], ExplainOptions())
    assert counts(report) == {200: 2}
    assert report.unread == 2
    assert [u.line for u in report.unread_samples] == [2, 4]
    assert all("longer than 1 MiB" in u.reason for u in report.unread_samples)


def test_invalid_utf8_is_read_around() -> None:
    text = (
        b'203.0.113.9 - - [26/Nov/2026:10:00:00 +0000] "GET /caf\xe9\xff HTTP/1.1" 404 0 "-" "-"\n'
    )
    report = explain_sources(["-"], ExplainOptions(top=1), stdin=io.BytesIO(text))
    assert report.codes[0].top[0].target == "/caf\ufffd\ufffd"


def test_truncated_har_keeps_the_entries_before_the_cut(tmp_path: Path) -> None:
    text = (DATA / "devtools-export.har").read_text(encoding="utf-8")
    cut = tmp_path / "cut.har"
    cut.write_text(text[: text.index('"status": 301')], encoding="utf-8")
    report = explain_sources([str(cut)], ExplainOptions())
    assert counts(report) == {200: 1, 401: 1}
    assert "entry 4" in report.sources[0].error


def test_har_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.har"
    path.write_text('{"log": {"version": "1.2", "creator": {}, "pages": [}', encoding="utf-8")
    report = explain_sources([str(path)], ExplainOptions(Format.HAR))
    assert "not valid JSON" in report.sources[0].error


def test_mixed_formats_in_one_file() -> None:
    text = (
        (DATA / "apache-common.log").read_text(encoding="utf-8")
        + '{"status": 503, "path": "/x"}\n'
        + "HTTP/1.1 418 I'm a teapot\n"
        + "nothing here\n"
    )
    report = explain_text(text, ExplainOptions())
    assert report.sources[0].format is Format.ACCESS_LOG
    assert counts(report)[503] == 1
    assert counts(report)[418] == 1
    assert report.unread == 1


def test_timeline_buckets_by_class() -> None:
    report = explain_file("nginx-combined.log", timeline=True)
    assert report.bucket_seconds == 60
    assert sum(sum(b.by_class) for b in report.timeline) == 10
    assert report.timeline[0].start == 1795684440.0  # 26 Nov 2026 09:14 UTC
    assert sum(b.by_class[5] for b in report.timeline) == 2


def test_timeline_from_json_times_in_seconds_milliseconds_and_iso() -> None:
    report = explain_file("service.jsonl", timeline=True)
    assert sum(sum(b.by_class) for b in report.timeline) == 5


def test_cancelling_stops_early(tmp_path: Path) -> None:
    path = tmp_path / "big.log"
    path.write_bytes((DATA / "apache-common.log").read_bytes() * 20000)
    report = explain_sources([str(path)], ExplainOptions(), cancelled=lambda: True)
    assert report.cancelled
    assert 0 < report.total < 100000


def test_progress_reaches_the_file_size(tmp_path: Path) -> None:
    path = tmp_path / "big.log"
    path.write_bytes((DATA / "apache-common.log").read_bytes() * 20000)
    seen: list[tuple[int, int]] = []
    explain_sources([str(path)], ExplainOptions(), progress=lambda *p: seen.append(p))
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)


def test_a_json_log_with_a_log_key_is_not_a_har_file() -> None:
    text = '{"log": "GET /x", "status": 404, "entries": 3}\n{"log": "GET /", "status": 200}\n'
    report = explain_text(text, ExplainOptions())
    assert report.sources[0].format is Format.JSON_LINES
    assert counts(report) == {200: 1, 404: 1}


def test_detect_prefers_lines_over_the_transcript() -> None:
    assert detect(b"HTTP/1.1 200 OK\nServer: x\n", complete=True) is Format.TRANSCRIPT
    with pytest.raises(DetectError, match="binary"):
        detect(b"\x00\x01\x02", complete=True)


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=2000))
def test_fuzz_detect_and_read_any_bytes(data: bytes) -> None:
    for fmt in Format:
        options = ExplainOptions(fmt, field=2 if fmt is Format.FIELDS else None, top=3)
        report = explain_sources(["-"], options, stdin=io.BytesIO(data))
        assert report.total + report.unread >= 0
        assert all(100 <= c.code <= 999 or c.code < 100 for c in report.codes)


LINE_PARTS = st.sampled_from(
    [
        '127.0.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1',
        '"GET /a\\" b HTTP/1.1" 404 ',
        "HTTP/1.1 301 Moved",
        "< HTTP/2 502",
        '{"status": 500}',
        '{"log": {"entries": [',
        '{"response": {"status": 0}}',
        "]}}",
        "[",
        '"',
        "\\",
        "\x1b[31m",
    ]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(LINE_PARTS, st.text(max_size=40)), max_size=30))
def test_fuzz_text_made_of_log_fragments(parts: list[str]) -> None:
    text = "\n".join(parts)
    report = explain_text(text, ExplainOptions(top=2, timeline=True))
    assert report.total == sum(c.hits for c in report.codes)
    json.dumps(report)  # plain data all the way down


class RepeatingLog(io.RawIOBase):
    """`size` bytes of a log made by repeating `unit`, produced as read: the test holds none."""

    def __init__(self, unit: bytes, size: int) -> None:
        self.unit = unit
        self.left = size
        self.offset = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = min(len(buffer), self.left)
        written = 0
        while written < count:
            piece = self.unit[self.offset : self.offset + count - written]
            buffer[written : written + len(piece)] = piece
            written += len(piece)
            self.offset = (self.offset + len(piece)) % len(self.unit)
        self.left -= count
        return count


@pytest.mark.parametrize(
    ("unit", "options"),
    [
        ((DATA / "nginx-combined.log").read_bytes(), ExplainOptions()),
        ((DATA / "nginx-combined.log").read_bytes(), ExplainOptions(top=5, timeline=True)),
        (b"x" * 4096, ExplainOptions(Format.ACCESS_LOG)),  # one 16 MB line, no newline
    ],
)
def test_memory_stays_flat_however_long_the_input(unit: bytes, options: ExplainOptions) -> None:
    import tracemalloc

    size = 16 << 20
    tracemalloc.start()
    try:
        report = explain_sources(["-"], options, stdin=io.BufferedReader(RepeatingLog(unit, size)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.total > 0 or report.unread == 1
    assert peak < 8 * MAX_LINE  # a few chunks in flight (about 5 MiB), never the input


class Trickle:
    """A stream that hands out at most `step` bytes per read, to put chunk edges anywhere."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data = data
        self.step = step

    def read(self, size: int = -1) -> bytes:
        piece, self.data = self.data[: self.step], self.data[self.step :]
        return piece


@settings(max_examples=200, deadline=None)
@given(
    # NUL bytes are dropped as lines are read: test_a_run_of_nul_bytes_is_skipped
    st.lists(
        st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"").replace(b"\0", b"")),
        max_size=20,
    ),
    st.integers(min_value=1, max_value=9),
    st.booleans(),
)
def test_line_blocks_keep_every_line_and_number_wherever_chunks_end(
    lines: list[bytes], step: int, final_newline: bool
) -> None:
    from http_status_browser.explain.reading import LineBlocks

    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    stream = Trickle(data, step)
    first = stream.read()
    blocks = list(LineBlocks(stream, first, lambda number: None))  # type: ignore[arg-type]
    seen: list[bytes] = []
    for block in blocks:
        assert block.first == len(seen) + 1
        assert block.lines == len(block.text.split(b"\n"))
        seen.extend(block.text.split(b"\n"))
    expected = data.split(b"\n")
    if data.endswith(b"\n") or not data:
        expected.pop()
    assert seen == expected


# Issue 26, explain defect 2: logrotate's copytruncate empties the file while nginx keeps
# writing at its old offset, so the file starts with a run of NUL bytes, then lines.
COPYTRUNCATED = b"\0" * 6000 + (DATA / "apache-common.log").read_bytes()


@pytest.mark.parametrize(
    "options",
    [
        ExplainOptions(),
        ExplainOptions(Format.ACCESS_LOG),
        ExplainOptions(field=9),
        ExplainOptions(top=2, timeline=True),
    ],
)
def test_a_run_of_nul_bytes_is_skipped(tmp_path: Path, options: ExplainOptions) -> None:
    path = tmp_path / "access.log"
    path.write_bytes(COPYTRUNCATED)
    report = explain_sources([str(path)], options)
    assert report.sources[0].error == ""
    assert counts(report) == {200: 1, 301: 1, 304: 1, 413: 1, 500: 1}
    assert report.unread == 0


def test_nul_runs_longer_than_a_chunk_and_between_lines(tmp_path: Path) -> None:
    lines = (DATA / "apache-common.log").read_bytes()
    path = tmp_path / "access.log"
    path.write_bytes(b"\0" * (3 << 20) + lines + b"\0" * 100 + lines)
    report = explain_sources([str(path)], ExplainOptions())
    assert report.sources[0].format is Format.ACCESS_LOG
    assert report.total == 10
    assert report.unread == 0


def test_nul_bytes_beside_other_control_bytes_are_still_binary() -> None:
    with pytest.raises(DetectError, match="binary"):
        detect(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(32)), complete=True)
    with pytest.raises(DetectError, match="only NUL bytes"):
        detect(b"\0" * 100, complete=True)
