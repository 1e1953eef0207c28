"""`httpstatus search-provider`: answer GNOME Shell and KRunner searches over D-Bus.

D-Bus starts it on demand (resources/io.github.httpstatusbrowser.HttpStatusBrowser
.SearchProvider.service); it leaves after a minute without a query. Started for a query, it
is on the way to that query's answer: it imports neither argparse (cli/main.py reads the
bare command line itself) nor typing, and jeepney only once it runs.
"""

from __future__ import annotations

from http_status_browser.desktop.search_provider import IDLE_EXIT_S

# typing.TYPE_CHECKING without importing typing (4-6 ms): see registry/records.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import IO

    from http_status_browser.registry.model import Registry


def _run(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    from http_status_browser.desktop.search_provider import serve  # noqa: PLC0415

    return serve(registry, idle_exit_s=args.idle_exit)


def set_defaults(args: argparse.Namespace) -> None:
    """Give `args` what the command's parser defaults to, for a command line without options
    read without argparse (cli/main.py)."""
    args.idle_exit = IDLE_EXIT_S
    args.handler = _run


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--idle-exit",
        type=float,
        default=IDLE_EXIT_S,
        metavar="SECONDS",
        help=f"leave after this long without a query (default {IDLE_EXIT_S:g})",
    )
    parser.set_defaults(handler=_run)
