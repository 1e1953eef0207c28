"""Transport errors in plain words, from httpx's exceptions as they arrive: chained to the
socket, DNS or TLS error underneath. (Refused connections and a TLS handshake with a plain
HTTP port are also met for real in test_checker.py.)"""

from __future__ import annotations

import socket
import ssl

import httpx
import pytest

from http_status_browser.check.failures import transport_problem
from http_status_browser.check.records import ProblemKind


def raised(outer: httpx.HTTPError, inner: BaseException) -> httpx.HTTPError:
    """`outer` as httpx raises it: `raise outer from inner`."""
    try:
        try:
            raise inner
        except BaseException as cause:
            raise outer from cause
    except httpx.HTTPError as error:
        return error


def test_dns() -> None:
    error = raised(
        httpx.ConnectError("[Errno -2] Name or service not known"),
        socket.gaierror(-2, "Name or service not known"),
    )
    problem = transport_problem(error, "https://nowhere.invalid/", 10)
    assert problem.kind is ProblemKind.DNS
    assert problem.message == "DNS: the host name nowhere.invalid could not be resolved"


def test_a_certificate_that_cannot_be_verified() -> None:
    cause = ssl.SSLCertVerificationError(1, "certificate verify failed")
    cause.verify_message = "certificate has expired"
    error = raised(httpx.ConnectError("certificate verify failed"), cause)
    problem = transport_problem(error, "https://old.test/", 10)
    assert problem.kind is ProblemKind.TLS
    assert problem.message == "TLS: old.test: certificate has expired"


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (httpx.ConnectTimeout("t"), "timed out after 2.5 s connecting to a.test"),
        (httpx.ReadTimeout("t"), "timed out after 2.5 s waiting for an answer from a.test"),
        (httpx.PoolTimeout("t"), "timed out after 2.5 s waiting for a free connection to a.test"),
    ],
)
def test_timeouts(error: httpx.HTTPError, words: str) -> None:
    problem = transport_problem(error, "http://a.test/", 2.5)
    assert (problem.kind, problem.message) == (ProblemKind.TIMEOUT, words)


def test_a_broken_answer() -> None:
    error = httpx.RemoteProtocolError("Server disconnected without sending a response.")
    problem = transport_problem(error, "http://a.test/", 1)
    assert problem.kind is ProblemKind.PROTOCOL
    assert "a.test did not answer in HTTP" in problem.message


def test_a_reset_connection() -> None:
    error = raised(httpx.ReadError("reset"), ConnectionResetError(104, "Connection reset"))
    problem = transport_problem(error, "http://a.test/", 1)
    assert problem.kind is ProblemKind.CONNECTION
    assert problem.message == "the connection to a.test broke: reset"
