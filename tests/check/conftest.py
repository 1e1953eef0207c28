"""The check tests run without the developer's proxies (tests/check/fixtures.py)."""

import pytest


@pytest.fixture(autouse=True)
def _without_proxies(no_proxy: None) -> None:
    """Every test here reaches its loopback servers directly."""
