"""What a piece of code imports, run in a fresh interpreter: start-up tests' common ground."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def loaded_modules(code: str, *argv: str, without_site: bool = True) -> set[str]:
    """The modules loaded once `code` has run with sys.argv[1:] = argv; `code` must not exit.

    without_site: skip `site` (-S), finding the package through PYTHONPATH: the editable
    install's import hook, which site runs, imports pathlib and urllib before any of our code.
    """
    script = f"{code}\nimport json, sys\nsys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    flags = ["-S"] if without_site else []
    env = {**os.environ, "PYTHONPATH": str(ROOT)} if without_site else None
    result = subprocess.run(
        [sys.executable, *flags, "-c", script, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stderr.splitlines()[-1]))
