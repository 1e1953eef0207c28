"""Packaging files exist and parse, and the spec's helper logic is right (no build here)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_config  # noqa: E402
import smoke_test  # noqa: E402

from http_status_browser.ui.appicon import ICON_SIZES, icon_file  # noqa: E402


def test_data_files_are_collected_beside_their_modules() -> None:
    pairs = bundle_config.data_files(ROOT)
    assert (
        str(ROOT / "app/http_status_browser/registry/statuses.json"),
        "http_status_browser/registry",
    ) in pairs
    # The window's icon files, as ui/appicon.py finds them; their SVG source stays out.
    for size in ICON_SIZES:
        assert (icon_file(size), "http_status_browser/ui/assets") in pairs
    assert not [source for source, _ in pairs if source.endswith(".svg")]


def test_a_missing_data_file_fails_the_build(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"statuses\.json"):
        bundle_config.data_files(tmp_path)


def test_every_command_module_is_bundled() -> None:
    """cli/main.py imports command modules by name; the spec lists them for PyInstaller."""
    from http_status_browser.cli.main import COMMANDS

    named = {adds for _, adds in COMMANDS.values() if isinstance(adds, str)}
    assert named
    assert named <= set(bundle_config.command_modules(ROOT))


def test_project_root_from_the_spec_folder() -> None:
    assert bundle_config.project_root(str(ROOT / "packaging")) == ROOT


@pytest.mark.parametrize(
    ("destination", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Network.so.6", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", False),
        ("PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6", False),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", True),
        (
            "PySide6/Qt/plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
            False,
        ),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("app/http_status_browser/registry/statuses.json", True),
    ],
)
def test_qt_files_kept_or_dropped(destination: str, kept: bool) -> None:
    assert bundle_config.keep_qt_file(destination) is kept


@pytest.mark.parametrize(
    ("platform", "shipped"), [("win32", True), ("linux", False), ("darwin", False)]
)
def test_qtnetwork_ships_only_where_the_window_uses_it(platform: str, shipped: bool) -> None:
    """Windows' single instance is QLocalServer (ui/instance_local_server.py); elsewhere a
    Unix socket from Python's own socket module, and QtNetwork would only add size."""
    assert ("PySide6.QtNetwork" not in bundle_config.excluded_modules(platform)) is shipped
    for library in ("PySide6\\Qt6Network.dll", "PySide6/Qt/lib/libQt6Network.so.6"):
        assert bundle_config.keep_qt_file(library, platform) is shipped
    assert bundle_config.keep_qt_file("PySide6/Qt/lib/libQt6Quick.so.6", platform) is False


def test_unused_qt_modules_are_excluded() -> None:
    excluded = set(bundle_config.EXCLUDED_MODULES)
    assert {"PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtPdf"} <= excluded
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"} & excluded


def test_windows_version_resource() -> None:
    text = bundle_config.windows_version_info("1.2.3")
    assert "filevers=(1, 2, 3, 0)" in text
    assert "StringStruct('ProductVersion', '1.2.3')" in text


def test_smoke_test_reports_a_bundle_without_its_files(tmp_path: Path) -> None:
    executable = tmp_path / "http-status-browser"
    executable.write_text("")
    (tmp_path / "_internal").mkdir()
    problems = smoke_test.bundle_files(executable)
    assert any(
        "missing data file: http_status_browser/registry/statuses.json" in p for p in problems
    )
    assert any("missing Qt plugin" in p for p in problems)


def test_smoke_test_checks_one_window_per_user(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundle's single-instance check, run against a stand-in bundle: the same entry point
    (http_status_browser.gui, as packaging/entry.py) from this checkout, two real processes."""
    executable = tmp_path / "http-status-browser"
    executable.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m http_status_browser.gui "$@"\n')
    executable.chmod(0o755)
    assert smoke_test.check_single_instance(executable) == []
    assert "second launch exit 0" in capsys.readouterr().out


def test_smoke_test_reports_a_bundle_that_does_not_hand_over(tmp_path: Path) -> None:
    """A bundle whose window never listens (here: --new-window) fails the check."""
    executable = tmp_path / "http-status-browser"
    script = (
        f'#!/bin/sh\nexec "{sys.executable}" -m http_status_browser.gui'
        ' "$@" --new-window --smoke-test 0\n'
    )
    executable.write_text(script)
    executable.chmod(0o755)
    (problem,) = smoke_test.check_single_instance(executable)
    assert "the window never answered" in problem


def test_spec_and_scripts_exist() -> None:
    for name in ("http-status-browser.spec", "build.sh", "entry.py", "hello_window.py"):
        assert (ROOT / "packaging" / name).is_file(), name
    spec = (ROOT / "packaging" / "http-status-browser.spec").read_text(encoding="utf-8")
    compile(spec, "http-status-browser.spec", "exec")
    assert "BUNDLE(" in spec
    assert "bundle_identifier" in spec


def test_release_workflow() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text("utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in triggers
    matrix = workflow["jobs"]["bundle"]["strategy"]["matrix"]["os"]
    assert set(matrix) == {"ubuntu-latest", "macos-latest", "windows-latest"}
    steps = "\n".join(str(step.get("run", "")) for step in workflow["jobs"]["bundle"]["steps"])
    assert "make package" in steps
    assert "packaging/build.sh" in steps


def test_the_window_icon_files_are_renderings_of_the_svg(qapp: object) -> None:
    """make_icons.py writes them; a changed SVG without a new rendering fails here."""
    import make_icons
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(make_icons.SOURCE))
    for size in ICON_SIZES:
        rendered = make_icons.render(renderer, size).convertToFormat(QImage.Format.Format_ARGB32)
        stored = QImage(icon_file(size)).convertToFormat(QImage.Format.Format_ARGB32)
        assert (stored.width(), stored.height()) == (size, size)
        # A newer Qt may antialias an edge a shade differently: allow a little per channel.
        worst = max(
            abs(a - b)
            for a, b in zip(bytes(rendered.constBits()), bytes(stored.constBits()), strict=True)
        )
        assert worst <= 16, (size, worst)


def test_smoke_test_runs_the_bundles_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundle carries httpstatus beside the window's executable; the smoke test runs it
    (here a stand-in running this checkout's httpstatus entry point)."""
    from http_status_browser import __version__

    executable = tmp_path / "http-status-browser"
    executable.write_text("")
    cli = tmp_path / "httpstatus"
    cli.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m http_status_browser "$@"\n')
    cli.chmod(0o755)
    assert smoke_test.check_cli(executable, __version__) == []
    assert "command line: httpstatus --version" in capsys.readouterr().out


def test_smoke_test_reports_a_bundle_without_its_command_line(tmp_path: Path) -> None:
    executable = tmp_path / "http-status-browser"
    executable.write_text("")
    assert smoke_test.check_cli(executable, "0.1.0") == [
        "missing command line executable: httpstatus"
    ]


def test_the_spec_builds_httpstatus_beside_the_window() -> None:
    spec = (ROOT / "packaging" / "http-status-browser.spec").read_text(encoding="utf-8")
    assert "name=config.CLI_NAME" in spec
    assert bundle_config.CLI_NAME == "httpstatus"
    assert (ROOT / "packaging" / "httpstatus_entry.py").is_file()


def load_yaml(relative: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / relative).read_text("utf-8"))
    return loaded


