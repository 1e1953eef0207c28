"""Which names and addresses are this machine's own: for `serve --host`, and for the Host a
request names, which guards a loopback endpoint against DNS rebinding."""

from __future__ import annotations

import functools
import ipaddress
import re
import socket
from enum import Enum
from urllib.parse import urlsplit

# RFC 9112 Section 3.2: Host = uri-host [ ":" port ]; uri-host is an IP literal in brackets,
# or an IPv4 address or registered name (RFC 3986 Section 3.2.2).
HOST_FIELD = re.compile(
    r"(?:\[(?P<literal>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9._~!$&'()*+,;=%-]+))(?::[0-9]*)?"
)
# What an address literal is made of. getaddrinfo stops at a NUL, and the C library's
# inet_aton at a space ("127.0.0.1 evil.example" reads as loopback), so nothing else may pass.
ADDRESS_TEXT = re.compile(r"[0-9A-Fa-fXx.:]+(?:%[0-9A-Za-z]+)?")


class HostCheck(Enum):
    LOCAL = "local"
    # A well-formed name of another server: 421 Misdirected Request (RFC 9110 Section 15.5.20).
    FOREIGN = "foreign"
    # Not a Host value at all: 400 (RFC 9112 Section 3.2).
    INVALID = "invalid"


def address_is_loopback(host: str) -> bool:
    """Whether an address or name means this machine only: localhost, or an address in
    127.0.0.0/8 or ::1 written any way the system reads numerically (127.1, 0x7f.1, [::1]).
    Never asks DNS: a name other than localhost is not loopback."""
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost":
        return True
    if not ADDRESS_TEXT.fullmatch(host):
        return False
    try:
        found = socket.getaddrinfo(host, None, flags=socket.AI_NUMERICHOST)
    except (socket.gaierror, UnicodeError):
        return False
    addresses = {str(info[4][0]).partition("%")[0] for info in found}
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)


def check_host(host_field: bytes | None, target: bytes) -> HostCheck:
    """Whether a request names this machine: the authority of an absolute-form target (which
    overrides Host, RFC 9112 Section 3.2.2), else the Host field. No Host at all (HTTP/1.0)
    is local: a browser always sends one, so such a request cannot come from a web page."""
    text = target.decode("ascii", "replace")
    if not text.startswith("/") and text != "*":
        host_field = urlsplit(text).netloc.rpartition("@")[2].encode("ascii", "replace")
    if host_field is None:
        return HostCheck.LOCAL
    return _check_host_field(host_field)


@functools.lru_cache(maxsize=256)
def _check_host_field(host_field: bytes) -> HostCheck:
    """A Host value's check; remembered, as a client sends the same one with every request."""
    match = HOST_FIELD.fullmatch(host_field.decode("ascii", "replace"))
    if match is None:
        return HostCheck.INVALID
    name = match["literal"] or match["name"] or ""
    name = name.rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):  # RFC 6761 Section 6.3
        return HostCheck.LOCAL
    return HostCheck.LOCAL if address_is_loopback(name) else HostCheck.FOREIGN
