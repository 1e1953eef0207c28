"""--by, --code, --since and --until in the domain; Zeek and W3C logs of fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from http_status_browser.explain import (
    ExplainOptions,
    Format,
    Report,
    explain_sources,
    explain_text,
)
from http_status_browser.explain.breakdown import (
    By,
    CodeSelection,
    parse_moment,
    parse_selection,
)

DATA = Path(__file__).parents[1] / "data" / "explain"
NGINX = str(DATA / "nginx-combined.log")
ZEEK = str(DATA / "zeek-http.log")


def counts(report: Report) -> dict[int, int]:
    return {c.code: c.hits for c in report.codes}


def rows(report: Report) -> list[tuple[str, int]]:
    assert report.breakdown is not None
    return [(row.key, row.hits) for row in report.breakdown.rows]


def test_the_top_404_paths() -> None:
    options = ExplainOptions(by=By.PATH, select=parse_selection("404"))
    report = explain_sources([NGINX], options)
    assert rows(report) == [("/favicon.ico", 2)]
    assert report.total == 10  # the table still counts everything


def test_errors_by_client_host() -> None:
    report = explain_sources([NGINX], ExplainOptions(by=By.HOST, select=parse_selection("4xx,5xx")))
    assert rows(report) == [("192.0.2.150", 3), ("198.51.100.9", 2), ("203.0.113.7", 1)]
    assert report.breakdown is not None
    assert report.breakdown.rows[0].by_class == (0, 0, 0, 0, 1, 2)


def test_rows_are_limited_by_top() -> None:
    report = explain_sources([NGINX], ExplainOptions(by=By.HOST, top=1))
    assert rows(report) == [("192.0.2.150", 4)]
    assert report.breakdown is not None
    assert report.breakdown.distinct == 4


def test_5xx_per_hour_includes_the_empty_hours_between(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(
        '192.0.2.1 - - [26/Nov/2026:09:59:59 +0000] "GET / HTTP/1.1" 502 0\n'
        '192.0.2.1 - - [26/Nov/2026:12:00:00 +0100] "GET / HTTP/1.1" 503 0\n'
        '192.0.2.1 - - [26/Nov/2026:12:30:00 +0000] "GET / HTTP/1.1" 200 0\n',
        encoding="utf-8",
    )
    report = explain_sources([str(log)], ExplainOptions(by=By.HOUR, select=parse_selection("5xx")))
    assert rows(report) == [
        ("2026-11-26 09:00", 1),
        ("2026-11-26 10:00", 0),
        ("2026-11-26 11:00", 1),  # 12:00 at +0100
    ]
    by_day = explain_sources([str(log)], ExplainOptions(by=By.DAY))
    assert rows(by_day) == [("2026-11-26", 3)]


def test_since_and_until_keep_what_happened_between() -> None:
    options = ExplainOptions(
        since=parse_moment("2026-11-26T09:15:30"), until=parse_moment("2026-11-26T09:17:00Z")
    )
    report = explain_sources([NGINX], options)
    assert counts(report) == {302: 1, 499: 1, 502: 2}  # 09:17:00 itself is left out
    assert report.outside == 6


def test_since_leaves_out_what_has_no_time() -> None:
    report = explain_sources(
        [str(DATA / "curl-include.txt")], ExplainOptions(since=parse_moment("2000-01-01"))
    )
    assert report.total == 0
    assert report.outside == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-26", 1795651200.0),
        ("2026-11-26T10:00", 1795687200.0),
        ("2026-11-26 10:00+01:00", 1795683600.0),
        ("2026-11-26T10:00:00Z", 1795687200.0),
        ("2h", 1_000_000.0 - 7200),
        ("90m", 1_000_000.0 - 5400),
        ("7d", 1_000_000.0 - 7 * 86400),
    ],
)
def test_moments(text: str, expected: float) -> None:
    assert parse_moment(text, now=1_000_000.0) == expected


@pytest.mark.parametrize("text", ["yesterday", "26/Nov/2026", "2h ago", ""])
def test_moments_that_are_not(text: str) -> None:
    with pytest.raises(ValueError, match="not a time"):
        parse_moment(text)


def test_selections() -> None:
    selection = parse_selection("404, 410,5xx")
    assert selection == CodeSelection(frozenset({404, 410}), frozenset({5}))
    assert [selection.selects(c) for c in (404, 418, 503)] == [True, False, True]
    assert str(selection) == "5xx,404,410"
    assert CodeSelection().selects(200)
    for text in ("4x", "0xx", "99", "abc", "404,"):
        with pytest.raises(ValueError, match="not a status code or class"):
            parse_selection(text)


def test_zeek_http_log_is_found_and_read_by_its_header() -> None:
    report = explain_sources([ZEEK], ExplainOptions(top=2))
    assert report.sources[0].format is Format.FIELDS
    assert counts(report) == {100: 1, 200: 1, 404: 1, 502: 1, 503: 1}
    assert report.unread == 1  # a request that got no response: status "-"
    assert report.unread_samples[0].line == 13
    phrases = {c.code: [p.phrase for p in c.phrases] for c in report.codes}
    assert phrases[502] == ["Bad Gateway"]
    assert [t.target for c in report.codes if c.code == 503 for t in c.top] == ["/sale/"]


@pytest.mark.parametrize("field", ["status_code", 17])
def test_zeek_status_field_by_name_or_number(field: str | int) -> None:
    report = explain_sources([ZEEK], ExplainOptions(field=field))
    assert report.total == 5


def test_zeek_by_host_and_hour() -> None:
    by_host = explain_sources([ZEEK], ExplainOptions(by=By.HOST, select=parse_selection("5xx")))
    assert rows(by_host) == [("192.168.1.23", 1), ("192.168.1.77", 1)]
    by_hour = explain_sources([ZEEK], ExplainOptions(by=By.HOUR))
    assert rows(by_hour) == [("2026-11-26 08:00", 4), ("2026-11-26 09:00", 1)]


def test_a_field_name_without_a_header_says_so(tmp_path: Path) -> None:
    log = tmp_path / "plain.log"
    log.write_text("GET /a 200\n", encoding="utf-8")
    report = explain_sources([str(log)], ExplainOptions(field="status"))
    assert report.total == 0
    assert "no #fields header names status" in report.unread_samples[0].reason


def test_w3c_extended_log_from_iis(tmp_path: Path) -> None:
    log = tmp_path / "u_ex261126.log"
    log.write_text(
        "#Software: Microsoft Internet Information Services 10.0\n"
        "#Version: 1.0\n"
        "#Date: 2026-11-26 10:00:00\n"
        "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
        "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n"
        "2026-11-26 10:00:01 10.0.0.5 GET /default.htm - 80 - 203.0.113.9 "
        "Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 15\n"
        "2026-11-26 10:00:02 10.0.0.5 GET /missing.aspx - 80 - 203.0.113.9 "
        "Mozilla/5.0+(Windows+NT+10.0) - 404 0 2 3\n",
        encoding="utf-8",
    )
    report = explain_sources(
        [str(log)], ExplainOptions(by=By.PATH, since=parse_moment("2026-11-26T10:00:02"))
    )
    assert report.sources[0].format is Format.FIELDS
    assert counts(report) == {404: 1}
    assert rows(report) == [("/missing.aspx", 1)]


def test_tab_separated_lines_keep_the_spaces_in_a_field(tmp_path: Path) -> None:
    log = tmp_path / "app.tsv"
    log.write_text("GET\t/a b\tMozilla/5.0 (X11)\t404\nGET\t/\tcurl/8\t200\n", encoding="utf-8")
    report = explain_sources([str(log)], ExplainOptions(field=4, top=1))
    assert counts(report) == {200: 1, 404: 1}


LOG_LINES = st.builds(
    '{host} - - [{day:02d}/Nov/2026:{hour:02d}:{minute:02d}:{second:02d} {zone}] "{request}" '
    '{code} 0 "-" "{agent}"'.format,
    host=st.sampled_from(["192.0.2.1", "198.51.100.7", "2001:db8::1"]),
    day=st.integers(25, 27),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    second=st.integers(0, 59),
    zone=st.sampled_from(["+0000", "-0700", "+0530"]),
    request=st.sampled_from(
        ["GET / HTTP/1.1", "-", "POST /api?q=1 HTTP/2.0", 'GET /a\\"b HTTP/1.1']
    ),
    code=st.sampled_from([200, 301, 404, 499, 502, 503]),
    agent=st.sampled_from(["curl/8", 'x HTTP/1.1" 500 y', "Mozilla/5.0"]),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(LOG_LINES, st.just("not a log line")), max_size=40),
    st.sampled_from([*By, None]),
    st.integers(0, 3),
    st.integers(0, 3),
)
def test_ranges_and_breakdowns_account_for_every_code(
    lines: list[str], by: By | None, since_hour: int, span: int
) -> None:
    text = "\n".join(lines)
    everything = explain_text(text, ExplainOptions())
    since = parse_moment(f"2026-11-26T{since_hour * 6:02d}:00")
    ranged = explain_text(text, ExplainOptions(by=by, since=since, until=since + span * 86400))
    assert ranged.total + ranged.outside == everything.total
    assert ranged.unread == everything.unread
    if by is not None:
        assert ranged.breakdown is not None
        assert ranged.breakdown.counted == ranged.total
        if by in (By.HOUR, By.DAY):  # every row listed: they add up to the codes counted
            assert sum(row.hits for row in ranged.breakdown.rows) == ranged.total


def test_json_lines_by_path_and_by_client(tmp_path: Path) -> None:
    log = tmp_path / "app.jsonl"
    log.write_text(
        '{"status": 404, "path": "/a", "remote_addr": "192.0.2.1"}\n'
        '{"status": 404, "path": "/a", "client": {"ip": "192.0.2.9"}}\n'
        '{"status": 500, "path": "/b", "remote_addr": "192.0.2.1"}\n',
        encoding="utf-8",
    )
    by_path = explain_sources([str(log)], ExplainOptions(by=By.PATH))
    assert rows(by_path) == [("/a", 2), ("/b", 1)]
    by_host = explain_sources([str(log)], ExplainOptions(by=By.HOST))
    assert rows(by_host) == [("192.0.2.1", 2), ("192.0.2.9", 1)]


def test_har_and_transcripts_by_host_are_the_servers() -> None:
    har = explain_sources([str(DATA / "devtools-export.har")], ExplainOptions(by=By.HOST))
    assert har.breakdown is not None
    assert all(row.key != "-" for row in har.breakdown.rows)
    assert "shop.example" in [row.key for row in har.breakdown.rows]
    transcript = explain_sources(
        [str(DATA / "curl-verbose-redirects.txt")],
        ExplainOptions(by=By.HOST, select=parse_selection("404")),
    )
    assert rows(transcript) == [("shop.example", 1)]
