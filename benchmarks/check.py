"""`make bench`: `httpstatus check` on 2,000 URLs of a local `httpstatus serve`, against curl
checking the same URLs (`curl --parallel --parallel-max 16 -I -L`), interleaved in the same
run; and the peak resident memory of `httpstatus check` for 100,000 URLs (streamed in and out).

Both clients ask HEAD and follow redirects; the endpoint runs in its own process.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from benchmarks.serve import server_process

FigureT = TypeVar("FigureT")
# A site after a migration: mostly pages, some moved (permanently or not), some gone.
PATHS = ("/200", "/200", "/204", "/301?to=/200", "/302?to=/204", "/404")


def write_urls(path: Path, base: str, count: int) -> None:
    with path.open("w", encoding="ascii") as out:
        out.writelines(f"{base}{PATHS[n % len(PATHS)]}\n" for n in range(count))


def write_curl_config(path: Path, urls: Path) -> None:
    """curl's config: each URL with its output thrown away (`-o` applies to one URL only)."""
    with path.open("w", encoding="ascii") as out:
        for url in urls.read_text(encoding="ascii").split():
            out.write(f'url = "{url}"\noutput = "/dev/null"\n')


def _run(command: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and the child's peak resident memory in MiB (its own, via wait4). Exit
    status 1 (some URLs answered 404, as they should) is not a failure; above that is."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError(f"{command[:5]} failed with {code}")
    return elapsed, usage.ru_maxrss / 1024


def check_figures(runs: int, figure: Callable[..., FigureT], smoke: bool = False) -> list[FigureT]:
    count, many = (200, 2_000) if smoke else (2_000, 100_000)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env.pop(name, None)
    serve = [sys.executable, "-m", "http_status_browser.cli.main", "serve", "--port", "0"]
    with (
        tempfile.TemporaryDirectory(prefix="bench-check-") as folder,
        server_process([*serve, "--quiet"], "stderr") as (_, port),
    ):
        base = f"http://127.0.0.1:{port}"
        urls, lots, config = Path(folder, "urls.txt"), Path(folder, "lots.txt"), Path(folder, "c")
        write_urls(urls, base, count)
        write_urls(lots, base, many)
        write_curl_config(config, urls)
        check = [sys.executable, "-m", "http_status_browser.cli.main", "check", "--csv"]
        ours_command = [*check, "--from", str(urls)]
        curl = shutil.which("curl")
        curl_command = [
            curl or "curl",
            "--parallel",
            "--parallel-max",
            "16",
            "--silent",
            "--head",
            "--location",
            "--config",
            str(config),
        ]
        ours, floor = [], []
        for _ in range(runs):
            ours.append(_run(ours_command, env)[0])
            if curl:
                floor.append(_run(curl_command, env)[0])
        peak = _run([*check, "--from", str(lots)], env)[1]
    value = statistics.median(ours)
    base_time = statistics.median(floor) if floor else None
    return [
        figure(
            f"`httpstatus check`, {count:,} local URLs (floor: curl --parallel --parallel-max 16"
            " -I -L)",
            value * 1000,
            base_time * 1000 if base_time else None,
            "ms",
            "ratio ≤ 1.0",
            base_time is not None and value <= base_time,
        ),
        figure(
            f"`httpstatus check` peak resident memory, {many:,} URLs",
            peak,
            None,
            "MiB",
            "< 100 MiB",
            peak < 100,
        ),
    ]


if __name__ == "__main__":
    from benchmarks.figures import Figure

    for found in check_figures(int(sys.argv[1]) if len(sys.argv) > 1 else 3, Figure):
        print(found)
