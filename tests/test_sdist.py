"""The sdist is the whole project: every file git tracks (resources/, tests/conftest.py,
tests/data...) is in it, so that its tests run when unpacked (make test-sdist runs them)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tracked_files() -> set[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout (an unpacked sdist is not one)")
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return {name for name in listed.stdout.split("\0") if name}


def test_the_sdist_carries_every_tracked_file(tmp_path: Path) -> None:
    tracked = tracked_files()
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    (archive,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(archive) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    missing = sorted(tracked - names)
    assert missing == []
    assert {"LICENSE", "THIRD-PARTY-NOTICES.md", "tests/conftest.py", "PKG-INFO"} <= names
    assert not [name for name in names if name.startswith((".venv", "build/", "dist/"))]