def test_ci_workflow_tests_every_python_on_every_push() -> None:
    workflow = load_yaml(".github/workflows/ci.yml")
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    jobs = workflow["jobs"]
    assert jobs["test-linux"]["strategy"]["matrix"]["python"] == ["3.11", "3.12", "3.13"]
    assert "make test PYTHON=python${{ matrix.python }}" in str(jobs["test-linux"]["steps"])
    assert set(jobs["test-other"]["strategy"]["matrix"]["os"]) == {"macos-latest", "windows-latest"}
    assert "make test-deb" in str(jobs["deb"]["steps"])
    assert jobs["deb"]["container"] == "debian:12"
    assert jobs["deb-ubuntu"]["container"] == "ubuntu:24.04"
    assert "make test-sdist" in str(jobs["sdist"]["steps"])
    assert "packaging/flatpak/" in str(jobs["flatpak"]["steps"])
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert {"make test\n", "make test-deb\n", "make test-sdist\n"} <= set(run.splitlines(True))


def test_flatpak_manifest_installs_the_desktop_files() -> None:
    from http_status_browser import APP_ID

    manifest = load_yaml(f"packaging/flatpak/{APP_ID}.yml")
    assert manifest["app-id"] == APP_ID
    assert manifest["command"] == "http-status-browser"
    app = manifest["modules"][-1]
    commands = "\n".join(app["build-commands"]).replace("${FLATPAK_ID}", APP_ID)
    for name in re.findall(r"resources/(\S+)", commands):
        assert (ROOT / "resources" / name).exists(), name
    # Every pinned wheel is a dependency of the project, at the version pyproject allows.
    wheels = [source["url"].rsplit("/", 1)[1] for source in manifest["modules"][0]["sources"]]
    names = {wheel.split("-")[0] for wheel in wheels}
    assert names == {"platformdirs", "h11", "jeepney", "shtab", "setuptools"}
    assert all(len(source["sha256"]) == 64 for source in manifest["modules"][0]["sources"])


def test_licence_texts_for_everything_the_bundle_carries(tmp_path: Path) -> None:
    import collect_licenses

    # PyInstaller (its bootloader's licence) is installed only with the package extra.
    assert "pyinstaller" in collect_licenses.BUNDLED
    runtime = tuple(name for name in collect_licenses.BUNDLED if name != "pyinstaller")
    written = collect_licenses.collect(tmp_path, platform="linux", bundled=runtime)
    folders = {path.parent.name for path in written}
    assert folders == {
        "platformdirs",
        "h11",
        "jeepney",
        "shtab",
        "PySide6-Essentials",
        "shiboken6",
        "Python",
    }
    lgpl = (tmp_path / "PySide6-Essentials" / "LGPL-3.0-only.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl
    assert "Version 3" in lgpl
    assert all(path.stat().st_size > 0 for path in written)


def test_a_bundled_package_without_a_licence_fails() -> None:
    import collect_licenses

    with pytest.raises(collect_licenses.MissingLicenseError, match="no-such-dist"):
        collect_licenses.licence_files("no-such-dist")


def test_the_tarball_carries_the_licences() -> None:
    build = (ROOT / "packaging" / "build.sh").read_text(encoding="utf-8")
    assert 'cp LICENSE THIRD-PARTY-NOTICES.md "$stage/"' in build
    assert 'packaging/collect_licenses.py "$stage/licenses"' in build
    notices = (ROOT / "THIRD-PARTY-NOTICES.md").read_text(encoding="utf-8")
    for component in ("Qt 6", "PySide6", "shiboken6", "h11", "jeepney", "platformdirs"):
        assert component in notices
    assert "LGPL-3.0" in notices
    assert "download.qt.io" in notices
