"""`make bench`: requests per second of `httpstatus serve` against `python -m http.server`
serving a small file and against httpbin's /status/200 under gunicorn (the `bench` extra),
all on loopback in their own processes, measured in the same run by the same client
(benchmarks/loadgen.py or wrk), interleaved and repeated; medians are reported.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from benchmarks.figures import Figure
from benchmarks.loadgen import LoadResult, Probe, run_load

SMALL_FILE = "small.txt"
STARTUP_TIMEOUT = 30.0


# The line that names the port, and which stream it comes on, for each server.
ANNOUNCED_PORT = re.compile(r"https?://[^/\s]*:(\d+)")
ANNOUNCE_LINES = 20


@contextmanager
def server_process(command: Sequence[str], announced_on: str) -> Iterator[tuple[int, int]]:
    """A server process: its pid and the port it announces (on "stdout" or "stderr") within
    its first ANNOUNCE_LINES lines."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stream = process.stderr if announced_on == "stderr" else process.stdout
        assert stream is not None
        found = None
        for _ in range(ANNOUNCE_LINES):
            line = stream.readline()
            found = ANNOUNCED_PORT.search(line)
            if found is not None or not line:
                break
        if found is None:
            raise RuntimeError(f"no port announced by {command[:3]}")
        # Keep reading what the server writes (its access log), so that it never blocks on a
        # full pipe; the logs go nowhere, as they would to a file.
        subprocess.Popen(["cat"], stdin=process.stdout, stdout=subprocess.DEVNULL)
        subprocess.Popen(["cat"], stdin=process.stderr, stdout=subprocess.DEVNULL)
        yield process.pid, int(found.group(1))
    finally:
        process.terminate()
        try:
            process.wait(STARTUP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STARTUP_TIMEOUT)


class Sample(NamedTuple):
    per_second: float
    cpu_us_per_request: float


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process and its children so far (Linux /proc): a
    gunicorn master's worker does the serving."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children")
    kids = children.read_text().split() if children.exists() else []
    return own + sum(_cpu_seconds(int(kid)) for kid in kids if Path(f"/proc/{kid}").exists())


