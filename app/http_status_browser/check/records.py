"""The records of a check: what to check (Target), each answer (Hop), what is wrong (Problem)
and the outcome for one URL (CheckResult)."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Severity(Enum):
    """An error fails the URL (exit status 1); a warning is reported only."""

    ERROR = "error"
    WARNING = "warning"


class ProblemKind(Enum):
    INVALID_URL = "invalid-url"
    LOOP = "loop"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    DOWNGRADE = "https-downgrade"
    CROSS_ORIGIN = "cross-origin"
    RELATIVE_LOCATION = "relative-location"
    MISSING_LOCATION = "missing-location"
    TEMPORARY_REDIRECT = "temporary-redirect"
    CLIENT_ERROR = "client-error"
    SERVER_ERROR = "server-error"
    TIMEOUT = "timeout"
    DNS = "dns"
    TLS = "tls"
    CONNECTION = "connection"
    PROTOCOL = "protocol"
    UNEXPECTED_TARGET = "unexpected-target"
    UNEXPECTED_STATUS = "unexpected-status"


class Problem(NamedTuple):
    kind: ProblemKind
    severity: Severity
    message: str


class Expectation(NamedTuple):
    """A redirect map's row: the chain must end at `to` with a 2xx, and start with
    `first_status` when one is given."""

    to: str
    first_status: int | None = None


class Target(NamedTuple):
    """One line of input: the URL as written, where it came from, and what is expected."""

    url: str
    source: str = ""  # "FILE:LINE" or "argument N", for messages
    expect: Expectation | None = None
    invalid: str | None = None  # why the input cannot be checked (a bad map row), if it cannot


class Hop(NamedTuple):
    """One request and its answer. `url` never holds credentials."""

    method: str
    url: str
    status: int
    reason: str  # the registry's phrase for the status, or the server's if the registry has none
    server_reason: str  # what the server sent on the status line
    location: str | None
    ms: float


class CheckResult(NamedTuple):
    target: Target
    url: str  # the target's URL without credentials, as shown everywhere
    hops: tuple[Hop, ...]
    problems: tuple[Problem, ...]
    error: str | None  # why there is no final answer (timeout, DNS...), in plain words

    @property
    def final_status(self) -> int | None:
        return self.hops[-1].status if self.hops and self.error is None else None

    @property
    def final_url(self) -> str | None:
        return self.hops[-1].url if self.hops and self.error is None else None

    @property
    def ok(self) -> bool:
        return self.error is None and all(p.severity is not Severity.ERROR for p in self.problems)
