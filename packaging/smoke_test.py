"""Smoke-test a built bundle: the command line, the data, and the window's first frame.

Usage: python packaging/smoke_test.py dist/http-status-browser/http-status-browser
Fails loudly (exit 1, one line per problem) on a missing data file, icon or Qt plugin.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_config

# Qt plugins the frozen window needs, per platform (relative to the Qt plugins folder).
REQUIRED_PLUGINS = {
    "linux": ("platforms/libqxcb.so", "platforms/libqoffscreen.so", "iconengines/libqsvgicon.so"),
    "darwin": ("platforms/libqcocoa.dylib", "iconengines/libqsvgicon.dylib"),
    "win32": ("platforms/qwindows.dll", "iconengines/qsvgicon.dll"),
}


def bundle_files(executable: Path) -> list[str]:
    """Problems with the files inside the bundle next to `executable`."""
    internal = executable.parent / "_internal"
    if sys.platform == "darwin" and not internal.exists():
        internal = executable.parent.parent / "Resources"
    problems = []
    for relative in bundle_config.DATA_FILES:
        if not (internal / relative).is_file():
            problems.append(f"missing data file: {relative}")
    plugins = internal / "PySide6" / "Qt" / "plugins"
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    for plugin in REQUIRED_PLUGINS.get(platform, ()):
        if not (plugins / plugin).is_file():
            problems.append(f"missing Qt plugin: {plugin}")
    return problems


def run(executable: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(executable), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def check_windowed(executable: Path) -> list[str]:
    """Windows builds have no console, so no output to read: exit statuses and files only."""
    problems = bundle_files(executable)
    for args in (("--version",), ("show", "404", "--json"), ("open", "--smoke-test")):
        result = run(executable, *args)
        if result.returncode != 0:
            problems.append(f"{' '.join(args)}: exit {result.returncode}")
    return problems


def check(executable: Path, version: str) -> list[str]:
    if sys.platform == "win32":
        return check_windowed(executable)
    problems = bundle_files(executable)
    result = run(executable, "--version")
    if result.returncode != 0 or version not in result.stdout:
        problems.append(f"--version: exit {result.returncode}, printed {result.stdout!r}")
    result = run(executable, "show", "404", "--json")
    try:
        phrase = json.loads(result.stdout)["phrase"]
    except (ValueError, KeyError) as error:
        phrase = f"unreadable JSON ({error}; stderr {result.stderr.strip()!r})"
    if phrase != "Not Found":
        problems.append(f"show 404 --json: phrase {phrase!r}")
    result = run(executable, "open", "--smoke-test")
    try:
        report = json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        report = {}
    if result.returncode != 0 or not report.get("shown"):
        problems.append(
            f"window: exit {result.returncode}, report {report}, stderr {result.stderr.strip()!r}"
        )
    else:
        print(f"window shown: {json.dumps(report)}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    executable = Path(argv[1]).resolve()
    if not executable.is_file():
        print(f"smoke test: no executable at {executable}", file=sys.stderr)
        return 1
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from app import __version__  # noqa: PLC0415

    problems = check(executable, __version__)
    for problem in problems:
        print(f"smoke test FAILED: {problem}", file=sys.stderr)
    if not problems:
        print(f"smoke test passed: {executable}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
