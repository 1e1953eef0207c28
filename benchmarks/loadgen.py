"""A small asyncio HTTP/1.1 load generator for loopback servers: many connections, each sending
its requests one after another (keep-alive, or a new connection per request for servers that
close after each answer). Used by the load test and by `make bench`; bounded in time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import NamedTuple


class Probe(NamedTuple):
    """One kind of request and the final status it must get."""

    method: str
    path: str
    expected: int


class LoadResult(NamedTuple):
    requests: int
    errors: int
    wrong: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


MIXED = (
    Probe("GET", "/200", 200),
    Probe("GET", "/404", 404),
    Probe("HEAD", "/503", 503),
    Probe("POST", "/201", 201),
    Probe("GET", "/204", 204),
    Probe("GET", "/304", 304),
    Probe("GET", "/301?to=/200", 301),
    Probe("GET", "/103", 200),
    Probe("DELETE", "/405", 405),
    Probe("GET", "/429", 429),
    Probe("GET", "/418", 418),
    Probe("PUT", "/500", 500),
)


async def _read_response(reader: asyncio.StreamReader, method: str) -> int:
    """The final status of one response, its content read and discarded."""
    while True:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        if status >= 200:
            break  # 1xx: an interim response, the final one follows
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length and method != "HEAD" and status not in (204, 304):
        await reader.readexactly(length)
    return status


async def _connection_worker(
    host: str, port: int, probes: Sequence[Probe], *, start: int, count: int, keep_alive: bool
) -> tuple[int, int, int]:
    done = errors = wrong = 0
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    for i in range(count):
        probe = probes[(start + i) % len(probes)]
        close = "" if keep_alive else "Connection: close\r\n"
        request = f"{probe.method} {probe.path} HTTP/1.1\r\nHost: {host}\r\n{close}\r\n".encode()
        try:
            if reader is None or writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            writer.write(request)
            status = await _read_response(reader, probe.method)
            done += 1
            wrong += status != probe.expected
            if not keep_alive:
                writer.close()
                reader = writer = None
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            errors += 1
            if writer is not None:
                writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()
    return done, errors, wrong


async def run_load(
    host: str,
    port: int,
    *,
    connections: int,
    per_connection: int,
    probes: Sequence[Probe] = MIXED,
    keep_alive: bool = True,
    timeout: float = 120.0,
) -> LoadResult:
    """Send connections x per_connection requests; raises TimeoutError past `timeout`."""
    started = time.perf_counter()
    async with asyncio.timeout(timeout):
        results = await asyncio.gather(
            *(
                _connection_worker(
                    host, port, probes, start=n, count=per_connection, keep_alive=keep_alive
                )
                for n in range(connections)
            )
        )
    seconds = time.perf_counter() - started
    return LoadResult(
        sum(r[0] for r in results), sum(r[1] for r in results), sum(r[2] for r in results), seconds
    )
