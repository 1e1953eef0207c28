"""Following each URL's redirects with httpx: HEAD first, GET where HEAD is refused, no
bodies read; a few connections per host and a bound on all; results in input order.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncIterator, Iterable, Iterator
from email.utils import parsedate_to_datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from itertools import islice
from typing import NamedTuple

import httpx

from http_status_browser import __version__
from http_status_browser.check.failures import transport_problem
from http_status_browser.check.problems import (
    REDIRECTS,
    chain_problems,
    expectation_problems,
    origin,
)
from http_status_browser.check.records import (
    CheckResult,
    Hop,
    Problem,
    ProblemKind,
    Severity,
    Target,
)
from http_status_browser.check.targets import SCHEMES, invalid_reason, without_credentials
from http_status_browser.registry.model import Registry

USER_AGENT = f"httpstatus-check/{__version__} (HTTP Status Browser; URL checker)"
HEAD_REFUSED = frozenset({405, 501})
RETRIED = frozenset({429, 503})
# A Location longer than this is cut when shown (httpx itself bounds the whole header block).
LOCATION_SHOWN = 2048


class CheckOptions(NamedTuple):
    timeout: float = 10.0  # seconds for each of connect, read, write, a free connection
    max_redirects: int = 10
    concurrency: int = 16  # URLs checked at once
    per_host: int = 4  # requests at once to one scheme, host and port
    retry_cap: float = 10.0  # the longest Retry-After waited for, once
    user_agent: str = USER_AGENT
    trust_env: bool = True  # proxies (and NO_PROXY) from the environment, as curl does


DEFAULT_OPTIONS = CheckOptions()


def retry_delay(value: str | None) -> float | None:
    """Retry-After in seconds (a number or an HTTP date), or None when absent or unreadable."""
    if value is None:
        return None
    text = value.strip()
    if text.isdecimal():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class _HostSlots:
    """A semaphore per origin, dropped when nobody holds or waits for it: a list of 100,000
    hosts keeps only those in flight."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._slots: dict[tuple[str, str, int | None], tuple[asyncio.Semaphore, list[int]]] = {}

    def hold(self, url: str) -> _HostSlot:
        key = origin(url)
        entry = self._slots.get(key)
        if entry is None:
            entry = self._slots[key] = (asyncio.Semaphore(self._size), [0])
        return _HostSlot(self, key, entry)

    def release(self, key: tuple[str, str, int | None], users: list[int]) -> None:
        users[0] -= 1
        if users[0] == 0:
            del self._slots[key]


class _HostSlot:
    def __init__(
        self,
        owner: _HostSlots,
        key: tuple[str, str, int | None],
        entry: tuple[asyncio.Semaphore, list[int]],
    ) -> None:
        self._owner, self._key = owner, key
        self._semaphore, self._users = entry

    async def __aenter__(self) -> None:
        self._users[0] += 1
        try:
            await self._semaphore.acquire()
        except BaseException:
            self._owner.release(self._key, self._users)
            raise

    async def __aexit__(self, *exc: object) -> None:
        self._semaphore.release()
        self._owner.release(self._key, self._users)


class _Followed(NamedTuple):
    hops: tuple[Hop, ...]
    problems: tuple[Problem, ...]
    error: str | None


