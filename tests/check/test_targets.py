"""Reading what to check: URL lists and redirect maps, with bad lines reported in place."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from http_status_browser.check.records import Expectation, Target
from http_status_browser.check.targets import (
    file_targets,
    invalid_reason,
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
