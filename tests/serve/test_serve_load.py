"""The local endpoint under load: 5,000 requests over 100 concurrent keep-alive connections,
mixed codes and methods, on loopback. Correctness only: speed is `make bench`'s business."""

from __future__ import annotations

import asyncio

from benchmarks.loadgen import MIXED, run_load
from http_status_browser.registry import Registry
from tests.serve.serve_client import running_server

CONNECTIONS = 100
PER_CONNECTION = 50


def test_5000_keep_alive_requests_all_answered_correctly(registry: Registry) -> None:
    log: list[str] = []
    with running_server(registry, log=log) as server:
        host, port = server.address
        result = asyncio.run(
            run_load(
                host,
                port,
                connections=CONNECTIONS,
                per_connection=PER_CONNECTION,
                probes=MIXED,
                timeout=100,
            )
        )
    assert result.requests == CONNECTIONS * PER_CONNECTION >= 5000
    assert result.errors == 0
    assert result.wrong == 0
    assert len(log) == result.requests  # one line per request, none lost


def test_new_connection_per_request(registry: Registry) -> None:
    with running_server(registry) as server:
        host, port = server.address
        result = asyncio.run(
            run_load(host, port, connections=20, per_connection=10, keep_alive=False, timeout=60)
        )
    assert (result.requests, result.errors, result.wrong) == (200, 0, 0)