class Checker:
    """Checks targets with one httpx client; use as an async context manager."""

    def __init__(self, registry: Registry, options: CheckOptions = DEFAULT_OPTIONS) -> None:
        self.options = options
        self._registry = registry
        self._hosts = _HostSlots(options.per_host)
        self._all = asyncio.Semaphore(options.concurrency)
        self._client = httpx.AsyncClient(
            headers={"User-Agent": options.user_agent, "Accept": "*/*"},
            timeout=httpx.Timeout(options.timeout),
            limits=httpx.Limits(
                max_connections=options.concurrency,
                max_keepalive_connections=options.concurrency,
            ),
            follow_redirects=False,
            trust_env=options.trust_env,
            # No cookies kept, as curl without a cookie file: each URL is checked as a new
            # visitor would see it, and 100,000 sites' cookies do not pile up in memory.
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
        )

    async def __aenter__(self) -> Checker:
        await self._client.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    async def check(self, target: Target) -> CheckResult:
        """One target's chain and problems; never raises for anything the network does."""
        shown = without_credentials(target.url)
        reason = target.invalid or invalid_reason(target.url)
        if reason is not None:
            problem = Problem(ProblemKind.INVALID_URL, Severity.ERROR, reason)
            return CheckResult(target, shown, (), (problem,), reason)
        async with self._all:
            try:
                followed = await self._follow(target.url)
            # Passed urlsplit, but httpx cannot send it: a host IDNA refuses, or a lone
            # surrogate from a command line argument that was not UTF-8.
            except (httpx.InvalidURL, UnicodeError) as error:
                reason = f"not a valid URL ({error})"
                problem = Problem(ProblemKind.INVALID_URL, Severity.ERROR, reason)
                return CheckResult(target, shown, (), (problem,), reason)
        problems = list(followed.problems)
        problems += chain_problems(followed.hops, target.expect)
        if target.expect is not None:
            problems += expectation_problems(followed.hops, target.expect, followed.error)
        return CheckResult(target, shown, followed.hops, tuple(problems), followed.error)

    async def _follow(self, url: str) -> _Followed:
        start = httpx.URL(url)
        credentials = (start.username, start.password) if start.userinfo else None
        home = origin(url)
        current = without_credentials(url)
        hops: list[Hop] = []
        seen = {current}
        while True:
            auth = credentials if origin(current) == home else None
            try:
                hop, location = await self._ask(current, auth)
            except httpx.HTTPError as error:
                problem = transport_problem(error, current, self.options.timeout)
                return _Followed(tuple(hops), (problem,), problem.message)
            hops.append(hop)
            if hop.status not in REDIRECTS:
                return _Followed(tuple(hops), (), None)
            if location is None:
                problem = Problem(
                    ProblemKind.MISSING_LOCATION,
                    Severity.ERROR,
                    f"{hop.status} without a Location header",
                )
                return _Followed(tuple(hops), (problem,), None)
            try:
                following = httpx.URL(current).join(location)
            except httpx.InvalidURL as error:
                problem = Problem(
                    ProblemKind.INVALID_URL,
                    Severity.ERROR,
                    f"{hop.status} to a Location that is not a URL ({error})",
                )
                return _Followed(tuple(hops), (problem,), None)
            if following.scheme not in SCHEMES:
                problem = Problem(
                    ProblemKind.INVALID_URL,
                    Severity.ERROR,
                    f"{hop.status} to a {following.scheme}: URL, not http or https",
                )
                return _Followed(tuple(hops), (problem,), None)
            current = without_credentials(str(following))
            if current in seen:
                problem = Problem(
                    ProblemKind.LOOP, Severity.ERROR, f"redirect loop: back to {current}"
                )
                return _Followed(tuple(hops), (problem,), None)
            if len(hops) > self.options.max_redirects:
                problem = Problem(
                    ProblemKind.TOO_MANY_REDIRECTS,
                    Severity.ERROR,
                    f"more than {self.options.max_redirects} redirects",
                )
                return _Followed(tuple(hops), (problem,), None)
            seen.add(current)

    async def _ask(self, url: str, auth: tuple[str, str] | None) -> tuple[Hop, str | None]:
        """One hop: HEAD, or GET when HEAD is refused; one retry after a short Retry-After."""
        method = "HEAD"
        retried = False
        while True:
            status, server_reason, location, retry_after, ms = await self._send(method, url, auth)
            if method == "HEAD" and status in HEAD_REFUSED:
                method = "GET"
                continue
            wait = retry_delay(retry_after) if status in RETRIED and not retried else None
            if wait is not None and wait <= self.options.retry_cap:
                retried = True
                await asyncio.sleep(wait)
                continue
            known = self._registry.lookup(status)
            reason = known.phrase if known is not None and known.phrase else server_reason
            shown = None if location is None else without_credentials(location)
            if shown is not None and len(shown) > LOCATION_SHOWN:
                shown = shown[:LOCATION_SHOWN] + "..."
            return Hop(method, url, status, reason, server_reason, shown, ms), location

    async def _send(
        self, method: str, url: str, auth: tuple[str, str] | None
    ) -> tuple[int, str, str | None, str | None, float]:
        """Status, reason, Location and Retry-After of one request, and its time to headers
        in ms. A GET's body is never read: closing the response drops its connection."""
        request = self._client.build_request(method, url)
        async with self._hosts.hold(url):
            began = time.perf_counter()
            response = await self._client.send(
                request, auth=auth if auth is not None else httpx.USE_CLIENT_DEFAULT, stream=True
            )
            ms = (time.perf_counter() - began) * 1000
            if method == "HEAD":
                # No body to read: reading its end keeps the connection for the next request.
                await response.aread()
            await response.aclose()
        headers = response.headers
        return (
            response.status_code,
            response.reason_phrase,
            headers.get("location"),
            headers.get("retry-after"),
            ms,
        )


def _take(targets: Iterator[Target], count: int) -> list[Target]:
    return list(islice(targets, count))


async def check_all(
    targets: Iterable[Target], registry: Registry, options: CheckOptions = DEFAULT_OPTIONS
) -> AsyncIterator[CheckResult]:
    """Every target's result, in input order, as soon as it and those before it are done.

    Input is read in batches on a thread (a slow pipe never stalls the requests in flight),
    and at most a window of results waits for a slow one ahead of it: memory stays the same
    for any number of targets.
    """
    window = max(64, options.concurrency * 8)
    source = iter(targets)
    pending: deque[asyncio.Task[CheckResult]] = deque()
    async with Checker(registry, options) as checker:
        try:
            more = True
            while True:
                if more and len(pending) < window // 2:
                    wanted = window - len(pending)
                    batch = await asyncio.to_thread(_take, source, wanted)
                    more = len(batch) == wanted
                    pending.extend(asyncio.create_task(checker.check(t)) for t in batch)
                if not pending:
                    return
                yield await pending.popleft()
        finally:
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
