"""`make bench`: requests per second of `httpstatus serve` against `python -m http.server`
serving a small file, both on loopback in their own processes, measured in the same run by
the same client (benchmarks/loadgen.py), interleaved and repeated; medians are reported.
"""

from __future__ import annotations

import asyncio
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
from typing import TYPE_CHECKING, NamedTuple

from benchmarks.loadgen import LoadResult, Probe, run_load

if TYPE_CHECKING:
    from benchmarks.run import Figure

SMALL_FILE = "small.txt"
STARTUP_TIMEOUT = 30.0


@contextmanager
def _process(command: Sequence[str]) -> Iterator[tuple[int, int]]:
    """A server process: its pid and the port it announces on its first line."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stream = process.stderr if "http_status_browser.cli.main" in command else process.stdout
        assert stream is not None
        line = stream.readline()
        found = re.search(r"(?:port |:)(\d+)", line)
        if found is None:
            raise RuntimeError(f"no port announced by {command[:3]}: {line!r}")
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
    """User plus system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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


def measure(runs: int, seconds: float) -> dict[str, Sample]:
    """Medians of interleaved runs: ours and http.server with a new connection per request
    (http.server speaks HTTP/1.0 and closes after each answer), then ours with keep-alive."""
    samples: dict[str, list[Sample]] = {"ours": [], "floor": [], "ours keep-alive": []}
    with tempfile.TemporaryDirectory() as folder:
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
        with _process(ours_command) as ours, _process(floor_command) as floor:
            for _ in range(runs):
                samples["ours"].append(_sample(ours, "/200", 10, seconds, keep=False))
                samples["floor"].append(_sample(floor, f"/{SMALL_FILE}", 10, seconds, keep=False))
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
    from benchmarks.run import Figure  # noqa: PLC0415  (run.py calls this module)

    found = measure(1, 1.0) if smoke else measure(max(3, runs // 3), 3.0)
    ours, floor, kept = found["ours"], found["floor"], found["ours keep-alive"]
    return [
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


if __name__ == "__main__":
    print(measure(3, 3.0))
