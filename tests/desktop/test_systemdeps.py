"""The Qt system-library check: which libraries are missing and what to install."""

from __future__ import annotations

import sys

import pytest

from http_status_browser.desktop import systemdeps


def test_missing_libraries_are_mapped_to_debian_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    absent = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libEGL.so.1"}
    monkeypatch.setattr(systemdeps, "_loadable", lambda name: name not in absent)
    monkeypatch.setattr(sys, "platform", "linux")
    missing = systemdeps.missing_libraries("xcb")
    assert set(missing) == absent
    assert systemdeps.packages_for(missing) == ["libegl1", "libxcb-cursor0", "libxcb-icccm4"]
    hint = systemdeps.install_hint(missing)
    assert "sudo apt-get install libegl1 libxcb-cursor0 libxcb-icccm4" in hint


def test_offscreen_needs_no_xcb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(systemdeps, "_loadable", lambda name: "xcb" not in name)
    monkeypatch.setattr(sys, "platform", "linux")
    assert systemdeps.missing_libraries("offscreen") == []
    assert systemdeps.missing_libraries("xcb")


def test_other_systems_are_not_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(systemdeps, "_loadable", lambda name: False)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert systemdeps.missing_libraries("xcb") == []


def test_unknown_library_is_named_as_it_is() -> None:
    assert systemdeps.packages_for(["libfoo.so.1", "libGL.so.1"]) == ["libfoo.so.1", "libgl1"]


def test_command_prints_packages(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(systemdeps, "_loadable", lambda name: name != "libxcb-keysyms.so.1")
    monkeypatch.setattr(sys, "platform", "linux")
    assert systemdeps.main(["--platform", "xcb"]) == 0
    assert capsys.readouterr().out.strip() == "libxcb-keysyms1"
