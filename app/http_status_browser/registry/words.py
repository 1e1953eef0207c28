"""The words of search: tokens, rough stems, identifiers reduced to letters and digits, typo
distance, and an inverted word index with prefix look-up (registry/search.py ranks with them).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")
_NOT_ALNUM = re.compile(r"[\W_]+")

# Words of a question that say nothing about the situation. They are dropped only when other
# words remain, and phrases are also tried with every word ("use proxy", "I'm a teapot").
FILLER_WORDS = frozenset(
    """a an the what whats which code codes status http should shall must i we you
    return returns returning send sends respond reply answer response use when whenever if
    is are was were be been being it its this that these there then to for of in on at by
    with my our your do does did how can could would will so and or me us get gets
    has have had but because""".split()  # noqa: SIM905
)


def words(text: str) -> list[str]:
    """Lower-case words of a text; the apostrophe in "I'm" does not split a word."""
    return _WORD.findall(text.replace("'", "").replace("\u2019", "").casefold())


def content_words(tokens: Sequence[str]) -> list[str]:
    """The tokens without filler words, or all of them when nothing else is left."""
    return [token for token in tokens if token not in FILLER_WORDS] or list(tokens)


def missing_allowed(count: int) -> int:
    """How many of a question's `count` content words a situation may lack and still match.

    Two words must both match; a longer question, written in the user's own words, may miss
    about half of them ("request body is missing a required field" matches "required field
    missing"), and the score (4 per missing word) still puts the fuller matches first.
    """
    return 0 if count < 3 else count // 2


# Situations' phrasings share most of their words, and typing repeats the query's: each word
# is stemmed once (the index's build took a third less).
@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A rough stem, so that "exists" finds "exist" and "expired" finds "expire"."""
    if len(word) > 4:
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        if word.endswith("e") and len(word) > 3:
            word = word[:-1]
    return word


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


class WordIndex:
    """Words to the entries that contain them, with prefix look-up.

    Entries are added in position order; a word's postings are a list of ascending positions
    (a one-entry list takes 64 bytes, a set 216: most words are in one or two entries).
    """

    def __init__(self) -> None:
        self.postings: dict[str, list[int]] = {}
        self.sorted_words: list[str] = []
        self.prefix_matches = lru_cache(maxsize=4096)(self._prefix_matches)

    def add(self, position: int, entry: Iterable[str]) -> None:
        """Index one entry's words; positions must not decrease from one call to the next."""
        for word in entry:
            found = self.postings.get(word)
            if found is None:
                self.postings[word] = [position]
            elif found[-1] != position:
                found.append(position)

    def done(self) -> None:
        """Called once every entry is in: prepares the prefix look-up."""
        self.sorted_words = sorted(self.postings)

    def state(self) -> WordIndexState:
        return self.postings, self.sorted_words

    @classmethod
    def restored(cls, state: WordIndexState) -> WordIndex:
        """The index that state() described (a kept copy: registry/cache.py)."""
        postings, sorted_words = state
        if not isinstance(postings, dict) or not isinstance(sorted_words, list):
            raise ValueError("not a word index")
        index = cls()
        index.postings, index.sorted_words = postings, sorted_words
        return index

    def _prefix_matches(self, token: str) -> tuple[frozenset[int], frozenset[int]]:
        """Entries with `token` as a whole word, and entries with a word starting with it."""
        exact = frozenset(self.postings.get(token, ()))
        start = bisect_left(self.sorted_words, token)
        found: set[int] = set()
        for word in self.sorted_words[start:]:
            if not word.startswith(token):
                break
            found.update(self.postings[word])
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


# Postings and the sorted words of one word index; the word indexes in SearchIndex's order and
# the owner of each phrasing: plain data, which the registry cache keeps (registry/cache.py).
WordIndexState = tuple[dict[str, list[int]], list[str]]
IndexState = tuple[list[WordIndexState], list[int]]
