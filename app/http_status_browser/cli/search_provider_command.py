"""`httpstatus search-provider`: answer GNOME Shell and KRunner searches over D-Bus.

D-Bus starts it on demand (resources/io.github.httpstatusbrowser.HttpStatusBrowser
.SearchProvider.service); it leaves after a minute without a query. Started for a query, it
is on the way to that query's answer: it imports jeepney only once it runs.
"""

from __future__ import annotations

import argparse
from typing import IO

from http_status_browser.desktop.search_provider import IDLE_EXIT_S
from http_status_browser.registry.model import Registry


def _run(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    from http_status_browser.desktop.search_provider import serve  # noqa: PLC0415

    return serve(registry, idle_exit_s=args.idle_exit)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--idle-exit",
        type=float,
        default=IDLE_EXIT_S,
        metavar="SECONDS",
        help=f"leave after this long without a query (default {IDLE_EXIT_S:g})",
    )
    parser.set_defaults(handler=_run)
