"""How situations match a question written in the user's own words."""

from __future__ import annotations

import pytest

from app.registry import Registry
from app.registry.search import missing_allowed


@pytest.mark.parametrize(("count", "allowed"), [(1, 0), (2, 0), (3, 1), (4, 2), (5, 2), (7, 3)])
def test_a_longer_question_may_miss_up_to_half_its_words(count: int, allowed: int) -> None:
    assert missing_allowed(count) == allowed


def test_a_filler_word_stemmed_in_the_data_still_matches(registry: Registry) -> None:
    # "https" is not a filler word, but its stem "http" is: the data must keep it as the
    # question does, or "use https" finds nothing.
    situations = registry.search_index.search_situations("use https")
    assert situations
    assert situations[0].situation.id == "permanent-move"


def test_a_word_said_again_is_one_word(registry: Registry) -> None:
    # Three "zebra"s used to be three missing words, more than a five-word question may lack.
    index = registry.search_index
    repeated = index.search_situations("zebra zebra zebra user banned")
    assert repeated == index.search_situations("zebra user banned")
    assert repeated[0].situation.id == "account-locked"
