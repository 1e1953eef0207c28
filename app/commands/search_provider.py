"""`httpstatus search-provider`: answer GNOME Shell and KRunner searches over D-Bus.

D-Bus starts it on demand (resources/org.httpstatusbrowser.HTTPStatusBrowser.SearchProvider
.service); it leaves after a minute without a query.
"""

from __future__ import annotations

import argparse
from typing import IO

from app.registry.model import Registry


def _run(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    from app.desktopsearch import serve  # noqa: PLC0415  (jeepney only for this command)

    return serve(registry, idle_exit_s=args.idle_exit)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--idle-exit",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="leave after this long without a query (default 60)",
    )
    parser.set_defaults(handler=_run)
