"""main(argv) fuzzed: whatever the arguments, no exception escapes and the status is 0, 1 or 2."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from http_status_browser.cli.main import main
from http_status_browser.ui import launch

WORDS = st.sampled_from(
    [
        "show",
        "search",
        "list",
        "snippet",
        "languages",
        "open",
        "paths",
        "check-codes",
        "explain",
        "--top",
        "--field",
        "--key",
        "--format",
        "-",
        "--json",
        "--all",
        "--lang",
        "--category",
        "--limit",
        "--registry",
        "--help",
        "--version",
        "404",
        "4xx",
        "go",
        "teapot",
        "-1",
        "0",
        "99999",
        "",
    ]
)
ARGUMENT = st.one_of(WORDS, st.text(max_size=40))


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(ARGUMENT, max_size=6))
def test_main_never_raises(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    # The window is not what is fuzzed here: opening it is replaced by its exit status.
    monkeypatch.setattr(launch, "run_gui", lambda *args, **kwargs: 0)
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        status = main(argv)
    assert status in (0, 1, 2)
