"""Ranked search over status codes, shared by the command line and the window.

Ranking, best first: exact code, code prefix ("40", "40x"), class ("4xx"), phrase words,
aliases, framework identifiers, situations ("the email is already taken"), summary and
description words, typo-tolerant matches; an official code before an unofficial one within a
tier. "A vs B" and "A or B" ask for a comparison and list both codes. Filler words ("which
code when ...") do not block a match. Any text returns a list and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from http_status_browser.registry.situations import Situation
from http_status_browser.registry.values import StatusCode
from http_status_browser.registry.words import (
    FILLER_WORDS,
    IndexState,
    WordIndex,
    compact,
    content_words,
    missing_allowed,
    stem,
    words,
)

if TYPE_CHECKING:
    # Built on first use, for questions that no phrasing holds (see _ranker).
    from http_status_browser.registry.asking import SituationRanker

# Longer text cannot match better than its start: no phrase or description is this long
# in words, and the cap keeps a pasted page from costing more than a keystroke.
MAX_QUERY_CHARS = 256
MAX_TOKENS = 12
# Below this length a token matches description words only whole: "g" is the start of a
# search for "gateway", not a request for every code whose text has a word starting with g.
MIN_TEXT_PREFIX = 3
_CODE_PATTERN = re.compile(r"[1-9][0-9x]{0,2}")
# "204 vs 200", "moved or found", "difference between 401 and 403", "compare 301 with 308".
_COMPARISON = re.compile(
    r"(?:(?:what is the )?difference between|compare)\s+(?P<a>.+?)\s+(?:and|with|to|vs\.?|or)\s+"
    r"(?P<b>.+?)[\s?]*|(?P<c>.+?)\s+(?:vs\.?|versus|or)\s+(?P<d>.+?)[\s?]*"
)
# Situations found by coverage rather than by a phrasing (registry/asking.py) score after every
# strict match; at most this many of the nearest are offered.
NEAREST_SCORE = 100
NEAREST_LIMIT = 10
# From this score on, a situation covers less than 60% of the question: a weak answer.
WEAK_SCORE = NEAREST_SCORE + 8


class MatchKind(IntEnum):
    """Why an entry matched; lower is a better match."""

    CODE = 0
    CODE_PREFIX = 1
    CATEGORY = 2
    PHRASE = 3
    ALIAS = 4
    IDENTIFIER = 5
    SITUATION = 6
    TEXT = 7
    TYPO = 8


_Offer = Callable[[Iterable[int], MatchKind, int], None]
_LISTINGS = frozenset({MatchKind.CODE_PREFIX, MatchKind.CATEGORY})


class Match(NamedTuple):
    status: StatusCode
    kind: MatchKind
    score: int


class SituationMatch(NamedTuple):
    situation: Situation
    score: int

    @property
    def weak(self) -> bool:
        """Found as one of the nearest, covering less than 60% of the question."""
        return self.score >= WEAK_SCORE


def _score(share: float) -> int:
    """The score of a situation that covers `share` (0 to 1) of a question no phrasing holds."""
    return NEAREST_SCORE + round(20 * (1 - share))


# SearchIndex's word indexes, in the order of its state().
WORD_INDEXES = (
    "_phrase",
    "_alias",
    "_text",
    "_identifiers",
    "_phrasing_words",
    "_situation_words",
)


class SearchIndex:
    """Search structures for one registry, built once.

    `expressions` maps a language id to how its constants are written ("http.{name}"), so that
    a pasted "http.StatusNotFound" is found as well as the bare "StatusNotFound". `state` is
    what state() returned for the same statuses, expressions and situations: the word indexes
    are then taken from it instead of being built (ValueError when it is not such a state).
    """

    def __init__(
        self,
        statuses: Sequence[StatusCode],
        expressions: Mapping[str, str] | None = None,
        situations: Iterable[Situation] = (),
        *,
        state: IndexState | None = None,
    ) -> None:
        self.statuses = tuple(statuses)
        self.situations = tuple(situations)
        # Official entries first for each code: a situation names a number, not a vendor.
        self._code_positions: dict[int, list[int]] = {}
        official_first = sorted(
            range(len(self.statuses)), key=lambda position: not self.statuses[position].official
        )
        for position in official_first:
            self._code_positions.setdefault(self.statuses[position].code, []).append(position)
        self._code_order = range(len(self.statuses))
        self._official_order = [0] * len(self.statuses)
        for order, position in enumerate(official_first):
            self._official_order[position] = order
        self._typos = lru_cache(maxsize=1024)(self._typo_matches)
        self._situation_ranker: SituationRanker | None = None
        if state is not None:
            self._restore(state)
        else:
            self._build(expressions or {})

    def state(self) -> IndexState:
        """The built word indexes as plain data, for SearchIndex(..., state=...)."""
        indexes = [getattr(self, name).state() for name in WORD_INDEXES]
        return indexes, self._phrasing_owner

    def _restore(self, state: IndexState) -> None:
        indexes, owners = state
        if len(indexes) != len(WORD_INDEXES) or not isinstance(owners, list):
            raise ValueError("not a search index state")
        for name, index in zip(WORD_INDEXES, indexes, strict=True):
            setattr(self, name, WordIndex.restored(index))
        self._phrasing_owner = owners
        if len(owners) != sum(1 + len(s.phrasings) for s in self.situations):
            raise ValueError("the search index state is for other situations")

    def _build(self, expressions: Mapping[str, str]) -> None:
        # Each entry's words go into the indexes as they are found, so that the build never
        # holds every entry's word sets at once (what the process keeps of its peak is its size).
        self._phrase, self._alias = WordIndex(), WordIndex()
        self._text, self._identifiers = WordIndex(), WordIndex()
        for position, status in enumerate(self.statuses):
            phrase = {str(status.code), *words(status.phrase)}
            aliases = phrase.union(*(words(alias) for alias in status.aliases))
            text = aliases.union(
                words(status.summary),
                *(words(paragraph) for paragraph in status.description),
                *(words(header.name) for header in status.headers),
                words(status.defined_by),
                *(words(f"{note.text} {note.source}") for note in status.notes),
            )
            self._phrase.add(position, phrase)
            self._alias.add(position, aliases)
            self._text.add(position, text)
            # Former, deprecated and newer names count too: old code and old docs use them.
            all_names = [
                *status.constants.items(),
                *(
                    (language, other.name)
                    for language, others in status.other_constants.items()
                    for other in others
                ),
            ]
            names = set()
            for language, name in all_names:
                names.add(compact(name))
                names.add(compact(expressions.get(language, "{name}").replace("{name}", name)))
            self._identifiers.add(position, names)
        # A situation is found by its title or one of its phrasings (each a text of its own),
        # or by their words together.
        self._phrasing_owner = []
        self._phrasing_words = WordIndex()
        self._situation_words = WordIndex()
        for position, situation in enumerate(self.situations):
            together: set[str] = set()
            for phrasing in (situation.title, *situation.phrasings):
                found = {stem(word) for word in words(phrasing) if word not in FILLER_WORDS}
                self._phrasing_words.add(len(self._phrasing_owner), found)
                self._phrasing_owner.append(position)
                together |= found
            self._situation_words.add(position, together)
        for name in WORD_INDEXES:
            getattr(self, name).done()

    def search(self, text: str) -> list[Match]:
        """Entries matching `text`, best first; an empty list for blank text."""
        pair = self.comparison(text)
        if pair is not None:
            return [Match(status, MatchKind.CODE, score) for score, status in enumerate(pair)]
        return self._search(text)

    def comparison(self, text: str) -> tuple[StatusCode, StatusCode] | None:
        """The two codes that "A vs B", "A or B" or "difference between A and B" names.

        Each side must name a code by number, phrase, alias or identifier, and the two must
        differ: "not logged in or expired" is a question, not a comparison.
        """
        found = _COMPARISON.fullmatch(text[:MAX_QUERY_CHARS].strip().casefold())
        if found is None:
            return None
        first, second = (
            (found["a"], found["b"]) if found["a"] is not None else (found["c"], found["d"])
        )
        left, right = self._named(first), self._named(second)
        if left is None or right is None or left.code == right.code:
            return None
        return left, right

    def _named(self, text: str) -> StatusCode | None:
        matches = self._search(text)
        if not matches or matches[0].kind > MatchKind.IDENTIFIER:
            return None
        if matches[0].kind in (MatchKind.CODE_PREFIX, MatchKind.CATEGORY):
            return None
        return matches[0].status

    def search_situations(self, text: str, *, nearest: bool = True) -> list[SituationMatch]:
        """The situations for a question, best first.

        A code number ("204", "which 204") gives the situations that recommend it, then those
        that offer it as an alternative. A question whose words a title or phrasing holds gets
        those (`strict_situations`); otherwise the situations that cover most of it
        (registry/asking.py), scored after every strict match: with `nearest`, the closest
        ones even when little is shared, never an empty list for a question with words.
        """
        code = self._asked_code(text)
        if code is not None:
            recommending = [SituationMatch(s, 0) for s in self.situations if s.code == code]
            offering = [
                SituationMatch(s, 4) for s in self.situations if s.code != code and code in s.codes
            ]
            return recommending + offering
        strict = self.strict_situations(text)
        if strict or not self.situations:
            return strict
        ranker = self._ranker()
        if nearest:
            ranked = ranker.nearest(text[:MAX_QUERY_CHARS], NEAREST_LIMIT)
        else:
            # The main list takes only situations that cover most of the question.
            found = ranker.coverage(text[:MAX_QUERY_CHARS])
            ranked = [item for item in found if _score(item[0]) < WEAK_SCORE]
        return [SituationMatch(self.situations[p], _score(share)) for share, p in ranked]

    def _asked_code(self, text: str) -> int | None:
        """The code a question names alone ("204", "which code is 204"), if it is one."""
        content = content_words(words(text[:MAX_QUERY_CHARS])[:MAX_TOKENS])
        if len(content) == 1 and content[0].isdecimal() and len(content[0]) == 3:
            code = int(content[0])
            if code in self._code_positions:
                return code
        return None

    def _ranker(self) -> SituationRanker:
        """Built on the first question no phrasing holds: from the situations and the texts
        of the codes they recommend (official entries)."""
        if self._situation_ranker is None:
            # Only questions that no phrasing holds need it (and the typing module it uses).
            from http_status_browser.registry.asking import SituationRanker  # noqa: PLC0415

            names, texts = {}, {}
            for code, positions in self._code_positions.items():
                status = self.statuses[positions[0]]
                names[code] = " ".join((status.phrase, *status.aliases))
                texts[code] = " ".join((status.summary, *status.description))
            self._situation_ranker = SituationRanker(
                self.situations, names, texts, words, FILLER_WORDS
            )
        return self._situation_ranker

    def strict_situations(self, text: str) -> list[SituationMatch]:
        """Situations whose title or phrasings hold the query's words, best first.

        Filler words are ignored, and with three words or more up to half may be missing
        (`missing_allowed`). A text's
        score is 4 per missing word plus 1 per word matched only as the start of a longer one;
        a situation scores its best title or phrasing, or 2 more when the words are spread
        over several of them.
        """
        stems = (stem(t) for t in content_words(words(text[:MAX_QUERY_CHARS])[:MAX_TOKENS]))
        # A word said twice ("another user's post" by a user) is one word to match.
        tokens = list(dict.fromkeys(stems))
        if not tokens or not self.situations:
            return []
        allowed_missing = missing_allowed(len(tokens))
        best = {
            position: score + 2
            for position, score in self._token_scores(
                self._situation_words, tokens, allowed_missing
            ).items()
        }
        phrased = self._token_scores(self._phrasing_words, tokens, allowed_missing)
        for text_position, score in phrased.items():
            position = self._phrasing_owner[text_position]
            if score < best.get(position, score + 1):
                best[position] = score
        ranked = sorted((score, position) for position, score in best.items())
        return [SituationMatch(self.situations[position], score) for score, position in ranked]

    @staticmethod
    def _token_scores(
        index: WordIndex, tokens: Sequence[str], allowed_missing: int
    ) -> dict[int, int]:
        """Entries lacking at most `allowed_missing` tokens, scored 4 per token they lack
        plus 1 per token found only as the start of a longer word.

        Counts go through the postings of each token, so the cost follows the matches, not
        the number of entries.
        """
        hits: dict[int, int] = {}
        partial: dict[int, int] = {}
        for token in tokens:
            exact, prefixed = index.prefix_matches(token)
            if len(token) < MIN_TEXT_PREFIX:
                prefixed = exact
            for position in prefixed:
                hits[position] = hits.get(position, 0) + 1
                if position not in exact:
                    partial[position] = partial.get(position, 0) + 1
        need = len(tokens) - allowed_missing
        return {
            position: 4 * (len(tokens) - count) + partial.get(position, 0)
            for position, count in hits.items()
            if count >= need
        }

    def _search(self, text: str) -> list[Match]:
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
        content = content_words(tokens)
        dropped = len(tokens) - len(content)
        for index, kind, min_prefix in (
            (self._phrase, MatchKind.PHRASE, 1),
            (self._alias, MatchKind.ALIAS, 1),
            (self._text, MatchKind.TEXT, MIN_TEXT_PREFIX),
        ):
            if not tokens:
                break
            for position, score in self._all_tokens(index, tokens, min_prefix).items():
                offer((position,), kind, score)
            if dropped:
                # A phrase found only once filler words are gone answers a question less
                # surely than a situation does: "is the request too large" is about uploads.
                for position, score in self._all_tokens(index, content, min_prefix).items():
                    offer((position,), MatchKind.TEXT, score)
        for match in self.search_situations(query, nearest=False) if tokens else ():
            situation = match.situation
            offer(self._code_positions.get(situation.code, ()), MatchKind.SITUATION, match.score)
            for alternative in situation.alternatives:
                positions = self._code_positions.get(alternative.code, ())
                offer(positions, MatchKind.SITUATION, match.score + 1)
        identifier = compact(query)
        if identifier and not identifier.isdecimal():
            exact, prefixed = self._identifiers.prefix_matches(identifier)
            offer(exact, MatchKind.IDENTIFIER, 0)
            if len(identifier) >= 4:
                offer(prefixed, MatchKind.IDENTIFIER, 1)
        if tokens and not best:
            for position, score in self._typos(tuple(content)).items():
                offer((position,), MatchKind.TYPO, score)
        return self._ranked(best)

    def _ranked(self, best: dict[int, tuple[MatchKind, int]]) -> list[Match]:
        # "5xx" and "40" are listings, read in code order (position); other matches that tie
        # put the IANA code before a vendor's. A table keeps the sort key as cheap as a tuple.
        listing = any(kind in _LISTINGS for kind, _ in best.values())
        tie = self._code_order if listing else self._official_order
        ranked = sorted(best.items(), key=lambda item: (item[1], tie[item[0]]))
        return [Match(self.statuses[position], kind, score) for position, (kind, score) in ranked]

    def _match_code(self, query: str, offer: _Offer) -> bool:
        """Offer code, prefix or class matches; True when the query is such a pattern."""
        pattern = query.replace(" ", "")
        if not _CODE_PATTERN.fullmatch(pattern):
            return False
        if pattern.isdecimal() and len(pattern) == 3:
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
    def _all_tokens(index: WordIndex, tokens: Sequence[str], min_prefix: int) -> dict[int, int]:
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
