"""Search ranking (a table of queries) and robustness against any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.registry import Registry
from app.registry.search import MatchKind, compact, edit_distance, words


def _codes(registry: Registry, text: str) -> list[int]:
    return [m.status.code for m in registry.search(text)]


@pytest.mark.parametrize(
    ("query", "first", "kind"),
    [
        ("404", 404, MatchKind.CODE),
        (" 404 ", 404, MatchKind.CODE),
        ("40", 400, MatchKind.CODE_PREFIX),
        ("40x", 400, MatchKind.CODE_PREFIX),
        ("4xx", 400, MatchKind.CATEGORY),
        ("4XX", 400, MatchKind.CATEGORY),
        ("not found", 404, MatchKind.PHRASE),
        ("found not", 404, MatchKind.PHRASE),
        ("NOT FOUND", 404, MatchKind.PHRASE),
        ("gateway timeout", 504, MatchKind.PHRASE),
        ("gateway tim", 504, MatchKind.PHRASE),
        ("content too large", 413, MatchKind.PHRASE),
        ("payload too large", 413, MatchKind.ALIAS),
        ("request entity too large", 413, MatchKind.ALIAS),
        ("unprocessable entity", 422, MatchKind.ALIAS),
        ("teapot", 418, MatchKind.ALIAS),
        ("I'm a teapot", 418, MatchKind.ALIAS),
        ("moved temporarily", 302, MatchKind.ALIAS),
        ("StatusTooManyRequests", 429, MatchKind.IDENTIFIER),
        ("http.StatusNotFound", 404, MatchKind.IDENTIFIER),
        ("HTTP_404_NOT_FOUND", 404, MatchKind.IDENTIFIER),
        (":not_found", 404, MatchKind.PHRASE),
        ("notFound", 404, MatchKind.IDENTIFIER),
        ("Status404NotFound", 404, MatchKind.IDENTIFIER),
        ("unathorized", 401, MatchKind.TYPO),
        ("gatway timeout", 504, MatchKind.TYPO),
        ("forbiden", 403, MatchKind.TYPO),
    ],
)
def test_ranking(registry: Registry, query: str, first: int, kind: MatchKind) -> None:
    matches = registry.search(query)
    assert matches, query
    assert (matches[0].status.code, matches[0].kind) == (first, kind)


def test_equal_prefix_matches_tie_in_code_order(registry: Registry) -> None:
    assert _codes(registry, "gatew")[:2] == [502, 504]


def test_exact_code_comes_before_prefix_and_words(registry: Registry) -> None:
    kinds = [m.kind for m in registry.search("404")]
    assert kinds == sorted(kinds)
    assert kinds[0] is MatchKind.CODE


def test_class_lists_the_whole_class_in_code_order(registry: Registry) -> None:
    codes = _codes(registry, "5xx")
    assert codes == sorted(codes)
    assert {c // 100 for c in codes} == {5}
    assert len(codes) == len(registry.in_category("5xx"))


def test_prefix_lists_codes_starting_with_it(registry: Registry) -> None:
    codes = _codes(registry, "50")
    assert codes[:9] == [500, 501, 502, 503, 504, 505, 506, 507, 508]


def test_phrase_ranks_above_description(registry: Registry) -> None:
    matches = registry.search("timeout")
    phrase_codes = {m.status.code for m in matches if m.kind is MatchKind.PHRASE}
    assert {408, 504} <= phrase_codes
    assert matches[0].kind is MatchKind.PHRASE


def test_description_words_are_searched(registry: Registry) -> None:
    # A word of 429's description and headers, not of its phrase.
    matches = registry.search("retry-after")
    assert 429 in [m.status.code for m in matches]
    assert all(m.kind >= MatchKind.PHRASE for m in matches)


def test_ranking_is_deterministic(registry: Registry) -> None:
    assert _codes(registry, "not") == _codes(registry, "not")


@pytest.mark.parametrize(
    "query", ["", "   ", "\x00", "zzzzqqqq", "((((", ".*", "[a-", "\\", "🙂", "ÄÖÜ", "日本語"]
)
def test_odd_text_returns_a_list(registry: Registry, query: str) -> None:
    assert isinstance(registry.search(query), list)


def test_very_long_text(registry: Registry) -> None:
    assert registry.search("a" * 100_000) == []
    assert isinstance(registry.search("not found " * 10_000), list)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_search_never_raises(registry: Registry, text: str) -> None:
    results = registry.search(text)
    assert all(m.status in registry.statuses for m in results)


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("gatway", "gateway", 1), ("unathorized", "unauthorized", 1), ("ab", "ba", 1), ("", "", 0)],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b, 2) == distance


def test_edit_distance_stops_at_the_limit() -> None:
    assert edit_distance("teapot", "gateway", 2) == 3


def test_words_and_compact() -> None:
    assert words("I'm a Teapot!") == ["im", "a", "teapot"]
    assert compact("HTTP_404_NOT_FOUND") == "http404notfound"
