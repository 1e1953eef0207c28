"""Smoke-test a built bundle: the command line, the data, the window's first frame, and one
window per user (a second launch hands its code to the running window).

Usage: python packaging/smoke_test.py dist/http-status-browser/http-status-browser
Fails loudly (exit 1, one line per problem) on a missing data file, icon or Qt plugin.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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


def cli_executable(executable: Path) -> Path:
    """The bundle's httpstatus, beside its window executable."""
    return executable.with_name(bundle_config.CLI_NAME + executable.suffix)


def check_cli(executable: Path, version: str) -> list[str]:
    """The bundle's httpstatus: --version, show 404 --json and the completion command."""
    cli = cli_executable(executable)
    if not cli.is_file():
        return [f"missing command line executable: {cli.name}"]
    problems = []
    result = run(cli, "--version")
    if result.returncode != 0 or f"httpstatus {version}" not in result.stdout:
        problems.append(f"httpstatus --version: exit {result.returncode}, {result.stdout!r}")
    result = run(cli, "show", "404", "--json")
    try:
        phrase = json.loads(result.stdout)["phrase"]
    except (ValueError, KeyError) as error:
        phrase = f"unreadable JSON ({error}; stderr {result.stderr.strip()!r})"
    if phrase != "Not Found":
        problems.append(f"httpstatus show 404 --json: phrase {phrase!r}")
    result = run(cli, "completion", "bash")
    if result.returncode != 0 or "_shtab_httpstatus" not in result.stdout:
        problems.append(f"httpstatus completion bash: exit {result.returncode}")
    if not problems:
        print(f"command line: {cli.name} --version, show 404 --json and completion bash work")
    return problems


def run(executable: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(executable), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


# Bounds, not targets: a launch that hands over takes well under a second (make bench measures
# it); these only keep a hung bundle from hanging the build.
WINDOW_START_LIMIT_S = 60.0
HAND_OVER_LIMIT_S = 10.0


def _window_state(name: str, window: subprocess.Popen[str], expected: int) -> dict[str, Any]:
    """The running window's answer to {"state": true} once it shows `expected`, or its last
    answer when it never does within WINDOW_START_LIMIT_S (bounded polling)."""
    from http_status_browser.desktop.instance import send_request  # noqa: PLC0415  (the project root is on sys.path)

    answer: dict[str, Any] = {}
    deadline = time.monotonic() + WINDOW_START_LIMIT_S
    while time.monotonic() < deadline and window.poll() is None:
        answer = send_request({"state": True}, name, timeout=5) or {}
        if answer.get("code") == expected:
            break
        time.sleep(0.1)
    return answer


def check_single_instance(executable: Path) -> list[str]:
    """Open the bundle's window with one instance on (offscreen, in a private runtime folder
    and under a private user name for the Windows pipe), launch the bundle again with a code:
    the launch exits 0 at once and the window reports that code. Then close the window."""
    from http_status_browser.desktop.instance import server_name  # noqa: PLC0415

    problems = []
    # A short folder: Unix socket paths are limited to about 100 bytes.
    folder = "/tmp" if os.path.isdir("/tmp") else None
    with tempfile.TemporaryDirectory(prefix="hsb-smoke-", dir=folder) as runtime:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_RUNTIME_DIR": runtime,
            "USERNAME": f"hsb-smoke-{os.getpid()}",
        }
        env.pop("HTTPSTATUS_INSTANCE_SERVER", None)
        name = server_name(env)
        if name is None:
            return ["single instance: no socket or pipe name on this platform"]
        window = subprocess.Popen(
            [str(executable), "open", "200"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            if _window_state(name, window, 200).get("code") != 200:
                return [f"single instance: the window never answered on {name}"]
            started = time.monotonic()
            launch = subprocess.run(
                [str(executable), "404"],
                env=env,
                capture_output=True,
                text=True,
                timeout=HAND_OVER_LIMIT_S,
                check=False,
            )
            took_ms = (time.monotonic() - started) * 1000
            state = _window_state(name, window, 404)
            if launch.returncode != 0:
                problems.append(
                    f"single instance: second launch exit {launch.returncode}, "
                    f"stderr {launch.stderr.strip()!r}"
                )
            elif state.get("code") != 404:
                problems.append(f"single instance: the window reports {state}, not code 404")
            else:
                print(f"single instance: second launch exit 0 in {took_ms:.0f} ms, window on 404")
        except subprocess.TimeoutExpired:
            problems.append(
                f"single instance: second launch still running after {HAND_OVER_LIMIT_S:g} s"
            )
        finally:
            window.terminate()
            try:
                window.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                window.kill()
                window.communicate(timeout=30)
    return problems


def check_windowed(executable: Path) -> list[str]:
    """Windows builds have no console, so no output to read: exit statuses and files only."""
    problems = bundle_files(executable)
    for args in (("--version",), ("show", "404", "--json"), ("open", "--smoke-test")):
        result = run(executable, *args)
        if result.returncode != 0:
            problems.append(f"{' '.join(args)}: exit {result.returncode}")
    cli = cli_executable(executable)
    for args in (("--version",), ("show", "404", "--json")):
        result = run(cli, *args) if cli.is_file() else None
        if result is None or result.returncode != 0:
            problems.append(
                f"httpstatus {' '.join(args)}: {'missing' if result is None else result.returncode}"
            )
    return problems + check_single_instance(executable)


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
    return problems + check_cli(executable, version) + check_single_instance(executable)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    executable = Path(argv[1]).resolve()
    if not executable.is_file():
        print(f"smoke test: no executable at {executable}", file=sys.stderr)
        return 1
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "app"))
    from http_status_browser import __version__  # noqa: PLC0415

    problems = check(executable, __version__)
    for problem in problems:
        print(f"smoke test FAILED: {problem}", file=sys.stderr)
    if not problems:
        print(f"smoke test passed: {executable}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