def _wrk(url: str, connections: int, seconds: float, keep: bool) -> tuple[int, float]:
    """(requests, requests per second) from Debian's wrk; errors are fatal."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{round(seconds)}s", url]
    if not keep:
        command[1:1] = ["-H", "Connection: close"]
    out = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError(f"errors from wrk against {url}:\n{out}")
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return requests, per_second


def _python_client(
    port: int, probes: Sequence[Probe], connections: int, total: int, keep: bool
) -> tuple[int, float]:
    result: LoadResult = asyncio.run(
        run_load(
            "127.0.0.1",
            port,
            connections=connections,
            per_connection=max(1, total // connections),
            probes=probes,
            keep_alive=keep,
            timeout=300,
        )
    )
    if result.errors or result.wrong:
        raise RuntimeError(f"{result.errors} errors and {result.wrong} wrong statuses at {port}")
    return result.requests, result.per_second


def _sample(
    server: tuple[int, int], path: str, connections: int, load: float, keep: bool
) -> Sample:
    """One measurement: with wrk for `load` seconds if installed, else the Python client for
    `load` x 500 requests; CPU per request is the server's own, so the client's cost is out."""
    pid, port = server
    before = _cpu_seconds(pid)
    if shutil.which("wrk"):
        requests, per_second = _wrk(f"http://127.0.0.1:{port}{path}", connections, load, keep)
    else:
        probes = [Probe("GET", path, 200)]
        requests, per_second = _python_client(port, probes, connections, int(load * 500), keep)
    cpu = _cpu_seconds(pid) - before
    return Sample(per_second, cpu / requests * 1e6)


def httpbin_installed() -> bool:
    """Whether the `bench` extra is there: `make bench` installs it, `make test` does not."""
    return all(importlib.util.find_spec(name) for name in ("httpbin", "gunicorn"))


def measure(runs: int, seconds: float, *, with_httpbin: bool = True) -> dict[str, Sample]:
    """Medians of interleaved runs: ours, http.server and httpbin under gunicorn with a new
    connection per request (http.server speaks HTTP/1.0 and closes after each answer, and
    gunicorn's sync worker too), then ours with keep-alive. gunicorn runs one sync worker,
    as ours is one process on one thread."""
    samples: dict[str, list[Sample]] = {"ours": [], "floor": [], "ours keep-alive": []}
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as servers:
        small = Path(folder) / SMALL_FILE
        small.write_text("200 OK\nThe request succeeded; the content depends on the method.\n")
        ours_command = [
            sys.executable,
            "-m",
            "http_status_browser.cli.main",
            "serve",
            "--port",
            "0",
        ]
        floor_command = [sys.executable, "-u", "-m", "http.server", "0"]
        floor_command += ["--bind", "127.0.0.1", "--directory", folder]
        ours = servers.enter_context(server_process(ours_command, "stderr"))
        floor = servers.enter_context(server_process(floor_command, "stdout"))
        httpbin = None
        if with_httpbin:
            httpbin_command = [sys.executable, "-m", "gunicorn", "--workers", "1"]
            httpbin_command += ["--bind", "127.0.0.1:0", "--no-control-socket", "httpbin:app"]
            httpbin = servers.enter_context(server_process(httpbin_command, "stderr"))
            samples["httpbin"] = []
        for _ in range(runs):
            samples["ours"].append(_sample(ours, "/200", 10, seconds, keep=False))
            samples["floor"].append(_sample(floor, f"/{SMALL_FILE}", 10, seconds, keep=False))
            if httpbin is not None:
                samples["httpbin"].append(_sample(httpbin, "/status/200", 10, seconds, keep=False))
            samples["ours keep-alive"].append(_sample(ours, "/200", 100, seconds, keep=True))
    return {
        name: Sample(
            statistics.median(s.per_second for s in values),
            statistics.median(s.cpu_us_per_request for s in values),
        )
        for name, values in samples.items()
    }


def serve_figures(runs: int, smoke: bool = False) -> list[Figure]:
    """The figures for docs/benchmarks.md."""
    # The smoke run inside `make test` goes without httpbin unless it is installed; a real
    # run needs it (`make bench` installs the bench extra).
    if not smoke and not httpbin_installed():
        raise RuntimeError("httpbin and gunicorn are missing: pip install -e '.[bench]'")
    with_httpbin = httpbin_installed()
    if smoke:
        found = measure(1, 1.0, with_httpbin=with_httpbin)
    else:
        found = measure(max(3, runs // 3), 3.0, with_httpbin=with_httpbin)
    ours, floor, kept = found["ours"], found["floor"], found["ours keep-alive"]
    httpbin = found.get("httpbin")
    figures = [
        Figure(
            "`httpstatus serve` requests/s, a connection per request (floor: http.server)",
            ours.per_second,
            floor.per_second,
            "req/s",
            "ratio ≥ 1.0",
            ours.per_second >= floor.per_second,
        ),
        Figure(
            "`httpstatus serve` server CPU per request, a connection per request",
            ours.cpu_us_per_request,
            floor.cpu_us_per_request,
            "us",
            "ratio ≤ 1.0",
            ours.cpu_us_per_request <= floor.cpu_us_per_request,
        ),
        Figure(
            "`httpstatus serve` requests/s, keep-alive, 100 connections",
            kept.per_second,
            None,
            "req/s",
            "-",
            True,
        ),
    ]
    if httpbin is not None:
        figures[2:2] = [
            Figure(
                "`httpstatus serve` requests/s, a connection per request (floor: httpbin)",
                ours.per_second,
                httpbin.per_second,
                "req/s",
                "ratio ≥ 1.0",
                ours.per_second >= httpbin.per_second,
            ),
            Figure(
                "`httpstatus serve` server CPU per request (floor: httpbin, one gunicorn worker)",
                ours.cpu_us_per_request,
                httpbin.cpu_us_per_request,
                "us",
                "ratio ≤ 1.0",
                ours.cpu_us_per_request <= httpbin.cpu_us_per_request,
            ),
        ]
    return figures


if __name__ == "__main__":
    print(measure(3, 3.0))
