"""The benchmarks run once, tiny, in every test run, so that they cannot rot (no timing here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate_registry import generate
from http_status_browser.registry.reading import parse_registry

ROOT = Path(__file__).resolve().parent.parent


def test_generated_registry_is_valid_and_sized() -> None:
    import json

    data = generate(400)
    registry = parse_registry(json.dumps(data), "generated.json")
    assert len(registry.statuses) == 400
    official = {s.code for s in registry.statuses if s.official}
    assert all(s.code not in official for s in registry.statuses if not s.official)


def test_benchmarks_smoke_run(tmp_path: Path) -> None:
    output = tmp_path / "benchmarks.md"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--smoke", "--output", str(output)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    table = output.read_text(encoding="utf-8")
    for figure in (
        "start-up to first painted window",
        "resident memory",
        "`httpstatus show 404` wall time",
        "hand-over to a running window, `httpstatus open 404`",
        "desktop search, answer p95 once started",
        "keystroke filter latency p95, built-in registry",
        "keystroke filter latency p95, 300 entries",
        "`httpstatus explain`, 20,000-line combined log",
        "`httpstatus explain` peak resident memory",
        "`httpstatus check`, 200 local URLs",
        "`httpstatus check` peak resident memory, 2,000 URLs",
    ):
        assert figure in table


def test_app_and_floor_end_at_their_first_paint_when_counting_instructions(
    tmp_path: Path,
) -> None:
    """What callgrind counts for the start-up row ends at the first paint, in both: each exits
    0 there, before the app's smoke report or the floor's report is printed."""
    from benchmarks import run
    from http_status_browser.ui.firstpaint import EXIT_AT_FIRST_PAINT

    assert run.EXIT_AT_FIRST_PAINT == EXIT_AT_FIRST_PAINT
    assert f'"{EXIT_AT_FIRST_PAINT}"' in (ROOT / "benchmarks" / "floor_window.py").read_text()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path),
        EXIT_AT_FIRST_PAINT: "1",
    }
    for command in (
        [sys.executable, "-m", "http_status_browser", "open", "--smoke-test", "5"],
        [sys.executable, str(ROOT / "benchmarks" / "floor_window.py"), "5"],
    ):
        result = subprocess.run(
            command, capture_output=True, text=True, env=env, cwd=ROOT, check=False, timeout=60
        )
        assert (result.returncode, result.stdout) == (0, ""), command


def test_instructions_reads_callgrinds_count(monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks import run

    def fake_run(command: list[str], **options: object) -> subprocess.CompletedProcess[str]:
        assert command[:2] == ["valgrind", "--tool=callgrind"]
        stderr = "==1== Events    : Ir\n==1== Collected : 917334807\n==1==\n==1== I refs: 917\n"
        return subprocess.CompletedProcess(command, 0, "", stderr)

    monkeypatch.setattr(run.subprocess, "run", fake_run)
    assert run.instructions(["python", "-c", "pass"], {}) == 917_334_807
