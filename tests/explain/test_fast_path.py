"""The access log fast path (whole blocks at once) agrees with the full parser (line by line)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from http_status_browser.explain import ExplainOptions, Report, explain_text
from http_status_browser.explain.accesslog import count_access_block
from http_status_browser.explain.formats import mixed_line
from http_status_browser.explain.reading import Block
from http_status_browser.explain.tally import Tally

# Issue 26, explain defect 3: a "-" request (a connection closed before its request line)
# answered 408, beside a user agent holding an unescaped `HTTP/1.1" 500`.
HOSTILE_408 = '203.0.113.7 - - [26/Nov/2026:10:00:00 +0000] "-" 408 0 "-" "evil HTTP/1.1" 500 x"\n'
PLAIN_200 = '198.51.100.4 - - [26/Nov/2026:10:00:01 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8"\n'


def counts(report: Report) -> dict[int, int]:
    return {c.code: c.hits for c in report.codes}


def test_a_user_agent_holding_a_status_does_not_count_as_the_status() -> None:
    text = HOSTILE_408 * 3 + PLAIN_200
    assert counts(explain_text(text, ExplainOptions())) == {408: 3, 200: 1}
    assert counts(explain_text(text, ExplainOptions(top=1))) == {408: 3, 200: 1}


def test_a_line_without_a_protocol_and_one_with_two_do_not_make_up_for_each_other() -> None:
    closed = '192.0.2.1 - - [26/Nov/2026:10:00:02 +0000] "-" 408 0 "-" "-"\n'
    two = (
        '192.0.2.2 - - [26/Nov/2026:10:00:03 +0000] "GET / HTTP/1.1" 200 0 "-" '
        '"a HTTP/1.1" 500 b"\n'
    )
    assert counts(explain_text(closed + two, ExplainOptions())) == {408: 1, 200: 1}


def fast_and_full(data: bytes) -> tuple[dict[bytes, int], dict[bytes, int], int, int]:
    """The codes as the fast path counts them, and as the line-by-line parser does."""
    lines = data.count(b"\n") + 1
    fast, full = Tally(ExplainOptions()), Tally(ExplainOptions(timeline=True))
    for tally in (fast, full):
        count_access_block(Block(1, lines, data, 0, len(data)), tally, mixed_line)
    fast_codes = dict(fast.byte_codes)
    for code, hits in fast.codes.items():
        fast_codes[str(code).encode()] = fast_codes.get(str(code).encode(), 0) + hits
    full_codes = dict(full.byte_codes)
    for code, hits in full.codes.items():
        full_codes[str(code).encode()] = full_codes.get(str(code).encode(), 0) + hits
    return fast_codes, full_codes, fast.unread, full.unread


PIECES = st.sampled_from(
    [
        "203.0.113.7",
        "vhost.example:443 198.51.100.1",
        " - - ",
        "[26/Nov/2026:10:00:00 +0000]",
        "[",
        "]",
        ' "',
        '"',
        "\\",
        '\\"',
        "GET /a HTTP/1.1",
        "-",
        'HTTP/1.1" 500',
        '" 408',
        '" 200 ',
        " 404",
        " 5",
        "\r",
        "\t",
        '"-" "Mozilla/5.0"',
        "x",
    ]
)
LINES = st.lists(st.lists(PIECES, max_size=12).map("".join), min_size=1, max_size=8)


@settings(max_examples=400, deadline=None)
@given(LINES, st.integers(min_value=0, max_value=3))
def test_the_fast_path_agrees_with_the_full_parser(lines: list[str], offset: int) -> None:
    text = "\n".join(lines).encode("utf-8")
    fast, full, fast_unread, full_unread = fast_and_full(text)
    assert fast == full
    assert fast_unread == full_unread
    # The same block in the middle of a chunk, after a newline (how LineBlocks cuts them).
    data = b"x" * offset + b"\n" + text
    block = Block(1, text.count(b"\n") + 1, data, offset + 1, len(data))
    tally = Tally(ExplainOptions())
    count_access_block(block, tally, mixed_line)
    assert sum(tally.byte_codes.values()) + sum(tally.codes.values()) == sum(full.values())
