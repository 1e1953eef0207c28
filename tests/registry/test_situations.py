"""The situations and the decision guide: the shipped data is complete, and broken data is
reported naming the file, the entry and the field."""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from http_status_browser.registry import Registry, RegistryError
from http_status_browser.registry.guide import GUIDE_PATH, builtin_guide, parse_guide
from http_status_browser.registry.loader import load_registry_file
from http_status_browser.registry.situations import (
    SITUATIONS_PATH,
    parse_situations,
)

AREAS = {
    "auth",
    "input",
    "resources",
    "concurrency",
    "redirects",
    "caching",
    "uploads",
    "limits",
    "async",
    "upstream",
    "availability",
    "negotiation",
    "legal",
    "webdav",
}


@pytest.fixture(scope="module")
def situations_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(SITUATIONS_PATH).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def guide_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(GUIDE_PATH).read_text(encoding="utf-8"))
    return data


def codes(registry: Registry) -> set[int]:
    return {s.code for s in registry.statuses}


def test_at_least_80_situations_in_every_area(registry: Registry) -> None:
    book = registry.situations
    assert len(book) >= 80
    counts = Counter(s.area for s in book)
    assert set(counts) == AREAS == {a.id for a in book.areas}
    assert all(count >= 3 for count in counts.values()), counts


def test_every_situation_is_complete(registry: Registry) -> None:
    for situation in registry.situations:
        assert situation.phrasings, situation.id
        assert situation.mistakes, situation.id
        assert situation.why.endswith("."), situation.id
        assert situation.reference, situation.id
        for code in situation.codes:
            assert registry.lookup(code) is not None, situation.id


@pytest.mark.parametrize(
    ("situation_id", "code", "alternatives"),
    [
        ("missing-credentials", 401, {403}),
        ("forbidden-role", 403, {404}),
        ("hide-existence", 404, {403}),
        ("duplicate-record", 409, {422}),
        ("if-match-failed", 412, {409}),
        ("precondition-required", 428, {412}),
        ("well-formed-invalid", 422, {400}),
        ("upload-too-large", 413, set()),
        ("after-post", 303, {302}),
        ("permanent-keep-method", 308, {301}),
        ("rate-limited", 429, {503}),
        ("upstream-timeout", 504, {502}),
        ("accepted-for-later", 202, {201}),
        ("legal-block", 451, {403}),
        ("geo-licensing", 403, {451}),
        ("gdpr-erased", 404, {410}),
        ("quota-exceeded", 403, {507}),
        ("idempotency-key-reuse", 422, {400, 409}),
        ("unknown-method", 501, {405}),
    ],
)
def test_key_situations_follow_the_rfcs(
    registry: Registry, situation_id: str, code: int, alternatives: set[int]
) -> None:
    situation = registry.situations.get(situation_id)
    assert situation is not None
    assert situation.code == code
    assert alternatives <= {a.code for a in situation.alternatives}


def test_an_alternative_is_a_case_where_it_is_right(registry: Registry) -> None:
    # "Never: ..." is a mistake to list, not an alternative to offer.
    for situation in registry.situations:
        for alternative in situation.alternatives:
            assert not alternative.when.startswith("Never:"), situation.id


def test_401_asks_for_www_authenticate(registry: Registry) -> None:
    situation = registry.situations.get("missing-credentials")
    assert situation is not None
    assert "WWW-Authenticate" in situation.why


def test_answered_by_lists_the_situations_of_a_code(registry: Registry) -> None:
    titles = [s.id for s in registry.situations.answered_by(409)]
    assert "duplicate-record" in titles
    assert "edit-conflict" in titles


def test_the_shipped_file_round_trips_byte_for_byte(situations_data: dict[str, Any]) -> None:
    text = json.dumps(situations_data, indent=1, ensure_ascii=False) + "\n"
    assert text == Path(SITUATIONS_PATH).read_text(encoding="utf-8")


def _broken(data: dict[str, Any], registry: Registry) -> RegistryError:
    with pytest.raises(RegistryError) as raised:
        parse_situations(json.dumps(data), "situations.json", codes(registry))
    return raised.value


