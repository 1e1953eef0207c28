"""`httpstatus show CODE --example`: in-process and, for each exit path, as a subprocess."""

from __future__ import annotations

import pytest

from http_status_browser.cli.main import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, main
from tests.cli.test_cli import run_cli


def test_show_example_prints_request_and_response(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "401", "--example"]) == EXIT_OK
    out = capsys.readouterr().out
    request, response = out.split("\n\n", 1)
    assert request.startswith("GET /items/42 HTTP/1.1\nHost: ")
    assert response.startswith("HTTP/1.1 401 Unauthorized\n")
    assert "\nWWW-Authenticate: Bearer" in response
    assert "\r" not in out


def test_show_example_of_an_interim_code_ends_with_200(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "103", "--example"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.index("HTTP/1.1 103 Early Hints\nLink: ") < out.index("HTTP/1.1 200 OK")


@pytest.mark.parametrize(
    ("args", "status", "stream", "text"),
    [
        (["show", "304", "--example"], EXIT_OK, "stdout", "HTTP/1.1 304 Not Modified"),
        (["show", "299", "--example"], EXIT_NOT_FOUND, "stderr", "no status code 299"),
        (["show", "4x4", "--example"], EXIT_USAGE, "stderr", "not a status code number"),
    ],
)
def test_show_example_exit_paths(args: list[str], status: int, stream: str, text: str) -> None:
    done = run_cli(*args)
    assert done.returncode == status
    assert text in getattr(done, stream)
