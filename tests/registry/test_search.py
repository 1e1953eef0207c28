"""Search ranking (a table of queries) and robustness against any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from http_status_browser.registry import Registry
from http_status_browser.registry.search import MatchKind
from http_status_browser.registry.words import compact, edit_distance, words


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


# Plain questions as a new user types them: the first code, and codes that must follow it.
QUESTIONS = [
    ("which code when the token is missing", 401, ()),
    ("what should I return when the email is taken", 409, ()),
    ("a record that exists already", 409, ()),
    ("the user is logged in but does not have the right role", 403, ()),
    ("user without the right role", 403, ()),
    ("upload over the limit", 413, ()),
    ("the file upload is too big", 413, ()),
    ("payload is well-formed but breaks the rules", 422, (400,)),
    ("the payload failed validation", 422, (400,)),
    ("the json body does not parse", 400, ()),
    ("the upstream timed out", 504, (502,)),
    ("backend returned garbage", 502, ()),
    ("the jwt expired", 401, ()),
    ("hide that a private record exists", 404, (403,)),
    ("someone else changed it before me", 409, (412,)),
    ("etag mismatch on update", 412, ()),
    ("require if-match before updates", 428, ()),
    ("redirect after a form post", 303, ()),
    ("the page moved permanently to a new url", 301, (308,)),
    ("keep the method on a permanent redirect", 308, ()),
    ("too many requests from one client", 429, ()),
    ("the monthly quota is used up", 429, ()),
    ("job queued for background processing", 202, ()),
    ("database is down", 503, ()),
    ("we are down for maintenance", 503, ()),
    ("the client asks for xml and we only have json", 406, ()),
    ("wrong content type sent", 415, ()),
    ("blocked by a court order", 451, ()),
    ("the resource is locked by another user", 423, ()),
    ("the deleted record is in the trash", 404, ()),
    ("delete succeeded", 204, ()),
    ("an empty search result", 200, ()),
    ("new record created", 201, ()),
]


@pytest.mark.parametrize(("question", "first", "then"), QUESTIONS)
def test_plain_questions(registry: Registry, question: str, first: int, then: tuple[int]) -> None:
    codes = _codes(registry, question)
    assert codes, question
    assert codes[0] == first, (question, codes[:5])
    for code in then:
        assert code in codes[1:4], (question, codes[:5])


@pytest.mark.parametrize(
    ("query", "pair"),
    [
        ("204 vs 200", (204, 200)),
        ("204 vs. 200", (204, 200)),
        ("moved or found", (301, 302)),
        ("502 or 504", (502, 504)),
        ("401 versus 403", (401, 403)),
        ("difference between 401 and 403?", (401, 403)),
        ("compare 301 with 308", (301, 308)),
        ("not found vs gone", (404, 410)),
        ("StatusBadGateway or StatusGatewayTimeout", (502, 504)),
    ],
)
def test_comparisons_return_both_codes(
    registry: Registry, query: str, pair: tuple[int, int]
) -> None:
    assert _codes(registry, query) == list(pair)
    found = registry.search_index.comparison(query)
    assert found is not None
    assert (found[0].code, found[1].code) == pair


@pytest.mark.parametrize(
    "query", ["not logged in or expired", "404 or 404", "4xx or 5xx", "token missing or invalid"]
)
def test_questions_with_or_are_not_comparisons(registry: Registry, query: str) -> None:
    assert registry.search_index.comparison(query) is None


def test_filler_words_alone_still_search(registry: Registry) -> None:
    assert _codes(registry, "use proxy")[0] == 305
    assert _codes(registry, "I'm a teapot")[0] == 418


def test_situation_tier_ranks_below_phrases_above_description(registry: Registry) -> None:
    kinds = [m.kind for m in registry.search("timeout")]
    assert kinds == sorted(kinds)
    assert MatchKind.PHRASE in kinds
    assert MatchKind.SITUATION in kinds


def test_official_code_ranks_above_unofficial_at_the_same_tier(registry: Registry) -> None:
    # 598 and 599 are informal "network timeout" codes; 408 and 504 are IANA timeouts.
    matches = registry.search("timeout")
    by_tier: dict[MatchKind, list[bool]] = {}
    for match in matches:
        by_tier.setdefault(match.kind, []).append(match.status.official)
    for tier, official in by_tier.items():
        scores = [m.score for m in matches if m.kind is tier]
        for i in range(len(official) - 1):
            if scores[i] == scores[i + 1]:
                assert official[i] >= official[i + 1], tier


def test_situations_search_ranks_the_best_phrasing_first(registry: Registry) -> None:
    found = registry.search_index.search_situations("email already taken")
    assert found[0].situation.id == "duplicate-record"
    assert found[0].score == 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_situation_search_takes_any_text(text: str) -> None:
    from http_status_browser.registry import builtin_registry

    index = builtin_registry().search_index
    found = index.search_situations(text)
    assert [m.score for m in found] == sorted(m.score for m in found)
    index.comparison(text)
    index.search(text + " vs " + text)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["which", "what", "the", "is", "when", "should", "I"]), st.integers(0, 3))
def test_filler_words_do_not_change_a_situation(word: str, where: int) -> None:
    from http_status_browser.registry import builtin_registry

    registry = builtin_registry()
    tokens = ["email", "already", "taken"]
    tokens.insert(where, word)
    assert registry.search(" ".join(tokens))[0].status.code == 409


def test_iana_code_first_even_when_a_vendor_number_is_lower(registry: Registry) -> None:
    from http_status_browser.registry.search import SearchIndex
    from http_status_browser.registry.values import Standing

    official = registry.lookup(504)
    assert official is not None
    vendor = official._replace(code=450, standing=Standing.UNOFFICIAL, defined_by="Vendor")
    index = SearchIndex([vendor, official], situations=registry.situations)
    matches = index.search("gateway timeout")
    assert [(m.status.code, m.kind) for m in matches] == [
        (504, MatchKind.PHRASE),
        (450, MatchKind.PHRASE),
    ]
    # Listings stay in code order.
    assert [m.status.code for m in index.search("4xx")] == [450]
    assert [m.status.code for m in index.search("4")] == [450]
