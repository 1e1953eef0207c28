"""The user's codes file: custom codes and notes, and every kind of malformed file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from http_status_browser.cli.main import EXIT_NOT_FOUND, EXIT_OK, main
from http_status_browser.registry import Registry, Standing
from http_status_browser.registry.usercodes import (
    merge_user_codes,
    read_user_codes,
    user_codes_path,
)

GOOD = """
[[code]]
code = 299
phrase = "Cache Warmed"
summary = "The edge cache was warmed before answering."
description = ["Our CDN answers 299 after it has filled its cache."]
source = "Platform team"
aliases = ["warmed"]

[[note]]
code = 404
text = "Our API also returns 404 for soft-deleted records."
source = "API guidelines"
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_default_path_is_in_the_config_folder(codes_file: Path) -> None:
    assert user_codes_path() == codes_file


def test_custom_code_and_note_are_merged(registry: Registry, codes_file: Path) -> None:
    write(codes_file, GOOD)
    merged, problems = merge_user_codes(registry, read_user_codes())
    assert problems == ()
    custom = merged.lookup(299)
    assert custom is not None
    assert custom.standing is Standing.CUSTOM
    assert custom.defined_by == "Platform team"
    assert custom.shown_by_default
    not_found = merged.lookup(404)
    assert not_found is not None
    assert [n.text for n in not_found.notes] == [
        "Our API also returns 404 for soft-deleted records."
    ]
    assert merged.search("warmed")[0].status.code == 299
    assert 404 in [m.status.code for m in merged.search("soft-deleted")]


def test_missing_file_is_empty(registry: Registry, codes_file: Path) -> None:
    user = read_user_codes()
    assert not user.exists
    assert merge_user_codes(registry, user) == (registry, ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[code]\ncode = 299\n", "not valid TOML"),
        ("[[code]]\ncode = 299\nphrase = 3\nsummary = 's'\n", "code[0] (299), field 'phrase'"),
        (
            "[[code]]\ncode = 299\nphrase = 'x'\nsummary = 's'\ncolour = 'red'\n",
            "unknown field 'colour'",
        ),
        ("[[code]]\ncode = 700\nphrase = 'x'\nsummary = 's'\n", "700 is not from 100 to 599"),
        (
            "[[code]]\ncode = '299'\nphrase = 'x'\nsummary = 's'\n",
            "field 'code': expected a whole number",
        ),
        (
            "[[code]]\ncode = 299\nphrase = 'x'\nsummary = 's'\n" * 2,
            "code[1] (299): code 299 is listed twice",
        ),
        ("[[code]]\ncode = 404\nphrase = 'Mine'\nsummary = 's'\n", "is an official code"),
        ("[[note]]\ncode = 299\ntext = 'x'\n", "note on 299: no such code"),
        ("code = 5\n", "'code' must be a list of tables"),
        ("[extras]\na = 1\n", "unknown section 'extras'"),
    ],
)
def test_malformed_files_name_file_entry_and_field(
    registry: Registry, codes_file: Path, text: str, expected: str
) -> None:
    write(codes_file, text)
    merged, problems = merge_user_codes(registry, read_user_codes())
    assert problems
    assert all(p.startswith(str(codes_file)) for p in problems)
    assert any(expected in p for p in problems), problems
    # The built-in registry is intact, and the user's file is never rewritten.
    assert merged.lookup(404) is not None
    assert merged.lookup(404).official  # type: ignore[union-attr]
    assert codes_file.read_text(encoding="utf-8") == text


def test_toml_error_gives_the_line(registry: Registry, codes_file: Path) -> None:
    write(codes_file, "[[code]]\ncode = 299\nphrase = \n")
    problems = read_user_codes().problems
    assert len(problems) == 1
    assert "line 3" in problems[0]


def test_valid_entries_survive_a_bad_one(registry: Registry, codes_file: Path) -> None:
    write(codes_file, GOOD + "\n[[code]]\ncode = 298\nphrase = 1\n")
    merged, problems = merge_user_codes(registry, read_user_codes())
    assert len(problems) >= 1
    assert merged.lookup(299) is not None
    assert merged.lookup(298) is None


def test_unreadable_file(registry: Registry, codes_file: Path) -> None:
    write(codes_file, b"\xff\xfe\x00bad")
    user = read_user_codes()
    assert user.problems
    assert "cannot read it" in user.problems[0]


def test_cli_shows_custom_code_and_notes(
    codes_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(codes_file, GOOD)
    assert main(["show", "299", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert (data["status"], data["defined_by"], data["official"]) == (
        "custom",
        "Platform team",
        False,
    )
    assert main(["show", "404", "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["notes"][0]["source"] == "API guidelines"
    assert main(["list", "--category", "2xx"]) == EXIT_OK
    assert "299  Cache Warmed" in capsys.readouterr().out


def test_cli_warns_once_and_keeps_its_exit_status(
    codes_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(codes_file, "[[code]\n")
    assert main(["show", "404"]) == EXIT_OK
    captured = capsys.readouterr()
    assert captured.out.startswith("404 Not Found")
    assert captured.err.startswith("httpstatus: warning: ")
    assert len(captured.err.strip().splitlines()) == 1


def test_check_codes(codes_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(codes_file, GOOD)
    assert main(["check-codes"]) == EXIT_OK
    assert "1 codes and 1 notes, all valid" in capsys.readouterr().out
    bad = write(
        tmp_path / "team.toml",
        "[[code]]\ncode = 404\nphrase = 'x'\nsummary = 's'\n[[note]]\ncode = 1\n",
    )
    assert main(["check-codes", str(bad)]) == EXIT_NOT_FOUND
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) >= 3
    assert main(["check-codes", str(tmp_path / "none.toml")]) == EXIT_NOT_FOUND


def test_paths(codes_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "http_status_browser.cli.main", "paths"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == EXIT_OK
    assert str(codes_file) in result.stdout
    assert "not created yet" in result.stdout
    cache_line = next(line for line in result.stdout.splitlines() if line.startswith("cache "))
    assert os.environ["XDG_CACHE_HOME"] in cache_line


@pytest.mark.parametrize("xdg", ["", "   ", "/tmp/somewhere-else"])
def test_config_folder_agrees_with_platformdirs(monkeypatch: pytest.MonkeyPatch, xdg: str) -> None:
    from platformdirs import user_config_dir

    from http_status_browser.registry.folders import APP_DIR_NAME
    from http_status_browser.registry.usercodes import config_dir

    monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
    assert str(config_dir()) == user_config_dir(APP_DIR_NAME, appauthor=False)


def test_a_path_with_a_nul_byte_is_a_problem_not_a_crash() -> None:
    """`httpstatus check-codes $'\\0'` raised ValueError (found by tests/cli/test_cli_fuzz.py)."""
    user = read_user_codes(Path("codes\x00.toml"))
    assert user.exists
    assert "cannot read it" in user.problems[0]
