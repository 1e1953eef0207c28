"""Desktop search over D-Bus: GNOME Shell's SearchProvider2 and KDE's KRunner (krunner1).

Both answer from the registry's ranked search, the one the window and `httpstatus search`
use. The service is started by D-Bus on the first query (resources/*.service) and leaves after
a minute without one. Qt-free: jeepney speaks D-Bus in pure Python and starts in a fraction of
QtDBus's time (docs/benchmarks.md). Activating a result opens the window on that code, through
a running window when there is one (desktop/instance.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from http_status_browser import APP_ID
from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import StatusCode

# The service starts for a query and answers it, so what it imports is on the way to the
# first answer: logging and subprocess (about 8 ms together) are imported when needed,
# subprocess when a result is activated.

BUS_NAME = f"{APP_ID}.SearchProvider"
GNOME_PATH = "/" + BUS_NAME.replace(".", "/")
GNOME_INTERFACE = "org.gnome.Shell.SearchProvider2"
KRUNNER_PATH = "/runner"
KRUNNER_INTERFACE = "org.kde.krunner1"
INTROSPECTABLE = "org.freedesktop.DBus.Introspectable"
ICON = APP_ID  # the icon theme name (resources/icons/hicolor)
MAX_RESULTS = 10
IDLE_EXIT_S = 60.0
# KRunner's match types (KRunner::QueryMatch::Type): exact for a code, possible for words.
KRUNNER_EXACT, KRUNNER_POSSIBLE = 100, 30

# Opens the window on a code: replaced in tests.
Opener = Callable[[int], None]

_ARGS = {
    "GetInitialResultSet": ("as", "as"),
    "GetSubsearchResultSet": ("asas", "as"),
    "GetResultMetas": ("as", "aa{sv}"),
    "ActivateResult": ("sasu", ""),
    "LaunchSearch": ("asu", ""),
    "Match": ("s", "a(sssida{sv})"),
    "Actions": ("", "a(sss)"),
    "Run": ("ss", ""),
}


def _method_xml(name: str) -> str:
    inputs, output = _ARGS[name]
    from_signature = _split_signature(inputs)
    args = "".join(f'<arg type="{t}" direction="in"/>' for t in from_signature)
    if output:
        args += f'<arg type="{output}" direction="out"/>'
    return f'<method name="{name}">{args}</method>'


def _split_signature(signature: str) -> list[str]:
    """Single complete types of a signature, enough for ours: "sasu" -> ["s", "as", "u"]."""
    types: list[str] = []
    position = 0
    while position < len(signature):
        end = position
        while signature[end] == "a":
            end += 1
        types.append(signature[position : end + 1])
        position = end + 1
    return types


_METHODS = {
    GNOME_PATH: (
        GNOME_INTERFACE,
        (
            "GetInitialResultSet",
            "GetSubsearchResultSet",
            "GetResultMetas",
            "ActivateResult",
            "LaunchSearch",
        ),
    ),
    KRUNNER_PATH: (KRUNNER_INTERFACE, ("Match", "Actions", "Run")),
}


def introspection_xml(path: str) -> str:
    interface, methods = _METHODS.get(path, ("", ()))
    body = "".join(_method_xml(name) for name in methods)
    ours = f'<interface name="{interface}">{body}</interface>' if interface else ""
    return (
        '<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN" '
        '"http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">\n'
        f'<node><interface name="{INTROSPECTABLE}"><method name="Introspect">'
        f'<arg type="s" direction="out"/></method></interface>{ours}</node>'
    )


def open_window(code: int) -> None:
    """Start `http-status-browser CODE`, detached: it hands over to a running window."""
    import subprocess  # noqa: PLC0415

    if getattr(sys, "frozen", False):
        command = [sys.executable, str(code)]
    else:
        command = [sys.executable, "-m", "http_status_browser.gui", str(code)]
    subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def top_matches(registry: Registry, text: str, limit: int) -> list[StatusCode]:
    """Best first, the official codes unless only unofficial ones match; one per code."""
    found = registry.search(text)
    statuses = [m.status for m in found if m.status.shown_by_default] or [m.status for m in found]
    codes: dict[int, StatusCode] = {}
    for status in statuses:
        codes.setdefault(status.code, status)
    return list(codes.values())[:limit]


class DesktopSearch:
    """What the two desktop interfaces ask, answered from the registry: plain Python values."""

    def __init__(self, registry: Registry, opener: Opener = open_window) -> None:
        self.registry = registry
        self.opener = opener

    def matches(self, text: str) -> list[StatusCode]:
        return top_matches(self.registry, text, MAX_RESULTS)

    def result_set(self, terms: Sequence[str]) -> list[str]:
        return [str(status.code) for status in self.matches(" ".join(terms))]

    def result_metas(self, identifiers: Sequence[str]) -> list[dict[str, tuple[str, Any]]]:
        metas = []
        for identifier in identifiers:
            status = self.registry.lookup(int(identifier)) if identifier.isdecimal() else None
            if status is None:
                continue
            metas.append(
                {
                    "id": ("s", identifier),
                    "name": ("s", status.title),
                    "description": ("s", status.summary),
                    "gicon": ("s", ICON),
                    "clipboardText": ("s", status.title),
                }
            )
        return metas

    def activate(self, identifier: str) -> None:
        if identifier.isdecimal() and self.registry.lookup(int(identifier)) is not None:
            self.opener(int(identifier))
        else:
            sys.stderr.write(f"search-provider: no such result {identifier!r}\n")

    def krunner_matches(self, query: str) -> list[tuple[str, str, str, int, float, dict[str, Any]]]:
        statuses = self.matches(query)
        exact = query.strip().isdecimal()
        rows = []
        for rank, status in enumerate(statuses):
            kind = (
                KRUNNER_EXACT if exact and str(status.code) == query.strip() else KRUNNER_POSSIBLE
            )
            relevance = 1.0 - rank / (2 * MAX_RESULTS)
            properties = {"subtext": ("s", status.summary)}
            rows.append((str(status.code), status.title, ICON, kind, relevance, properties))
        return rows

    def call(self, path: str, interface: str, member: str, body: Sequence[Any]) -> tuple[str, Any]:
        """One method call: (its reply signature, its reply body). KeyError for a method we
        do not have."""
        if interface == INTROSPECTABLE and member == "Introspect":
            return "s", (introspection_xml(path),)
        if path == GNOME_PATH and interface in (GNOME_INTERFACE, ""):
            if member == "GetInitialResultSet":
                return "as", (self.result_set(body[0]),)
            if member == "GetSubsearchResultSet":
                return "as", (self.result_set(body[1]),)
            if member == "GetResultMetas":
                return "aa{sv}", (self.result_metas(body[0]),)
            if member == "ActivateResult":
                self.activate(body[0])
                return "", ()
            if member == "LaunchSearch":
                return "", ()  # the window has no query argument to hand a search to
        if path == KRUNNER_PATH and interface in (KRUNNER_INTERFACE, ""):
            if member == "Match":
                return "a(sssida{sv})", (self.krunner_matches(body[0]),)
            if member == "Actions":
                return "a(sss)", ([],)
            if member == "Run":
                self.activate(body[0])
                return "", ()
        raise KeyError(f"{interface}.{member} at {path}")


def serve(registry: Registry, idle_exit_s: float = IDLE_EXIT_S) -> int:
    """Own BUS_NAME on the session bus and answer until idle; the exit status."""
    from jeepney import HeaderFields, MessageType  # noqa: PLC0415
    from jeepney.bus_messages import message_bus  # noqa: PLC0415
    from jeepney.io.blocking import open_dbus_connection  # noqa: PLC0415

    search = DesktopSearch(registry)
    try:
        connection = open_dbus_connection(bus="SESSION")
    except (OSError, KeyError) as error:
        sys.stderr.write(f"search-provider: no D-Bus session bus ({error})\n")
        return 2
    with connection:
        # Flag 4: fail rather than queue when another provider owns the name. Read the answer
        # in the loop below: when D-Bus started us for a query, that query may come first.
        request_serial = 1_000_000
        connection.send(message_bus.RequestName(BUS_NAME, 4), serial=request_serial)
        while True:
            try:
                message = connection.receive(timeout=idle_exit_s)
            except TimeoutError:
                return 0
            except OSError as error:  # the session ended: its bus closed the connection
                sys.stderr.write(f"search-provider: the session bus went away ({error})\n")
                return 0
            header = message.header
            if header.fields.get(HeaderFields.reply_serial) == request_serial:
                if message.body != (1,):  # 1: we are the primary owner
                    sys.stderr.write(f"search-provider: {BUS_NAME} is already served\n")
                    return 1
                continue
            if header.message_type != MessageType.method_call:
                continue
            connection.send(_reply(search, message))


def _reply(search: DesktopSearch, message: Any) -> Any:
    """The reply to one jeepney method-call message: a return or a D-Bus error."""
    from jeepney import HeaderFields, new_error, new_method_return  # noqa: PLC0415

    fields = message.header.fields
    try:
        signature, body = search.call(
            fields.get(HeaderFields.path, ""),
            fields.get(HeaderFields.interface, ""),
            fields.get(HeaderFields.member, ""),
            message.body,
        )
    except KeyError as error:
        return new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (str(error),))
    except (IndexError, TypeError, ValueError) as error:
        sys.stderr.write(f"search-provider: bad call {fields}: {error}\n")
        return new_error(message, "org.freedesktop.DBus.Error.InvalidArgs", "s", (str(error),))
    return new_method_return(message, signature or None, body)
