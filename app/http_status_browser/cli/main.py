"""The `httpstatus` command: show, search and list status codes, print snippets.

Every command line goes through one argparse parser (cli/parser.py). Never imports Qt: the
window is started through http_status_browser.ui.launch only when asked for, after a launch
line has been offered to a running window (desktop/instance.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import IO

from http_status_browser import PROG, __version__
from http_status_browser.cli.console import (
    COLOR_CHOICES,
    Style,
    item,
    print_json,
    status_json,
    summary_line,
    terminal_columns,
    wrap,
)
from http_status_browser.cli.parser import (
    Commands,
    Parser,
    add_every_command,
    parse_command_line,
)
from http_status_browser.exits import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE
from http_status_browser.registry.badges import status_badges
from http_status_browser.registry.cache import cache_folder
from http_status_browser.registry.codeinput import (
    UsageError,
    close_matches,
    meant_as_code,
    parse_code,
)
from http_status_browser.registry.fields import RegistryError
from http_status_browser.registry.loader import REGISTRY_ENV, load_registry
from http_status_browser.registry.model import Registry
from http_status_browser.registry.snippets import render_snippet
from http_status_browser.registry.usercodes import (
    merge_user_codes,
    read_user_codes,
    user_codes_path,
)
from http_status_browser.registry.values import StatusCode

__all__ = ["EXIT_NOT_FOUND", "EXIT_OK", "EXIT_USAGE", "Style", "main"]


def _show_text(status: StatusCode, registry: Registry, out: IO[str], style: Style) -> None:
    width = min(terminal_columns(out), 100) - 2
    out.write(
        style.category(status, status.title)
        + "  "
        + style.dim(" · ".join(b.text for b in status_badges(status)))
    )
    out.write("\n" + status.summary + "\n\n")
    for paragraph in status.description:
        out.write(wrap(paragraph, width) + "\n\n")
    if status.requirements:
        out.write(style.bold("Requirements") + "\n")
        for rule in status.requirements:
            out.write(item(rule.level, f"{rule.text} ({rule.reference})", width))
    if status.headers:
        out.write(style.bold("Headers") + "\n")
        for header in status.headers:
            out.write(item(header.name, header.note, width))
    if status.related:
        out.write(style.bold("Often confused with") + "\n")
        for link in status.related:
            other = registry.lookup(link.code)
            name = other.title if other else str(link.code)
            out.write(item(name, link.note, width))
    if status.notes:
        out.write(style.bold("Your notes") + "\n")
        for note in status.notes:
            out.write(item(note.source, note.text, width))
    others = [s for s in registry.all_with_code(status.code) if s is not status]
    if others:
        out.write(style.bold("Also used for") + "\n")
        for other in others:
            out.write(item(other.title, f"{other.defined_by}: {other.summary}", width))
    out.write(f"{style.bold('Reference')}  {status.reference}  {style.dim(status.url)}\n")


def _command_show(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    status = parse_code(args.code, registry)
    if args.example:
        from http_status_browser.registry.exchange import example_text  # noqa: PLC0415

        out.write(example_text(status, registry))
    elif args.json:
        print_json(status_json(status, registry), out)
    else:
        _show_text(status, registry, out, Style(out))
    return EXIT_OK


def _command_search(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    text = " ".join(args.text)
    matches = registry.search(text)
    if not args.all:
        matches = [m for m in matches if m.status.shown_by_default] or matches
    if args.json:
        print_json([status_json(m.status, registry) for m in matches], out)
        return EXIT_OK if matches else EXIT_NOT_FOUND
    if not matches:
        sys.stderr.write(f"{PROG}: nothing matches {text!r}\n")
        return EXIT_NOT_FOUND
    style = Style(out)
    for match in matches[: args.limit]:
        out.write(summary_line(match.status, style))
    return EXIT_OK


def _parse_category(text: str | None, registry: Registry) -> str | None:
    if text is None:
        return None
    category = registry.category(text.strip().lower())
    if category is None:
        ids = [c.id for c in registry.categories]
        raise UsageError(f"unknown class {text!r}; expected one of {', '.join(ids)}")
    return category.id


def _command_list(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    category = _parse_category(args.category, registry)
    statuses = [
        s
        for s in registry.statuses
        if (args.all or s.shown_by_default) and (category is None or s.category == category)
    ]
    if args.json:
        print_json([status_json(s, registry) for s in statuses], out)
        return EXIT_OK
    style = Style(out)
    for status in statuses:
        out.write(summary_line(status, style))
    return EXIT_OK


def _command_snippet(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    status = parse_code(args.code, registry)
    language = registry.language(args.lang)
    if language is None:
        ids = [lang.id for lang in registry.languages]
        close = close_matches(args.lang, ids, 1)
        hint = f"did you mean {close[0]!r}?" if close else f"see '{PROG} languages'"
        raise UsageError(f"unknown language {args.lang!r}; {hint}")
    out.write(render_snippet(status, language) + "\n")
    return EXIT_OK


def _command_languages(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    width = max(len(lang.id) for lang in registry.languages)
    for lang in registry.languages:
        out.write(f"{lang.id.ljust(width)}  {lang.name}\n")
    return EXIT_OK


def _command_paths(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    codes = user_codes_path()
    state = "" if codes.exists() else "  (not created yet)"
    out.write(f"codes file  {codes}{state}\n")
    out.write(f"registry    {registry.origin}\n")
    out.write(f"cache       {cache_folder()}  (the built-in registry, compiled; safe to delete)\n")
    return EXIT_OK


def _command_check_codes(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    from pathlib import Path  # noqa: PLC0415

    user = read_user_codes(Path(args.file) if args.file else None)
    if not user.exists:
        sys.stderr.write(f"{PROG}: no codes file at {user.path}\n")
        return EXIT_NOT_FOUND
    _, problems = merge_user_codes(registry, user)
    for problem in problems:
        out.write(problem + "\n")
    if problems:
        return EXIT_NOT_FOUND
    out.write(f"{user.path}: {len(user.codes)} codes and {len(user.notes)} notes, all valid\n")
    return EXIT_OK


def _with_user_codes(registry: Registry) -> tuple[Registry, tuple[str, ...]]:
    """The registry plus the user's codes file; its problems are a warning, never an error."""
    merged, problems = merge_user_codes(registry, read_user_codes())
    if problems:
        more = len(problems) - 1
        tail = f" (and {more} more; run '{PROG} check-codes')" if more else ""
        sys.stderr.write(f"{PROG}: warning: {problems[0]}{tail}\n")
    return merged, problems