@pytest.mark.parametrize(
    ("change", "where", "problem"),
    [
        (lambda s: s.update(code=299), "field 'code'", "no status code 299"),
        (lambda s: s["alternatives"][0].update(code=1), "alternatives[0], field 'code'", "no"),
        (lambda s: s.update(area="space"), "field 'area'", "unknown area 'space'"),
        (lambda s: s.pop("title"), "", "missing field 'title'"),
        (lambda s: s.update(why=""), "field 'why'", "non-empty text"),
        (lambda s: s.update(phrasings="token"), "field 'phrasings'", "list"),
        (lambda s: s.update(colour="red"), "", "unknown field 'colour'"),
        (lambda s: s["alternatives"].append({"code": 401, "when": "x"}), "", "repeats"),
    ],
)
def test_broken_situation_names_file_entry_and_field(
    registry: Registry,
    situations_data: dict[str, Any],
    change: Any,
    where: str,
    problem: str,
) -> None:
    data = copy.deepcopy(situations_data)
    change(data["situations"][0])
    error = _broken(data, registry)
    assert error.file == "situations.json"
    assert error.where.startswith("situations[0] (missing-credentials)")
    assert where in error.where
    assert problem in error.problem


def test_duplicate_situation_id(registry: Registry, situations_data: dict[str, Any]) -> None:
    data = copy.deepcopy(situations_data)
    data["situations"].append(copy.deepcopy(data["situations"][0]))
    error = _broken(data, registry)
    assert "duplicate id 'missing-credentials'" in str(error)


def test_not_json_names_line_and_column(registry: Registry) -> None:
    with pytest.raises(RegistryError, match=r"situations.json: line 1, column \d+"):
        parse_situations("{", "situations.json", codes(registry))


def test_the_guide_ends_at_codes_and_covers_the_common_ones(registry: Registry) -> None:
    guide = builtin_guide(registry)
    assert {200, 201, 202, 204, 301, 308, 400, 401, 403, 404, 409, 412, 422, 500} <= guide.ends()
    assert guide.question(guide.start).text == "Did the request succeed?"


def _walk(registry: Registry, labels: tuple[str, ...]) -> int | None:
    """The code the guide ends at after answering `labels` in turn."""
    guide = builtin_guide(registry)
    question = guide.question(guide.start)
    for number, label in enumerate(labels):
        answer = next(a for a in question.answers if a.label == label)
        if answer.code is not None:
            assert number == len(labels) - 1, labels
            return answer.code
        assert answer.next is not None
        question = guide.question(answer.next)
    return None


FAILED = ("No, something went wrong", "The request's")
ALLOWED = (*FAILED, "No", "No", "Yes", "Yes")
ACCEPTABLE = (*ALLOWED, "Yes", "Yes", "Yes, or I will send my default format anyway")
# Preconditions come before the body is read (RFC 9110 Section 13.2.1).
READABLE = (*ACCEPTABLE, "No, and none is needed")
SERVER = ("No, something went wrong", "The server's, or a service behind it")
REDIRECT = ("Yes", "The client should go to another URL")


