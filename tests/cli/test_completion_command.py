"""`httpstatus completion bash|zsh|fish`: scripts generated from the parser, that complete."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from http_status_browser.cli.completion_command import SHELLS, completion_script
from http_status_browser.cli.main import COMMANDS, EXIT_OK, EXIT_USAGE, main


def complete_in_bash(script: Path, *words: str) -> list[str]:
    """What bash offers after `httpstatus WORDS...` (the last word being completed)."""
    line = " ".join(("httpstatus", *words))
    quoted = " ".join(shlex.quote(word) for word in words)
    program = (
        f"source {shlex.quote(str(script))}\n"
        f"COMP_WORDS=(httpstatus {quoted})\n"
        f"COMP_CWORD={len(words)}\nCOMP_LINE={shlex.quote(line)}\nCOMP_POINT=${{#COMP_LINE}}\n"
        '_shtab_httpstatus\nprintf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "--norc", "-c", program], capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout.split()


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("completion") / "httpstatus.bash"
    path.write_text(completion_script("bash"), encoding="utf-8")
    return path


@pytest.mark.parametrize("shell", SHELLS)
def test_every_command_is_in_every_script(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == EXIT_OK
    script = capsys.readouterr().out
    for command in COMMANDS:
        assert command in script, (shell, command)
    assert "--category" in script  # an option of a command, not only the command names


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_commands_options_and_choices(bash_script: Path) -> None:
    assert complete_in_bash(bash_script, "sh") == ["show"]
    assert {"search", "search-provider", "serve", "show", "snippet"} == set(
        complete_in_bash(bash_script, "s")
    )
    assert complete_in_bash(bash_script, "completion", "") == list(SHELLS)
    assert "--category" in complete_in_bash(bash_script, "list", "--")


@pytest.mark.parametrize(
    ("shell", "check"),
    [("bash", ["bash", "-n"]), ("zsh", ["zsh", "-n"]), ("fish", ["fish", "--no-execute"])],
)
def test_the_script_parses_in_its_shell(shell: str, check: list[str], tmp_path: Path) -> None:
    if shutil.which(check[0]) is None:
        pytest.skip(f"{check[0]} is not installed here")
    script = tmp_path / f"httpstatus.{shell}"
    script.write_text(completion_script(shell), encoding="utf-8")
    result = subprocess.run(
        [*check, str(script)], capture_output=True, text=True, timeout=60, check=False
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_an_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "tcsh"]) == EXIT_USAGE
    assert "invalid choice: 'tcsh'" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "status"), [(["bash"], EXIT_OK), (["csh"], EXIT_USAGE)])
def test_completion_as_a_subprocess(args: list[str], status: int) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "http_status_browser", "completion", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert result.returncode == status, result.stderr
    if status == EXIT_OK:
        assert "complete -o bashdefault -F _shtab_httpstatus httpstatus" in result.stdout
    else:
        assert result.stdout == ""
        assert result.stderr.startswith("httpstatus: ")
