"""Fixtures for every test of checking URLs (tests/check, the command, the window's tab):
servers on loopback, the project's own endpoint (serve) and the fixture site, and no proxy
from the developer's environment in the way. A plugin of tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from http_status_browser.registry import Registry
from tests.check.site import Site, endpoint_url, fixture_site

PROXY_VARIABLES = (
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
)


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def endpoint(registry: Registry) -> Iterator[str]:
    """`httpstatus serve` on a free loopback port, through its public API: its base URL."""
    with endpoint_url(registry) as url:
        yield url


@pytest.fixture
def site() -> Iterator[Site]:
    with fixture_site() as running:
        yield running
