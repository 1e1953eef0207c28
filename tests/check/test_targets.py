"""Reading what to check: URL lists and redirect maps, with bad lines reported in place."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from http_status_browser.check.records import Expectation, Target
from http_status_browser.check.targets import (
    SNIFF_BYTES,
    file_looks_like_check_list,
    file_targets,
    invalid_reason,
    looks_like_check_list,
    looks_like_map,
    redirect_map,
    text_targets,
    url_lines,
)


def test_url_lines_skip_blanks_and_comments() -> None:
    text = "# staging\nhttp://a.test/\n\n   \n  https://b.test/x  \n#http://c.test/\n"
    assert list(url_lines(io.StringIO(text), "list.txt")) == [
        Target("http://a.test/", "list.txt:2"),
        Target("https://b.test/x", "list.txt:5"),
    ]


def test_url_lines_are_read_lazily() -> None:
    def endless() -> object:
        number = 0
        while True:
            number += 1
            yield f"http://host.test/{number}\n"

    lines = url_lines(endless(), "stdin")  # type: ignore[arg-type]
    assert next(lines).url == "http://host.test/1"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://example.com/", None),
        ("HTTPS://example.com:8443/a?b#c", None),
        ("ftp://example.com/", "not an http or https URL (scheme 'ftp')"),
        ("example.com/page", "not a URL: it needs http:// or https://"),
        ("http:///path", "not a valid URL: no host"),
        ("http://exa mple.com/", "not a valid URL: the host name has spaces or control characters"),
        ("http://example.com:99999/", "not a valid URL (Port out of range 0-65535)"),
    ],
)
def test_invalid_reason(url: str, reason: str | None) -> None:
    assert invalid_reason(url) == reason


@given(st.text(max_size=200))
def test_invalid_reason_never_raises(text: str) -> None:
    reason = invalid_reason(text)
    assert reason is None or isinstance(reason, str)


def test_a_redirect_map_with_a_header_and_relative_targets() -> None:
    text = (
        "from,to,status\n"
        "https://old.test/a,https://new.test/a,301\n"
        "\n"
        "# moved in March\n"
        "https://old.test/b, /b-new ,\n"
        '"https://old.test/c?x=1,2",https://new.test/c\n'
    )
    assert list(redirect_map(io.StringIO(text), "map.csv")) == [
        Target("https://old.test/a", "map.csv:2", Expectation("https://new.test/a", 301)),
        Target("https://old.test/b", "map.csv:5", Expectation("https://old.test/b-new", None)),
        Target("https://old.test/c?x=1,2", "map.csv:6", Expectation("https://new.test/c", None)),
    ]


def test_a_redirect_map_without_a_header() -> None:
    [target] = redirect_map(io.StringIO("http://a.test/,http://b.test/,308\n"), "m")
    assert target.expect == Expectation("http://b.test/", 308)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("http://a.test/", "m:1: a row needs from,to[,status]"),
        ("http://a.test/,", "m:1: a row needs from,to[,status]"),
        ("http://a.test/,http://b.test/,moved", "m:1: status 'moved' is not a code 100-599"),
        ("http://a.test/,http://b.test/,700", "m:1: status '700' is not a code 100-599"),
        ("http://a.test/,http://b.test/,301,x", "m:1: more than three columns"),
    ],
)
def test_a_bad_map_row_is_a_target_that_says_why(row: str, reason: str) -> None:
    [target] = redirect_map(io.StringIO(row + "\n"), "m")
    assert target.invalid == reason


@pytest.mark.parametrize(
    ("text", "is_map"),
    [
        ("from,to\nhttp://a.test/,http://b.test/\n", True),
        ("# moved\nhttp://a.test/old,/new,301\n", True),
        ("http://a.test/\nhttp://b.test/\n", False),
        ("http://a.test/?q=1,2\n", False),
        ("", False),
    ],
)
def test_looks_like_map(text: str, is_map: bool) -> None:
    assert looks_like_map(text.splitlines()) is is_map


def test_text_targets_reads_either(tmp_path: Path) -> None:
    [listed] = text_targets("http://a.test/\n")
    assert listed.expect is None
    [mapped] = text_targets("http://a.test/,/b\n")
    assert mapped.expect == Expectation("http://a.test/b", None)
    saved = tmp_path / "map.csv"
    saved.write_text("from,to\nhttp://a.test/,/b\n")
    assert [t.source for t in file_targets(str(saved))] == [f"{saved}:2"]


EXPLAIN_DATA = Path(__file__).parents[1] / "data" / "explain"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://a.test/\nhttp://b.test/x?q=1,2\n", True),
        ("# to check\n\nhttps://a.test/\n", True),
        ("from,to,status\nhttps://a.test/old,/new,301\n", True),
        ("https://a.test/old,https://b.test/new\nhttps://a.test/x,/y,\n", True),
        ("https://a.test/\nnot a url\n", False),
        ("https://a.test/ 200\n", False),
        ("https://a.test/old, /new, moved\n", False),
        ("from,to\nhttps://a.test/\n", False),  # a map's header over a URL list
        ("ftp://a.test/file\n", False),
        ("from,to\n", False),
        ("# only comments\n\n", False),
        ("", False),
        ('203.0.113.7 - - [26/Nov/2026:09:14:05 +0000] "GET / HTTP/1.1" 200 1\n', False),
        ("HTTP/1.1 301 Moved Permanently\nLocation: https://a.test/\n", False),
    ],
)
def test_looks_like_check_list(text: str, expected: bool) -> None:
    assert looks_like_check_list(text.splitlines()) is expected


@pytest.mark.parametrize("log", sorted(p.name for p in EXPLAIN_DATA.iterdir()))
def test_no_log_transcript_or_har_looks_like_a_check_list(log: str) -> None:
    assert not file_looks_like_check_list(str(EXPLAIN_DATA / log))


def test_a_file_is_judged_by_its_content_not_its_name(tmp_path: Path) -> None:
    urls = tmp_path / "urls.log"
    urls.write_text("https://a.test/\nhttps://b.test/\n", encoding="utf-8")
    log = tmp_path / "access.txt"
    log.write_bytes((EXPLAIN_DATA / "nginx-combined.log").read_bytes())
    assert file_looks_like_check_list(str(urls))
    assert not file_looks_like_check_list(str(log))
    assert not file_looks_like_check_list(str(tmp_path / "missing.txt"))
    assert not file_looks_like_check_list(str(tmp_path))  # a folder cannot be read as a file


def test_only_the_first_bytes_are_read(tmp_path: Path) -> None:
    """A huge list is judged by its head: the cut last line does not count."""
    big = tmp_path / "big.txt"
    big.write_text("https://a.test/" + "x" * SNIFF_BYTES + "\n", encoding="utf-8")
    assert not file_looks_like_check_list(str(big))  # one line, cut: nothing whole to judge
    big.write_text("https://a.test/\n" * (SNIFF_BYTES // 8), encoding="utf-8")
    assert file_looks_like_check_list(str(big))


def test_a_txt_redirect_map_is_read_as_a_map(tmp_path: Path) -> None:
    saved = tmp_path / "map.txt"
    saved.write_text("https://a.test/old,/new,301\n", encoding="utf-8")
    assert list(file_targets(str(saved))) == [
        Target("https://a.test/old", f"{saved}:1", Expectation("https://a.test/new", 301))
    ]


@given(st.text())
def test_looks_like_check_list_takes_any_text(text: str) -> None:
    assert looks_like_check_list(text.splitlines()) in (True, False)
