"""10,000 URLs against the project's endpoint: every one answered, in order, within a bound
that keeps a hang from eating CI's time (not a speed measurement: see make bench)."""

from __future__ import annotations

import asyncio

import pytest

from http_status_browser.check.checker import CheckOptions, check_all
from http_status_browser.check.records import Target
from http_status_browser.registry import Registry

COUNT = 10_000
PATHS = ("/200", "/204", "/301?to=/200", "/404")


@pytest.mark.timeout(600)
def test_ten_thousand_urls(registry: Registry, endpoint: str) -> None:
    targets = (Target(f"{endpoint}{PATHS[n % 4]}", f"line {n}") for n in range(COUNT))
    seen = 0
    finals: dict[int, int] = {}

    async def run() -> None:
        nonlocal seen
        async for result in check_all(targets, registry, CheckOptions(timeout=30)):
            assert result.target.source == f"line {seen}"
            assert result.error is None, result.error
            final = result.final_status or 0
            finals[final] = finals.get(final, 0) + 1
            seen += 1

    asyncio.run(asyncio.wait_for(run(), timeout=540))
    assert seen == COUNT
    assert finals == {200: COUNT // 2, 204: COUNT // 4, 404: COUNT // 4}
