"""`make bench`: `httpstatus explain` on a generated combined log, against awk | sort | uniq -c
and against GoAccess (installed by `make bench`, scripts/install-goaccess.sh).

All run on the same file in the same run, interleaved; our peak resident memory is read from
the child's own rusage (os.wait4), so other processes do not blur it. The smoke run (in every
`make test`) leaves the GoAccess row out where GoAccess is not installed.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

FigureT = TypeVar("FigureT")
CODES = [200] * 80 + [304] * 6 + [301, 302, 400, 401, 403, 404, 404, 404, 499, 500, 502, 503, 504]
PATHS = ["/", "/index.html", "/static/app.js", "/favicon.ico", "/login", "/api/v1/users/{}"]
AGENTS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
    "curl/8.5.0",
]


def write_combined_log(path: Path, lines: int) -> None:
    """A combined log (nginx's default format) with a realistic mix of codes and paths."""
    rng = random.Random(13)
    with path.open("w", encoding="ascii") as out:
        batch = []
        for number in range(lines):
            target = rng.choice(PATHS).format(rng.randrange(100_000))
            minute, second = divmod(number // 20, 60)
            batch.append(
                f"198.51.100.{number % 250} - - [26/Nov/2026:{minute // 60 % 24:02d}:"
                f'{minute % 60:02d}:{second:02d} +0000] "GET {target} HTTP/1.1" '
                f'{rng.choice(CODES)} {rng.randrange(40_000)} "https://shop.example/" '
                f'"{rng.choice(AGENTS)}"\n'
            )
            if len(batch) == 10_000:
                out.writelines(batch)
                batch.clear()
        out.writelines(batch)


def _run(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and the child's peak resident memory in MiB (its own, via wait4)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{command[:4]} failed with {child.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def goaccess_command(log: Path, folder: str) -> list[str] | None:
    """GoAccess on the same log, its report written to a file (it needs one without a
    terminal); None where it is not installed."""
    goaccess = shutil.which("goaccess")
    if goaccess is None:
        return None
    report = os.path.join(folder, "goaccess.json")
    return [goaccess, str(log), "--log-format=COMBINED", "--no-global-config", "-o", report]


def explain_speed(
    runs: int, lines: int, figure: Callable[..., FigureT], *, smoke: bool = False
) -> list[FigureT]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # installed apps run from bytecode
    with tempfile.TemporaryDirectory(prefix="bench-explain-") as folder:
        log = Path(folder) / "access.log"
        write_combined_log(log, lines)
        ours = [sys.executable, "-m", "http_status_browser.cli.main", "explain", str(log)]
        floor = ["bash", "-c", f"awk '{{print $9}}' '{log}' | sort | uniq -c"]
        goaccess = goaccess_command(log, folder)
        if goaccess is None and not smoke:
            raise RuntimeError("GoAccess is missing: make bench installs it (apt-get)")
        times, memory, floor_times, goaccess_times = [], [], [], []
        for _ in range(runs):
            elapsed, rss = _run(ours, env)
            times.append(elapsed)
            memory.append(rss)
            floor_times.append(_run(floor, env)[0])
            if goaccess is not None:
                goaccess_times.append(_run(goaccess, env)[0])
    value, base, peak = (
        statistics.median(times),
        statistics.median(floor_times),
        max(memory),  # the worst run: the target is a ceiling
    )
    figures = [
        figure(
            # No "|" in the name: it is a cell of a Markdown table.
            f"`httpstatus explain`, {lines:,}-line combined log (floor: the awk, sort, uniq -c"
            " pipeline)",
            value * 1000,
            base * 1000,
            "ms",
            "ratio ≤ 1.5",
            value <= 1.5 * base,
        ),
        figure(
            f"`httpstatus explain` peak resident memory, {lines:,} lines",
            peak,
            None,
            "MiB",
            "< 100 MiB",
            peak < 100,
        ),
    ]
    if goaccess_times:
        rival = statistics.median(goaccess_times)
        figures.append(
            figure(
                f"`httpstatus explain` against GoAccess, {lines:,}-line combined log (floor:"
                " `goaccess --log-format=COMBINED -o report.json`)",
                value * 1000,
                rival * 1000,
                "ms",
                "ratio ≤ 0.1",
                value <= 0.1 * rival,
            )
        )
    return figures
