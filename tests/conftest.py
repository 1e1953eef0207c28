"""Shared fixtures: the built-in registry, and copies of its data to break in tests."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from http_status_browser.registry import Registry, builtin_registry
from http_status_browser.registry.loader import BUILTIN_PATH

# Loopback servers for every test of checking URLs (tests/check, the command, the tab).
pytest_plugins = ["tests.check.fixtures"]


@pytest.fixture(autouse=True)
def private_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test, and every process it starts, gets an empty configuration folder of its own."""
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    # The registry cache (registry/cache.py) too: each test starts without one.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    # Nor does a window the developer has open take the tests' launches (desktop/instance.py).
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path_factory.mktemp("run")))
    monkeypatch.delenv("HTTPSTATUS_CODES", raising=False)
    monkeypatch.delenv("HTTPSTATUS_REGISTRY", raising=False)
    return config


@pytest.fixture
def codes_file(private_config: Path) -> Path:
    """Where the user's codes file is for this test (not created)."""
    return private_config / "http-status-browser" / "codes.toml"


@pytest.fixture(scope="session")
def registry() -> Registry:
    return builtin_registry()


@pytest.fixture(scope="session")
def builtin_data() -> dict[str, Any]:
    text = Path(BUILTIN_PATH).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.fixture
def registry_data(builtin_data: dict[str, Any]) -> dict[str, Any]:
    """A fresh deep copy of the built-in data, free to modify."""
    return copy.deepcopy(builtin_data)


@pytest.fixture
def write_registry(tmp_path: Path) -> Callable[[object], Path]:
    def write(data: object) -> Path:
        path = tmp_path / "registry.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    return write


def entry(data: dict[str, Any], code: int) -> dict[str, Any]:
    """The raw entry for `code` in registry data."""
    found: dict[str, Any] = next(s for s in data["statuses"] if s["code"] == code)
    return found
