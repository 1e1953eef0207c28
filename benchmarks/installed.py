"""The app as users install it: a plain (non-editable) virtualenv with bytecode, for `make bench`.

The development virtualenv has an editable install whose import hook (`__editable___..._finder`)
runs at every interpreter start and imports pathlib, re, urllib.parse and more: that inflates
the floors (`python -c pass`, the floor window) and hides what our own code costs.
"""

from __future__ import annotations

import compileall
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".cache" / "bench-venv"
PIP = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check"]


class Installed(NamedTuple):
    """Commands of an installed copy: what a user's launcher or shell runs."""

    python: str
    httpstatus: str
    gui: str
    # A console script whose function returns at once, installed by the same pip: the floor
    # of any pip-installed command (pip's wrapper imports re before calling it).
    empty_script: str

    @property
    def bin(self) -> Path:
        return Path(self.python).parent


def _dependencies_key() -> str:
    """What decides the venv's dependencies: pyproject.toml and the interpreter."""
    text = (ROOT / "pyproject.toml").read_bytes() + sys.version.encode()
    return hashlib.sha256(text).hexdigest()


def _install(venv: Path, *arguments: str) -> None:
    # pip builds in a copy of the tree (a temporary folder), so the worktree stays clean and
    # the installed package cannot be shadowed by the checkout.
    with tempfile.TemporaryDirectory(prefix="bench-src-") as folder:
        source = Path(folder) / "src"
        shutil.copytree(
            ROOT,
            source,
            ignore=shutil.ignore_patterns(
                ".venv", ".cache", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*cache"
            ),
        )
        subprocess.run(
            [str(venv / "bin" / "python"), *PIP, *arguments, str(source)],
            check=True,
            cwd=folder,
        )


EMPTY_PROJECT = {
    "pyproject.toml": (
        '[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "hsb-bench-empty"\nversion = "1"\n'
        '[project.scripts]\nhsb-bench-empty = "hsb_bench_empty:main"\n'
        '[tool.setuptools]\npy-modules = ["hsb_bench_empty"]\n'
    ),
    "hsb_bench_empty.py": "def main() -> int:\n    return 0\n",
}


def _install_empty_script(venv: Path) -> Path:
    """The empty console script, built and installed by pip like ours; made once per venv."""
    script = venv / "bin" / "hsb-bench-empty"
    if not script.exists():
        with tempfile.TemporaryDirectory(prefix="bench-empty-") as folder:
            for name, text in EMPTY_PROJECT.items():
                (Path(folder) / name).write_text(text, encoding="utf-8")
            subprocess.run([str(venv / "bin" / "python"), *PIP, folder], check=True, cwd=folder)
    return script


def installed_app(venv: Path = VENV) -> Installed:
    """Build or refresh the installed copy and return its commands.

    The virtualenv and its dependencies (PySide6 from pip's cache) are made once per
    pyproject.toml; our package is reinstalled from the current tree at every call, then
    compiled to bytecode as installers do.
    """
    stamp = venv / ".dependencies"
    key = _dependencies_key()
    python = venv / "bin" / "python"
    if not python.exists() or not stamp.exists() or stamp.read_text() != key:
        shutil.rmtree(venv, ignore_errors=True)
        venv.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        _install(venv)
        stamp.write_text(key)
    else:
        _install(venv, "--no-deps", "--force-reinstall")
    site = subprocess.run(
        [
            str(python),
            "-c",
            "import http_status_browser as p, os; print(os.path.dirname(p.__file__))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=venv,
    ).stdout.strip()
    if not Path(site).resolve().is_relative_to(venv.resolve()):
        raise RuntimeError(f"the benchmark venv imports http_status_browser from elsewhere: {site}")
    compileall.compile_dir(site, quiet=1)
    bin_folder = venv / "bin"
    return Installed(
        str(python),
        str(bin_folder / "httpstatus"),
        str(bin_folder / "http-status-browser"),
        str(_install_empty_script(venv)),
    )


if __name__ == "__main__":
    print(installed_app())
