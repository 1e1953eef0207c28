"""Code run in a fresh interpreter, and what it imports: start-up tests' common ground."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_fresh(
    code: str, *argv: str, without_site: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `code` with sys.argv[1:] = argv in a new interpreter; it must succeed.

    without_site: skip `site` (-S), finding the package through PYTHONPATH: the editable
    install's import hook, which site runs, imports pathlib and urllib before any of our code.
    env: variables to set on top of this process's environment.
    """
    flags = ["-S"] if without_site else []
    environment = {**os.environ, **(env or {})}
    if without_site:
        environment["PYTHONPATH"] = str(ROOT / "app")
    result = subprocess.run(
        [sys.executable, *flags, "-c", code, *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=environment,
    )
    assert result.returncode == 0, result.stderr
    return result


def loaded_modules(code: str, *argv: str, without_site: bool = True) -> set[str]:
    """The modules loaded once `code` has run with sys.argv[1:] = argv; `code` must not exit."""
    # Written without importing json, so that whether the code loaded json can be asked too.
    script = f"{code}\nimport sys\nsys.stderr.write(' '.join(sorted(sys.modules)) + '\\n')\n"
    result = run_fresh(script, *argv, without_site=without_site)
    return set(result.stderr.splitlines()[-1].split())
