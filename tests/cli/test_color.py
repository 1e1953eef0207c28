"""--color=auto|always|never, NO_COLOR and FORCE_COLOR: who wins, in process and through a
pipe."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from http_status_browser.cli.console import Style, wants_color
from http_status_browser.cli.main import EXIT_OK, EXIT_USAGE, main
from tests.conftest import entry

ESCAPE = "\033["


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("tty", "choice", "environ", "coloured"),
    [
        (True, "auto", {}, True),
        (False, "auto", {}, False),
        (True, "auto", {"TERM": "dumb"}, False),
        (True, "auto", {"NO_COLOR": "1"}, False),
        (True, "auto", {"NO_COLOR": ""}, True),  # empty means unset (no-color.org)
        (False, "auto", {"FORCE_COLOR": "1"}, True),
        (False, "auto", {"FORCE_COLOR": ""}, False),
        (False, "auto", {"FORCE_COLOR": "1", "TERM": "dumb"}, True),
        (True, "auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),  # NO_COLOR wins
        (False, "always", {"NO_COLOR": "1"}, True),  # the option beats the environment
        (True, "never", {"FORCE_COLOR": "1"}, False),
        (True, "never", {}, False),
    ],
)
def test_who_decides_the_colour(
    tty: bool, choice: str, environ: dict[str, str], coloured: bool
) -> None:
    stream = Terminal() if tty else io.StringIO()
    assert wants_color(stream, choice, environ) is coloured


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.mark.parametrize(
    ("argv", "coloured"),
    [
        (["--color=always", "show", "404"], True),
        (["--color", "always", "search", "gateway"], True),
        (["--color=never", "show", "404"], False),
        (["show", "404"], False),  # captured output is not a terminal
        # After the command as well as before it; the later one wins.
        (["show", "404", "--color", "always"], True),
        (["list", "--color=always", "--category", "1xx"], True),
        (["--color", "always", "show", "404", "--color", "never"], False),
        (["--color", "always", "show", "404"], True),  # not reset by the command's parser
    ],
)
def test_the_option_in_process(
    argv: list[str], coloured: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == EXIT_OK
    assert (ESCAPE in capsys.readouterr().out) is coloured


def test_each_run_starts_from_auto(capsys: pytest.CaptureFixture[str]) -> None:
    """A run without --color does not inherit the previous run's choice."""
    assert main(["--color=always", "show", "404"]) == EXIT_OK
    assert main(["show", "404"]) == EXIT_OK
    assert Style.choice == "auto"
    assert capsys.readouterr().out.count(ESCAPE) > 0
    assert main(["list", "--category", "1xx"]) == EXIT_OK
    assert ESCAPE not in capsys.readouterr().out


def test_an_unknown_choice_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--color=sometimes", "show", "404"]) == EXIT_USAGE
    assert "invalid choice: 'sometimes'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "environ", "coloured"),
    [
        (["show", "404"], {"FORCE_COLOR": "1"}, True),
        (["show", "404"], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--color=always", "show", "404"], {"NO_COLOR": "1"}, True),
        (["--color=never", "show", "404"], {"FORCE_COLOR": "1"}, False),
    ],
)
def test_through_a_pipe(args: list[str], environ: dict[str, str], coloured: bool) -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    result = subprocess.run(
        [sys.executable, "-m", "http_status_browser", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**base, **environ},
        check=False,
    )
    assert result.returncode == EXIT_OK, result.stderr
    assert (ESCAPE in result.stdout) is coloured


def test_the_registry_option_after_the_command(
    registry_data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--registry, like --color, may follow the command: `httpstatus show 299 --registry F`."""
    data = copy.deepcopy(registry_data)
    added = {**entry(data, 200), "code": 299, "phrase": "Custom Thing", "related": []}
    data["statuses"].append(added)
    registry = tmp_path / "registry.json"
    registry.write_text(json.dumps(data), encoding="utf-8")
    assert main(["show", "299", "--registry", str(registry)]) == EXIT_OK
    assert "299 Custom Thing" in capsys.readouterr().out
    assert main(["show", "299"]) != EXIT_OK  # the built-in registry has no 299
