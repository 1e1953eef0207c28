"""Why a request got no answer, in plain words: httpx's exceptions read down to their cause."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator

import httpx

from http_status_browser.check.records import Problem, ProblemKind, Severity


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _found(error: BaseException, kind: type[BaseException]) -> BaseException | None:
    return next((cause for cause in _causes(error) if isinstance(cause, kind)), None)


def transport_problem(error: httpx.HTTPError, url: str, timeout: float) -> Problem:
    """The problem that `error`, raised while asking `url`, stands for."""
    host = httpx.URL(url).host
    if isinstance(error, httpx.TimeoutException):
        what = {
            httpx.ConnectTimeout: "connecting to",
            httpx.ReadTimeout: "waiting for an answer from",
            httpx.WriteTimeout: "sending the request to",
            httpx.PoolTimeout: "waiting for a free connection to",
        }.get(type(error), "talking to")
        return Problem(
            ProblemKind.TIMEOUT, Severity.ERROR, f"timed out after {timeout:g} s {what} {host}"
        )
    if isinstance(error, httpx.ProxyError):
        return Problem(ProblemKind.CONNECTION, Severity.ERROR, f"the proxy refused: {error}")
    if _found(error, socket.gaierror) is not None:
        return Problem(
            ProblemKind.DNS, Severity.ERROR, f"DNS: the host name {host} could not be resolved"
        )
    tls = _found(error, ssl.SSLError)
    if tls is not None:
        if isinstance(tls, ssl.SSLCertVerificationError):
            detail = tls.verify_message or "the certificate could not be verified"
            return Problem(ProblemKind.TLS, Severity.ERROR, f"TLS: {host}: {detail}")
        reason = getattr(tls, "reason", None) or str(tls)
        words = str(reason).replace("_", " ").lower()
        return Problem(
            ProblemKind.TLS, Severity.ERROR, f"TLS handshake with {host} failed: {words}"
        )
    if _found(error, ConnectionRefusedError) is not None:
        port = httpx.URL(url).port or (443 if url.lower().startswith("https") else 80)
        return Problem(
            ProblemKind.CONNECTION,
            Severity.ERROR,
            f"connection refused: nothing listens on {host} port {port}",
        )
    if isinstance(error, httpx.RemoteProtocolError):
        return Problem(
            ProblemKind.PROTOCOL, Severity.ERROR, f"{host} did not answer in HTTP: {error}"
        )
    if isinstance(error, httpx.ConnectError):
        return Problem(ProblemKind.CONNECTION, Severity.ERROR, f"cannot connect to {host}: {error}")
    if isinstance(error, httpx.NetworkError):
        return Problem(
            ProblemKind.CONNECTION, Severity.ERROR, f"the connection to {host} broke: {error}"
        )
    return Problem(ProblemKind.PROTOCOL, Severity.ERROR, f"{host}: {error}")
