"""Questions that no situation's phrasing holds: ranked by how much of the question each
situation covers, its own words first, then its code's texts; never an empty answer.

The search index's strict match (every word, or all but a few, in one title or phrasing) stays
the first answer. This module answers the rest: "no permission", "the thing is gone forever",
a question worded unlike any stored phrasing. Each word counts by how rare it is among the
situations (a word every situation has says little), in a base form that joins "timed" with
"time" and "denied" with "deny". A situation's words are its title and phrasings, then, at half
weight, its explanation and the summary and description of the code it recommends; the code's
phrase and former names count as its own words. That is where synonyms come from: "forbidden"
is 403's phrase, "gone" 410's, "unavailable" 503's, so a question using them reaches the
situations those codes answer.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from http_status_browser.registry.situations import Situation

# Weights of where a word is found: the situation's own words, then its explanation and its
# code's texts, and a word of the question that is only the start of one (4 letters or more).
OWN_WEIGHT = 1.0
RELATED_WEIGHT = 0.5
PREFIX_FACTOR = 0.7
MIN_PREFIX = 4
_VOWELS = frozenset("aeiou")


def base_form(word: str) -> str:
    """A word without its inflection: timed, times, timing -> tim; denied, denies -> deny."""
    if len(word) > 4 and word.endswith(("ied", "ies")):
        word = word[:-3] + "y"
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif (len(word) > 4 and word.endswith("ed")) or (
        len(word) > 4 and word.endswith("es") and not word.endswith("ses")
    ):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _VOWELS and word[-1] != "l":
        word = word[:-1]  # stopped -> stopp -> stop
    return word


class SituationRanker:
    """Ranks every situation by how much of a question it covers (0 to 1)."""

    def __init__(
        self,
        situations: Sequence[Situation],
        code_names: Mapping[int, str],
        code_texts: Mapping[int, str],
        tokenize: Callable[[str], list[str]],
        filler: frozenset[str],
    ) -> None:
        self.situations = tuple(situations)
        self._tokenize = tokenize
        self._filler = filler
        # Where each base form occurs: as a situation's own word, or in its related texts.
        self._own: dict[str, set[int]] = {}
        self._related: dict[str, set[int]] = {}
        for position, situation in enumerate(self.situations):
            name = code_names.get(situation.code, "")
            own = self._forms((situation.title, *situation.phrasings, name))
            related = self._forms((situation.why, code_texts.get(situation.code, ""))) - own
            for form in own:
                self._own.setdefault(form, set()).add(position)
            for form in related:
                self._related.setdefault(form, set()).add(position)
        total = len(self.situations)
        self._rarity = {
            form: math.log(1 + total / len(self._own.get(form, set()) | positions))
            for form, positions in {**self._own, **self._related}.items()
        }
        self._unknown = math.log(1 + total)  # a word no situation has weighs the most
        self._vocabulary = sorted(self._rarity)

    def _forms(self, texts: Iterable[str]) -> frozenset[str]:
        found: set[str] = set()
        for text in texts:
            found.update(base_form(w) for w in self._tokenize(text) if w not in self._filler)
        return frozenset(found)

    def question_forms(self, text: str) -> list[str]:
        """The question's words that say something, in base form, each once."""
        words = self._tokenize(text)
        content = [w for w in words if w not in self._filler] or words
        return list(dict.fromkeys(base_form(w) for w in content))

    def coverage(self, text: str) -> list[tuple[float, int]]:
        """(share of the question covered, situation position) for every situation with some
        word of the question, best first; ties keep the data's order."""
        forms = self.question_forms(text)
        if not forms:
            return []
        weights = {form: self._rarity.get(form, self._unknown) for form in forms}
        whole = sum(weights.values())
        scores: dict[int, float] = {}
        for form, weight in weights.items():
            for position, found in self._found(form).items():
                scores[position] = scores.get(position, 0.0) + weight * found
        ranked = sorted((-score / whole, position) for position, score in scores.items())
        return [(-negative, position) for negative, position in ranked]

    def _found(self, form: str) -> dict[int, float]:
        """The weight with which each situation holds `form`: whole, else as a word's start."""
        found: dict[int, float] = {}
        if len(form) >= MIN_PREFIX:
            start = bisect_left(self._vocabulary, form)
            for word in self._vocabulary[start:]:
                if not word.startswith(form):
                    break
                if word != form:
                    self._merge(found, word, PREFIX_FACTOR)
        self._merge(found, form, 1.0)
        return found

    def _merge(self, found: dict[int, float], form: str, factor: float) -> None:
        for positions, weight in ((self._related, RELATED_WEIGHT), (self._own, OWN_WEIGHT)):
            for position in positions.get(form, ()):
                found[position] = max(found.get(position, 0.0), weight * factor)

    def nearest(self, text: str, limit: int) -> list[tuple[float, int]]:
        """The situations closest to the question: by coverage, or, where no word is shared
        at all, by the letters their titles and phrasings share with it."""
        ranked = self.coverage(text)
        if ranked:
            return ranked[:limit]
        question = _trigrams(" ".join(self._tokenize(text)))
        if not question:
            return []
        similar = []
        for position, situation in enumerate(self.situations):
            own = _trigrams(" ".join((situation.title, *situation.phrasings)).casefold())
            shared = len(question & own) / len(question | own) if own else 0.0
            similar.append((-shared, position))
        similar.sort()
        return [(-negative / 10, position) for negative, position in similar[:limit]]


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
