"""Ranked search over status codes, shared by the command line and the window.

Ranking, best first: exact code, code prefix ("40", "40x"), class ("4xx"), phrase words,
aliases, framework identifiers, summary and description words, typo-tolerant matches.
Any text returns a list and never raises.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the Registry builds this index: a runtime import would run in a circle
    from app.registry.model import StatusCode

# Longer text cannot match better than its start: no phrase or description is this long
# in words, and the cap keeps a pasted page from costing more than a keystroke.
MAX_QUERY_CHARS = 256
MAX_TOKENS = 12
# Below this length a token matches description words only whole: "g" is the start of a
# search for "gateway", not a request for every code whose text has a word starting with g.
MIN_TEXT_PREFIX = 3
_WORD = re.compile(r"[^\W_]+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_CODE_PATTERN = re.compile(r"[1-9][0-9x]{0,2}")


class MatchKind(IntEnum):
    """Why an entry matched; lower is a better match."""

    CODE = 0
    CODE_PREFIX = 1
    CATEGORY = 2
    PHRASE = 3
    ALIAS = 4
    IDENTIFIER = 5
    TEXT = 6
    TYPO = 7


_Offer = Callable[[Iterable[int], MatchKind, int], None]


class Match(NamedTuple):
    status: StatusCode
    kind: MatchKind
    score: int


def words(text: str) -> list[str]:
    """Lower-case words of a text; the apostrophe in "I'm" does not split a word."""
    return _WORD.findall(text.replace("'", "").replace("\u2019", "").casefold())


def compact(text: str) -> str:
    """An identifier reduced to letters and digits: HTTP_404_NOT_FOUND -> http404notfound."""
    return _NOT_ALNUM.sub("", text.casefold())


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, or limit + 1 once it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class _WordIndex:
    """Words to the entries that contain them, with prefix look-up."""

    def __init__(self, entry_words: Sequence[Iterable[str]]) -> None:
        postings: dict[str, set[int]] = {}
        for position, entry in enumerate(entry_words):
            for word in entry:
                postings.setdefault(word, set()).add(position)
        self.postings = {word: frozenset(found) for word, found in postings.items()}
        self.sorted_words = sorted(self.postings)
        self.prefix_matches = lru_cache(maxsize=4096)(self._prefix_matches)

    def _prefix_matches(self, token: str) -> tuple[frozenset[int], frozenset[int]]:
        """Entries with `token` as a whole word, and entries with a word starting with it."""
        exact = self.postings.get(token, frozenset())
        start = bisect_left(self.sorted_words, token)
        found: set[int] = set()
        for word in self.sorted_words[start:]:
            if not word.startswith(token):
                break
            found |= self.postings[word]
        return exact, frozenset(found)

    def close_words(self, token: str) -> list[tuple[str, int]]:
        limit = 1 if len(token) <= 5 else 2
        close = []
        for word in self.sorted_words:
            if abs(len(word) - len(token)) <= limit and word[:1].isalpha():
                distance = edit_distance(token, word, limit)
                if distance <= limit:
                    close.append((word, distance))
        return close


class SearchIndex:
    """Search structures for one registry, built once.

    `expressions` maps a language id to how its constants are written ("http.{name}"), so that
    a pasted "http.StatusNotFound" is found as well as the bare "StatusNotFound".
    """

    def __init__(
        self, statuses: Sequence[StatusCode], expressions: Mapping[str, str] | None = None
    ) -> None:
        self.statuses = tuple(statuses)
        expressions = expressions or {}
        phrase_words: list[set[str]] = []
        alias_words: list[set[str]] = []
        text_words: list[set[str]] = []
        identifiers: list[set[str]] = []
        for status in self.statuses:
            phrase = {str(status.code), *words(status.phrase)}
            aliases = phrase.union(*(words(alias) for alias in status.aliases))
            text = aliases.union(
                words(status.summary),
                *(words(paragraph) for paragraph in status.description),
                *(words(header.name) for header in status.headers),
                words(status.defined_by),
                *(words(f"{note.text} {note.source}") for note in status.notes),
            )
            phrase_words.append(phrase)
            alias_words.append(aliases)
            text_words.append(text)
            names = set()
            for language, name in status.constants.items():
                names.add(compact(name))
                names.add(compact(expressions.get(language, "{name}").replace("{name}", name)))
            identifiers.append(names)
        self._phrase = _WordIndex(phrase_words)
        self._alias = _WordIndex(alias_words)
        self._text = _WordIndex(text_words)
        self._identifiers = _WordIndex(identifiers)
        self._typos = lru_cache(maxsize=1024)(self._typo_matches)

    def search(self, text: str) -> list[Match]:
        """Entries matching `text`, best first; an empty list for blank text."""
        query = text[:MAX_QUERY_CHARS].strip().casefold()
        if not query:
            return []
        best: dict[int, tuple[MatchKind, int]] = {}

        def offer(found: Iterable[int], kind: MatchKind, score: int) -> None:
            for position in found:
                if position not in best or (kind, score) < best[position]:
                    best[position] = (kind, score)

        if self._match_code(query, offer):
            # "404", "40x", "4xx" ask for codes: descriptions that mention the number are noise.
            return self._ranked(best)
        tokens = words(query)[:MAX_TOKENS]
        if tokens:
            for index, kind, min_prefix in (
                (self._phrase, MatchKind.PHRASE, 1),
                (self._alias, MatchKind.ALIAS, 1),
                (self._text, MatchKind.TEXT, MIN_TEXT_PREFIX),
            ):
                for position, score in self._all_tokens(index, tokens, min_prefix).items():
                    offer((position,), kind, score)
        identifier = compact(query)
        if identifier and not identifier.isdigit():
            exact, prefixed = self._identifiers.prefix_matches(identifier)
            offer(exact, MatchKind.IDENTIFIER, 0)
            if len(identifier) >= 4:
                offer(prefixed, MatchKind.IDENTIFIER, 1)
        if tokens and not best:
            for position, score in self._typos(tuple(tokens)).items():
                offer((position,), MatchKind.TYPO, score)
        return self._ranked(best)

    def _ranked(self, best: dict[int, tuple[MatchKind, int]]) -> list[Match]:
        ranked = sorted(best.items(), key=lambda item: (item[1], item[0]))
        return [Match(self.statuses[position], kind, score) for position, (kind, score) in ranked]

    def _match_code(self, query: str, offer: _Offer) -> bool:
        """Offer code, prefix or class matches; True when the query is such a pattern."""
        pattern = query.replace(" ", "")
        if not _CODE_PATTERN.fullmatch(pattern):
            return False
        if pattern.isdigit() and len(pattern) == 3:
            offer(self._positions(lambda code: str(code) == pattern), MatchKind.CODE, 0)
            return True
        if len(pattern) == 3 and pattern.endswith("xx"):
            offer(self._positions(lambda code: str(code)[0] == pattern[0]), MatchKind.CATEGORY, 0)
            return True
        stem = pattern.split("x", 1)[0]
        if pattern[len(stem) :].strip("x"):  # "4x0": digits after a wildcard
            return False
        offer(self._positions(lambda code: str(code).startswith(stem)), MatchKind.CODE_PREFIX, 0)
        return True

    def _positions(self, wanted: Callable[[int], bool]) -> list[int]:
        return [i for i, status in enumerate(self.statuses) if wanted(status.code)]

    @staticmethod
    def _all_tokens(index: _WordIndex, tokens: Sequence[str], min_prefix: int) -> dict[int, int]:
        """Entries that contain every token as a word or word prefix; score = prefix-only count."""
        scores: dict[int, int] | None = None
        for token in tokens:
            exact, prefixed = index.prefix_matches(token)
            if len(token) < min_prefix:
                prefixed = exact
            if not prefixed:
                return {}
            if scores is None:
                scores = {position: 0 if position in exact else 1 for position in prefixed}
            else:
                scores = {
                    position: score + (0 if position in exact else 1)
                    for position, score in scores.items()
                    if position in prefixed
                }
            if not scores:
                return {}
        return scores or {}

    def _typo_matches(self, tokens: tuple[str, ...]) -> dict[int, int]:
        """Entries whose phrase or aliases hold every token, allowing small misspellings."""
        scores: dict[int, int] | None = None
        for token in tokens:
            found: dict[int, int] = {}
            _, prefixed = self._alias.prefix_matches(token)
            for position in prefixed:
                found[position] = 0
            if len(token) >= 4:
                for word, distance in self._alias.close_words(token):
                    for position in self._alias.postings[word]:
                        found[position] = min(found.get(position, distance), distance)
            if scores is None:
                scores = found
            else:
                scores = {p: s + found[p] for p, s in scores.items() if p in found}
            if not scores:
                return {}
        return {p: s for p, s in (scores or {}).items() if s > 0}
