"""The httpstatus command: in-process through main(argv), and as a subprocess per exit path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from http_status_browser import __version__
from http_status_browser.cli.main import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, main
from http_status_browser.registry import Registry
from http_status_browser.registry.badges import status_badges
from http_status_browser.registry.codeinput import meant_as_code
from http_status_browser.registry.snippets import render_snippet

JSON_KEYS = {
    "code",
    "phrase",
    "category",
    "official",
    "status",
    "summary",
    "description",
    "reference",
    "url",
    "headers",
    "related",
    "aliases",
    "snippets",
}


def run_cli(
    *args: str, env: dict[str, str] | None = None, module: str = "http_status_browser.cli.main"
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=60,
    )


def test_show_prints_phrase_and_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "404"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("404 Not Found")
    assert "RFC 9110 Section 15.5.5" in out
    assert "\033[" not in out


@pytest.mark.parametrize("args", [["429"], ["413", "--json"], ["301", "--example"]])
def test_a_code_alone_is_shown(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", *args]) == EXIT_OK
    shown = capsys.readouterr().out
    assert main(args) == EXIT_OK
    assert capsys.readouterr().out == shown


def test_a_code_alone_from_python_dash_m() -> None:
    """`python -m http_status_browser 404`, the package's own entry point, shows the code; a
    word that is
    neither a code nor a command is still a usage error."""
    found = run_cli("404", module="http_status_browser")
    assert found.returncode == EXIT_OK
    assert found.stdout.startswith("404 Not Found")
    missing = run_cli("4040", module="http_status_browser")
    assert missing.returncode == EXIT_NOT_FOUND
    assert "did you mean 404?" in missing.stderr
    wrong = run_cli("teapot")
    assert wrong.returncode == EXIT_USAGE
    assert "invalid choice: 'teapot'" in wrong.stderr


def test_show_json_has_the_stable_keys(
    registry: Registry, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "413", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= JSON_KEYS
    assert (data["code"], data["phrase"], data["category"]) == (413, "Content Too Large", "4xx")
    assert data["official"] is True
    assert set(data["snippets"]) == {lang.id for lang in registry.languages}


def test_list_json_lists_every_official_code(
    registry: Registry, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in data] == [s.code for s in registry.statuses if s.official]
    assert all(d["official"] for d in data)


def test_list_all_adds_unofficial_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--all", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    nginx = next(d for d in data if d["code"] == 499)
    assert nginx["official"] is False
    assert nginx["status"] == "unofficial"


def test_list_category(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--category", "2XX"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines
    assert all(line.startswith("2") for line in lines)


def test_search_ranks_like_the_registry(
    registry: Registry, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "gatway", "timeout", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data[0]["code"] == 504
    assert [d["code"] for d in data] == [m.status.code for m in registry.search("gatway timeout")]


def test_snippet_prints_only_the_snippet(
    registry: Registry, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["snippet", "404", "--lang", "go"]) == EXIT_OK
    status = registry.lookup(404)
    go = registry.language("go")
    assert status is not None
    assert go is not None
    assert capsys.readouterr().out == render_snippet(status, go) + "\n"


def test_languages(registry: Registry, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["languages"]) == EXIT_OK
    ids = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert ids == [lang.id for lang in registry.languages]


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["show", "4044"], EXIT_NOT_FOUND, "did you mean"),
        (["show", "299"], EXIT_NOT_FOUND, "no status code 299"),
        (["show", "teapot"], EXIT_USAGE, "did you mean 418"),
        (["show", "4o4"], EXIT_USAGE, "not a status code number; did you mean 404 Not Found?"),
        (["snippet", "404", "--lang", "golang"], EXIT_USAGE, "did you mean 'go'"),
        (["snippet", "404", "--lang", "cobol"], EXIT_USAGE, "httpstatus languages"),
        (["shwo", "404"], EXIT_USAGE, "did you mean 'show'"),
        (["list", "--category", "9xx"], EXIT_USAGE, "unknown class"),
        (["list", "--colour"], EXIT_USAGE, "unrecognized arguments"),
        (["search", "qqqqzzzz"], EXIT_NOT_FOUND, "nothing matches"),
        # str.isdigit() accepts a superscript two, which int() refuses (found by hypothesis).
        (["show", "4\u00b2"], EXIT_USAGE, "not a status code number"),
        (["compare", "301", "\u00b2"], EXIT_USAGE, "cannot tell which two codes"),
    ],
)
def test_bad_input_gets_one_line_and_an_exit_status(
    capsys: pytest.CaptureFixture[str], argv: list[str], status: int, message: str
) -> None:
    assert main(argv) == status
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(("argv", "code"), [([], None), (["open"], None), (["open", "404"], 404)])
def test_no_arguments_or_open_starts_the_window(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], code: int | None
) -> None:
    from http_status_browser.ui import launch

    opened: list[int | None] = []

    def fake_run_gui(registry: Registry, selected: int | None, **options: object) -> int:
        opened.append(selected)
        return EXIT_OK

    monkeypatch.setattr(launch, "run_gui", fake_run_gui)
    assert main(argv) == EXIT_OK
    assert opened == [code]


# Each exit path once more as a real process: what scripts see.


def test_subprocess_ok_and_version() -> None:
    result = run_cli("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"httpstatus {__version__}")
    shown = run_cli("show", "404", "--json")
    assert shown.returncode == EXIT_OK
    assert json.loads(shown.stdout)["phrase"] == "Not Found"


def test_subprocess_not_found() -> None:
    result = run_cli("show", "299")
    assert result.returncode == EXIT_NOT_FOUND
    assert result.stdout == ""
    assert result.stderr.startswith("httpstatus: no status code 299")


def test_subprocess_usage_error() -> None:
    result = run_cli("show")
    assert result.returncode == EXIT_USAGE
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_subprocess_help() -> None:
    result = run_cli("--help")
    assert result.returncode == EXIT_OK
    assert "show" in result.stdout
    assert "search" in result.stdout


def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    # Through a pipe: no escape codes; NO_COLOR is honoured by Style itself (tested below).
    result = run_cli("show", "404")
    assert "\033[" not in result.stdout


def test_no_color_wins_over_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from http_status_browser.cli.main import Style

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert Style(Terminal()).enabled  # type: ignore[arg-type]
    monkeypatch.setenv("NO_COLOR", "1")
    assert not Style(Terminal()).enabled  # type: ignore[arg-type]


def test_cli_does_not_import_qt() -> None:
    code = (
        "import sys; from http_status_browser.cli.main import main;"
        " main(['show', '404', '--json']);"
        "main(['search', 'teapot']); sys.exit('PySide6' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_missing_builtin_data_is_one_line(tmp_path: Path) -> None:
    """A damaged installation without its data file: a message, exit 2, no traceback."""
    code = (
        "import sys; import http_status_browser.registry.loader as loader;"
        f"loader.BUILTIN_PATH = {str(tmp_path / 'gone.json')!r};"
        "from http_status_browser.cli.main import main; sys.exit(main(['show', '404']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == EXIT_USAGE
    assert "cannot read the built-in data" in result.stderr
    assert "reinstall" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("code", [301, 522])
def test_show_heads_the_page_with_the_shared_badges(
    code: int, registry: Registry, capsys: pytest.CaptureFixture[str]
) -> None:
    status = registry.lookup(code)
    assert status is not None
    assert main(["show", str(code)]) == EXIT_OK
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line == f"{status.title}  " + " · ".join(b.text for b in status_badges(status))


@pytest.mark.parametrize(
    ("argv", "hint"),
    [(["4o4"], "did you mean 404 Not Found?"), (["5OO", "--json"], "did you mean 500")],
)
def test_a_code_typed_with_letters_is_answered_as_show(
    argv: list[str], hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`httpstatus 4o4` reaches show, which says what was meant, not a list of commands."""
    assert main(argv) == EXIT_USAGE
    err = capsys.readouterr().err
    assert hint in err
    assert "invalid choice" not in err


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        *(("404", True), ("4o4", True), (" 5OO ", True), ("4l8", True)),
        *(("lol", False), ("show", False), ("", False), ("4x4", False), ("-4", False)),
    ],
)
def test_meant_as_code(text: str, meant: bool) -> None:
    assert meant_as_code(text) is meant
