"""What `httpstatus show 404` loads: only what it needs (its speed is `make bench`'s matter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from http_status_browser.cli.main import (
    _build_parser,
    _plain_open,
    _plain_search_provider,
    _plain_show,
)
from tests.loaded_modules import loaded_modules

ROOT = Path(__file__).resolve().parents[2]

# None of these is needed to print one code; each costs milliseconds of every run.
NOT_FOR_SHOW = (
    "argparse",
    "locale",
    "PySide6",
    "http_status_browser.ui",
    "http_status_browser.cli.parser",
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
    # The single-instance client: only a window's launch line needs it.
    "http_status_browser.desktop.instance",
    "_socket",
)


def modules_loaded_by(*argv: str, without_site: bool = False) -> set[str]:
    """Modules loaded by running the CLI with argv (which must succeed), through the entry
    point that the `httpstatus` command runs."""
    code = (
        "import sys\nfrom http_status_browser.httpstatus import main\n"
        "assert main(sys.argv[1:]) == 0"
    )
    return loaded_modules(code, *argv, without_site=without_site)


def test_show_loads_only_what_it_needs() -> None:
    # The first run reads the JSON and keeps the compiled copy (with the situations and the
    # search index, which it builds for that); every later run reads the copy.
    first = modules_loaded_by("show", "404", without_site=True)
    assert {"json", "http_status_browser.registry.search"} <= first
    loaded = modules_loaded_by("show", "404", without_site=True)
    assert "http_status_browser.registry.cache" in loaded
    wrong = sorted(
        name for name in loaded for top in NOT_FOR_SHOW if name == top or name.startswith(top + ".")
    )
    assert wrong == []


def test_a_command_from_its_own_module_is_loaded_when_it_runs() -> None:
    assert "http_status_browser.cli.compare_command" in modules_loaded_by("compare", "301", "308")


@pytest.mark.parametrize("code", ["404", "4o4", "999", "", "1e3", " 404 "])
def test_plain_show_reads_what_argparse_reads(code: str) -> None:
    plain = _plain_show(["show", code])
    assert plain is not None
    assert vars(plain) == vars(_build_parser("show").parse_args(["show", code]))


def test_the_search_provider_reads_what_argparse_reads() -> None:
    plain = _plain_search_provider(["search-provider"])
    assert plain is not None
    parsed = _build_parser("search-provider").parse_args(["search-provider"])
    assert vars(plain) == vars(parsed)


def test_the_search_provider_loads_no_argparse() -> None:
    """D-Bus starts it for a query; checked without running it (no session bus here)."""
    code = (
        "from http_status_browser.cli.main import _plain_search_provider\n"
        "assert _plain_search_provider(['search-provider'])"
    )
    assert loaded_modules(code).isdisjoint({"argparse", "jeepney"})


@pytest.mark.parametrize(
    "argv",
    [
        ["show"],
        ["show", "404", "--json"],
        ["show", "--json", "404"],
        ["show", "-h"],
        ["show", "--", "404"],
        ["--registry", "x.json", "show", "404"],
        ["search", "404"],
        ["shw", "404"],
        ["search-provider", "--idle-exit", "5"],
        ["search-provider", "extra"],
    ],
)
def test_anything_else_goes_to_argparse(argv: list[str]) -> None:
    assert _plain_show(argv) is None
    assert _plain_search_provider(argv) is None


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["open"],
        ["open", "404"],
        ["open", "4o4"],
        ["open", ""],
        ["open", "--smoke-test"],
        ["open", "--smoke-test", "0"],
        ["open", "--smoke-test", "1.5"],
        ["open", "--smoke-test", ".5"],
        ["open", "--smoke-test", "404"],
    ],
)
def test_plain_open_reads_what_argparse_reads(argv: list[str]) -> None:
    plain = _plain_open(argv)
    assert plain is not None
    parsed = _build_parser("open" if argv else None).parse_args(argv)
    assert vars(plain) == vars(parsed)


@pytest.mark.parametrize(
    "argv",
    [
        ["open", "--new-window"],
        ["open", "404", "--new-window"],
        ["open", "--smoke-test", "1e3"],
        ["open", "--smoke-test", "."],
        ["open", "--smoke-test", "-1"],
        ["open", "--smoke-test", "1", "404"],
        ["open", "404", "405"],
        ["open", "-h"],
        ["open", "--", "404"],
        ["--registry", "x.json", "open"],
        ["--new-window"],
        ["404"],
        ["show", "404"],
    ],
)
def test_other_open_lines_go_to_argparse(argv: list[str]) -> None:
    assert _plain_open(argv) is None


def test_the_hand_over_path_imports_no_typing() -> None:
    """A launch that hands over must cost less than `show 404`, which does without typing."""
    code = (
        "import sys, http_status_browser.gui, http_status_browser.httpstatus,"
        " http_status_browser.desktop.instance; sys.exit('typing' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