def _command_open(args: argparse.Namespace, registry: Registry, out: IO[str]) -> int:
    from http_status_browser.ui.launch import run_gui  # noqa: PLC0415  (Qt only for the window)

    code = parse_code(args.code, registry).code if args.code else None
    return run_gui(
        registry,
        code,
        warnings=args.codes_problems,
        smoke_linger=args.smoke_test,
        single_instance=_joins_running_window(args),
    )


def _joins_running_window(args: argparse.Namespace) -> bool:
    """Whether this launch goes to a running window, or listens for later ones: not for
    --new-window, a smoke test, or another registry than the running window's."""
    return not (args.new_window or args.smoke_test is not None or args.registry)


def _add_show(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", help="a status code such as 404")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--example", action="store_true", help="print an example request and response"
    )
    parser.set_defaults(handler=_command_show)


def _add_search(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="+", help='for example "gateway timeout", 4xx or teapot')
    parser.add_argument("--all", action="store_true", help="include unofficial codes")
    parser.add_argument(
        "--limit", type=int, default=20, help="at most this many lines (default 20)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=_command_search)


def _add_list(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--category", metavar="CLASS", help="only this class, such as 4xx")
    parser.add_argument("--all", action="store_true", help="include unofficial codes")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=_command_list)


def _add_snippet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", help="a status code such as 404")
    parser.add_argument("--lang", required=True, help="a language id (see 'languages')")
    parser.set_defaults(handler=_command_snippet)


def _add_check_codes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help="the file to check")
    parser.set_defaults(handler=_command_check_codes)