@pytest.mark.parametrize(
    ("labels", "code"),
    [
        (("Yes", "Data or the result of an action"), 200),
        (("Yes", "A new resource, created now"), 201),
        (("Yes", "Work accepted, to be done later"), 202),
        (("Yes", "Done, nothing to send back"), 204),
        ((*REDIRECT, "Yes", "No, only GET and HEAD matter"), 301),
        ((*REDIRECT, "Yes", "Yes"), 308),
        ((*REDIRECT, "No, temporary", "Yes"), 303),
        ((*REDIRECT, "No, temporary", "No", "Yes"), 307),
        ((*REDIRECT, "No, temporary", "No", "No, it is a GET"), 302),
        ((*FAILED, "Yes"), 429),
        ((*FAILED, "No", "The body is"), 413),
        ((*FAILED, "No", "The URL is"), 414),
        ((*FAILED, "No", "The headers are"), 431),
        ((*FAILED, "No", "No", "No, or the credentials are invalid or expired"), 401),
        ((*FAILED, "No", "No", "Yes", "No", "Yes"), 403),
        ((*FAILED, "No", "No", "Yes", "No", "No, hide it"), 404),
        ((*ALLOWED, "No", "Yes, and clients may forget it"), 410),
        ((*ALLOWED, "Yes", "No, but other methods work here"), 405),
        ((*SERVER, "The server does not implement the method, for any resource"), 501),
        ((*ALLOWED, "Yes", "Yes", "No, and the client insists"), 406),
        ((*READABLE, "No, it is in a media type you do not accept"), 415),
        ((*READABLE, "No, it does not parse"), 400),
        ((*READABLE, "Yes", "No"), 422),
        ((*ACCEPTABLE, "Yes, and it failed"), 412),
        ((*ACCEPTABLE, "No, and you require one"), 428),
        ((*ACCEPTABLE, "Yes, and it holds", "Yes", "Yes", "Yes"), 409),
        ((*READABLE, "Yes", "Yes", "Yes"), 409),
        (
            (
                "No, something went wrong",
                "The server's, or a service behind it",
                "Down for maintenance or overloaded",
            ),
            503,
        ),
        (
            (
                "No, something went wrong",
                "The server's, or a service behind it",
                "A service behind it did not answer in time",
            ),
            504,
        ),
    ],
)
def test_the_guide_tells_close_codes_apart(
    registry: Registry, labels: tuple[str, ...], code: int
) -> None:
    assert _walk(registry, labels) == code


def _broken_guide(data: dict[str, Any], registry: Registry) -> RegistryError:
    with pytest.raises(RegistryError) as raised:
        parse_guide(json.dumps(data), "guide.json", codes(registry))
    return raised.value


def test_guide_branch_to_nowhere(registry: Registry, guide_data: dict[str, Any]) -> None:
    data = copy.deepcopy(guide_data)
    data["questions"][0]["answers"][0]["next"] = "nowhere"
    error = _broken_guide(data, registry)
    assert error.where == "questions[0] (succeeded), answers[0], field 'next'"
    assert "no question 'nowhere'" in error.problem


def test_guide_loop_is_reported(registry: Registry, guide_data: dict[str, Any]) -> None:
    data = copy.deepcopy(guide_data)
    exists = next(q for q in data["questions"] if q["id"] == "exists")
    exists["answers"][0]["next"] = "authenticated"
    error = _broken_guide(data, registry)
    assert "loops: authenticated -> allowed -> exists -> authenticated" in error.problem


def test_guide_answer_needs_next_or_code(registry: Registry, guide_data: dict[str, Any]) -> None:
    data = copy.deepcopy(guide_data)
    data["questions"][0]["answers"][0]["code"] = 200
    error = _broken_guide(data, registry)
    assert "either 'next'" in error.problem


def test_guide_unknown_code_and_unreachable_question(
    registry: Registry, guide_data: dict[str, Any]
) -> None:
    data = copy.deepcopy(guide_data)
    data["questions"][1]["answers"][0]["code"] = 299
    assert "no status code 299" in str(_broken_guide(data, registry))
    data = copy.deepcopy(guide_data)
    data["questions"].append(
        {"id": "orphan", "text": "?", "answers": [{"label": "a", "code": 200, "reason": "r"}] * 2}
    )
    assert "cannot be reached" in str(_broken_guide(data, registry))


def test_another_registry_keeps_only_situations_it_has_codes_for(
    registry_data: dict[str, Any], write_registry: Any
) -> None:
    registry_data["statuses"] = [s for s in registry_data["statuses"] if s["code"] != 409]
    for status in registry_data["statuses"]:
        status["related"] = [r for r in status.get("related", []) if r["code"] != 409]
    smaller = load_registry_file(write_registry(registry_data))
    book = smaller.situations
    assert book.get("duplicate-record") is None
    assert all(409 not in s.codes for s in book)
    assert smaller.search("validation failed")[0].status.code == 422


def _questions_on_the_way(registry: Registry, code: int) -> list[str]:
    """The ids of the questions asked before the guide ends at `code` (first path found)."""
    guide = builtin_guide(registry)
    stack: list[tuple[str, list[str]]] = [(guide.start, [])]
    while stack:
        question_id, seen = stack.pop()
        question = guide.question(question_id)
        for answer in question.answers:
            if answer.code == code:
                return [*seen, question_id]
            if answer.next is not None and answer.next not in seen:
                stack.append((answer.next, [*seen, question_id]))
    return []


