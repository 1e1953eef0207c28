"""Reading a command line: one argparse parser for every line, and only what the command asked
for is loaded (its speed is `make bench`'s matter)."""

from __future__ import annotations

import argparse

import pytest

from http_status_browser.cli import main as cli
from http_status_browser.cli.parser import parse_command_line
from http_status_browser.desktop.search_provider import IDLE_EXIT_S
from tests.loaded_modules import loaded_modules

# None of these is needed to print one code; each costs milliseconds of every run.
NOT_FOR_SHOW = (
    "PySide6",
    "http_status_browser.ui",
    "http_status_browser.cli.compare_command",
    "http_status_browser.cli.explain_command",
    "http_status_browser.cli.search_provider_command",
    "http_status_browser.cli.serve_command",
    "http_status_browser.cli.which_command",
    "http_status_browser.registry.situations",
    "http_status_browser.registry.search",
    # The registry comes from its compiled copy (registry/cache.py), not from the JSON.
    "json",
    "http_status_browser.explain",
    "http_status_browser.serve",
    "asyncio",
    "socket",
    "jeepney",
    "h11",
    "difflib",
    "dataclasses",
    "inspect",
    # pathlib brings urllib.parse, ipaddress and fnmatch (about 10 ms installed): checking
    # for a codes file needs only os.
    "pathlib",
    "urllib",
    "ipaddress",
    # argparse's help is laid out only for -h: the formatter is given its width (no shutil).
    "shutil",
    # The single-instance client: only a window's launch line needs it.
    "http_status_browser.desktop.instance",
)


def modules_loaded_by(*argv: str, without_site: bool = False) -> set[str]:
    """Modules loaded by running the CLI with argv (which must succeed), through the entry
    point that the `httpstatus` command runs."""
    code = (
        "import sys\nfrom http_status_browser.httpstatus import main\n"
        "assert main(sys.argv[1:]) == 0"
    )
    return loaded_modules(code, *argv, without_site=without_site)


def parse(*argv: str) -> argparse.Namespace:
    return parse_command_line(cli._parser(), cli.COMMANDS, argv)


def test_show_loads_only_what_it_needs() -> None:
    # The first run reads the JSON and keeps the compiled copy (with the situations and the
    # search index, which it builds for that); every later run reads the copy.
    first = modules_loaded_by("show", "404", without_site=True)
    assert {"json", "http_status_browser.registry.search"} <= first
    loaded = modules_loaded_by("show", "404", without_site=True)
    assert {"http_status_browser.registry.cache", "argparse"} <= loaded
    wrong = sorted(
        name for name in loaded for top in NOT_FOR_SHOW if name == top or name.startswith(top + ".")
    )
    assert wrong == []


def test_a_command_from_its_own_module_is_loaded_when_it_runs() -> None:
    assert "http_status_browser.cli.compare_command" in modules_loaded_by("compare", "301", "308")


def test_asking_for_a_command_loads_no_other_command_module() -> None:
    code = (
        "import sys\nfrom http_status_browser.cli import main as cli\n"
        "from http_status_browser.cli.parser import parse_command_line\n"
        "parse_command_line(cli._parser(), cli.COMMANDS, sys.argv[1:])"
    )
    loaded = loaded_modules(code, "search-provider", "--idle-exit", "5")
    commands = {name for name in loaded if name.endswith("_command")}
    assert commands == {"http_status_browser.cli.search_provider_command"}
    # D-Bus starts it for a query: jeepney waits until it serves.
    assert "jeepney" not in loaded


def test_the_search_provider_line_as_d_bus_starts_it() -> None:
    args = parse("search-provider")
    assert (args.command, args.idle_exit, args.registry) == ("search-provider", IDLE_EXIT_S, None)
    assert parse("search-provider", "--idle-exit", "5").idle_exit == 5.0


@pytest.mark.parametrize(
    ("argv", "code", "smoke_test", "new_window"),
    [
        ([], None, None, False),
        (["open"], None, None, False),
        (["open", "404"], "404", None, False),
        (["open", "--smoke-test"], None, 0.0, False),
        (["open", "--smoke-test", "1.5"], None, 1.5, False),
        (["open", "404", "--new-window"], "404", None, True),
        (["open", "--new-window", "404"], "404", None, True),
    ],
)
def test_window_lines(
    argv: list[str], code: str | None, smoke_test: float | None, new_window: bool
) -> None:
    args = parse(*argv)
    assert args.handler is cli._command_open
    assert (args.code, args.smoke_test, args.new_window) == (code, smoke_test, new_window)


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "404", "--json"],
        ["show", "--json", "404"],
        ["--registry", "codes.json", "show", "--json", "404"],
    ],
)
def test_options_are_read_in_any_order(argv: list[str]) -> None:
    args = parse(*argv)
    assert (args.command, args.code, args.json, args.example) == ("show", "404", True, False)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "404", "--lang", "python"], "unrecognized arguments: --lang python"),
        (["show", "404", "--all"], "unrecognized arguments: --all"),  # search's, not show's
        (["open", "404", "405"], "unrecognized arguments: 405"),
        (["open", "--smoke-test", "soon"], "invalid float value: 'soon'"),
        (["snippet", "404"], "the following arguments are required: --lang"),
        (["shw", "404"], "did you mean 'show'"),
    ],
)
def test_one_command_is_read_with_its_own_arguments_only(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(argv) == cli.EXIT_USAGE
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_every_command_has_its_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([command, "--help"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith(f"usage: httpstatus {command} [-h]")
    assert "-h, --help  " in out or "-h, --help\n" in out


def test_the_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["-h"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    for command, (help_text, _) in cli.COMMANDS.items():
        assert command in out
        assert help_text[:20] in out
