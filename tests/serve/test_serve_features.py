"""What httpbin, go-httpbin, httpstat.us and Mockoon users expect of the endpoint (issue 26),
end to end with real clients: curl (installed by `make system-deps`) and httpx."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from urllib.parse import urlencode

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from http_status_browser.registry import builtin_registry
from http_status_browser.serve.answer import MAX_REDIRECTS, RequestHead, outcomes
from http_status_browser.serve.options import (
    MAX_CODES,
    MAX_DELAY_SECONDS,
    QueryError,
    read_query,
    requested_delay,
)
from http_status_browser.serve.server import BackgroundServer, Limits
from tests.serve.serve_client import TIMEOUT, running_server


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    with running_server(builtin_registry(), Limits(body_bytes=4096)) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: BackgroundServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=TIMEOUT) as http:
        yield http


def curl(*args: str) -> str:
    """curl's standard output; curl must be installed (make system-deps installs it)."""
    if shutil.which("curl") is None:
        pytest.fail("curl is missing: run `make system-deps` (apt-get install curl)")
    done = subprocess.run(
        ["curl", "--silent", "--show-error", "--max-time", "20", *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout


def headers_of(raw: str) -> list[tuple[str, str]]:
    """The header lines of the last response in curl -i's output."""
    head = raw.replace("\r\n", "\n").split("\n\n")[0]
    pairs = [line.split(":", 1) for line in head.split("\n")[1:]]
    return [(name.strip().lower(), value.strip()) for name, value in pairs]


# Weighted codes -------------------------------------------------------------------------


def test_weighted_codes_are_read_with_their_weights() -> None:
    found = outcomes(builtin_registry(), RequestHead("GET", "/200:0.9,500:0.1"))
    assert [a.code for a in found.answers] == [200, 500]
    assert found.weights == (0.9, 0.1)
    equal = outcomes(builtin_registry(), RequestHead("GET", "/200,500"))
    assert equal.weights == (1.0, 1.0)


def test_a_zero_weight_is_never_drawn(client: httpx.Client, server: BackgroundServer) -> None:
    assert {client.get("/200:0,503:1").status_code for _ in range(20)} == {503}
    codes = {curl("-o", "/dev/null", "-w", "%{http_code}", f"{server.url}/418:1,200:0")}
    assert codes == {"418"}


def test_equal_odds_give_both_codes(client: httpx.Client) -> None:
    # 60 draws of two equal odds: both codes show, unless chance says 2 in 10^18 otherwise.
    assert {client.get("/200,500").status_code for _ in range(60)} == {200, 500}


def test_each_drawn_code_has_its_own_headers(client: httpx.Client) -> None:
    response = client.get("/429:1,200:0")
    assert response.headers["Retry-After"] == "120"
    redirect = client.get("/301,308:0?to=/201")
    assert (redirect.status_code, redirect.headers["Location"]) == (301, "/201")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/200,abc", "not a status code"),
        ("/200,600", "not a status code"),
        ("/200:x,500", "a weight is a number"),
        ("/200:-1,500", "a weight is a number"),
        ("/200:0,500:0", "add up to more than 0"),
        ("/" + ",".join(["200"] * (MAX_CODES + 1)), f"at most {MAX_CODES} codes"),
    ],
)
def test_a_bad_code_list_gets_400_saying_why(client: httpx.Client, path: str, message: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert message in response.text


# Response headers from the query --------------------------------------------------------


def test_header_from_the_query_replaces_the_generated_one(server: BackgroundServer) -> None:
    shown = headers_of(curl("-i", f"{server.url}/503?header=Retry-After:7"))
    assert [value for name, value in shown if name == "retry-after"] == ["7"]


def test_headers_from_the_query_repeat(client: httpx.Client) -> None:
    params = [("header", "X-Trace:abc"), ("header", "X-Note: two words "), ("header", "X-Trace:d")]
    response = client.get("/200", params=params)
    assert response.headers.get_list("X-Trace") == ["abc", "d"]
    assert response.headers["X-Note"] == "two words"


@pytest.mark.parametrize(
    "value",
    [
        "Bad Name:x",
        ":x",
        "NoColon",
        "X-Split:a\r\nSet-Cookie: stolen=1",
        "X-Split:a\nX-More: b",
        "X-Null:a\x00b",
        "X-Latin:caf\u00e9",
        "Content-Length:0",
        "Transfer-Encoding:chunked",
        "Location:https://attacker.example/",
        "Set-Cookie:session=1",
        "Access-Control-Allow-Credentials:true",
    ],
)
def test_headers_that_cannot_be_sent_get_400(client: httpx.Client, value: str) -> None:
    response = client.get("/200", params={"header": value})
    assert response.status_code == 400
    assert "header" in response.text
    assert response.headers["X-Content-Type-Options"] == "nosniff"  # it quotes the request
    assert "set-cookie" not in response.headers
    assert "location" not in response.headers


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_header_value_is_refused_or_safe(value: str) -> None:
    try:
        options = read_query(urlencode({"header": value}))
    except QueryError:
        return
    for name, field in options.headers:
        assert name.isascii()
        assert field.isascii()
        assert field.isprintable()


# /anything --------------------------------------------------------------------------------


def test_anything_shows_the_request_as_json(client: httpx.Client) -> None:
    response = client.post(
        "/anything/orders/7?a=1&a=2&b=",
        json={"quantity": 3},
        headers={"X-Request-Id": "r-1"},
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    seen = response.json()
    assert seen["method"] == "POST"
    assert seen["path"] == "/anything/orders/7"
    assert seen["query"] == {"a": ["1", "2"], "b": [""]}
    assert seen["headers"]["X-Request-Id"] == "r-1"
    assert json.loads(seen["body"]) == {"quantity": 3}
    assert seen["body_encoding"] == "utf-8"


def test_anything_with_curl_and_a_binary_body(server: BackgroundServer) -> None:
    out = curl("-X", "PUT", "--data-binary", "\u00ff", f"{server.url}/anything")
    seen = json.loads(out)
    assert seen["method"] == "PUT"
    assert seen["path"] == "/anything"
    assert seen["body"] == "\u00ff"  # UTF-8 from curl's argument: text
    raw = httpx.put(f"{server.url}/anything", content=b"\xff\x00", timeout=TIMEOUT).json()
    assert (raw["body"], raw["body_encoding"]) == ("/wA=", "base64")


def test_anything_takes_the_query_options(client: httpx.Client) -> None:
    response = client.get("/anything?header=X-Extra:1&delay=1ms")
    assert response.headers["X-Extra"] == "1"
    assert response.json()["query"]["header"] == ["X-Extra:1"]


def test_anything_bodies_are_limited(client: httpx.Client) -> None:
    assert client.post("/anything", content=b"x" * 5000).status_code == 413
    assert client.post("/anything", content=b"x" * 4000).json()["body"] == "x" * 4000


def test_anything_is_only_the_anything_path(client: httpx.Client) -> None:
    assert client.get("/anythingelse").status_code == 404
    assert client.head("/anything").content == b""


# CORS -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/404", "/200:1", "/anything", "/redirect/2", "/200,abc"])
def test_every_answer_allows_any_origin_without_credentials(
    client: httpx.Client, path: str
) -> None:
    response = client.get(path, headers={"Origin": "https://app.example", "Cookie": "session=1"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_preflight_gets_204_with_methods_and_headers(server: BackgroundServer) -> None:
    out = curl(
        "-i",
        "-X",
        "OPTIONS",
        "-H",
        "Origin: https://app.example",
        "-H",
        "Access-Control-Request-Method: PUT",
        "-H",
        "Access-Control-Request-Headers: X-Custom, Authorization",
        f"{server.url}/503",
    )
    assert out.startswith("HTTP/1.1 204 No Content")
    shown = dict(headers_of(out))
    assert shown["access-control-allow-origin"] == "*"
    assert "PUT" in shown["access-control-allow-methods"].split(", ")
    assert shown["access-control-allow-headers"] == "X-Custom, Authorization"
    assert int(shown["access-control-max-age"]) > 0
    assert "access-control-allow-credentials" not in shown


def test_preflight_for_another_method_and_bad_headers(client: httpx.Client) -> None:
    asked = {
        "Origin": "https://app.example",
        "Access-Control-Request-Method": "BREW",
        "Access-Control-Request-Headers": "X-Ok, Bad Header",
    }
    response = client.options("/418", headers=asked)
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Methods"].endswith(", BREW")
    assert "Access-Control-Allow-Headers" not in response.headers


def test_options_without_a_preflight_gets_its_code(client: httpx.Client) -> None:
    assert client.options("/404").status_code == 404
    no_origin = client.options("/404", headers={"Access-Control-Request-Method": "PUT"})
    assert no_origin.status_code == 404


# /redirect/N ------------------------------------------------------------------------------


def test_redirects_in_a_row_end_at_200(client: httpx.Client, server: BackgroundServer) -> None:
    response = client.get("/redirect/3", follow_redirects=True)
    assert response.status_code == 200
    assert [r.headers["Location"] for r in response.history] == [
        "/redirect/2",
        "/redirect/1",
        "/200",
    ]
    assert response.url.path == "/200"
    assert (
        curl(
            "-L",
            "-o",
            "/dev/null",
            "-w",
            "%{num_redirects} %{http_code}",
            f"{server.url}/redirect/5",
        )
        == "5 200"
    )


def test_redirects_are_capped(client: httpx.Client, server: BackgroundServer) -> None:
    assert client.get("/redirect/1000").headers["Location"] == f"/redirect/{MAX_REDIRECTS - 1}"
    huge = client.get("/redirect/" + "9" * 5000)
    assert huge.headers["Location"] == f"/redirect/{MAX_REDIRECTS - 1}"
    followed = curl(
        "-L",
        "--max-redirs",
        "50",
        "-o",
        "/dev/null",
        "-w",
        "%{num_redirects}",
        f"{server.url}/redirect/99",
    )
    assert followed == str(MAX_REDIRECTS)
    assert client.get("/redirect/0").status_code == 404


# Delays -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "unit", "seconds"),
    [
        (["250ms"], "s", 0.25),
        (["2s"], "s", 2.0),
        (["1.5"], "s", 1.5),
        ([" 20 ms "], "s", 0.02),
        (["20000ms"], "s", MAX_DELAY_SECONDS),
        (["1e9"], "s", MAX_DELAY_SECONDS),
        (["9" * 5000], "s", MAX_DELAY_SECONDS),
        (["1500"], "ms", 1.5),
        (["0"], "s", 0.0),
        (["-5ms"], "s", 0.0),
        (["5m"], "s", 0.0),
        (["nan"], "s", 0.0),
    ],
)
def test_delays_in_seconds_or_milliseconds(values: list[str], unit: str, seconds: float) -> None:
    assert requested_delay(values, unit) == seconds


def test_sleep_is_milliseconds_as_on_httpstat_us() -> None:
    assert read_query("sleep=1500").delay == 1.5
    assert read_query("delay=2&sleep=1500").delay == 2.0  # delay= wins


def test_a_delay_in_milliseconds_end_to_end(server: BackgroundServer) -> None:
    out = curl("-o", "/dev/null", "-w", "%{http_code}", f"{server.url}/202?delay=20ms")
    assert out == "202"
