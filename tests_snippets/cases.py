"""What each rendered snippet must do on the wire, worked out from the registry alone."""

from __future__ import annotations

import re
from typing import NamedTuple

from http_status_browser.registry.snippets import (
    render_snippet,
    sent_headers,
    snippet_template,
    template_kind,
)
from http_status_browser.registry.values import Language, StatusCode, TemplateKind
from tests_snippets.wire import Exchange


class Case(NamedTuple):
    """One code's snippet in one language."""

    status: StatusCode
    language: Language
    snippet: str

    @property
    def code(self) -> int:
        return self.status.code

    @property
    def template(self) -> str:
        return snippet_template(self.status, self.language)

    @property
    def runs(self) -> bool:
        """Whether it has code at all; some only say why the framework cannot send the code."""
        return any(
            line.strip() and not line.lstrip().startswith(("#", "//"))
            for line in self.snippet.splitlines()
        )

    @property
    def kind(self) -> TemplateKind:
        return template_kind(self.status, self.language)


class Outcome(NamedTuple):
    language: str
    code: int
    check: str
    ok: bool
    detail: str = ""


def cases(statuses: tuple[StatusCode, ...], language: Language) -> list[Case]:
    return [Case(status, language, render_snippet(status, language)) for status in statuses]


def missing_headers(status: StatusCode, headers: dict[str, str]) -> list[str]:
    """The headers the code's requirements ask of the sender that a response lacks.

    They come from the registry (each rule's header and value), not from a list here.
    A Location may be made absolute by the server; Connection may carry close as well; Allow
    lists whatever methods the resource has.
    """
    problems = []
    for rule in sent_headers(status):
        found = headers.get(rule.header.lower())
        if found is None:
            problems.append(f"no {rule.header} header ({rule.level}, {rule.reference})")
            continue
        if rule.header.lower() == "allow":
            # The methods are the resource's; a framework may list them itself (DRF does).
            ok = bool(found) and all(part.strip().isalpha() for part in found.split(","))
        elif rule.header.lower() == "location":
            ok = found.endswith(rule.value)
        elif rule.header.lower() == "connection":
            ok = rule.value.lower() in [part.strip().lower() for part in found.split(",")]
        else:
            ok = found == rule.value
        if not ok:
            problems.append(f"{rule.header}: {found!r}, expected {rule.value!r}")
    return problems


def mentions_headers(case: Case) -> list[str]:
    """For frameworks that cannot run here: the snippet's code names each required header
    and its value (the API calls themselves are checked against the framework's table)."""
    code = "\n".join(
        line for line in case.snippet.splitlines() if not line.lstrip().startswith(("//", "#"))
    )
    return [
        f"no {rule.header}: {rule.value} in the snippet ({rule.level}, {rule.reference})"
        for rule in sent_headers(case.status)
        if rule.value not in code or rule.header.lower() not in code.lower()
    ]


_BYTE_RANGE = re.compile(r"bytes (\d+)-(\d+)/(?:\d+|\*)")


def judge_server(case: Case, seen: Exchange, *, head_only: bool = False) -> list[str]:
    """What is wrong with a server snippet's answer; empty when it did what it says.

    `head_only`: the snippet is a message head (the status line), whose content is not shown.
    """
    problems: list[str] = []
    code = case.code
    final = seen.final
    if code == 101:
        if final.status != 101:
            problems.append(f"final status {final.status}, expected 101")
        else:
            problems += missing_headers(case.status, final.headers)
        return problems
    if code < 200:
        codes = [head.status for head in seen.interim]
        if code not in codes:
            problems.append(f"no interim {code} before the final response (interim: {codes})")
        if final.status < 200 or final.status >= 300:
            problems.append(f"final status {final.status}, expected a 2xx after the interim")
        if code == 103 and "link" in case.template.lower():
            hints = [h for h in seen.interim if h.status == 103 and "link" in h.headers]
            if not hints:
                problems.append("103 without its Link header")
        return problems
    if final.status != code:
        problems.append(f"status {final.status} on the wire, expected {code}")
    problems += missing_headers(case.status, final.headers)
    byte_range = _BYTE_RANGE.fullmatch(final.headers.get("content-range", ""))
    if code == 206 and byte_range and not head_only:
        # The content must be exactly the range that Content-Range names.
        span = int(byte_range[2]) - int(byte_range[1]) + 1
        if len(seen.body) != span:
            problems.append(f"Content-Range names {span} bytes, the content has {len(seen.body)}")
    if case.kind is TemplateKind.REDIRECT:
        # The Location must be the path the snippet names (a server may make it absolute).
        named = set(re.findall(r"[\"'](/[\w/.-]*)[\"']", case.snippet))
        named |= set(re.findall(r"^Location: (/\S*)$", case.snippet, re.MULTILINE))
        location = final.headers.get("location", "")
        if not any(location.endswith(path) for path in named):
            problems.append(f"Location {location!r}, expected one of {sorted(named)}")
    if code in (204, 304) and seen.raw_body:
        problems.append(f"{code} carried {len(seen.raw_body)} bytes after its head")
    if code == 205 and seen.body:
        problems.append(f"205 carried content: {seen.body[:40]!r}")
    return problems
