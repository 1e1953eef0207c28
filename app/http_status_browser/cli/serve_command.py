"""`httpstatus serve`: the local status endpoint on a loopback address, until Ctrl+C.

Imports nothing heavy at module level: h11 and asyncio load inside the handler only.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

from http_status_browser import PROG
from http_status_browser.exits import EXIT_OK
from http_status_browser.registry.codeinput import UsageError
from http_status_browser.registry.model import Registry

if TYPE_CHECKING:
    from http_status_browser.serve.log_writer import LogWriter

DEFAULT_HOST = "127.0.0.1"
EXIT_CANNOT_BIND = 1
# How long the log may take to write what is queued once serving has stopped.
LOG_CLOSE_SECONDS = 2.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # Only when this command's parser is built: `httpstatus show` never loads the serve package.
    from http_status_browser.serve import DEFAULT_PORT  # noqa: PLC0415

    url = f"http://127.0.0.1:{DEFAULT_PORT}"
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = (
        "Answer any status code on a local HTTP/1.1 endpoint: any method on /{code} gets that\n"
        "code with the headers that belong to it. Each request is logged on standard output\n"
        "in the combined log format; Ctrl+C stops."
    )
    parser.epilog = f"""what it answers:
  /{{code}}                  that code:  curl -i {url}/503
  /200:0.9,500:0.1         one code per request, drawn by weight; /200,500 for equal odds
  /redirect/N              N redirects in a row (at most 20), ending at /200
  /anything[/...]          200 with the request as JSON: method, path, query, headers, body
  OPTIONS with Origin      a CORS preflight: 204; every answer has Access-Control-Allow-Origin: *
                           (never credentials)
query options (any path):
  ?delay=2, 1.5s, 250ms    wait before answering (at most 10 s); ?sleep=MS as httpstat.us
  ?to=/path                the Location of a redirect, a path on this server only
  ?header=Name:value       add a response header (repeatable; a token name, printable value;
                           not framing headers, Location, Set-Cookie or credentials)
only requests naming localhost or a loopback address are answered (others get 421, a
malformed Host 400), so web pages cannot reach it through DNS rebinding; --allow-remote
lifts that too. When standard output is not read, log lines wait in a bounded queue and
are then dropped (counted on standard error): the log never stops the serving."""
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"the port to listen on (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default {DEFAULT_HOST}; loopback only unless "
        "--allow-remote)",
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host that other machines can reach, and requests for any host name",
    )
    parser.add_argument("--quiet", action="store_true", help="do not print a log line per request")
    parser.set_defaults(handler=run_serve)


def _writer(out: IO[str]) -> Callable[[str], None]:
    """How the log thread writes: straight to the file descriptor, as os.write holds no lock
    that a write blocked on a full pipe could still hold at exit; through `out` when it has
    no descriptor (in-process tests)."""
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError

        def write_stream(text: str) -> None:
            out.write(text)
            out.flush()

        return write_stream
    out.flush()

    def write_fd(text: str) -> None:
        data = memoryview(text.encode("ascii", "backslashreplace"))
        while data:
            data = data[os.write(fd, data) :]

    return write_fd


def _close_log(log: LogWriter) -> None:
    """Give the log a moment to write what is queued, then say what it lost."""
    unwritten = log.close(LOG_CLOSE_SECONDS)
    lost = log.dropped + unwritten
    if lost:
        why = f"writing failed: {log.error.strerror}" if log.error else "it was not being read"
        sys.stderr.write(f"{PROG}: {lost} log lines not written to standard output ({why})\n")


def run_serve(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    from http_status_browser.serve.hosts import address_is_loopback  # noqa: PLC0415

    host = str(args.host).strip("[]")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port number (0 to 65535)")
    if not address_is_loopback(host):
        if not args.allow_remote:
            raise UsageError(
                f"--host {host} is reachable from other machines; add --allow-remote to mean it"
            )
        sys.stderr.write(
            f"{PROG}: warning: serving on {host}: anyone who can reach this machine can use it\n"
        )
    import asyncio  # noqa: PLC0415

    from http_status_browser.serve.log_writer import LogWriter  # noqa: PLC0415
    from http_status_browser.serve.server import StatusServer, serve_until_signalled  # noqa: PLC0415

    def announce(url: str) -> None:
        sys.stderr.write(f"{PROG}: serving status codes on {url}/ (try {url}/418); Ctrl+C stops\n")
        sys.stderr.flush()

    def warn_dropping() -> None:
        # Called from the event loop; standard error may be the same full pipe (2>&1 | ...),
        # so a thread writes the warning, with os.write (no lock held while it waits).
        text = f"{PROG}: standard output is not being read: dropping log lines until it is\n"
        warning = threading.Thread(
            target=os.write, args=(sys.stderr.fileno(), text.encode()), daemon=True
        )
        warning.start()

    log = None if args.quiet else LogWriter(_writer(out), on_first_drop=warn_dropping)
    server = StatusServer(registry, access_log=log, allow_remote=args.allow_remote)
    try:
        asyncio.run(serve_until_signalled(server, host, args.port, announce))
    except OSError as error:
        sys.stderr.write(f"{PROG}: cannot listen on {host} port {args.port}: {error.strerror}\n")
        return EXIT_CANNOT_BIND
    except KeyboardInterrupt:  # a second Ctrl+C during the shutdown
        sys.stderr.write(f"{PROG}: stopped at once\n")
        return EXIT_OK
    finally:
        if log is not None:
            _close_log(log)
    sys.stderr.write(f"{PROG}: stopped\n")
    return EXIT_OK