def test_the_guide_asks_about_preconditions_before_the_body(registry: Registry) -> None:
    # RFC 9110 Section 13.2.1: preconditions are evaluated after the usual request checks
    # and just before the request content is processed.
    for code in (400, 415, 422):
        asked = _questions_on_the_way(registry, code)
        if "precondition" in asked:
            assert asked.index("precondition") < asked.index("parsable"), code
    assert "parsable" not in _questions_on_the_way(registry, 412)
    assert "valid" not in _questions_on_the_way(registry, 428)


def test_the_guide_offers_501_only_as_the_server_s_limit(registry: Registry) -> None:
    # RFC 9110 Section 15.6.2: 501 is a server error, not a fault of the request.
    asked = _questions_on_the_way(registry, 501)
    assert asked[-1] == "server-side"
    assert "method" not in asked


# ---- What the big API guidelines and public APIs do (issue 25)

PRACTICE = {"source": "google", "code": 400, "note": "x", "reference": "AIP-193"}


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({**PRACTICE, "source": "acme"}, "expected one of google, azure, zalando"),
        ({**PRACTICE, "code": 299}, "no status code 299"),
        ({**PRACTICE, "note": ""}, "non-empty text"),
        ({k: v for k, v in PRACTICE.items() if k != "reference"}, "missing field 'reference'"),
        ({**PRACTICE, "colour": "red"}, "unknown field 'colour'"),
    ],
)
def test_broken_practice_names_its_entry(
    registry: Registry, situations_data: dict[str, Any], entry: dict[str, Any], problem: str
) -> None:
    data = copy.deepcopy(situations_data)
    data["situations"][0]["practice"] = [entry]
    error = _broken(data, registry)
    assert error.where.startswith("situations[0] (missing-credentials), practice[0]")
    assert problem in error.problem


def test_a_source_s_code_is_listed_once(
    registry: Registry, situations_data: dict[str, Any]
) -> None:
    data = copy.deepcopy(situations_data)
    data["situations"][0]["practice"] = [PRACTICE, PRACTICE]
    assert "listed twice" in _broken(data, registry).problem


def test_at_least_30_situations_say_what_the_guidelines_do(registry: Registry) -> None:
    book = registry.situations
    with_practice = [s for s in book if s.practice]
    assert len(with_practice) >= 30
    sources = {p.source for s in with_practice for p in s.practice}
    assert {"google", "azure", "zalando", "github", "stripe"} <= sources
    for situation in with_practice:
        for practice in situation.practice:
            assert practice.reference.strip(), situation.id
            assert practice.note.endswith("."), (situation.id, practice.note)


@pytest.mark.parametrize(
    ("situation_id", "source", "code"),
    [
        # The findings: 400 for validation, FAILED_PRECONDITION as 400, soft-deleted
        # resources returned on Get, DELETE of a missing resource and the finished job.
        ("well-formed-invalid", "google", 400),
        ("well-formed-invalid", "azure", 400),
        ("well-formed-invalid", "zalando", 400),
        ("state-conflict", "google", 400),
        ("soft-deleted", "google", 200),
        ("deleted", "azure", 204),
        ("job-finished", "azure", 200),
    ],
)
def test_the_guidelines_answers_are_recorded(
    registry: Registry, situation_id: str, source: str, code: int
) -> None:
    situation = registry.situations.get(situation_id)
    assert situation is not None
    assert (source, code) in {(p.source, p.code) for p in situation.practice}


def test_a_documented_convention_is_not_called_a_mistake(registry: Registry) -> None:
    soft_deleted = registry.situations.get("soft-deleted")
    assert soft_deleted is not None
    assert soft_deleted.convention
    assert not any("200 and a deleted flag" in m for m in soft_deleted.mistakes)
    for situation in registry.situations:
        for practice in situation.practice:
            if practice.code != situation.code and practice.guideline:
                # A guideline's different answer is shown, never listed as a mistake.
                assert not any(
                    f"Answering {practice.code} " in m and "is a mistake" in m
                    for m in situation.mistakes
                )
