"""Copy the licence texts of everything the frozen bundle carries into one folder.

Usage: python packaging/collect_licenses.py DESTINATION
Each distribution's own licence files come from its installed metadata (importlib.metadata);
PySide6 and shiboken6 ship none in their wheels, so theirs (LGPL-3.0 and the GPL-3.0 it builds
on) come from LICENSES/ in this repository. Fails, naming the package, when a text is missing.
"""

from __future__ import annotations

import shutil
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Distributions inside the bundle (see THIRD-PARTY-NOTICES.md), by their PyPI names.
BUNDLED = ("platformdirs", "h11", "jeepney", "shtab", "pyinstaller")
# Distributions whose wheels carry no licence file: their texts, from LICENSES/.
QT_FOR_PYTHON = ("PySide6-Essentials", "shiboken6")
QT_LICENSES = ("LGPL-3.0-only.txt", "GPL-3.0-only.txt")
LICENSE_NAMES = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS")


class MissingLicenseError(Exception):
    """A bundled distribution whose licence text cannot be found."""


def licence_files(distribution: str) -> list[Path]:
    """The licence files an installed distribution lists in its metadata."""
    try:
        files = metadata.files(distribution) or []
    except metadata.PackageNotFoundError as error:
        raise MissingLicenseError(f"{distribution} is not installed") from error
    found = []
    for file in files:
        parts = file.parts
        in_licenses = len(parts) > 1 and parts[-2] == "licenses"
        in_dist_info = ".dist-info" in parts[0] and file.name.upper().startswith(LICENSE_NAMES)
        if in_licenses or in_dist_info:
            found.append(Path(str(file.locate())))
    if not found:
        raise MissingLicenseError(f"{distribution}: no licence file in its metadata")
    return found


def collect(
    destination: Path, platform: str = sys.platform, bundled: tuple[str, ...] = BUNDLED
) -> list[Path]:
    """Copy every licence text into destination/<distribution>/; the files written."""
    written = []

    def copy(source: Path, folder: str) -> None:
        target = destination / folder / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)

    for distribution in bundled:
        if distribution == "jeepney" and not platform.startswith("linux"):
            continue
        for source in licence_files(distribution):
            copy(source, distribution)
    for distribution in QT_FOR_PYTHON:
        for name in QT_LICENSES:
            copy(ROOT / "LICENSES" / name, distribution)
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    if not python_licence.is_file():
        raise MissingLicenseError(f"Python: no licence at {python_licence}")
    copy(python_licence, "Python")
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        written = collect(Path(argv[1]))
    except MissingLicenseError as error:
        print(f"collect_licenses: {error}", file=sys.stderr)
        return 1
    print(f"{len(written)} licence files in {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
