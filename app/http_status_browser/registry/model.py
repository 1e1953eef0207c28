"""The loaded registry: the classes, codes and languages of one data file, with look-ups.

Built from parts by whoever reads the data (registry/loader.py, registry/cache.py,
registry/usercodes.py): the records, and how to get the situations and the search index
when first asked for (registry/parts.py), so that this module imports none of them.
The records themselves live in registry/values.py, and are imported from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol

from http_status_browser.registry.values import Category, Language, StatusCode

if TYPE_CHECKING:
    from http_status_browser.registry.search import Match, SearchIndex
    from http_status_browser.registry.situations import SituationBook

# How a registry gets its situations and its search index the first time they are asked
# for: called once with the registry itself (see registry/parts.py and registry/cache.py).
SituationsSource = Callable[["Registry"], "SituationBook"]
IndexSource = Callable[["Registry"], "SearchIndex"]


class StatusTable(Protocol):
    """A registry's entries: each code's, official first, and all of them in code order."""

    def with_code(self, code: int) -> tuple[StatusCode, ...]: ...

    def all(self) -> tuple[StatusCode, ...]: ...


class SortedStatuses:
    """The entries of a file just read, held at once (the registry cache has its own table,
    which decodes a code's entries when first asked for)."""

    def __init__(self, statuses: Iterable[StatusCode]) -> None:
        self._all = tuple(sorted(statuses, key=lambda s: (s.code, not s.official)))
        by_code: dict[int, list[StatusCode]] = {}
        for status in self._all:
            by_code.setdefault(status.code, []).append(status)
        self._by_code = {code: tuple(entries) for code, entries in by_code.items()}

    def with_code(self, code: int) -> tuple[StatusCode, ...]:
        return self._by_code.get(code, ())

    def all(self) -> tuple[StatusCode, ...]:
        return self._all


class Registry:
    """The loaded registry: classes, codes and languages, with look-ups and search."""

    def __init__(
        self,
        categories: tuple[Category, ...],
        languages: tuple[Language, ...],
        statuses: StatusTable,
        origin: str,
        *,
        situations: SituationsSource,
        search_index: IndexSource,
        builtin: bool = False,
    ) -> None:
        self.categories = categories
        self.languages = languages
        self.origin = origin
        # The data shipped with the app (with or without the user's codes): its situations
        # must name only codes it has; another registry may lack some of them.
        self.builtin = builtin
        self._categories = {c.id: c for c in categories}
        self._languages = {lang.id: lang for lang in languages}
        self._statuses = statuses
        self._situations_source = situations
        self._index_source = search_index
        self._search_index: SearchIndex | None = None
        self._situations: SituationBook | None = None

    @property
    def statuses(self) -> tuple[StatusCode, ...]:
        """Every entry, by code, the official one first where several sources use a number."""
        return self._statuses.all()

    def lookup(self, code: int) -> StatusCode | None:
        """The entry for a code: the official one where several sources use the number."""
        entries = self._statuses.with_code(code)
        return entries[0] if entries else None

    def all_with_code(self, code: int) -> tuple[StatusCode, ...]:
        return self._statuses.with_code(code)

    def category(self, category_id: str) -> Category | None:
        return self._categories.get(category_id)

    def language(self, language_id: str) -> Language | None:
        return self._languages.get(language_id)

    def in_category(self, category_id: str) -> tuple[StatusCode, ...]:
        return tuple(s for s in self.statuses if s.category == category_id)

    @property
    def search_index(self) -> SearchIndex:
        """Built (or taken from the registry cache) on first use: `show` never needs it."""
        if self._search_index is None:
            self._search_index = self._index_source(self)
        return self._search_index

    @property
    def situations_loaded(self) -> bool:
        return self._situations is not None

    @property
    def situations(self) -> SituationBook:
        """The built-in situations ("which code?"), read on first use."""
        if self._situations is None:
            self._situations = self._situations_source(self)
        return self._situations

    def search(self, text: str) -> list[Match]:
        return self.search_index.search(text)
