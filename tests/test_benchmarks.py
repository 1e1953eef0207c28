"""The benchmarks run once, tiny, in every test run, so that they cannot rot (no timing here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.registry import parse_registry
from benchmarks.generate_registry import generate

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
    ):
        assert figure in table
