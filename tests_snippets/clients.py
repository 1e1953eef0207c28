"""The client snippets (fetch under Node, curl) run against a local server that answers each
code: 1xx as interim responses before a 200, redirects with a Location."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from http_status_browser.registry import Registry
from http_status_browser.registry.values import Language
from tests_snippets import programs
from tests_snippets.cases import Case, Outcome, cases

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "check-snippets"
RUN_TIMEOUT = 120.0


class Answering(BaseHTTPRequestHandler):
    """Answers /<code> with that code: 1xx as interim before 200, redirects with Location."""

    protocol_version = "HTTP/1.1"
    registry: Registry

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the run prints its own summary."""

    def do_GET(self) -> None:
        if self.path == "/landing":
            self._final(200, b"landed")
            return
        code = int(self.path.strip("/"))
        status = self.registry.lookup(code)
        if code == 101:
            self.send_response(101)
            self.send_header("Connection", "Upgrade")
            self.send_header("Upgrade", "websocket")
            self.end_headers()
            self.close_connection = True
        elif code < 200:
            self.send_response_only(code)
            if code == 103:
                self.send_header("Link", "</style.css>; rel=preload; as=style")
            self.end_headers()
            self._final(200, b"ok")
        elif status is not None and status.redirect is not None:
            self.send_response(code)
            self.send_header("Location", "/landing")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._final(code, b"" if code in (204, 205, 304) else b"body")

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self._final(200, b"ok")

    def _final(self, code: int, body: bytes) -> None:
        self.send_response(code)
        if code not in (204, 304):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if code not in (204, 304):
            self.wfile.write(body)


class AnsweringServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """One line instead of a traceback: a client that hangs up is the client's failure."""
        print(f"answering server: {sys.exc_info()[1]!r} from {client_address}", file=sys.stderr)


@contextmanager
def answering(registry: Registry) -> Iterator[int]:
    handler = type("Handler", (Answering,), {"registry": registry})
    server = AnsweringServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def _client_expected(case: Case) -> str:
    """What a client snippet prints: the registry's phrase, as the page shows it."""
    return f"{case.code} {case.status.phrase}"


def run_fetch(registry: Registry, language: Language) -> list[Outcome]:
    found = cases(registry.statuses, language)
    runnable = [case for case in found if "new WebSocket" not in case.snippet]
    outcomes = [
        Outcome(language.id, case.code, "browser-only", "WebSocket" in case.snippet)
        for case in found
        if case not in runnable
    ]
    folder = CACHE / language.id
    folder.mkdir(parents=True, exist_ok=True)
    with answering(registry) as port:
        (folder / "client.mjs").write_text(programs.fetch_node(runnable, port), encoding="utf-8")
        done = subprocess.run(
            ["node", "client.mjs"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
            check=False,
        )
    printed = done.stdout.splitlines()
    for case in runnable:
        expected = _client_expected(case)
        ok = any(line.startswith(expected) for line in printed)
        if case.status.redirect is not None:
            ok = f"{expected} to /landing" in printed
        errors = [line for line in printed if line.startswith(f"ERROR {case.code}")]
        detail = "" if ok else f"expected {expected!r}; {errors} {done.stderr[-300:]!r}"
        outcomes.append(Outcome(language.id, case.code, "client", ok, detail))
    return outcomes


def run_curl(registry: Registry, language: Language) -> list[Outcome]:
    found = cases(registry.statuses, language)
    folder = CACHE / language.id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "upload.bin").write_bytes(b"x" * 1024)
    # Bounds every transfer without changing the snippets: curl reads $CURL_HOME/.curlrc.
    (folder / ".curlrc").write_text("max-time = 10\n", encoding="utf-8")
    outcomes = []
    with answering(registry) as port:
        for case in found:
            script = programs.EXAMPLE_URL.sub(f"http://127.0.0.1:{port}/{case.code}", case.snippet)
            done = subprocess.run(
                ["bash", "-c", script],
                cwd=folder,
                env={**os.environ, "CURL_HOME": str(folder)},
                capture_output=True,
                text=True,
                timeout=20,
                check=False,
            )
            ok = done.stdout.strip() == _client_expected(case)
            detail = "" if ok else f"printed {done.stdout!r} {done.stderr[-200:]!r}"
            outcomes.append(Outcome(language.id, case.code, "client", ok, detail))
    return outcomes