def _add_open(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", nargs="?", help="a status code to select, such as 404")
    parser.add_argument(
        "--new-window",
        action="store_true",
        help="open a window of its own instead of bringing the running one forward",
    )
    # Hidden: quit SECONDS after the first painted frame and print a JSON report (packaging
    # smoke test, benchmarks).
    parser.add_argument(
        "--smoke-test",
        nargs="?",
        type=float,
        const=0.0,
        metavar="SECONDS",
        help=argparse.SUPPRESS,
    )
    parser.set_defaults(handler=_command_open)


# Each command: its help line and what it adds to its parser, or the module whose
# add_arguments does (imported only when that command is asked for).
COMMANDS: Commands = {
    "show": ("explain one status code", _add_show),
    "search": ("find codes by number, class, phrase or identifier", _add_search),
    "list": ("list the status codes", _add_list),
    "snippet": ("print a code snippet, for piping", _add_snippet),
    "languages": (
        "list the snippet languages",
        lambda parser: parser.set_defaults(handler=_command_languages),
    ),
    "paths": (
        "show where the codes file and the data are",
        lambda parser: parser.set_defaults(handler=_command_paths),
    ),
    "check-codes": ("validate a codes file (default: yours)", _add_check_codes),
    "open": ("open the window, optionally on one code", _add_open),
    "which": (
        "which code for a situation, such as 'email already taken'",
        "http_status_browser.cli.which_command",
    ),
    "compare": (
        "two codes side by side, such as 301 308",
        "http_status_browser.cli.compare_command",
    ),
    "explain": (
        "count and explain the codes in logs, HAR files, transcripts",
        "http_status_browser.cli.explain_command",
    ),
    "serve": (
        "answer any status on a local HTTP endpoint",
        "http_status_browser.cli.serve_command",
    ),
    "check": (
        "check what URLs answer: status, redirect chain, problems",
        "http_status_browser.cli.check_command",
    ),
    "search-provider": (
        "answer desktop searches over D-Bus",
        "http_status_browser.cli.search_provider_command",
    ),
    "completion": ("print a shell completion script", "http_status_browser.cli.completion_command"),
}


def _parser() -> Parser:
    """The top level of the command line's parser: its options and what a line without a
    command does (open the window); parse_command_line adds the commands."""
    parser = Parser(
        prog=PROG,
        description="Look up HTTP status codes: meaning, headers, references and code snippets.",
        epilog=(
            "With no command, opens the HTTP Status Browser window; with a code alone "
            "(httpstatus 404), shows it. Exit status: 0 found, 1 not found, 2 usage error."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _global_options(parser, top=True)
    parser.set_defaults(handler=_command_open, code=None, smoke_test=None, new_window=False)
    return parser


def _global_options(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """--registry and --color, taken before the command (`top`) and after it: after it, one
    given replaces the one before, and one not given leaves it (argparse.SUPPRESS)."""
    parser.add_argument(
        "--registry",
        metavar="FILE",
        default=None if top else argparse.SUPPRESS,
        help=f"read status codes from FILE instead of the built-in ones (or set {REGISTRY_ENV})",
    )
    parser.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto" if top else argparse.SUPPRESS,
        help="colour: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always, never",
    )


def full_parser() -> Parser:
    """The whole `httpstatus` parser, every command included (completions, the man page)."""
    return add_every_command(_parser(), COMMANDS, _global_options)


def _code_shorthand(argv: list[str]) -> list[str]:
    """`httpstatus 404 --json` is `httpstatus show 404 --json`: a command line that starts
    with a number asks for that code (and `python -m http_status_browser 404` works the same).
    So does a slip such as `httpstatus 4o4`, which `show` then answers with what was meant."""
    if argv and meant_as_code(argv[0]):
        return ["show", *argv]
    return argv


def _hand_over(args: argparse.Namespace) -> int | None:
    """Offer a window's launch line to a running window, before the registry is loaded: the
    exit status when a window took it, None when this launch goes on by itself."""
    if args.handler is not _command_open or not _joins_running_window(args):
        return None
    from http_status_browser.desktop.instance import hand_over  # noqa: PLC0415  (launch lines only)

    return hand_over(args.code, prog=PROG)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of raising."""
    args_list = _code_shorthand(list(sys.argv[1:] if argv is None else argv))
    out = sys.stdout
    try:
        args = parse_command_line(_parser(), COMMANDS, args_list, _global_options)
        Style.choice = args.color
        handed_over = _hand_over(args)
        if handed_over is not None:
            return handed_over
        registry = load_registry(args.registry)
        handler = args.handler
        args.codes_problems = ()
        if handler is not _command_check_codes:
            registry, args.codes_problems = _with_user_codes(registry)
        return int(handler(args, registry, out))
    except UsageError as error:
        sys.stderr.write(f"{PROG}: {error}\n")
        return EXIT_USAGE
    except LookupError as error:
        sys.stderr.write(f"{PROG}: {error.args[0]}\n")
        return EXIT_NOT_FOUND
    except RegistryError as error:
        sys.stderr.write(f"{PROG}: {error}\n")
        return EXIT_USAGE
    except SystemExit as done:  # --help and --version end through argparse's exit
        return done.code if isinstance(done.code, int) else EXIT_OK
    except BrokenPipeError:
        # `httpstatus list | head`: the reader left; nothing more to say.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
