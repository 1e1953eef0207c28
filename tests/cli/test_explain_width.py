"""`httpstatus explain`'s meaning column: whole when piped, wrapped at word boundaries to the
terminal's width on a terminal, never cut mid-word (issue 23, item 18)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from http_status_browser.cli.explain_output import meaning_lines
from http_status_browser.cli.main import EXIT_OK, main
from tests.cli.test_terminal_width import run_on_pty

LOG = Path(__file__).parents[1] / "data" / "explain" / "nginx-combined.log"


def summaries(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Each code's meaning as the table shows it, from the command's own JSON."""
    assert main(["explain", "--json", str(LOG)]) == EXIT_OK
    codes = json.loads(capsys.readouterr().out)["codes"]
    return [c["summary"] for c in codes if c["summary"]]


def test_in_process_output_keeps_every_meaning_whole(capsys: pytest.CaptureFixture[str]) -> None:
    meanings = summaries(capsys)
    assert max(len(m) for m in meanings) > 60  # long enough to have been cut before
    assert main(["explain", str(LOG)]) == EXIT_OK
    out = capsys.readouterr().out.split("Could not read", 1)[0]  # samples are cut, not codes
    assert "…" not in out
    for meaning in meanings:
        assert meaning in out


def test_piped_with_wide_columns_keeps_every_meaning_whole(
    capsys: pytest.CaptureFixture[str],
) -> None:
    meanings = summaries(capsys)
    result = subprocess.run(
        [sys.executable, "-m", "http_status_browser", "explain", str(LOG)],
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        check=False,
        timeout=60,
    )
    assert result.returncode == EXIT_OK, result.stderr
    out = result.stdout.decode().split("Could not read", 1)[0]
    assert "…" not in out
    for meaning in meanings:
        assert meaning in out


@pytest.mark.parametrize("columns", [72, 200])
def test_on_a_terminal_meanings_wrap_at_words_within_its_width(
    capsys: pytest.CaptureFixture[str], columns: int
) -> None:
    meanings = summaries(capsys)
    returncode, output, stderr = run_on_pty(["--color=never", "explain", str(LOG)], 40, columns)
    assert (returncode, stderr) == (0, "")
    lines = output.replace("\r\n", "\n").splitlines()
    table = [line for line in lines if str(LOG) not in line]  # a path is as long as it is
    assert max(len(line) for line in table) <= columns
    assert "…" not in output.split("Could not read", 1)[0]
    words = " ".join(output.split())
    for meaning in meanings:
        assert meaning in words  # every word whole, in order, wrapped or not


def test_a_word_longer_than_the_room_stays_whole() -> None:
    word = "x" * 50
    assert meaning_lines(f"short {word} end", 40, 70) == ["short", word, "end"]
    assert meaning_lines(f"short {word} end", 40, None) == [f"short {word} end"]
