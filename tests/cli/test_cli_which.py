"""`httpstatus which` and `httpstatus compare`: in-process through main(argv), and as a
subprocess for each exit path."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from http_status_browser.cli.main import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, main
from tests.cli.test_cli import run_cli

SITUATION_KEYS = {
    "id",
    "area",
    "area_name",
    "title",
    "phrasings",
    "code",
    "phrase",
    "why",
    "convention",
    "practice",
    "alternatives",
    "mistakes",
    "reference",
}


def test_which_prints_the_best_situation_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["which", "email already taken"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("409 Conflict")
    assert "or 422 Unprocessable Content" in out
    assert "Mistake:" in out
    assert "RFC 9110 Section 15.5.10" in out


def test_which_words_may_be_separate_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["which", "upload", "over", "the", "limit", "--limit", "1"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("413 Content Too Large")
    assert out.count("Reference:") == 1


def test_which_json_has_the_stable_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["which", "payload is well-formed but invalid", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data[0]["code"] == 422
    assert data[0]["phrase"] == "Unprocessable Content"
    assert set(data[0]) == SITUATION_KEYS
    assert {"code": 400}.items() <= data[0]["alternatives"][0].items()
    assert set(data[0]["alternatives"][0]) == {"code", "phrase", "when"}
    # What the big API guidelines do, as data: Google, Azure and Zalando answer 400 here.
    practice = {(p["source"], p["code"]) for p in data[0]["practice"]}
    assert {("google", 400), ("azure", 400), ("zalando", 400)} <= practice
    assert set(data[0]["practice"][0]) == {"source", "source_name", "code", "note", "reference"}
    assert data[0]["convention"]


def test_which_nothing_found_still_shows_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    # Nothing matches well: the exit status says so, and the nearest situations are shown.
    assert main(["which", "zebra", "crossing", "--limit", "2"]) == EXIT_NOT_FOUND
    captured = capsys.readouterr()
    assert "no situation matches 'zebra crossing' well; the nearest:" in captured.err
    assert captured.out.count("Reference:") >= 1
    assert main(["which", "zebra", "--json"]) == EXIT_NOT_FOUND
    assert json.loads(capsys.readouterr().out)


def test_which_takes_a_code_number(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["which", "204", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data
    assert data[0]["code"] == 204


def test_which_bad_limit_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["which", "token", "--limit", "0"]) == EXIT_USAGE
    assert "--limit must be 1 or more" in capsys.readouterr().err


def test_compare_prints_rows_side_by_side(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "301", "308"]) == EXIT_OK
    out = capsys.readouterr().out
    method = next(line for line in out.splitlines() if line.startswith("Method on redirect"))
    assert method.split()[3:] == ["may", "change", "to", "GET", "kept"]
    assert "When to use which" in out
    assert "Use it when" in out


def test_compare_json_has_the_stable_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "204", "200", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"codes", "rows", "notes", "use_it_when"}
    assert data["codes"] == [204, 200]
    rows = {row["key"]: row["values"] for row in data["rows"]}
    assert rows["content"] == ["no", "yes"]
    assert {
        "phrase",
        "category",
        "status",
        "summary",
        "headers",
        "cacheable",
        "content",
        "redirect",
        "method",
        "requirements",
        "reference",
    } == set(rows)
    # 204 may not carry Content-Length (RFC 9110 Section 8.6); 200 has no such rule.
    assert "[MUST NOT]" in rows["requirements"][0]
    assert "Content-Length" in rows["requirements"][0]
    assert all(set(note) == {"code", "about", "note"} for note in data["notes"])
    assert len(data["use_it_when"]) == 2


@pytest.mark.parametrize(
    ("args", "pair"),
    [
        (["moved or found"], [301, 302]),
        (["502", "or", "504"], [502, 504]),
        (["gone", "404"], [410, 404]),
    ],
)
def test_compare_takes_phrases(
    capsys: pytest.CaptureFixture[str], args: list[str], pair: list[int]
) -> None:
    assert main(["compare", *args, "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["codes"] == pair


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["301", "999"], EXIT_NOT_FOUND, "no status code 999"),
        (["301", "301"], EXIT_USAGE, "two different codes"),
        (["301", "zebra"], EXIT_USAGE, "cannot tell which two codes"),
    ],
)
def test_compare_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], status: int, message: str
) -> None:
    assert main(["compare", *args]) == status
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["which", "email already taken"], EXIT_OK),
        (["which", "zebra crossing"], EXIT_NOT_FOUND),
        (["which"], EXIT_USAGE),
        (["compare", "301", "308", "--json"], EXIT_OK),
        (["compare", "301", "999"], EXIT_NOT_FOUND),
        (["compare", "301", "zebra"], EXIT_USAGE),
    ],
)
def test_exit_statuses_as_a_subprocess(args: list[str], status: int) -> None:
    result = run_cli(*args)
    assert result.returncode == status, result.stderr
    if status == EXIT_OK:
        assert result.stdout
    else:
        assert result.stderr.startswith("httpstatus: ")


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["which", "compare"]),
    st.lists(
        st.one_of(
            st.sampled_from(["301", "308", "or", "vs", "--json", "--limit", "0", "4xx", ""]),
            st.text(max_size=30),
        ),
        max_size=5,
    ),
)
def test_which_and_compare_never_raise(command: str, argv: list[str]) -> None:
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        status = main([command, *argv])
    assert status in (EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE)
