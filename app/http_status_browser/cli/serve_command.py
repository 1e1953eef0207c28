"""`httpstatus serve`: the local status endpoint on a loopback address, until Ctrl+C.

Imports nothing heavy at module level: h11 and asyncio load inside the handler only.
"""

from __future__ import annotations

import argparse
import sys
from typing import IO

from http_status_browser import PROG
from http_status_browser.cli.console import EXIT_OK, UsageError
from http_status_browser.registry.model import Registry

DEFAULT_HOST = "127.0.0.1"
EXIT_CANNOT_BIND = 1


def is_loopback(host: str) -> bool:
    """Whether a --host value names this machine only (127.0.0.0/8, ::1 or localhost)."""
    import ipaddress  # noqa: PLC0415

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # Only when this command's parser is built: `httpstatus show` never loads the serve package.
    from http_status_browser.serve import DEFAULT_PORT  # noqa: PLC0415

    parser.description = (
        "Answer any status code on a local HTTP/1.1 endpoint: any method on /{code}, for "
        f"example curl -i http://127.0.0.1:{DEFAULT_PORT}/503, gets that code with the headers "
        "that belong to it. Each request is logged on standard output in the combined log "
        "format; Ctrl+C stops."
    )
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
        help="allow a --host that other machines can reach",
    )
    parser.add_argument("--quiet", action="store_true", help="do not print a log line per request")
    parser.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    host = str(args.host).strip("[]")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port number (0 to 65535)")
    if not is_loopback(host):
        if not args.allow_remote:
            raise UsageError(
                f"--host {host} is reachable from other machines; add --allow-remote to mean it"
            )
        sys.stderr.write(
            f"{PROG}: warning: serving on {host}: anyone who can reach this machine can use it\n"
        )
    import asyncio  # noqa: PLC0415
    import time  # noqa: PLC0415

    from http_status_browser.serve.server import StatusServer, serve_until_signalled  # noqa: PLC0415

    flushed = [time.monotonic()]

    def log_line(line: str) -> None:
        out.write(line + "\n")
        # A log file or pipe is block-buffered: flush at least once a second so that a reader
        # (tail -f, httpstatus explain) sees lines soon, without a write per request.
        now = time.monotonic()
        if now - flushed[0] >= 1.0:
            out.flush()
            flushed[0] = now

    def announce(url: str) -> None:
        sys.stderr.write(f"{PROG}: serving status codes on {url}/ (try {url}/418); Ctrl+C stops\n")
        sys.stderr.flush()

    server = StatusServer(registry, access_log=None if args.quiet else log_line)
    try:
        asyncio.run(serve_until_signalled(server, host, args.port, announce))
    except OSError as error:
        sys.stderr.write(f"{PROG}: cannot listen on {host} port {args.port}: {error.strerror}\n")
        return EXIT_CANNOT_BIND
    except KeyboardInterrupt:  # a second Ctrl+C during the shutdown
        sys.stderr.write(f"{PROG}: stopped at once\n")
        return EXIT_OK
    out.flush()
    sys.stderr.write(f"{PROG}: stopped\n")
    return EXIT_OK
