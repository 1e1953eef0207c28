"""A small fixture site on loopback for the check tests: redirect maps, loops, slow answers,
HEAD refused, Retry-After, and a record of what each request carried."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

from http_status_browser.registry import Registry
from http_status_browser.serve.server import BackgroundServer

# The longest a /slow answer waits: long enough for any test's timeout, short enough that
# a test that gets it wrong still ends.
SLOW_SECONDS = 5.0


class Seen(NamedTuple):
    method: str
    path: str
    authorization: str | None
    user_agent: str | None
    cookie: str | None


class Site:
    """Routes: /redirect?status=N&to=URL (any Location, absolute or not), /loop/a <-> /loop/b,
    /chain/N (N redirects to /chain/0), /no-location, /head-refused (405 to HEAD),
    /head-unimplemented (501 to HEAD), /slow, /retry (429 with Retry-After: 0 once per key,
    then 200), /busy (503 with Retry-After: 3600), /status/N, /concurrent (counts requests
    in flight), and anything in `routes` ({path: (status, location)})."""

    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        host, port = server.server_address[:2]
        self.url = f"http://{host}:{port}"
        self.seen: list[Seen] = []
        self.routes: dict[str, tuple[int, str | None]] = {}
        self.retried: set[str] = set()
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()
        self.stop = threading.Event()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read `Site.seen` instead."""

    @property
    def site(self) -> Site:
        site: Site = self.server.site  # type: ignore[attr-defined]
        return site

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")

    def _send(
        self, status: int, headers: dict[str, str], body: bytes = b"", reason: str | None = None
    ) -> None:
        self.send_response(status, reason)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _answer(self, method: str) -> None:
        site = self.site
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        with site.lock:
            site.seen.append(
                Seen(
                    method,
                    self.path,
                    self.headers.get("Authorization"),
                    self.headers.get("User-Agent"),
                    self.headers.get("Cookie"),
                )
            )
        if path in site.routes:
            status, location = site.routes[path]
            self._send(status, {"Location": location} if location else {}, b"moved\n")
            return
        route = path.split("/")[1] if path.count("/") > 1 else path.lstrip("/")
        answer = getattr(self, "_route_" + route.replace("-", "_"), None)
        if answer is None:
            self._send(404, {})
        else:
            answer(method, path, query)

    def _route_redirect(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        self._send(int(query.get("status", ["301"])[0]), {"Location": query["to"][0]})

    def _route_cookie(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        self._send(302, {"Set-Cookie": "session=abc; Path=/", "Location": "/status/200"})

    def _route_phrase(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        self._send(200, {}, reason="Fine By Me")

    def _route_huge_headers(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        """A header block of 1 MiB: more than a client should hold for one answer."""
        self._send(200, {f"X-Filler-{n}": "x" * 1000 for n in range(1024)})

    def _route_loop(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        self._send(302, {"Location": "/loop/b" if path == "/loop/a" else "/loop/a"})

    def _route_chain(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        left = int(path.rsplit("/", 1)[1])
        if left:
            self._send(301, {"Location": f"{self.site.url}/chain/{left - 1}"})
        else:
            self._send(200, {}, b"end of the chain\n")

    def _route_no_location(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        self._send(301, {})

    def _route_head_refused(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        self._refuse_head(method, 405)

    def _route_head_unimplemented(
        self, method: str, path: str, query: dict[str, list[str]]
    ) -> None:
        self._refuse_head(method, 501)

    def _refuse_head(self, method: str, refusal: int) -> None:
        if method == "HEAD":
            self._send(refusal, {"Allow": "GET"})
        else:
            # A body larger than anything the checker should read.
            self._send(200, {"Content-Type": "text/plain"}, b"x" * (4 * 1024 * 1024))

    def _route_slow(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        self.site.stop.wait(SLOW_SECONDS)
        self._send(200, {})

    def _route_retry(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        key = query.get("key", [""])[0]
        site = self.site
        with site.lock:
            first = key not in site.retried
            site.retried.add(key)
        self._send(429, {"Retry-After": "0"}) if first else self._send(200, {})

    def _route_busy(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        self._send(503, {"Retry-After": "3600"})

    def _route_status(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        self._send(int(path.rsplit("/", 1)[1]), {})

    def _route_concurrent(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        site = self.site
        with site.lock:
            site.in_flight += 1
            site.most_in_flight = max(site.most_in_flight, site.in_flight)
        time.sleep(0.02)
        with site.lock:
            site.in_flight -= 1
        self._send(200, {})


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up (a GET closed after its headers, a cancelled check) is
        what these tests do on purpose: not worth a traceback on stderr."""


@contextmanager
def fixture_site(host: str = "127.0.0.1") -> Iterator[Site]:
    server = _QuietServer((host, 0), _Handler)
    server.daemon_threads = True
    site = Site(server)
    server.site = site  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(10)


@contextmanager
def endpoint_url(registry: Registry) -> Iterator[str]:
    """`httpstatus serve` on a free loopback port, through its public API: its base URL."""
    server = BackgroundServer(registry)
    server.start()
    host, port = server.wait_ready()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()
