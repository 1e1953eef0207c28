"""`httpstatus serve` as a command: in-process for usage errors, as a subprocess for each exit
path (served and stopped by SIGTERM or Ctrl+C, cannot bind, usage), and the import rule."""

from __future__ import annotations

import asyncio
import http.client
import os
import re
import signal
import socket
import subprocess
import sys

import pytest

from benchmarks.loadgen import run_load
from http_status_browser.cli.main import EXIT_OK, EXIT_USAGE, main
from http_status_browser.cli.serve_command import EXIT_CANNOT_BIND
from http_status_browser.serve.hosts import address_is_loopback
from tests.cli.test_cli import run_cli

TIMEOUT = 30


def start_serve(*args: str) -> tuple[subprocess.Popen[str], str]:
    """`httpstatus serve --port 0 ...` and the URL it announces."""
    process = subprocess.Popen(
        [sys.executable, "-m", "http_status_browser.cli.main", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    banner = process.stderr.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+", banner)
    if found is None:
        process.kill()
        process.wait(TIMEOUT)
        pytest.fail(f"no address announced: {banner!r}")
    return process, found.group(0)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_serve_answers_logs_and_stops_on_a_signal(stop: signal.Signals) -> None:
    process, url = start_serve()
    try:
        host, port = url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=TIMEOUT)
        connection.request("GET", "/418", headers={"User-Agent": "test"})
        response = connection.getresponse()
        assert response.status == 418
        response.read()
        connection.close()
    finally:
        process.send_signal(stop)
        out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == EXIT_OK, err
    assert re.fullmatch(
        r'127\.0\.0\.1 - - \[[^]]+\] "GET /418 HTTP/1\.1" 418 \d+ "-" "test"\n', out
    )
    assert "stopped" in err


def test_serve_cannot_bind_a_port_in_use() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli("serve", "--port", str(port))
    assert done.returncode == EXIT_CANNOT_BIND
    assert f"cannot listen on 127.0.0.1 port {port}" in done.stderr


def test_serve_refuses_a_remote_host_without_allow_remote() -> None:
    done = run_cli("serve", "--host", "0.0.0.0")
    assert done.returncode == EXIT_USAGE
    assert "--allow-remote" in done.stderr


@pytest.mark.parametrize(
    "args",
    [["--host", "192.0.2.1"], ["--host", "example.com"], ["--port", "70000"], ["--port", "x"]],
)
def test_serve_usage_errors(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", *args]) == EXIT_USAGE
    assert capsys.readouterr().err.startswith("httpstatus: ")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.5.0.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("127.1", True),  # inet_aton's short form, as curl and ping read it
        ("0x7f.1", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.1", False),
        ("example.com", False),  # never resolved: a name other than localhost is not loopback
        ("127.0.0.1\x00", False),  # getaddrinfo would stop at the NUL
        ("127.0.0.1 example.com", False),  # and inet_aton at the space
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert address_is_loopback(host) is loopback


def test_allow_remote_warns() -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http_status_browser.cli.main",
            "serve",
            "--port",
            "0",
            "--host",
            "0.0.0.0",
            "--allow-remote",
            "--quiet",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    warning = process.stderr.readline()
    banner = process.stderr.readline()
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=TIMEOUT)
    assert "warning: serving on 0.0.0.0" in warning
    assert "serving status codes on http://0.0.0.0:" in banner
    assert process.returncode == EXIT_OK


@pytest.mark.parametrize("command", [["show", "404"], ["search", "teapot"], ["list"]])
def test_other_commands_do_not_import_the_server(command: list[str]) -> None:
    code = (
        "import sys\n"
        "from http_status_browser.cli.main import main\n"
        f"main({command!r})\n"
        "print(sorted(m for m in ('h11', 'asyncio', 'http_status_browser.serve')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.stdout.splitlines()[-1] == "[]"


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def test_an_unread_log_never_stops_the_serving() -> None:
    # `httpstatus serve | sleep 90`: nobody reads standard output. The old server blocked on
    # the full pipe after about 800 lines and answered nothing more.
    process, url = start_serve()
    try:
        result = asyncio.run(
            run_load("127.0.0.1", _port(url), connections=20, per_connection=150, timeout=60)
        )
        assert (result.requests, result.errors, result.wrong) == (3000, 0, 0)
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == EXIT_OK, err
    assert len(out.splitlines()) == 3000  # queued meanwhile, none lost, once read


def test_a_closed_log_reader_never_stops_the_serving() -> None:
    # `httpstatus serve | head -1`: the reader goes away; serving goes on, the loss is told.
    process, url = start_serve()
    try:
        first = http.client.HTTPConnection("127.0.0.1", _port(url), timeout=TIMEOUT)
        first.request("GET", "/200")
        first.getresponse().read()
        first.close()
        assert process.stdout is not None
        assert process.stdout.readline()
        process.stdout.close()
        result = asyncio.run(
            run_load("127.0.0.1", _port(url), connections=5, per_connection=40, timeout=60)
        )
        assert (result.requests, result.errors, result.wrong) == (200, 0, 0)
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.stderr is not None
        err = process.stderr.read()
        process.wait(TIMEOUT)
    assert process.returncode == EXIT_OK, err
    assert re.search(r"\d+ log lines not written to standard output \(writing failed", err), err


def test_serve_on_a_short_loopback_address() -> None:
    # 127.1 is 127.0.0.1 to inet_aton (and to curl and ping); it was refused as remote.
    process, url = start_serve("--host", "127.1", "--quiet")
    try:
        connection = http.client.HTTPConnection("127.0.0.1", _port(url), timeout=TIMEOUT)
        connection.request("GET", "/204")
        assert connection.getresponse().status == 204
        connection.close()
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == EXIT_OK, err
    assert "warning" not in err


def test_help_documents_the_endpoint(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--help"]) == EXIT_OK
    shown = capsys.readouterr().out
    for feature in ("/200:0.9,500:0.1", "/redirect/N", "/anything", "?header=Name:value"):
        assert feature in shown
    assert "250ms" in shown
    assert "Access-Control-Allow-Origin: *" in shown
    assert "421" in shown
